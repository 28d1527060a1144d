package io.github.chatwire.testkit.omikron;

import io.github.chatwire.omikron.AnswerEncoding;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronPublicKey;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.codec.WireShape;
import io.github.chatwire.omikron.codec.X448Challenge;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.ReceivedFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * A protocol-faithful fake Omikron relay on a {@link MockWebServer}, for tests of Omikron clients,
 * Iotas and call guests. It runs the real X448 challenge with its own key pair, relays between
 * client and Iota connections the way the reference server does (§3.4 of the protocol reference),
 * answers the Omikron/Omega requests from an in-memory registry, and reproduces the reference's
 * quirks ({@link FakeOmikronQuirks}) in either message shape ({@link FakeOmikronShape}).
 *
 * <p>Endpoints: {@link #clientUrl()} ({@code /ws/client}), {@link #iotaUrl()} ({@code /ws/iota}),
 * {@link #guestUrl()} ({@code /ws/anonymous_client}). Everything received is recorded in {@link
 * #received()}.
 *
 * <p>Typical use in a test:
 *
 * <pre>{@code
 * try (FakeOmikron omikron = FakeOmikron.builder().build().start()) {
 *     omikron.registerIota(iotaId, iotaKey.publicKey());
 *     omikron.registerUser(UserRecord.of(userId, "alice", userKey, iotaId));
 *     try (FakeIota iota = new FakeIota(omikron.iotaUrl(), iotaId, iotaKey, Set.of(userId), null, null);
 *          OmikronClient client = OmikronClient.builder().url(omikron.clientUrl())
 *                  .userId(userId).privateKey(userKey).build()) {
 *         iota.connect().get(10, SECONDS);
 *         client.connect().get(10, SECONDS);
 *         // ... exercise the code under test ...
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe: socket callbacks and test code may call in concurrently. Binds to loopback only.
 * Close it after the test.
 */
public final class FakeOmikron implements FakeServer {
  /** Where a received message came from. */
  public enum Role {
    /** {@code /ws/client}. */
    CLIENT,
    /** {@code /ws/iota}. */
    IOTA,
    /** {@code /ws/anonymous_client}. */
    GUEST
  }

  /** How clients identify. */
  public enum IdentificationMode {
    /** X448 challenge (E3). */
    CHALLENGE,
    /** {@code private_key_hash} in the identification (E0–E2). */
    PRIVATE_KEY_HASH
  }

  /**
   * A message the fake received.
   *
   * @param role the endpoint
   * @param peer the identified user, Iota or guest id; null before identification
   * @param message the decoded message
   */
  public record Received(Role role, @Nullable OmikronId peer, OmikronMessage message) {}

  private static final Pattern UUID_PATTERN =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Set<MessageType> FIRE_AND_FORGET =
      new HashSet<>(
          Arrays.asList(
              MessageType.CLIENT_CHANGED,
              MessageType.CALL_DISCONNECT_USER,
              MessageType.CALL_TIMEOUT_USER));

  /** The reference's DataTypes: the only {@code data} keys that survive relaying. */
  private static final Set<String> DATA_TYPES =
      new HashSet<>(
          Arrays.asList(
              ("error_type accepted_ids uuid register_id link settings settings_name chat_partner_id chat_partner_name "
                      + "iota_id user_id user_ids iota_ids user_state user_states user_pings call_state screen_share private_key_hash "
                      + "accepted accepted_profiles denied_profiles content messages notifications send_time get_time get_variant "
                      + "shared_secret_own shared_secret_other shared_secret_sign shared_secret call_id call_token untill enabled "
                      + "start_date end_date receiver_id sender_id signature signed message message_state last_ping ping_iota "
                      + "ping_clients matches omikron offset amount position name path codec function payload result interactables "
                      + "want_to_watch watcher created_at username display avatar about status public_key sub_level sub_end "
                      + "community_address challenge community_title communities rho_connections user online_status omikron_id "
                      + "omikron_connections reset_token new_token")
                  .split(" ", -1)));

  private final FakeOmikronShape shape;
  private final FakeOmikronQuirks quirks;
  private final IdentificationMode mode;
  private final AnswerEncoding clientAnswerEncoding;
  private final OmikronPrivateKey key;
  private final OmikronId omikronId;
  private final SecureRandom random = new SecureRandom();
  private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  private final Object lock = new Object();
  // Guarded by lock.
  private final Map<OmikronId, UserRecord> users = new LinkedHashMap<>();
  private final Map<OmikronId, OmikronPublicKey> iotaKeys = new HashMap<>();
  private final Map<OmikronId, Peer> iotas = new HashMap<>();
  private final Map<OmikronId, List<Peer>> clients = new HashMap<>();
  private final Map<OmikronId, Integer> identifications = new HashMap<>();
  private final Map<String, Set<OmikronId>> callMembers = new HashMap<>();
  private final Set<String> anonymousCalls = new HashSet<>();
  private final Map<OmikronId, String> presence = new HashMap<>();
  private final Set<MessageType> silenced = new HashSet<>();
  private final List<Peer> allPeers = new ArrayList<>();
  private final List<ReceivedFrame> frames = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean stalled;
  private volatile boolean pongsSilenced;
  private @Nullable MessageType failIdentificationWith;
  private boolean started;
  private long nextGuestId = 900_000_000_000L;
  private long nextIotaId = 1_750_000_000_000L;

  private FakeOmikron(Builder b) {
    this.shape = b.shape;
    this.quirks = b.quirks;
    this.mode = b.mode;
    this.clientAnswerEncoding = b.clientAnswerEncoding;
    this.key = b.key != null ? b.key : OmikronPrivateKey.generate(random);
    this.omikronId = b.omikronId;
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath() == null ? "" : request.getPath();
            Role role;
            if (path.startsWith("/ws/client")) {
              role = Role.CLIENT;
            } else if (path.startsWith("/ws/iota")) {
              role = Role.IOTA;
            } else if (path.startsWith("/ws/anonymous_client")) {
              role = Role.GUEST;
            } else {
              return new MockResponse().setResponseCode(404);
            }
            return new MockResponse().withWebSocketUpgrade(new Peer(role));
          }
        });
  }

  /**
   * Starts building a fake.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the server on a loopback port.
   *
   * @return this
   * @throws IOException if it cannot listen
   */
  public FakeOmikron start() throws IOException {
    synchronized (lock) {
      if (!started) {
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        started = true;
      }
    }
    return this;
  }

  /**
   * @return the {@code ws://} URL of the client endpoint
   */
  public String clientUrl() {
    return wsUrl("/ws/client/");
  }

  /**
   * The client endpoint, {@link #clientUrl()}: the {@link FakeServer} face's URL. Iotas and guests
   * connect to {@link #iotaUrl()} and {@link #guestUrl()}.
   *
   * @return the {@code ws://} URL; never null
   */
  @Override
  public String url() {
    return clientUrl();
  }

  /**
   * Every text frame read on every endpoint (clients, Iotas, guests), also unparsable ones and
   * those read while stalled; {@link #received()} has the decoded messages.
   */
  @Override
  public List<ReceivedFrame> receivedFrames() {
    return new ArrayList<>(frames);
  }

  /** {@link #disconnectAll()}: every connection is closed with 1001. */
  @Override
  public void drop() {
    disconnectAll();
  }

  /**
   * Hangs the relay until {@link #resume()}: frames are read and recorded but not handled, answered
   * or relayed.
   */
  @Override
  public void stall() {
    stalled = true;
  }

  /** Ends {@link #stall()} and {@link #silence()}. */
  @Override
  public void resume() {
    stalled = false;
    pongsSilenced = false;
  }

  /**
   * Stops answering {@code ping} with {@code pong} until {@link #resume()}; all else is answered.
   */
  @Override
  public void silence() {
    pongsSilenced = true;
  }

  /**
   * @return the {@code ws://} URL of the Iota endpoint
   */
  public String iotaUrl() {
    return wsUrl("/ws/iota/");
  }

  /**
   * @return the {@code ws://} URL of the anonymous guest endpoint
   */
  public String guestUrl() {
    return wsUrl("/ws/anonymous_client");
  }

  private String wsUrl(String path) {
    return server.url(path).toString().replaceFirst("^http", "ws");
  }

  /**
   * @return the fake's X448 public key (sent in every challenge)
   */
  public OmikronPublicKey publicKey() {
    return key.publicKey();
  }

  /**
   * Registers a user (what Omega would know).
   *
   * @param user the user; never null
   * @return this
   */
  public FakeOmikron registerUser(UserRecord user) {
    synchronized (lock) {
      users.put(user.userId(), Objects.requireNonNull(user, "user"));
    }
    return this;
  }

  /**
   * Registers an Iota.
   *
   * @param iotaId the id; never null
   * @param publicKey its public key; never null
   * @return this
   */
  public FakeOmikron registerIota(OmikronId iotaId, OmikronPublicKey publicKey) {
    synchronized (lock) {
      iotaKeys.put(Objects.requireNonNull(iotaId), Objects.requireNonNull(publicKey));
    }
    return this;
  }

  /**
   * Lets anonymous guests join a call.
   *
   * @param callId the call; never null
   * @return this
   */
  public FakeOmikron allowAnonymous(String callId) {
    synchronized (lock) {
      anonymousCalls.add(callId.toLowerCase(Locale.ROOT));
    }
    return this;
  }

  /**
   * Never answers or relays messages of this type (to test request timeouts).
   *
   * @param type the type; never null
   * @return this
   */
  public FakeOmikron silence(MessageType type) {
    synchronized (lock) {
      silenced.add(Objects.requireNonNull(type));
    }
    return this;
  }

  /**
   * Answers every following identification with this error type instead of a challenge; null to
   * stop.
   *
   * @param errorType e.g. {@link MessageType#ERROR_NOT_AUTHENTICATED}; may be null
   * @return this
   */
  public FakeOmikron failIdentificationsWith(MessageType errorType) {
    synchronized (lock) {
      failIdentificationWith = errorType;
    }
    return this;
  }

  /** Closes every connection from the server side (code 1001), as a server restart would. */
  public void disconnectAll() {
    List<Peer> peers;
    synchronized (lock) {
      peers = new ArrayList<>(allPeers);
    }
    for (Peer p : peers) {
      p.socket().close(1001, "going away");
    }
  }

  /**
   * How often a user, Iota or guest completed identification.
   *
   * @param id the id; never null
   * @return the count
   */
  public int identificationCount(OmikronId id) {
    synchronized (lock) {
      return identifications.getOrDefault(id, 0);
    }
  }

  /**
   * The number of open WebSocket connections (identified or not).
   *
   * @return the count
   */
  public int openConnections() {
    synchronized (lock) {
      return allPeers.size();
    }
  }

  /**
   * Whether an Iota is connected and identified.
   *
   * @param iotaId the Iota
   * @return true if connected
   */
  public boolean isIotaConnected(OmikronId iotaId) {
    synchronized (lock) {
      return iotas.containsKey(iotaId);
    }
  }

  /**
   * The number of identified connections of a user.
   *
   * @param userId the user
   * @return the count
   */
  public int clientConnections(OmikronId userId) {
    synchronized (lock) {
      List<Peer> l = clients.get(userId);
      return l == null ? 0 : l.size();
    }
  }

  /**
   * Every message received, in order of arrival.
   *
   * @return the live queue (tests may poll it)
   */
  public BlockingQueue<Received> received() {
    return received;
  }

  /**
   * Pushes a message to every connection of a user, with a fresh id.
   *
   * @param userId the user; never null
   * @param type the type; never null
   * @param data the data; null for empty
   */
  public void pushToUser(OmikronId userId, MessageType type, @Nullable OmikronData data) {
    OmikronMessage m = OmikronMessage.of(type, data).withRouting(null, userId);
    for (Peer p : clientPeers(userId)) {
      p.send(m);
    }
  }

  /**
   * Sends raw text to every connection of a user (for bad-input tests).
   *
   * @param userId the user; never null
   * @param text any text
   */
  public void pushRawToUser(OmikronId userId, String text) {
    for (Peer p : clientPeers(userId)) {
      p.socket().send(text);
    }
  }

  private List<Peer> clientPeers(OmikronId userId) {
    synchronized (lock) {
      List<Peer> l = clients.get(userId);
      return l == null ? Collections.emptyList() : new ArrayList<>(l);
    }
  }

  /** Shuts the server down. */
  @Override
  public void close() throws IOException {
    disconnectAll();
    server.shutdown();
  }

  // ---- protocol ----

  private @Nullable String echoId(@Nullable String id) {
    if (!quirks.lowercaseIdEcho()) {
      return id == null
          ? (shape == FakeOmikronShape.SPEC ? null : UUID.randomUUID().toString())
          : id;
    }
    if (id == null || !UUID_PATTERN.matcher(id).matches()) {
      return UUID.randomUUID().toString();
    }
    return id.toLowerCase(Locale.ROOT);
  }

  /** One WebSocket connection. Callbacks of one socket come one at a time on OkHttp threads. */
  private final class Peer extends WebSocketListener {
    final Role role;
    final int number = connections.getAndIncrement();
    volatile @Nullable WebSocket ws; // null until onOpen
    @Nullable OmikronId id; // null until the identification names the peer
    boolean identified;
    boolean attached;
    @Nullable String challengeString; // the challenge sent, until answered

    Peer(Role role) {
      this.role = role;
    }

    /** The identified peer's id, for what only an identified peer may ask. */
    OmikronId me() {
      OmikronId me = id;
      if (me == null) {
        throw new IllegalStateException("connection #" + number + " is not identified");
      }
      return me;
    }

    /** The peer's socket: open before the fake sends it anything (peers are listed once open). */
    WebSocket socket() {
      WebSocket w = ws;
      if (w == null) {
        throw new IllegalStateException("connection #" + number + " is not open yet");
      }
      return w;
    }

    void send(OmikronMessage m) {
      OmikronMessage out = m;
      if (shape == FakeOmikronShape.SPEC && role == Role.IOTA) {
        out = out.withId(null);
      }
      String text =
          OmikronCodec.encode(
              out, shape == FakeOmikronShape.SPEC ? WireShape.SPEC : WireShape.REFERENCE);
      if (quirks.intStringFields()) {
        text =
            text.replaceAll(
                "\"(sender|receiver|sender_id|receiver_id)\":(-?\\d+)", "\"$1\":\"$2\"");
      }
      socket().send(text);
    }

    void reply(OmikronMessage request, MessageType type, OmikronData data) {
      send(new OmikronMessage(echoId(request.id()), type, null, null, data, null, Map.of()));
    }

    void fatal(OmikronMessage request, MessageType type) {
      reply(request, type, OmikronData.EMPTY);
      if (!quirks.neverCloseAfterFatalError()) {
        socket().close(1008, type.wireName());
      }
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      synchronized (lock) {
        ws = webSocket;
        allPeers.add(this);
      }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      frames.add(ReceivedFrame.text(number, text));
      if (stalled) {
        return;
      }
      synchronized (lock) {
        ws = webSocket;
        OmikronMessage m;
        try {
          m = OmikronCodec.decode(text);
        } catch (OmikronFormatException e) {
          // The reference turns unparsable input into an "error" message.
          send(
              OmikronMessage.of(
                  MessageType.ERROR,
                  OmikronData.builder().put("error_type", "invalid json").build()));
          return;
        }
        received.add(new Received(role, id, m));
        try {
          handle(m);
        } catch (OmikronFormatException e) {
          reply(m, MessageType.ERROR_INVALID_DATA, OmikronData.EMPTY);
        }
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      gone();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      gone();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      gone();
    }

    private void gone() {
      synchronized (lock) {
        allPeers.remove(this);
        if (id != null && attached) {
          if (role == Role.IOTA && iotas.get(id) == this) {
            iotas.remove(id);
          } else if (role == Role.CLIENT) {
            List<Peer> l = clients.get(id);
            if (l != null) {
              l.remove(this);
            }
          }
        }
        attached = false;
      }
    }

    private void handle(OmikronMessage m) {
      MessageType t = m.type();
      if (t.equals(MessageType.PING)) {
        if (!pongsSilenced) {
          pong(m);
        }
        return;
      }
      if (silenced.contains(t)) {
        return;
      }
      if (role == Role.IOTA && t.equals(MessageType.REGISTER_IOTA) && !identified) {
        String pk = m.data().getString("public_key");
        OmikronPublicKey parsed;
        try {
          parsed = pk == null ? null : OmikronPublicKey.parse(pk);
        } catch (IllegalArgumentException e) {
          parsed = null;
        }
        if (pk == null
            || parsed == null
            || parsed.raw().length != X448Challenge.KEY_LENGTH
            || pk.length() != 76) {
          reply(m, MessageType.ERROR_INVALID_PUBLIC_KEY, OmikronData.EMPTY);
          return;
        }
        OmikronId newId = OmikronId.of(nextIotaId++);
        iotaKeys.put(newId, parsed);
        reply(m, MessageType.SUCCESS, OmikronData.builder().put("iota_id", newId).build());
      } else if (t.equals(MessageType.IDENTIFICATION)) {
        identify(m);
      } else if (t.equals(MessageType.CHALLENGE_RESPONSE)) {
        checkAnswer(m);
      } else if (!identified) {
        return; // the spec: anything before identification is ignored
      } else if (role == Role.IOTA) {
        fromIota(m);
      } else {
        fromClient(m);
      }
    }

    private void pong(OmikronMessage ping) {
      OmikronData.Builder d = OmikronData.builder();
      if (role == Role.IOTA) {
        Map<String, Object> pings = new LinkedHashMap<>();
        for (UserRecord u : users.values()) {
          if (id != null
              && id.equals(u.iotaId())
              && clients.containsKey(u.userId())
              && !clients.get(u.userId()).isEmpty()) {
            pings.put(u.userId().value(), shape == FakeOmikronShape.SPEC ? (Object) 5L : "5");
          }
        }
        d.put(shape == FakeOmikronShape.SPEC ? "user_ping" : "ping_clients", pings);
      } else if (shape == FakeOmikronShape.SPEC) {
        d.put("last_ping", 5L);
      } else {
        Peer iota = userIota();
        d.put("ping_iota", iota == null ? -1L : 5L);
      }
      reply(ping, MessageType.PONG, d.build());
    }

    private @Nullable Peer userIota() {
      UserRecord u = id == null ? null : users.get(id);
      return u == null ? null : iotas.get(u.iotaId());
    }

    private void identify(OmikronMessage m) {
      MessageType failWith = failIdentificationWith;
      if (failWith != null) {
        fatal(m, failWith);
        return;
      }
      OmikronData d = m.data();
      if (role == Role.GUEST) {
        String call = d.getString("call_id");
        if (call == null || !anonymousCalls.contains(call.toLowerCase(Locale.ROOT))) {
          fatal(m, MessageType.ERROR_NOT_AUTHENTICATED);
          return;
        }
        OmikronId guest = OmikronId.of(nextGuestId++);
        id = guest;
        identified = true;
        attached = true;
        identifications.merge(guest, 1, Integer::sum);
        Set<OmikronId> inCall =
            callMembers.computeIfAbsent(call.toLowerCase(Locale.ROOT), k -> new HashSet<>());
        inCall.add(guest);
        List<Object> members = new ArrayList<>();
        for (OmikronId member : inCall) {
          members.add(
              OmikronData.builder()
                  .put("user_id", member)
                  .put("username", "guest-" + member)
                  .build());
        }
        reply(
            m,
            MessageType.IDENTIFICATION_RESPONSE,
            OmikronData.builder()
                .put("user_id", guest)
                .put("username", "guest-" + guest)
                .put("display", "Guest")
                .put("avatar", "")
                .put(
                    "call_state",
                    OmikronData.builder()
                        .put("call_id", call)
                        .put("call_invited", Collections.emptyList())
                        .put("call_members", members)
                        .put("call_token", "fake-livekit-token-" + guest)
                        .build())
                .build());
        return;
      }
      OmikronId claimed = d.getId(role == Role.IOTA ? "iota_id" : "user_id");
      if (claimed == null) {
        fatal(m, MessageType.ERROR_INVALID_DATA);
        return;
      }
      OmikronPublicKey peerKey;
      UserRecord user = null;
      if (role == Role.IOTA) {
        peerKey = iotaKeys.get(claimed);
      } else {
        user = users.get(claimed);
        peerKey = user == null ? null : user.publicKey();
      }
      if (peerKey == null) {
        fatal(m, MessageType.ERROR_INVALID_USER_ID);
        return;
      }
      id = claimed;
      if (role == Role.CLIENT && mode == IdentificationMode.PRIVATE_KEY_HASH) {
        String hash = d.getString("private_key_hash");
        String expected = user == null ? null : user.privateKeyHash();
        boolean ok = hash != null && hash.equalsIgnoreCase(expected);
        if (shape == FakeOmikronShape.SPEC) {
          reply(
              m,
              MessageType.IDENTIFICATION_RESPONSE,
              OmikronData.builder().put("acceppted", ok).build());
          if (ok) {
            identified();
          }
        } else if (ok) {
          identifiedWithResponse(m);
        } else {
          fatal(m, MessageType.ERROR_INVALID_PRIVATE_KEY);
        }
        return;
      }
      String challenge = X448Challenge.newChallengeString(random);
      challengeString = challenge;
      byte[] plain =
          role == Role.IOTA
              ? Base64.getDecoder().decode(challenge)
              : challenge.getBytes(StandardCharsets.US_ASCII);
      byte[] ct;
      try {
        ct = X448Challenge.encrypt(key.raw(), peerKey.raw(), plain);
      } catch (GeneralSecurityException e) {
        fatal(m, MessageType.ERROR_INVALID_PUBLIC_KEY);
        return;
      }
      reply(
          m,
          MessageType.CHALLENGE,
          OmikronData.builder()
              .put("public_key", key.publicKey().base64())
              .put("challenge", Base64.getEncoder().encodeToString(ct))
              .build());
    }

    private void checkAnswer(OmikronMessage m) {
      String challenge = challengeString;
      if (challenge == null || identified) {
        return;
      }
      String answer = m.data().getString("challenge");
      boolean ok;
      if (role == Role.IOTA) {
        ok = challenge.equals(answer);
      } else if (clientAnswerEncoding == AnswerEncoding.BASE64) {
        ok = false;
        try {
          ok =
              answer != null
                  && challenge.equals(
                      new String(Base64.getDecoder().decode(answer), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
          ok = false;
        }
      } else {
        ok = challenge.equals(answer);
      }
      challengeString = null;
      if (!ok) {
        fatal(
            m,
            role == Role.IOTA
                ? MessageType.ERROR_INVALID_CHALLENGE
                : MessageType.ERROR_NOT_AUTHENTICATED);
        return;
      }
      if (role == Role.IOTA) {
        Peer old = iotas.get(id);
        if (old != null && old != this) {
          old.socket().close(1000, "replaced");
          old.attached = false;
        }
        identified = true;
        attached = true;
        iotas.put(id, this);
        identifications.merge(id, 1, Integer::sum);
        OmikronData.Builder d = OmikronData.builder();
        if (shape == FakeOmikronShape.SPEC) {
          d.put("accepted", true);
        } else {
          StringBuilder csv = new StringBuilder();
          int n = 0;
          for (UserRecord u : users.values()) {
            if (u.iotaId().equals(id)) {
              csv.append(n++ == 0 ? "" : ",").append(u.userId().value());
            }
          }
          d.put("accepted_ids", csv.toString()).put("accepted", Long.toString(n));
        }
        reply(m, MessageType.IDENTIFICATION_RESPONSE, d.build());
        return;
      }
      identifiedWithResponse(m);
    }

    private void identifiedWithResponse(OmikronMessage m) {
      Peer iota = userIota();
      if (iota == null && quirks.errorNoIota()) {
        identified = true; // the reference leaves the client half-attached
        reply(m, MessageType.ERROR_NO_IOTA, OmikronData.EMPTY);
        return;
      }
      reply(m, MessageType.IDENTIFICATION_RESPONSE, OmikronData.EMPTY);
      identified();
    }

    private void identified() {
      identified = true;
      attached = true;
      clients.computeIfAbsent(id, k -> new ArrayList<>()).add(this);
      identifications.merge(id, 1, Integer::sum);
      Peer iota = userIota();
      if (iota != null) {
        iota.send(
            OmikronMessage.of(
                MessageType.CLIENT_CONNECTED, OmikronData.builder().put("user_id", id).build()));
      }
    }

    // ---- after identification ----

    private void fromClient(OmikronMessage m) {
      MessageType t = m.type();
      OmikronData d = m.data();
      if (t.equals(MessageType.CLIENT_CHANGED)
          && shape == FakeOmikronShape.SPEC
          && role == Role.CLIENT) {
        // The newer spec: interested clients are told, without an id; invisible shows as offline.
        String state = d.getString("user_state");
        if (state != null) {
          presence.put(id, state);
          String shown = state.equalsIgnoreCase("user_invisible") ? "user_offline" : state;
          OmikronData push =
              OmikronData.builder().put("user_id", id).put("user_state", shown).build();
          for (Map.Entry<OmikronId, List<Peer>> e : clients.entrySet()) {
            if (!e.getKey().equals(id)) {
              for (Peer p : e.getValue()) {
                p.send(
                    new OmikronMessage(
                        null, MessageType.CLIENT_CHANGED, null, null, push, null, Map.of()));
              }
            }
          }
        }
        return;
      }
      if (FIRE_AND_FORGET.contains(t)) {
        return;
      }
      if (t.equals(MessageType.GET_USER_DATA)) {
        UserRecord u = lookup(d);
        if (u == null) {
          reply(m, MessageType.ERROR_NOT_FOUND, OmikronData.EMPTY);
        } else {
          boolean online =
              iotas.containsKey(u.iotaId())
                  && clients.containsKey(u.userId())
                  && !clients.get(u.userId()).isEmpty();
          String state = presence.get(u.userId());
          OmikronData userData = u.toUserData(online, omikronId);
          if (online && state != null) {
            userData =
                userData.toBuilder()
                    .put(
                        "online_status",
                        state.equalsIgnoreCase("user_invisible") ? "user_offline" : state)
                    .build();
          }
          reply(m, MessageType.GET_USER_DATA, userData);
        }
      } else if (t.equals(MessageType.GET_IOTA_DATA)) {
        OmikronId iotaId = d.getId("iota_id");
        if (iotaId == null) {
          UserRecord u = lookup(d);
          iotaId = u == null ? null : u.iotaId();
        }
        OmikronPublicKey k = iotaId == null ? null : iotaKeys.get(iotaId);
        if (k == null) {
          reply(m, MessageType.ERROR_NOT_FOUND, OmikronData.EMPTY);
        } else {
          reply(
              m,
              MessageType.GET_IOTA_DATA,
              OmikronData.builder()
                  .put("public_key", k.base64())
                  .put("iota_id", iotaId)
                  .put("omikron_connections", Collections.singletonList(omikronId))
                  .build());
        }
      } else if (role == Role.GUEST && t.equals(MessageType.CHANGE_USER_DATA)) {
        reply(
            m,
            d.getString("display") == null ? MessageType.ERROR_INVALID_DATA : MessageType.SUCCESS,
            OmikronData.EMPTY);
      } else if (t.equals(MessageType.CHANGE_USER_DATA) && d.getString("public_key") != null) {
        // Omega's change_keys: a new public key (with its private_key_hash) replaces the
        // stored one, so peers that fetch the key afterwards get the new one.
        UserRecord u = d.getId("user_id") == null ? null : users.get(d.getId("user_id"));
        OmikronPublicKey k;
        try {
          k = OmikronPublicKey.parse(d.getString("public_key"));
        } catch (IllegalArgumentException e) {
          k = null;
        }
        if (u == null || k == null) {
          reply(m, MessageType.ERROR_INVALID_DATA, OmikronData.EMPTY);
        } else {
          String hash = d.getString("private_key_hash");
          users.put(
              u.userId(),
              new UserRecord(
                  u.userId(),
                  u.username(),
                  k,
                  u.iotaId(),
                  hash != null ? hash : u.privateKeyHash()));
          reply(m, MessageType.SUCCESS, OmikronData.EMPTY);
        }
      } else if (t.equals(MessageType.CHANGE_USER_DATA) || t.equals(MessageType.DELETE_USER)) {
        reply(
            m,
            d.getId("user_id") == null ? MessageType.ERROR_INVALID_DATA : MessageType.SUCCESS,
            OmikronData.EMPTY);
      } else if (t.equals(MessageType.GET_NOTIFICATIONS)) {
        reply(
            m,
            MessageType.GET_NOTIFICATIONS,
            OmikronData.builder().put("notifications", Collections.emptyList()).build());
      } else if (t.equals(MessageType.READ_NOTIFICATION)) {
        reply(m, MessageType.READ_NOTIFICATION, OmikronData.EMPTY);
      } else if (t.equals(MessageType.CALL_TOKEN)) {
        String call = d.getString("call_id");
        if (call == null || !UUID_PATTERN.matcher(call).matches()) {
          reply(m, MessageType.ERROR, OmikronData.EMPTY);
          return;
        }
        callMembers.computeIfAbsent(call.toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(id);
        send(
            new OmikronMessage(
                echoId(m.id()),
                MessageType.CALL_TOKEN,
                null,
                id,
                OmikronData.builder().put("call_token", "fake-livekit-token-" + id).build(),
                null,
                Map.of()));
      } else if (t.equals(MessageType.CALL_INVITE)) {
        callInvite(m);
      } else if (t.equals(MessageType.CALL_SET_ANONYMOUS_JOINING)) {
        String call = d.getString("call_id");
        Boolean enabled = d.getBoolean("enabled");
        if (call == null || enabled == null) {
          reply(m, MessageType.ERROR_INVALID_DATA, OmikronData.EMPTY);
          return;
        }
        OmikronData.Builder r = OmikronData.builder().put("call_id", call).put("enabled", enabled);
        if (enabled) {
          anonymousCalls.add(call.toLowerCase(Locale.ROOT));
          r.put("link", "https://omega.invalid/direct/" + call.substring(0, 8));
        } else {
          anonymousCalls.remove(call.toLowerCase(Locale.ROOT));
        }
        reply(m, MessageType.CALL_SET_ANONYMOUS_JOINING, r.build());
      } else if (role == Role.GUEST) {
        reply(m, MessageType.ERROR_ANONYMOUS, OmikronData.EMPTY);
      } else {
        forwardToIota(m);
      }
    }

    private void callInvite(OmikronMessage m) {
      OmikronData d = m.data();
      OmikronId receiver = d.getId("receiver_id");
      String call = d.getString("call_id");
      if (receiver == null) {
        reply(m, MessageType.ERROR_NO_USER_ID, OmikronData.EMPTY);
        return;
      }
      if (call == null) {
        reply(m, MessageType.ERROR_NO_CALL_ID, OmikronData.EMPTY);
        return;
      }
      Set<OmikronId> members = callMembers.get(call.toLowerCase(Locale.ROOT));
      if (!UUID_PATTERN.matcher(call).matches() || members == null || !members.contains(id)) {
        reply(m, MessageType.ERROR_INVALID_CALL_ID, OmikronData.EMPTY);
        return;
      }
      UserRecord target = users.get(receiver);
      if (target == null || !iotas.containsKey(target.iotaId())) {
        reply(m, MessageType.ERROR, OmikronData.EMPTY);
        return;
      }
      reply(m, MessageType.SUCCESS, OmikronData.EMPTY);
      OmikronId sender = me();
      OmikronData push =
          OmikronData.builder()
              .put("call_id", call)
              .put(
                  "receiver_id",
                  receiver.isNumeric() ? Long.toString(receiver.asLong()) : receiver.value())
              .put(
                  "sender_id", sender.isNumeric() ? Long.toString(sender.asLong()) : sender.value())
              .build();
      for (Peer p : clients.getOrDefault(receiver, Collections.emptyList())) {
        p.send(OmikronMessage.of(MessageType.CALL_INVITE, push).withRouting(id, receiver));
      }
    }

    private @Nullable UserRecord lookup(OmikronData d) {
      OmikronId uid = d.getId("user_id");
      if (uid != null) {
        return users.get(uid);
      }
      String name = d.getString("username");
      for (UserRecord u : users.values()) {
        if (u.username().equals(name)) {
          return u;
        }
      }
      return null;
    }

    private void forwardToIota(OmikronMessage m) {
      Peer iota = userIota();
      if (iota == null) {
        if (!quirks.errorNoIota()) {
          reply(m, MessageType.ERROR_NO_IOTA, OmikronData.EMPTY);
        }
        return; // the reference drops it silently
      }
      iota.send(
          new OmikronMessage(m.id(), m.type(), id, null, relayData(m.data()), null, Map.of()));
    }

    private OmikronData relayData(OmikronData d) {
      if (!quirks.dataKeyLoss()) {
        return d;
      }
      OmikronData.Builder b = OmikronData.builder();
      for (Map.Entry<String, Object> e : d.asMap().entrySet()) {
        String k = e.getKey().toLowerCase(Locale.ROOT);
        b.put(DATA_TYPES.contains(k) ? k : "error_type", e.getValue());
      }
      return b.build();
    }

    private void fromIota(OmikronMessage m) {
      MessageType t = m.type();
      OmikronId receiver = m.receiver();
      UserRecord target = receiver == null ? null : users.get(receiver);
      boolean ownUser = target != null && target.iotaId().equals(id);
      if (receiver != null
          && (!ownUser
              || t.equals(MessageType.MESSAGE_OTHER_IOTA)
              || t.equals(MessageType.SEND_CHAT))) {
        UserRecord from = m.sender() == null ? null : users.get(m.sender());
        if (from == null || !from.iotaId().equals(id)) {
          send(
              new OmikronMessage(
                  quirks.randomIdPushes() ? UUID.randomUUID().toString() : echoId(m.id()),
                  MessageType.ERROR_INVALID_USER_ID,
                  null,
                  null,
                  OmikronData.builder()
                      .put("error_type", "You are sending to another User without authority.")
                      .build(),
                  null,
                  Map.of()));
          return;
        }
        Peer other = target == null ? null : iotas.get(target.iotaId());
        if (other == null) {
          send(
              new OmikronMessage(
                  echoId(m.id()),
                  MessageType.ERROR_NO_IOTA,
                  m.sender(),
                  null,
                  OmikronData.EMPTY,
                  null,
                  Map.of()));
          return;
        }
        other.send(m);
        return;
      }
      if (receiver != null) {
        OmikronMessage out =
            new OmikronMessage(m.id(), t, id, receiver, relayData(m.data()), null, Map.of());
        for (Peer p : clients.getOrDefault(receiver, Collections.emptyList())) {
          p.send(out);
        }
        return;
      }
      // Omega relays.
      if (t.equals(MessageType.GET_USER_DATA)) {
        UserRecord u = lookup(m.data());
        if (u == null) {
          reply(m, MessageType.ERROR_NOT_FOUND, OmikronData.EMPTY);
        } else {
          reply(
              m,
              MessageType.GET_USER_DATA,
              u.toUserData(clients.containsKey(u.userId()), omikronId));
        }
      } else if (t.equals(MessageType.PUSH_NOTIFICATION)) {
        reply(m, MessageType.PUSH_NOTIFICATION, OmikronData.EMPTY);
      }
    }
  }

  /** Builds a {@link FakeOmikron}. Not thread-safe. */
  public static final class Builder {
    private FakeOmikronShape shape = FakeOmikronShape.REFERENCE;
    private FakeOmikronQuirks quirks = FakeOmikronQuirks.reference();
    private IdentificationMode mode = IdentificationMode.CHALLENGE;
    private AnswerEncoding clientAnswerEncoding = AnswerEncoding.BASE64;
    private @Nullable OmikronPrivateKey key; // null: a fresh one
    private OmikronId omikronId = OmikronId.of(1_700_000_000_000L);

    private Builder() {}

    /**
     * The message shape. Default {@link FakeOmikronShape#REFERENCE}.
     *
     * @param shape never null
     * @return this builder
     */
    public Builder shape(FakeOmikronShape shape) {
      this.shape = Objects.requireNonNull(shape);
      return this;
    }

    /**
     * The quirks. Default {@link FakeOmikronQuirks#reference()}.
     *
     * @param quirks never null
     * @return this builder
     */
    public Builder quirks(FakeOmikronQuirks quirks) {
      this.quirks = Objects.requireNonNull(quirks);
      return this;
    }

    /**
     * How clients identify. Default {@link IdentificationMode#CHALLENGE}.
     *
     * @param mode never null
     * @return this builder
     */
    public Builder identificationMode(IdentificationMode mode) {
      this.mode = Objects.requireNonNull(mode);
      return this;
    }

    /**
     * The answer encoding expected from clients. Default {@link AnswerEncoding#BASE64} (E3).
     *
     * @param encoding never null
     * @return this builder
     */
    public Builder clientAnswerEncoding(AnswerEncoding encoding) {
      this.clientAnswerEncoding = Objects.requireNonNull(encoding);
      return this;
    }

    /**
     * The fake's key. Default a fresh random key.
     *
     * @param key never null
     * @return this builder
     */
    public Builder privateKey(OmikronPrivateKey key) {
      this.key = Objects.requireNonNull(key);
      return this;
    }

    /**
     * Builds the fake (call {@link FakeOmikron#start()} next).
     *
     * @return the fake
     */
    public FakeOmikron build() {
      return new FakeOmikron(this);
    }
  }
}

package io.github.chatwire.testkit.omikron;

import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronPublicKey;
import io.github.chatwire.omikron.codec.X448Challenge;
import io.github.chatwire.omikron.codec.ttp.TtpCodec;
import io.github.chatwire.omikron.codec.ttp.TtpDecodeException;
import io.github.chatwire.omikron.codec.ttp.TtpLimits;
import io.github.chatwire.omikron.codec.ttp.TtpOmikronMapping;
import io.github.chatwire.omikron.codec.ttp.TtpStreamDecoder;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.ReceivedFrame;
import io.github.chatwire.testkit.omikron.FakeOmikron.Received;
import io.github.chatwire.testkit.omikron.FakeOmikron.Role;
import io.github.chatwire.testkit.tauri.TestCertificate;
import io.github.chatwire.testkit.webtransport.WebTransportTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tech.kwik.flupke.webtransport.Session;

/**
 * A fake Omikron speaking TTP (E4, {@code Tensamin/Omikron@7387ecf}, {@code omikron.md} §4.3) over
 * real WebTransport on loopback: flupke's HTTP/3 server on kwik, with a {@code localhost}
 * certificate issued by its own test CA ({@link #certificateAuthority()}: what a client trusts).
 *
 * <p>One endpoint for every role, as upstream: {@code identification} with {@code iota_id} makes a
 * connection an Iota, with {@code user_id} a client; then {@code challenge {public_key, challenge}}
 * (the X448/HKDF/AES-GCM scheme of §5.3, plaintext the 32 ASCII characters for both roles) ->
 * {@code challenge_response {challenge: <the plain string>}} -> {@code identification_response
 * {accepted: true}}. Pings are answered with {@code pong} ({@code ping_iota}: 5, or -1 without the
 * user's Iota, for clients). Identified peers' messages are routed by their 48-bit {@code
 * receiver}: a client's message without one goes to its user's Iota; every routed message carries
 * the sender's id. Each connection writes on one long-lived unidirectional stream of its own
 * (reopened once on a write failure, as upstream) and reads any number of the client's.
 *
 * <p>Quirks ({@link FakeOmikronQuirks}, as for {@link FakeOmikron}; those without meaning in a
 * binary protocol, {@code lowercaseIdEcho}, {@code intStringFields} and {@code dataKeyLoss}, have
 * no effect): {@code errorNoIota}, {@code neverCloseAfterFatalError}, {@code randomIdPushes}.
 * Faults: {@link #drop()}, {@link #stall()}, {@link #silence()}, {@link #silence(MessageType)},
 * {@link #failIdentificationsWith(MessageType)}; hostile output: {@link #sendRawToAll(byte[])},
 * {@link #closeAllWithCloseFrame()}. A frame that is not a valid message is answered with {@code
 * error_protocol}; an unknown id or a wrong challenge answer gets no answer at all, as upstream
 * ({@link Builder#answerRefusals(boolean)} switches the errors on); the client's close frame ends
 * its session (WebTransport close, code 0, reason {@code ttp-close}, as upstream).
 *
 * <p>Thread-safe. Each client stream is read on a daemon thread of the fake ({@code
 * fake-ttp-reader-N}) until it ends; the protocol runs under one lock.
 */
public final class FakeTtpOmikron implements FakeServer {
  private static final AtomicInteger READERS = new AtomicInteger();

  private final FakeOmikronQuirks quirks;
  private final boolean answerRefusals;
  private final AtomicInteger closeFrames = new AtomicInteger();
  private final OmikronPrivateKey key;
  private final TtpCodec codec = new TtpCodec(TtpLimits.DEFAULT);
  private final SecureRandom random = new SecureRandom();
  private final WebTransportTestServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final List<ReceivedFrame> frames = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  private final Object lock = new Object();
  // Guarded by lock.
  private final Map<OmikronId, UserRecord> users = new LinkedHashMap<>();
  private final Map<OmikronId, OmikronPublicKey> iotaKeys = new HashMap<>();
  private final Map<OmikronId, Peer> iotas = new HashMap<>();
  private final Map<OmikronId, List<Peer>> clients = new HashMap<>();
  private final Map<OmikronId, Integer> identifications = new HashMap<>();
  private final Set<MessageType> silenced = new HashSet<>();
  private final List<Peer> peers = new ArrayList<>();
  private @Nullable MessageType failIdentificationWith;
  private volatile boolean stalled;
  private volatile boolean pongsSilenced;
  private volatile boolean closed;

  private FakeTtpOmikron(Builder b) throws IOException {
    this.quirks = b.quirks;
    this.answerRefusals = b.answerRefusals;
    this.key = b.key != null ? b.key : OmikronPrivateKey.generate(random);
    WebTransportTestServer.Builder sb =
        WebTransportTestServer.builder(this::accept).port(b.port).path("/");
    if (b.ca != null) {
      sb.certificateAuthority(b.ca);
    }
    this.server = sb.start();
  }

  /**
   * Starts building a fake.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---- FakeServer ----

  /** The TTP endpoint, {@code https://localhost:<port>/}. */
  @Override
  public String url() {
    return server.url();
  }

  /** Every message the clients sent (the bytes after the outer length), on every connection. */
  @Override
  public List<ReceivedFrame> receivedFrames() {
    return List.copyOf(frames);
  }

  /**
   * Ends every WebTransport session from the server side without a close frame (WebTransport code
   * 1, reason {@code restarting}), as a restarting server would: clients see a lost connection and
   * reconnect; new sessions are accepted.
   */
  @Override
  public void drop() {
    for (Peer p : snapshot()) {
      p.end(1, "restarting");
    }
  }

  @Override
  public void stall() {
    stalled = true;
  }

  @Override
  public void resume() {
    stalled = false;
    pongsSilenced = false;
  }

  @Override
  public void silence() {
    pongsSilenced = true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
  }

  // ---- setup and faults ----

  /**
   * The CA that issued the server certificate: trust it in the client.
   *
   * @return the CA; never null
   */
  public TestCertificate certificateAuthority() {
    return server.certificateAuthority();
  }

  /**
   * The Omikron's public key (sent in every {@code challenge}).
   *
   * @return the key; never null
   */
  public OmikronPublicKey publicKey() {
    return key.publicKey();
  }

  /**
   * Registers a user (the Omega lookup of the real Omikron).
   *
   * @param user the user; never null
   * @return this
   */
  public FakeTtpOmikron registerUser(UserRecord user) {
    synchronized (lock) {
      users.put(user.userId(), Objects.requireNonNull(user, "user"));
    }
    return this;
  }

  /**
   * Registers an Iota's public key.
   *
   * @param iotaId the Iota's id; never null
   * @param publicKey its key; never null
   * @return this
   */
  public FakeTtpOmikron registerIota(OmikronId iotaId, OmikronPublicKey publicKey) {
    synchronized (lock) {
      iotaKeys.put(Objects.requireNonNull(iotaId, "iotaId"), Objects.requireNonNull(publicKey));
    }
    return this;
  }

  /**
   * Stops answering one message type (requests of that type get nothing back).
   *
   * @param type the type; never null
   * @return this
   */
  public FakeTtpOmikron silence(MessageType type) {
    synchronized (lock) {
      silenced.add(Objects.requireNonNull(type, "type"));
    }
    return this;
  }

  /**
   * Answers every later {@code identification} with this error (a fatal one), or null to stop.
   *
   * @param errorType the error type; null for normal identification
   * @return this
   */
  public FakeTtpOmikron failIdentificationsWith(@Nullable MessageType errorType) {
    synchronized (lock) {
      failIdentificationWith = errorType;
    }
    return this;
  }

  /**
   * Writes these bytes, as they are, on every connection's outgoing stream: hostile frames
   * (oversized lengths, lying lengths, garbage) for client tests.
   *
   * @param bytes the raw stream bytes; never null
   */
  public void sendRawToAll(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    for (Peer p : snapshot()) {
      p.write(bytes);
    }
  }

  /**
   * Ends every connection the upstream way: the close frame {@code 0xFFFFFFFF} after what was
   * already written on its stream; the client then ends the WebTransport session.
   */
  public void closeAllWithCloseFrame() {
    for (Peer p : snapshot()) {
      p.write(TtpStreamDecoder.closeFrame());
    }
  }

  /**
   * Pushes a message to every connection of a user (with this Omikron as no sender).
   *
   * @param userId the user; never null
   * @param type the type; never null
   * @param data the data; never null
   */
  public void pushToUser(OmikronId userId, MessageType type, OmikronData data) {
    synchronized (lock) {
      for (Peer p : clients.getOrDefault(userId, List.of())) {
        p.send(
            new OmikronMessage(
                TtpOmikronMapping.newMessageId(random), type, null, userId, data, null, Map.of()));
      }
    }
  }

  /**
   * Decoded messages from identified and unidentified peers, in arrival order.
   *
   * @return the live queue; never null
   */
  public BlockingQueue<Received> received() {
    return received;
  }

  /**
   * How often an id completed identification.
   *
   * @param id the user or Iota id; never null
   * @return the count
   */
  public int identificationCount(OmikronId id) {
    synchronized (lock) {
      return identifications.getOrDefault(id, 0);
    }
  }

  /**
   * The open WebTransport sessions.
   *
   * @return the count
   */
  public int openConnections() {
    synchronized (lock) {
      return peers.size();
    }
  }

  /**
   * Whether this Iota is identified on an open connection.
   *
   * @param iotaId the Iota; never null
   * @return true if connected
   */
  public boolean isIotaConnected(OmikronId iotaId) {
    synchronized (lock) {
      return iotas.containsKey(iotaId);
    }
  }

  /**
   * The user's identified client connections.
   *
   * @param userId the user; never null
   * @return the count
   */
  public int clientConnections(OmikronId userId) {
    synchronized (lock) {
      return clients.getOrDefault(userId, List.of()).size();
    }
  }

  /**
   * How many close frames ({@code 0xFFFFFFFF}) the clients sent.
   *
   * @return the count
   */
  public int closeFramesReceived() {
    return closeFrames.get();
  }

  private List<Peer> snapshot() {
    synchronized (lock) {
      return new ArrayList<>(peers);
    }
  }

  // ---- connections ----

  private void accept(Session s) {
    Peer p = new Peer(s, connections.getAndIncrement());
    s.registerSessionTerminatedEventListener((code, reason) -> p.gone());
    // Each client stream is read on a thread of the fake's own, never in flupke's callback: a
    // stream that came before open() is handed over inside open(), on this thread, and reading it
    // there kept open() from returning (the session was never listed); later streams are handed
    // over holding flupke's session lock, which a reader must not keep.
    s.setUnidirectionalStreamReceiveHandler(
        stream -> {
          Thread t =
              new Thread(
                  () -> p.read(stream.getInputStream()),
                  "fake-ttp-reader-" + READERS.incrementAndGet());
          t.setDaemon(true);
          t.start();
        });
    s.open();
    // Listed only once open: flupke refuses streams of a session not yet open, so a fault sent
    // to every peer (closeAllWithCloseFrame) must not reach this one earlier.
    synchronized (lock) {
      peers.add(p);
    }
  }

  /** One WebTransport session. */
  private final class Peer implements TtpStreamDecoder.FrameSink {
    final Session session;
    final int number;
    @Nullable Role role; // guarded by lock
    @Nullable OmikronId id;
    boolean identified;
    boolean attached;
    @Nullable String challengeString;
    private @Nullable OutputStream out; // guarded by this
    private boolean reopened; // guarded by this

    Peer(Session session, int number) {
      this.session = session;
      this.number = number;
    }

    void read(InputStream in) {
      TtpStreamDecoder d = new TtpStreamDecoder(codec.limits(), this);
      byte[] buf = new byte[16 * 1024];
      try {
        int n;
        while ((n = in.read(buf)) >= 0 && !d.isClosed()) {
          d.feed(buf, 0, n);
        }
      } catch (TtpDecodeException e) {
        // The stream is out of step: as upstream, the connection goes.
        end(1, "bad frame");
      } catch (IOException e) {
        // the stream or session ended
      } catch (RuntimeException e) {
        end(1, "fake server failure: " + e);
      }
    }

    @Override
    public void onFrame(byte[] message, long streamOffset) {
      frames.add(ReceivedFrame.binary(number, message));
      if (stalled) {
        return;
      }
      OmikronMessage m;
      try {
        m = TtpOmikronMapping.toOmikron(codec.decode(message));
      } catch (RuntimeException e) { // TtpDecodeException, or a value the mapping refuses
        send(
            new OmikronMessage(
                null, MessageType.ERROR_PROTOCOL, null, null, OmikronData.EMPTY, null, Map.of()));
        return;
      }
      synchronized (lock) {
        received.add(new Received(role == null ? Role.CLIENT : role, id, m));
        handle(m);
      }
    }

    @Override
    public void onClose() {
      closeFrames.incrementAndGet();
      end(0, "ttp-close");
    }

    /** Encodes and writes a message (nothing while stalled). */
    void send(OmikronMessage m) {
      if (stalled) {
        return;
      }
      write(TtpStreamDecoder.frame(codec.encode(TtpOmikronMapping.toTtp(m))));
    }

    synchronized void write(byte[] bytes) {
      try {
        if (out == null) {
          out = session.createUnidirectionalStream().getOutputStream();
        }
        out.write(bytes);
      } catch (IOException | RuntimeException first) {
        if (reopened) {
          end(1, "write failed");
          return;
        }
        reopened = true;
        try {
          out = session.createUnidirectionalStream().getOutputStream();
          out.write(bytes);
        } catch (IOException | RuntimeException second) {
          end(1, "write failed");
        }
      }
    }

    void end(long code, String reason) {
      try {
        session.close(code, reason);
      } catch (IOException | RuntimeException e) {
        // already closed
      }
      gone();
    }

    void gone() {
      synchronized (lock) {
        peers.remove(this);
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

    void reply(OmikronMessage request, MessageType type, OmikronData data) {
      send(new OmikronMessage(request.id(), type, null, null, data, null, Map.of()));
    }

    void fatal(OmikronMessage request, MessageType type) {
      reply(request, type, OmikronData.EMPTY);
      if (!quirks.neverCloseAfterFatalError()) {
        // The close frame follows the reply on the same stream; the client ends the session when
        // it reads it (ending it here could discard the unread reply).
        write(TtpStreamDecoder.closeFrame());
      }
    }

    /**
     * An unknown id or a wrong answer: the real E4 Omikron only logs it and answers nothing; with
     * {@link Builder#answerRefusals(boolean)} the WebSocket-era error follows, as a fatal one.
     */
    void refuse(OmikronMessage request, MessageType type) {
      if (answerRefusals) {
        fatal(request, type);
      }
    }

    // ---- protocol, under lock ----

    private void handle(OmikronMessage m) {
      MessageType t = m.type();
      if (t.equals(MessageType.PING)) {
        if (!pongsSilenced) {
          pong(m);
        }
      } else if (silenced.contains(t)) {
        return;
      } else if (t.equals(MessageType.IDENTIFICATION)) {
        identify(m);
      } else if (t.equals(MessageType.CHALLENGE_RESPONSE)) {
        checkAnswer(m);
      } else if (!identified) {
        return; // before identification: ignored
      } else {
        route(m);
      }
    }

    private void pong(OmikronMessage ping) {
      OmikronData.Builder d = OmikronData.builder();
      if (role == Role.CLIENT && identified) {
        d.put("ping_iota", userIota() == null ? -1L : 5L);
      }
      reply(ping, MessageType.PONG, d.build());
    }

    private @Nullable Peer userIota() {
      UserRecord u = id == null ? null : users.get(id);
      return u == null ? null : iotas.get(u.iotaId());
    }

    private void identify(OmikronMessage m) {
      if (failIdentificationWith != null) {
        fatal(m, failIdentificationWith);
        return;
      }
      OmikronData d = m.data();
      OmikronId iotaId = d.getId("iota_id");
      OmikronId userId = d.getId("user_id");
      OmikronPublicKey peerKey;
      if (iotaId != null) {
        role = Role.IOTA;
        id = iotaId;
        peerKey = iotaKeys.get(iotaId);
      } else if (userId != null) {
        role = Role.CLIENT;
        id = userId;
        UserRecord u = users.get(userId);
        peerKey = u == null ? null : u.publicKey();
      } else {
        fatal(m, MessageType.ERROR_INVALID_DATA);
        return;
      }
      if (peerKey == null) {
        refuse(m, MessageType.ERROR_INVALID_USER_ID);
        return;
      }
      challengeString = X448Challenge.newChallengeString(random);
      byte[] ct;
      try {
        ct =
            X448Challenge.encrypt(
                key.raw(), peerKey.raw(), challengeString.getBytes(StandardCharsets.US_ASCII));
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
      if (challengeString == null || identified) {
        return;
      }
      boolean ok = challengeString.equals(m.data().getString("challenge"));
      challengeString = null;
      if (!ok) {
        refuse(
            m,
            role == Role.IOTA
                ? MessageType.ERROR_INVALID_CHALLENGE
                : MessageType.ERROR_NOT_AUTHENTICATED);
        return;
      }
      OmikronData accepted = OmikronData.builder().put("accepted", true).build();
      if (role == Role.IOTA) {
        Peer old = iotas.get(id);
        if (old != null && old != this) {
          old.attached = false;
          old.end(0, "replaced");
        }
        identified = true;
        attached = true;
        iotas.put(id, this);
        identifications.merge(id, 1, Integer::sum);
        reply(m, MessageType.IDENTIFICATION_RESPONSE, accepted);
        return;
      }
      if (userIota() == null && quirks.errorNoIota()) {
        identified = true; // as the WebSocket reference: half attached
        reply(m, MessageType.ERROR_NO_IOTA, OmikronData.EMPTY);
        return;
      }
      identified = true;
      attached = true;
      clients.computeIfAbsent(id, k -> new ArrayList<>()).add(this);
      identifications.merge(id, 1, Integer::sum);
      reply(m, MessageType.IDENTIFICATION_RESPONSE, accepted);
      Peer iota = userIota();
      if (iota != null) {
        iota.send(
            new OmikronMessage(
                TtpOmikronMapping.newMessageId(random),
                MessageType.CLIENT_CONNECTED,
                id,
                iota.id,
                OmikronData.builder().put("user_id", id).build(),
                null,
                Map.of()));
      }
    }

    /** Routes an identified peer's message by its receiver, stamped with the sender's id. */
    private void route(OmikronMessage m) {
      OmikronId to = m.receiver();
      List<Peer> targets = new ArrayList<>();
      if (to == null && role == Role.CLIENT) {
        Peer iota = userIota();
        if (iota == null) {
          reply(m, MessageType.ERROR_NO_IOTA, OmikronData.EMPTY);
          return;
        }
        targets.add(iota);
        to = iota.id;
      } else if (to != null) {
        Peer iota = iotas.get(to);
        if (iota != null) {
          targets.add(iota);
        } else {
          targets.addAll(clients.getOrDefault(to, List.of()));
        }
      }
      if (targets.isEmpty()) {
        String refusalId =
            quirks.randomIdPushes() ? TtpOmikronMapping.newMessageId(random) : m.id();
        send(
            new OmikronMessage(
                refusalId,
                MessageType.ERROR_INVALID_USER_ID,
                null,
                null,
                OmikronData.EMPTY,
                null,
                Map.of()));
        return;
      }
      OmikronMessage routed = m.withRouting(id, to);
      for (Peer p : targets) {
        p.send(routed);
      }
    }
  }

  /** Builds a {@link FakeTtpOmikron}. Not thread-safe. */
  public static final class Builder {
    private FakeOmikronQuirks quirks = FakeOmikronQuirks.reference();
    private @Nullable OmikronPrivateKey key;
    private @Nullable TestCertificate ca;
    private int port;
    private boolean answerRefusals;

    private Builder() {}

    /**
     * Whether an unknown user or Iota id and a wrong challenge answer are answered with an error
     * ({@code error_invalid_user_id}, {@code error_not_authenticated}, {@code
     * error_invalid_challenge}, then the close frame unless {@code neverCloseAfterFatalError}).
     * Default false: the real E4 Omikron ({@code Tensamin/Omikron@7387ecf:src/rho/connection.rs})
     * only logs them and stays silent, so the client's handshake times out.
     *
     * @param answer the setting
     * @return this builder
     */
    public Builder answerRefusals(boolean answer) {
      this.answerRefusals = answer;
      return this;
    }

    /**
     * The quirks. Default {@link FakeOmikronQuirks#reference()}.
     *
     * @param quirks never null
     * @return this builder
     */
    public Builder quirks(FakeOmikronQuirks quirks) {
      this.quirks = Objects.requireNonNull(quirks, "quirks");
      return this;
    }

    /**
     * The Omikron's private key. Default: a new one.
     *
     * @param key never null
     * @return this builder
     */
    public Builder privateKey(OmikronPrivateKey key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * The CA that issues the server certificate (pass the previous fake's to restart on the same
     * trust). Default: a new one.
     *
     * @param ca never null
     * @return this builder
     */
    public Builder certificateAuthority(TestCertificate ca) {
      this.ca = Objects.requireNonNull(ca, "ca");
      return this;
    }

    /**
     * The UDP port; 0 (default) for a free one.
     *
     * @param port 0..65535
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Starts the fake.
     *
     * @return the running fake
     * @throws IOException if the port cannot be bound
     */
    public FakeTtpOmikron start() throws IOException {
      return new FakeTtpOmikron(this);
    }
  }
}

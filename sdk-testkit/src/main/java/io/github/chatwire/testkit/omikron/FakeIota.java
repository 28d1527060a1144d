package io.github.chatwire.testkit.omikron;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import io.github.chatwire.core.transport.WebSocketTransport;
import io.github.chatwire.omikron.IotaConnection;
import io.github.chatwire.omikron.IotaListener;
import io.github.chatwire.omikron.IotaRequest;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.model.ChatSummary;
import io.github.chatwire.omikron.model.Chats;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.Messages;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.StoredMessage;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.ReceivedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A fake Iota (a user's home server) built on the SDK's {@link IotaConnection}: it stores direct
 * messages in memory, answers {@code message_send}, {@code get_chats}, {@code messages_get}, {@code
 * add_conversation} and {@code settings_*} like the reference Iota, delivers messages to its own
 * users as {@code message_live} (waiting for their {@code message_state} reply) and to other Iotas'
 * users as {@code message_other_iota}.
 *
 * <p>It shows the common {@link FakeServer} face as the users' server: {@link #url()} is where a
 * user's client connects to reach it (the Omikron's client endpoint); {@link #receivedFrames()}
 * holds every frame the Iota read from the Omikron (the users' relayed requests among them),
 * numbered by the Iota's own connection (0 for its first, 1 after its first reconnect, …); {@link
 * #drop()} cuts the Iota's connection, as a restarting Iota would (until it has reconnected after
 * its backoff, the Omikron drops its users' relayed requests, or answers them with {@code
 * error_no_iota}, as its quirks say); {@link #stall()} hangs it (it still reads and records, but
 * answers and sends nothing, its pings included, until {@link #resume()}); {@link #silence()} stops
 * only its own heartbeat (its pings to the Omikron) while it answers every request.
 *
 * <p>Thread-safe. Close it after the test.
 */
public final class FakeIota implements FakeServer {
  private final IotaConnection connection;
  private final @Nullable String clientUrl;
  private final List<ReceivedFrame> frames = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile @Nullable Tapped current;
  private volatile boolean stalled;
  private volatile boolean silenced;
  private final Set<OmikronId> users;
  private final Object lock = new Object();
  // Guarded by lock: per user, per partner, messages oldest first.
  private final Map<OmikronId, Map<OmikronId, List<StoredMessage>>> store = new HashMap<>();
  private final Map<String, String> settings = new LinkedHashMap<>();

  /**
   * Creates a fake Iota (not connected yet) for a fake Omikron.
   *
   * @param omikron the fake Omikron it connects to; never null
   * @param iotaId the Iota's id; never null
   * @param key the Iota's key; never null
   * @param users the users this Iota serves; never null
   * @param runtime the runtime; null for the shared one
   * @param options engine options; null for {@link IotaConnection#defaultOptions()}
   */
  public FakeIota(
      FakeOmikron omikron,
      OmikronId iotaId,
      OmikronPrivateKey key,
      Set<OmikronId> users,
      @Nullable ChatwireRuntime runtime,
      @Nullable ConnectionOptions options) {
    this(
        Objects.requireNonNull(omikron, "omikron").iotaUrl(),
        omikron.clientUrl(),
        iotaId,
        key,
        users,
        runtime,
        options);
  }

  /**
   * Creates a fake Iota (not connected yet). Its {@link #url()} is the client endpoint next to the
   * given Iota endpoint ({@code …/ws/client/} for {@code …/ws/iota/}, the relay's layout).
   *
   * @param url the fake Omikron's Iota URL; never null
   * @param iotaId the Iota's id; never null
   * @param key the Iota's key; never null
   * @param users the users this Iota serves; never null
   * @param runtime the runtime; null for the shared one
   * @param options engine options; null for {@link IotaConnection#defaultOptions()}
   */
  public FakeIota(
      String url,
      OmikronId iotaId,
      OmikronPrivateKey key,
      Set<OmikronId> users,
      @Nullable ChatwireRuntime runtime,
      @Nullable ConnectionOptions options) {
    this(url, clientUrlNextTo(url), iotaId, key, users, runtime, options);
  }

  private FakeIota(
      String url,
      @Nullable String clientUrl,
      OmikronId iotaId,
      OmikronPrivateKey key,
      Set<OmikronId> users,
      @Nullable ChatwireRuntime runtime,
      @Nullable ConnectionOptions options) {
    this.users = new HashSet<>(Objects.requireNonNull(users, "users"));
    this.clientUrl = clientUrl;
    Transport tap = new Tap(WebSocketTransport.builder(Objects.requireNonNull(url, "url")).build());
    IotaConnection.Builder b =
        IotaConnection.builder()
            .transport(tap)
            .iotaId(iotaId)
            .privateKey(key)
            .listener(new Handler());
    if (runtime != null) {
      b.runtime(runtime);
    }
    if (options != null) {
      b.options(options);
    }
    this.connection = b.build();
  }

  /** The relay serves clients at /ws/client/ next to /ws/iota/; null for another layout. */
  private static @Nullable String clientUrlNextTo(String iotaUrl) {
    int at = Objects.requireNonNull(iotaUrl, "url").lastIndexOf("/ws/iota");
    String rest = at < 0 ? null : iotaUrl.substring(at + "/ws/iota".length());
    if (rest == null || !(rest.isEmpty() || rest.equals("/"))) {
      return null;
    }
    return iotaUrl.substring(0, at) + "/ws/client/";
  }

  /**
   * Connects and identifies.
   *
   * @return completed when identified
   */
  public CompletableFuture<Void> connect() {
    return connection.connect();
  }

  /**
   * @return the underlying connection
   */
  public IotaConnection connection() {
    return connection;
  }

  /**
   * The messages stored for a user's chat with a partner, oldest first.
   *
   * @param user the user
   * @param partner the partner
   * @return a copy
   */
  public List<StoredMessage> messages(OmikronId user, OmikronId partner) {
    synchronized (lock) {
      List<StoredMessage> l = store.getOrDefault(user, Collections.emptyMap()).get(partner);
      return l == null ? Collections.emptyList() : new ArrayList<>(l);
    }
  }

  /**
   * Where a user's client connects to reach this Iota: the Omikron's client endpoint.
   *
   * @return the {@code ws://} URL; never null
   * @throws IllegalStateException if this fake was given an Iota URL outside the relay's layout
   *     (build it with {@link #FakeIota(FakeOmikron, OmikronId, OmikronPrivateKey, Set,
   *     ChatwireRuntime, ConnectionOptions)} then)
   */
  @Override
  public String url() {
    if (clientUrl == null) {
      throw new IllegalStateException(
          "the Iota URL does not end in /ws/iota/, so the client endpoint is unknown; "
              + "create the FakeIota with its FakeOmikron");
    }
    return clientUrl;
  }

  /**
   * Every text frame the Iota read from the Omikron, also those read while stalled, numbered by the
   * Iota's connection.
   */
  @Override
  public List<ReceivedFrame> receivedFrames() {
    return new ArrayList<>(frames);
  }

  /**
   * Cuts the Iota's connection now (the Omikron sees the socket go; the Iota's engine sees a close
   * with 1001 and reconnects after its backoff).
   */
  @Override
  public void drop() {
    Tapped t = current;
    if (t != null) {
      t.drop();
    }
  }

  /** Hangs the Iota: frames are read and recorded, but not handled; it sends nothing. */
  @Override
  public void stall() {
    stalled = true;
  }

  /** Ends {@link #stall()} and {@link #silence()}. */
  @Override
  public void resume() {
    stalled = false;
    silenced = false;
  }

  /** Stops the Iota's pings to the Omikron until {@link #resume()}; all else is answered. */
  @Override
  public void silence() {
    silenced = true;
  }

  /** Closes the Iota's connection for good. */
  @Override
  public void close() {
    connection.close();
  }

  private void put(OmikronId user, OmikronId partner, StoredMessage m) {
    synchronized (lock) {
      store
          .computeIfAbsent(user, k -> new LinkedHashMap<>())
          .computeIfAbsent(partner, k -> new ArrayList<>())
          .add(m);
    }
  }

  private void setState(OmikronId user, OmikronId partner, long time, MessageState state) {
    synchronized (lock) {
      List<StoredMessage> l = store.getOrDefault(user, Collections.emptyMap()).get(partner);
      if (l == null) {
        return;
      }
      for (int i = 0; i < l.size(); i++) {
        StoredMessage m = l.get(i);
        if (m.timestamp() != null && m.timestamp() == time) {
          l.set(i, new StoredMessage(m.timestamp(), m.content(), m.sentBySelf(), state));
        }
      }
    }
  }

  // a fake delivers fire-and-forget: a failed send shows up as the client's own timeout
  @SuppressWarnings("FutureReturnValueIgnored")
  private void deliverLive(
      @Nullable String id, OmikronId from, OmikronId to, long time, @Nullable String content) {
    put(to, from, new StoredMessage(time, content, false, MessageState.RECEIVED));
    OmikronData live =
        OmikronData.builder()
            .put("send_time", Long.toString(time))
            .put("message", content)
            .put("sender_id", from)
            .build();
    connection
        .requestFromUser(to, MessageType.MESSAGE_LIVE, live, Duration.ofSeconds(10))
        .whenComplete(
            (reply, e) -> {
              MessageState state = MessageState.SENT;
              if (reply != null) {
                String s = reply.data().getString("message_state");
                state = s == null ? MessageState.RECEIVED : MessageState.of(s);
              }
              setState(to, from, time, state);
              if (users.contains(from)) {
                setState(from, to, time, state);
              } else {
                connection.sendToIota(
                    id,
                    to,
                    from,
                    MessageType.MESSAGE_STATE,
                    OmikronData.builder()
                        .put("send_time", Long.toString(time))
                        .put("message_state", state)
                        .build());
              }
            });
  }

  private final class Handler implements IotaListener {
    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // a lost reply shows up as the client's timeout
    public void onClientRequest(IotaRequest r) {
      OmikronId user = r.sender();
      OmikronData d = r.data();
      MessageType t = r.type();
      if (t.equals(MessageType.MESSAGE_SEND)) {
        OmikronId to = d.getId("receiver_id");
        String content = d.getString("content");
        if (to == null || content == null) {
          r.reply(MessageType.ERROR_INVALID_DATA, OmikronData.EMPTY);
          return;
        }
        long now = System.currentTimeMillis();
        put(user, to, new StoredMessage(now, content, true, MessageState.SENT));
        r.replySuccess();
        if (users.contains(to)) {
          deliverLive(r.message().id(), user, to, now, content);
        } else {
          connection.sendToIota(
              r.message().id(),
              user,
              to,
              MessageType.MESSAGE_OTHER_IOTA,
              OmikronData.builder()
                  .put("receiver_id", to)
                  .put("sender_id", user)
                  .put("send_time", Long.toString(now))
                  .put("content", content)
                  .build());
        }
      } else if (t.equals(MessageType.GET_CHATS)) {
        List<ChatSummary> chats = new ArrayList<>();
        synchronized (lock) {
          for (Map.Entry<OmikronId, List<StoredMessage>> e :
              store.getOrDefault(user, Collections.emptyMap()).entrySet()) {
            List<StoredMessage> l = e.getValue();
            chats.add(
                new ChatSummary(
                    e.getKey(),
                    null,
                    l.isEmpty() ? null : l.get(l.size() - 1).timestamp(),
                    List.of()));
          }
        }
        r.reply(MessageType.GET_CHATS, new Chats(chats, OmikronData.EMPTY).toData());
      } else if (t.equals(MessageType.MESSAGES_GET)) {
        OmikronId partner = d.getId("user_id");
        long offset = d.getLong("offset") == null ? 0 : d.getLong("offset");
        long amount = d.getLong("amount") == null ? 50 : d.getLong("amount");
        List<StoredMessage> all =
            partner == null ? Collections.emptyList() : messages(user, partner);
        Collections.reverse(all);
        List<StoredMessage> page = new ArrayList<>();
        for (int i = (int) offset; i < all.size() && page.size() < amount; i++) {
          page.add(all.get(i));
        }
        r.reply(MessageType.MESSAGES_GET, new Messages(page, OmikronData.EMPTY).toData());
      } else if (t.equals(MessageType.ADD_CONVERSATION)) {
        OmikronId partner = d.getId("chat_partner_id");
        if (partner != null) {
          synchronized (lock) {
            store
                .computeIfAbsent(user, k -> new LinkedHashMap<>())
                .computeIfAbsent(partner, k -> new ArrayList<>());
          }
        }
        r.reply(MessageType.ADD_CONVERSATION, OmikronData.EMPTY);
      } else if (t.equals(MessageType.SETTINGS_SAVE)) {
        synchronized (lock) {
          Object p = d.get("payload");
          settings.put(
              user + "/" + d.getString("settings_name"), p == null ? "null" : p.toString());
        }
        r.reply(MessageType.SETTINGS_SAVE, OmikronData.EMPTY);
      } else if (t.equals(MessageType.SETTINGS_LOAD)) {
        String name = d.getString("settings_name");
        String payload;
        synchronized (lock) {
          payload = settings.get(user + "/" + name);
        }
        r.reply(
            MessageType.SETTINGS_LOAD,
            OmikronData.builder()
                .put("settings_name", name)
                .put("payload", payload == null ? "" : payload)
                .build());
      } else if (t.equals(MessageType.SETTINGS_LIST)) {
        List<String> names = new ArrayList<>();
        synchronized (lock) {
          for (String k : settings.keySet()) {
            if (k.startsWith(user + "/")) {
              names.add(k.substring(user.toString().length() + 1));
            }
          }
        }
        r.reply(MessageType.SETTINGS_LIST, OmikronData.builder().put("settings", names).build());
      }
    }

    @Override
    public void onIotaMessage(OmikronMessage m) {
      OmikronData d = m.data();
      if (m.type().equals(MessageType.MESSAGE_OTHER_IOTA)) {
        OmikronId to = d.getId("receiver_id");
        OmikronId from = d.getId("sender_id");
        Long time = d.getLong("send_time");
        if (to != null && from != null && time != null && users.contains(to)) {
          deliverLive(m.id(), from, to, time, d.getString("content"));
        }
      } else if (m.type().equals(MessageType.MESSAGE_STATE)) {
        Long time = d.getLong("send_time");
        String state = d.getString("message_state");
        if (m.receiver() != null && m.sender() != null && time != null && state != null) {
          setState(m.receiver(), m.sender(), time, MessageState.of(state));
        }
      }
    }
  }

  /** The WebSocket to the Omikron with the face's recorder and faults in between. */
  private final class Tap implements Transport {
    private final Transport inner;

    Tap(Transport inner) {
      this.inner = inner;
    }

    @Override
    public TransportSession open(ChatwireRuntime runtime, TransportListener listener) {
      Tapped t = new Tapped(connections.getAndIncrement(), listener);
      current = t;
      t.inner = inner.open(runtime, t);
      return t;
    }

    @Override
    public String describe() {
      return inner.describe();
    }
  }

  /** One connection: records what it reads, and applies stall, silence and drop. */
  private final class Tapped implements TransportSession, TransportListener {
    private final int number;
    private final TransportListener engine;
    private volatile @Nullable TransportSession inner;
    private volatile boolean dropped;

    Tapped(int number, TransportListener engine) {
      this.number = number;
      this.engine = engine;
    }

    void drop() {
      if (dropped) {
        return;
      }
      dropped = true;
      TransportSession s = inner;
      if (s != null) {
        s.cancel();
      }
      engine.onClosed(1001, "going away");
    }

    @Override
    public void onOpen() {
      if (!dropped) {
        engine.onOpen();
      }
    }

    @Override
    public void onText(String text) {
      frames.add(ReceivedFrame.text(number, text));
      if (!dropped && !stalled) {
        engine.onText(text);
      }
    }

    @Override
    public void onBinary(byte[] bytes) {
      frames.add(ReceivedFrame.binary(number, bytes));
      if (!dropped && !stalled) {
        engine.onBinary(bytes);
      }
    }

    @Override
    public void onClosed(int code, String reason) {
      if (!dropped) {
        engine.onClosed(code, reason);
      }
    }

    @Override
    public void onFailure(ChatwireException cause) {
      if (!dropped) {
        engine.onFailure(cause);
      }
    }

    @Override
    public boolean sendText(String text) {
      if (dropped) {
        return false;
      }
      if (stalled || (silenced && isPing(text))) {
        return true; // swallowed, as by a hung peer
      }
      TransportSession s = inner;
      return s != null && s.sendText(text); // refused before the transport opened
    }

    @Override
    public boolean sendBinary(byte[] bytes) {
      if (dropped) {
        return false;
      }
      TransportSession s = inner;
      return stalled || (s != null && s.sendBinary(bytes));
    }

    @Override
    public void close(int code, @Nullable String reason) {
      TransportSession s = inner;
      if (s != null) {
        s.close(code, reason);
      }
    }

    @Override
    public void cancel() {
      TransportSession s = inner;
      if (s != null) {
        s.cancel();
      }
    }

    @Override
    public long queuedBytes() {
      TransportSession s = inner;
      return s == null ? 0 : s.queuedBytes();
    }

    @Override
    public long maxQueuedBytes() {
      TransportSession s = inner;
      return s == null ? TransportSession.super.maxQueuedBytes() : s.maxQueuedBytes();
    }
  }

  private static boolean isPing(String text) {
    try {
      return OmikronCodec.decode(text).type().equals(MessageType.PING);
    } catch (OmikronFormatException e) {
      return false;
    }
  }
}

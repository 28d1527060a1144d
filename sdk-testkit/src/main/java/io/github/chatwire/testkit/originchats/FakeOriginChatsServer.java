package io.github.chatwire.testkit.originchats;

import static io.github.chatwire.testkit.originchats.FakeOcState.frame;

import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.core.time.SystemScheduler;
import io.github.chatwire.originchats.codec.OcJson;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.ReceivedFrame;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * A fake OriginChats server on loopback (MockWebServer with a WebSocket upgrade on {@code /} and
 * the HTTP routes), faithful to the reference server where SDK behaviour depends on it:
 *
 * <ul>
 *   <li>handshake with a fresh random {@code validator_key} per connection, limits, capabilities,
 *       permissions and {@code auth_mode};
 *   <li>login by Rotur validator (this server also plays Rotur: {@code GET /generate_validator},
 *       {@code GET /validate}, validators bound to one key) and by local {@code login}/{@code
 *       register}; {@code auth_success} then {@code ready}; {@code auth_error} texts of the
 *       reference;
 *   <li>channels, messages (new, edit, delete, get, integer-offset {@code messages_get} with the
 *       reference's order and caps, {@code messages_around}), reactions, typing, users, slash
 *       commands (register, call routed to the registering connection, response);
 *   <li>the reference rate limiter for message_new, typing and message_edit (per user: per minute,
 *       burst within 10 s, cooldown), answering {@code rate_limit {reason, length}};
 *   <li>{@code listener} copied into every direct reply, never into broadcasts; global events to
 *       the other sockets first, then the reply to the sender;
 *   <li>a {@code ping} every 30 s on the given scheduler (so tests can use virtual time);
 *   <li>{@code POST /attachments/upload}, {@code GET /attachments/{id}}, {@code GET /info};
 *   <li>fault injection: stall (receive but answer nothing, no pings), drop all sockets, silence
 *       one command (no reply, as when the real server raises), raw frames to every socket; and the
 *       common {@link FakeServer} face (drop, stall/resume, silence the pings).
 * </ul>
 *
 * Thread-safe. Close it to stop the server and its own timer thread.
 *
 * <p>Laid out like MockWebServer: this class is the server (sockets, pings, faults, inspection);
 * {@code FakeOcState} holds what the reference server stores, {@code FakeOcCommands} answers each
 * command and {@code FakeOcRoutes} serves the HTTP routes.
 */
public final class FakeOriginChatsServer implements FakeServer {
  /** The 20 server-wide permission names the handshake lists. */
  public static final List<String> PERMISSIONS =
      Collections.unmodifiableList(
          Arrays.asList(
              "administrator",
              "manage_server",
              "view_audit_log",
              "manage_roles",
              "manage_channels",
              "manage_threads",
              "manage_users",
              "manage_messages",
              "read_message_history",
              "send_messages",
              "embed_links",
              "attach_files",
              "add_reactions",
              "external_emojis",
              "connect",
              "speak",
              "stream",
              "use_voice_activity",
              "mention_everyone",
              "use_slash_commands"));

  private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final MockWebServer web = new MockWebServer();
  private final FakeOcState state;
  private final FakeOcCommands commands;
  private final FakeOcRoutes routes;
  private final @Nullable ScheduledExecutorService ownExecutor;

  private final List<String> issuedKeys = new CopyOnWriteArrayList<>();
  private volatile boolean stalled;
  private volatile boolean pingsSilenced;
  private final List<ReceivedFrame> frames = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private boolean started;

  private FakeOriginChatsServer(Builder b) {
    Scheduler scheduler;
    if (b.scheduler != null) {
      scheduler = b.scheduler;
      ownExecutor = null;
    } else {
      ownExecutor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "fake-originchats-timer");
                t.setDaemon(true);
                return t;
              });
      scheduler = new SystemScheduler(ownExecutor);
    }
    state =
        new FakeOcState(
            scheduler,
            b.authMode,
            b.aroundCapability,
            b.postContent,
            b.perMinute,
            b.burst,
            b.cooldownSeconds,
            this::httpUrl);
    commands = new FakeOcCommands(state);
    routes = new FakeOcRoutes(state, SocketListener::new);
    for (String name : b.channels) {
      state.addChannelLocked(name, "text");
    }
    web.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return routes.route(request);
          }
        });
  }

  /**
   * Starts building a server.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening on a loopback port. Idempotent.
   *
   * @return this server
   * @throws IOException if the port cannot be bound
   */
  public FakeOriginChatsServer start() throws IOException {
    synchronized (state.lock) {
      if (!started) {
        web.start(InetAddress.getLoopbackAddress(), 0);
        started = true;
      }
    }
    return this;
  }

  /**
   * The WebSocket URL to connect to.
   *
   * @return e.g. "ws://127.0.0.1:5613/"
   * @deprecated use {@link #url()}, the name every fake uses
   */
  @Deprecated
  public String wsUrl() {
    return url();
  }

  /**
   * The WebSocket URL to connect to.
   *
   * @return e.g. "ws://127.0.0.1:5613/"; never null
   */
  @Override
  public String url() {
    return "ws://" + web.getHostName() + ":" + web.getPort() + "/";
  }

  /**
   * The HTTP base URL of the server, which is also this fake's Rotur API base URL.
   *
   * @return e.g. "http://127.0.0.1:5613"
   */
  public String httpUrl() {
    return "http://" + web.getHostName() + ":" + web.getPort();
  }

  // ------------------------------------------------------------------ setup

  /**
   * Adds a local (cracked) account.
   *
   * @param username the login name
   * @param password the password
   * @return this server
   */
  public FakeOriginChatsServer addAccount(String username, String password) {
    synchronized (state.lock) {
      state.passwords.put(username.toLowerCase(java.util.Locale.ROOT), password);
    }
    return this;
  }

  /**
   * Forgets every local account, as a server restored from an empty database does: a later {@code
   * login} answers {@code auth_error "User not found"} until the account registers again. Open
   * connections stay logged in.
   *
   * @return this server
   */
  public FakeOriginChatsServer wipeAccounts() {
    synchronized (state.lock) {
      state.passwords.clear();
    }
    return this;
  }

  /**
   * Adds a Rotur user whose token can generate validators on this server's Rotur routes.
   *
   * @param token the user's Rotur token
   * @param userId the Rotur id, e.g. "USR:alice0001"
   * @param username the username
   * @return this server
   */
  public FakeOriginChatsServer addRoturUser(String token, String userId, String username) {
    synchronized (state.lock) {
      state.roturTokens.put(token, new String[] {userId, username});
    }
    return this;
  }

  /**
   * Adds a channel.
   *
   * @param name the name
   * @param type "text", "voice", "forum" or "separator"
   * @return this server
   */
  public FakeOriginChatsServer addChannel(String name, String type) {
    synchronized (state.lock) {
      state.addChannelLocked(name, type);
    }
    return this;
  }

  /**
   * Stores messages in a channel without any socket seeing them (history for paging tests).
   *
   * @param channel an existing channel
   * @param user the author
   * @param count how many; contents "msg 0" .. "msg count-1", oldest first
   * @return the ids, oldest first
   */
  public List<String> seedMessages(String channel, String user, int count) {
    synchronized (state.lock) {
      List<String> ids = new ArrayList<>();
      List<Map<String, Object>> list = state.channelMessages(channel);
      for (int i = 0; i < count; i++) {
        Map<String, Object> m = state.newMessage(user, "msg " + i);
        list.add(m);
        ids.add((String) m.get("id"));
      }
      return ids;
    }
  }

  /**
   * Deletes a stored message without any socket seeing it.
   *
   * @param channel the channel
   * @param id the message id
   * @return true if it existed
   */
  public boolean deleteMessage(String channel, String id) {
    synchronized (state.lock) {
      Map<String, Object> m = state.find(channel, id);
      return m != null && state.channelMessages(channel).remove(m);
    }
  }

  // ------------------------------------------------------------------ fault injection and
  // inspection

  /**
   * Stalls or resumes: while stalled the server reads frames but answers nothing and sends no pings
   * (a half-dead server), and accepts no new sockets' frames either.
   *
   * @param stall true to stall
   */
  public void stall(boolean stall) {
    stalled = stall;
  }

  /**
   * {@code stall(true)}: reads frames, answers nothing, sends no pings, until {@link #resume()}.
   */
  @Override
  public void stall() {
    stall(true);
  }

  /** Ends {@link #stall()} and {@link #silence()}. */
  @Override
  public void resume() {
    stalled = false;
    pingsSilenced = false;
  }

  /**
   * Stops the liveness traffic until {@link #resume()}: no {@code ping} every 30 s and no answer to
   * the client's {@code ping} command; every other command is still answered.
   */
  @Override
  public void silence() {
    pingsSilenced = true;
  }

  @Override
  public List<ReceivedFrame> receivedFrames() {
    return new ArrayList<>(frames);
  }

  /**
   * Drops every socket: closes it with 1012 (service restart), as a restarting server does. The
   * connections are forgotten at once, so their later frames are ignored.
   */
  public void dropAll() {
    drop();
  }

  /** Drops every socket with 1012 (service restart), like {@link #dropAll()}. */
  @Override
  public void drop() {
    List<FakeOcConnection> copy;
    synchronized (state.lock) {
      copy = new ArrayList<>(state.conns);
    }
    for (FakeOcConnection c : copy) {
      c.ws.close(1012, "dropped by the fake server");
    }
  }

  /**
   * Makes a command go unanswered (as when the real server raises inside a handler).
   *
   * @param cmd the command
   */
  public void silence(String cmd) {
    commands.silenced.put(cmd, cmd);
  }

  /**
   * Scripts a command: the function gets the logged-in username and the request and returns the
   * reply (the server adds the request's listener), or null for no reply. Overrides the built-in
   * handling of that command. Called with the server's lock held, on a server thread.
   *
   * @param cmd the command
   * @param handler the script; never null
   */
  public void script(
      String cmd, BiFunction<String, Map<String, Object>, Map<String, Object>> handler) {
    commands.scripts.put(cmd, handler);
  }

  /**
   * Kicks a user the way the reference's /ban does: {@code disconnect {reason}}, then a close.
   *
   * @param username the user
   * @param reason the reason sent
   */
  public void kick(String username, String reason) {
    List<FakeOcConnection> copy = new ArrayList<>();
    synchronized (state.lock) {
      for (FakeOcConnection c : state.conns) {
        if (username.equals(c.username)) {
          copy.add(c);
        }
      }
    }
    for (FakeOcConnection c : copy) {
      c.send(frame("disconnect", "reason", reason));
      c.ws.close(1000, null);
    }
  }

  /**
   * Sends a raw text frame to every open socket (bad-input tests).
   *
   * @param text the frame
   */
  public void sendRawToAll(String text) {
    List<FakeOcConnection> copy;
    synchronized (state.lock) {
      copy = new ArrayList<>(state.conns);
    }
    for (FakeOcConnection c : copy) {
      c.ws.send(text);
    }
  }

  /**
   * The validator keys sent in handshakes so far, in order.
   *
   * @return a snapshot
   */
  public List<String> issuedValidatorKeys() {
    return new ArrayList<>(issuedKeys);
  }

  /**
   * The commands commands.received so far (after login or not), in order.
   *
   * @return a snapshot
   */
  public List<String> receivedCommands() {
    return new ArrayList<>(commands.received);
  }

  /**
   * How many rate_limit frames the server has sent.
   *
   * @return the count
   */
  public int rateLimitsSent() {
    return state.rateLimitsSent.get();
  }

  /**
   * The number of open sockets.
   *
   * @return the count
   */
  public int openConnections() {
    synchronized (state.lock) {
      return state.conns.size();
    }
  }

  /**
   * The stored messages of a channel, oldest first, as JSON trees.
   *
   * @param channel the channel
   * @return a snapshot
   */
  public List<Map<String, Object>> messages(String channel) {
    synchronized (state.lock) {
      return new ArrayList<>(state.channelMessages(channel));
    }
  }

  @Override
  public void close() throws IOException {
    dropAll();
    synchronized (state.lock) {
      for (FakeOcConnection c : state.conns) {
        c.ping.cancel();
      }
      state.conns.clear();
    }
    web.shutdown();
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ HTTP

  private final class SocketListener extends WebSocketListener {
    private final int number = connections.getAndIncrement();
    private @Nullable FakeOcConnection conn; // null until onOpen

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      synchronized (state.lock) {
        String key = "originChats-" + state.randomToken(32);
        FakeOcConnection c = new FakeOcConnection(state.nextConnId(), webSocket, key);
        conn = c;
        state.conns.add(c);
        issuedKeys.add(key);
        c.send(handshake(key));
        schedulePing(c);
      }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      frames.add(ReceivedFrame.text(number, text));
      if (stalled) {
        return;
      }
      synchronized (state.lock) {
        FakeOcConnection c = conn;
        if (c == null || !state.conns.contains(c)) {
          return;
        }
        Map<String, Object> frame;
        try {
          frame = OcJson.parseObject(text);
        } catch (RuntimeException e) {
          return; // the reference logs and answers nothing
        }
        if (pingsSilenced && "ping".equals(frame.get("cmd"))) {
          return;
        }
        commands.handle(c, frame);
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
      synchronized (state.lock) {
        FakeOcConnection c = conn;
        if (c != null && state.conns.remove(c)) {
          c.ping.cancel();
          List<Map<String, Object>> mine = state.slash.remove(c.id);
          if (mine != null) {
            List<Object> names = new ArrayList<>();
            for (Map<String, Object> m : mine) {
              names.add(m.get("name"));
            }
            state.broadcast(frame("slash_remove", "commands", names), null);
          }
          if (c.authed() && !state.userOnline(c.userId())) {
            state.broadcast(frame("user_disconnect", "username", c.username), null);
          }
        }
      }
    }
  }

  private void schedulePing(FakeOcConnection c) {
    c.ping =
        state.scheduler.schedule(
            () -> {
              synchronized (state.lock) {
                if (!state.conns.contains(c)) {
                  return;
                }
                if (!stalled && !pingsSilenced) {
                  c.send(frame("ping"));
                }
                schedulePing(c);
              }
            },
            HEARTBEAT_NANOS,
            TimeUnit.NANOSECONDS);
  }

  private Map<String, Object> handshake(String key) {
    Map<String, Object> val = new LinkedHashMap<>();
    val.put("server", state.serverInfo());
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("post_content", state.postContent);
    limits.put("search_results", 30);
    val.put("limits", limits);
    Map<String, Object> att = new LinkedHashMap<>();
    att.put("enabled", true);
    att.put("max_size", 104857600);
    att.put(
        "allowed_types",
        Arrays.asList("image/*", "video/*", "audio/*", "application/pdf", "text/plain"));
    att.put("max_attachments_per_user", -1);
    att.put("permanent_tiers", Arrays.asList("pro", "max"));
    val.put("attachments", att);
    val.put("version", "1.1.0");
    val.put("validator_key", key);
    List<String> caps =
        new ArrayList<>(
            Arrays.asList(
                "auth",
                "channels_get",
                "message_delete",
                "message_edit",
                "message_get",
                "message_new",
                "message_react_add",
                "message_react_remove",
                "messages_get",
                "ping",
                "slash_call",
                "slash_list",
                "slash_register",
                "slash_response",
                "typing",
                "users_list",
                "users_online"));
    if (state.aroundCapability) {
      caps.add("messages_around");
    }
    Collections.sort(caps);
    val.put("capabilities", caps);
    val.put("permissions", PERMISSIONS);
    val.put("auth_mode", state.authMode);
    return frame("handshake", "val", val);
  }

  /** Builds a {@link FakeOriginChatsServer}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Scheduler scheduler;
    private String authMode = "cracked";
    private boolean aroundCapability = true;
    private long postContent = 2000;
    private int perMinute = 60;
    private int burst = 10;
    private long cooldownSeconds = 30;
    private final List<String> channels = new ArrayList<>(Collections.singletonList("general"));

    private Builder() {}

    /**
     * The clock and timer for pings and rate limits; pass the client's VirtualScheduler for
     * virtual-time tests. Default a real-time scheduler of the server's own.
     *
     * @param scheduler never null
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * The auth_mode: "rotur", "cracked" (default) or "cracked-only".
     *
     * @param mode never null
     * @return this builder
     */
    public Builder authMode(String mode) {
      this.authMode = mode;
      return this;
    }

    /**
     * Whether capabilities list messages_around (and the server handles it). Default true.
     *
     * @param supported the flag
     * @return this builder
     */
    public Builder messagesAround(boolean supported) {
      this.aroundCapability = supported;
      return this;
    }

    /**
     * limits.post_content. Default 2000.
     *
     * @param limit positive
     * @return this builder
     */
    public Builder postContentLimit(long limit) {
      this.postContent = limit;
      return this;
    }

    /**
     * The rate limits. Default the reference's 60 per minute, burst 10, 30 s cooldown.
     *
     * @param perMinute per minute
     * @param burst burst within 10 s
     * @param cooldownSeconds cooldown after a burst
     * @return this builder
     */
    public Builder rateLimits(int perMinute, int burst, long cooldownSeconds) {
      this.perMinute = perMinute;
      this.burst = burst;
      this.cooldownSeconds = cooldownSeconds;
      return this;
    }

    /**
     * Builds the server (not started).
     *
     * @return the server
     */
    public FakeOriginChatsServer build() {
      return new FakeOriginChatsServer(this);
    }
  }
}

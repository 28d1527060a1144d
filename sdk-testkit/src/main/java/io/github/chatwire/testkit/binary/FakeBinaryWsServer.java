package io.github.chatwire.testkit.binary;

import io.github.chatwire.binary.codec.AccessKeys;
import io.github.chatwire.binary.codec.BinaryProtocolException;
import io.github.chatwire.binary.codec.DecodedMessage;
import io.github.chatwire.binary.codec.Handshake;
import io.github.chatwire.binary.codec.MessageCodec;
import io.github.chatwire.binary.codec.PacketCodecs;
import io.github.chatwire.binary.codec.PacketRegistry;
import io.github.chatwire.binary.codec.SettingRegistry;
import io.github.chatwire.binary.model.ClientAuth;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Ping;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.ServerboundPacket;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.core.time.SystemScheduler;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.ReceivedFrame;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * A fake server of the binary {@code /api/ws} protocol on a loopback {@link MockWebServer}, for
 * tests of the SDK and of applications. Each WebSocket connection to {@code /api/ws} gets a {@link
 * Session} that:
 *
 * <ul>
 *   <li>sends the hello {@code 6d 73} (or a configured wrong one),
 *   <li>checks the client's authentication message byte by byte: magic {@code b6 c4} (else close
 *       3001), the version (else close 3002), and the access key against the accepted keys (else
 *       close 3001), reading the key length byte as unsigned; then answers with a Pong,
 *   <li>answers every Ping with a Pong stamped with the scheduler's clock (several Pings of one
 *       message are answered in one message), records Settings (and echoes them if asked),
 *   <li>closes with 3003 when no Ping arrived for the ping timeout (30 s), timed on an injectable
 *       {@link Scheduler} so tests can run it in virtual time,
 *   <li>closes with 3004 when its key is revoked ({@link #revokeAccessKey(String)}).
 * </ul>
 *
 * Bad bytes after authentication are recorded as {@link Session#protocolErrors()} and the
 * connection stays up, as the SDK's conventions say.
 *
 * <p>Thread-safe. Close it after use; it shuts down only the threads it created.
 */
public final class FakeBinaryWsServer implements FakeServer {
  /** The path the server answers on. */
  public static final String PATH = "/api/ws";

  private final Scheduler scheduler;
  private final @Nullable ScheduledThreadPoolExecutor ownedScheduler;
  private final Duration pingTimeout;
  private final int acceptedVersion;
  private final byte[] hello;
  private final @Nullable String textHello;
  private final boolean echoSettings;
  private final long clockSkewMillis;
  private volatile boolean answerPings = true;
  private volatile boolean stalled;
  private final List<ReceivedFrame> frames = new CopyOnWriteArrayList<>();
  private final MessageCodec<ServerboundPacket, ClientboundPacket> codec;
  private final Set<String> acceptedKeys = ConcurrentHashMap.newKeySet();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final MockWebServer server = new MockWebServer();
  private volatile boolean started;

  private FakeBinaryWsServer(Builder b) {
    if (b.scheduler != null) {
      scheduler = b.scheduler;
      ownedScheduler = null;
    } else {
      ownedScheduler =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "fake-binary-ws-timer");
                t.setDaemon(true);
                return t;
              });
      ownedScheduler.setRemoveOnCancelPolicy(true);
      scheduler = new SystemScheduler(ownedScheduler);
    }
    pingTimeout = b.pingTimeout;
    acceptedVersion = b.acceptedVersion;
    hello = b.hello;
    textHello = b.textHello;
    echoSettings = b.echoSettings;
    clockSkewMillis = b.clockSkew.toMillis();
    PacketRegistry<ClientboundPacket> clientbound = PacketRegistry.clientbound();
    if (echoSettings) {
      clientbound = clientbound.toBuilder().register(PacketCodecs.settings(b.settings)).build();
    }
    codec = MessageCodec.server(clientbound, b.settings);
    for (String k : b.keys) {
      addAccessKey(k);
    }
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (!PATH.equals(request.getPath())) {
              return new MockResponse().setResponseCode(404);
            }
            Session s = new Session(sessions.size());
            sessions.add(s);
            return new MockResponse().withWebSocketUpgrade(s.listener);
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
   * Starts listening on a free loopback port. Idempotent.
   *
   * @return this server
   * @throws IOException if the port cannot be bound
   */
  public synchronized FakeBinaryWsServer start() throws IOException {
    if (!started) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      started = true;
    }
    return this;
  }

  /**
   * The WebSocket URL of the server, {@code ws://127.0.0.1:port/api/ws}.
   *
   * @return the URL; never null
   * @throws IllegalStateException if not started
   */
  @Override
  public String url() {
    if (!started) {
      throw new IllegalStateException("not started");
    }
    return "ws://" + server.getHostName() + ":" + server.getPort() + PATH;
  }

  /**
   * Whether Pings are answered (default true). Turning it off simulates a stalled server that still
   * holds the socket open; Pings are still counted and still reset the 3003 timer.
   *
   * @param answer false to stop answering
   */
  public void answerPings(boolean answer) {
    this.answerPings = answer;
  }

  /**
   * {@code answerPings(false)}: Pings are read and counted but not answered, until {@link
   * #resume()}.
   */
  @Override
  public void silence() {
    answerPings(false);
  }

  /**
   * Hangs the server until {@link #resume()}: frames are read and recorded but not handled (no
   * authentication answer, no Pong, no echoed Settings), and the 3003 ping timeout does not fire.
   */
  @Override
  public void stall() {
    stalled = true;
  }

  /** Ends {@link #stall()} and {@link #silence()}. */
  @Override
  public void resume() {
    stalled = false;
    answerPings(true);
  }

  /**
   * Closes every open session with 1012 (service restart), a retryable close for the client; new
   * connections are accepted.
   */
  @Override
  public void drop() {
    for (Session s : sessions) {
      s.close(1012, "dropped by the fake server");
    }
  }

  /** Every frame read on every session: binary ones, and text ones (a protocol error here). */
  @Override
  public List<ReceivedFrame> receivedFrames() {
    return new ArrayList<>(frames);
  }

  private long now() {
    return scheduler.currentTimeMillis() + clockSkewMillis;
  }

  /**
   * Accepts an access key from now on.
   *
   * @param base64 the key in any base64 flavour the SDK accepts; never null
   */
  public void addAccessKey(String base64) {
    acceptedKeys.add(normalise(AccessKeys.decode(base64)));
  }

  /**
   * Revokes an access key: it is no longer accepted, and every authenticated session that used it
   * is closed with 3004 "Access key revoked".
   *
   * @param base64 the key; never null
   * @return the number of sessions closed
   */
  public int revokeAccessKey(String base64) {
    String k = normalise(AccessKeys.decode(base64));
    acceptedKeys.remove(k);
    int n = 0;
    for (Session s : sessions) {
      if (s.usesKey(k) && s.close(3004, "Access key revoked")) {
        n++;
      }
    }
    return n;
  }

  private static String normalise(byte[] key) {
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * The sessions so far, in order of connection.
   *
   * @return a snapshot; never null
   */
  public List<Session> sessions() {
    return new ArrayList<>(sessions);
  }

  /**
   * Waits for the n-th connection (0-based) to arrive.
   *
   * @param index which connection, 0 for the first
   * @param timeout how long to wait; never null
   * @return the session
   * @throws TimeoutException if it did not arrive in time
   * @throws InterruptedException if interrupted
   */
  public Session awaitSession(int index, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sessions.size() <= index) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("no connection #" + index + " within " + timeout);
      }
      Thread.sleep(5);
    }
    return sessions.get(index);
  }

  /**
   * Stops the server, closing every session with 1001, and shuts down the timer thread it created
   * (never a user's scheduler).
   */
  @Override
  public void close() {
    for (Session s : sessions) {
      s.close(1001, "server shutting down");
    }
    try {
      server.shutdown();
    } catch (IOException ignored) {
      // best effort in tests
    }
    if (ownedScheduler != null) {
      ownedScheduler.shutdownNow();
    }
  }

  /**
   * One client connection: its handshake, what it sent, and controls to send and close. All methods
   * are thread-safe.
   */
  public final class Session {
    private final int index;
    private final Object lock = new Object();
    private final List<ServerboundPacket> received = new CopyOnWriteArrayList<>();
    private final List<BinaryProtocolException> errors = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ClientAuth> authenticated = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    // guarded by lock
    private @Nullable WebSocket socket; // null until the client's socket opens
    private @Nullable String key; // the accepted access key; null before authentication
    private boolean closing;
    private long lastPingNanos;
    private Cancellable timer = Cancellable.NONE;
    private int pings;

    private final WebSocketListener listener =
        new WebSocketListener() {
          @Override
          public void onOpen(WebSocket webSocket, Response response) {
            opened(webSocket);
          }

          @Override
          public void onMessage(WebSocket webSocket, String text) {
            frames.add(ReceivedFrame.text(index, text));
            errors.add(new BinaryProtocolException(-1, -1, "text frame from the client"));
          }

          @Override
          public void onMessage(WebSocket webSocket, ByteString bytes) {
            byte[] message = bytes.toByteArray();
            frames.add(ReceivedFrame.binary(index, message));
            if (stalled) {
              return;
            }
            binary(webSocket, message);
          }

          @Override
          public void onClosing(WebSocket webSocket, int code, String reason) {
            peerClosing(webSocket, code);
          }

          @Override
          public void onClosed(WebSocket webSocket, int code, String reason) {
            closed.complete(code);
          }

          @Override
          public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            ended();
            closed.complete(1006);
          }
        };

    Session(int index) {
      this.index = index;
    }

    /**
     * @return the 0-based number of this connection
     */
    public int index() {
      return index;
    }

    private void opened(WebSocket webSocket) {
      synchronized (lock) {
        socket = webSocket;
        lastPingNanos = scheduler.nanoTime();
        armTimer(pingTimeout.toNanos());
        if (textHello != null) {
          webSocket.send(textHello);
        } else {
          webSocket.send(ByteString.of(hello));
        }
      }
    }

    private void armTimer(long delayNanos) {
      timer = scheduler.schedule(this::checkTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkTimeout() {
      synchronized (lock) {
        if (closing) {
          return;
        }
        long silent = scheduler.nanoTime() - lastPingNanos;
        if (stalled) {
          armTimer(pingTimeout.toNanos()); // a hung server closes nothing
        } else if (silent >= pingTimeout.toNanos()) {
          close(3003, "Timeout: no ping for " + pingTimeout.toSeconds() + " s");
        } else {
          armTimer(pingTimeout.toNanos() - silent);
        }
      }
    }

    private void binary(WebSocket webSocket, byte[] message) {
      synchronized (lock) {
        if (closing) {
          return;
        }
        if (!authenticated.isDone()) {
          authenticate(webSocket, message);
          return;
        }
        DecodedMessage<ServerboundPacket> decoded = codec.decode(message);
        List<ClientboundPacket> replies = new ArrayList<>();
        for (ServerboundPacket p : decoded.packets()) {
          received.add(p);
          if (p instanceof Ping) {
            pings++;
            lastPingNanos = scheduler.nanoTime();
            if (answerPings) {
              replies.add(new Pong(now()));
            }
          } else if (p instanceof Settings && echoSettings) {
            replies.add((Settings) p);
          }
        }
        if (decoded.error() != null) {
          errors.add(decoded.error());
        }
        if (!replies.isEmpty()) {
          webSocket.send(ByteString.of(codec.encode(replies)));
        }
        lock.notifyAll();
      }
    }

    private void authenticate(WebSocket webSocket, byte[] message) {
      ClientAuth auth;
      try {
        auth = Handshake.decodeClientAuth(message);
      } catch (BinaryProtocolException e) {
        errors.add(e);
        close(3001, "Unauthorized: malformed authentication message");
        return;
      }
      if (auth.version() != acceptedVersion) {
        close(
            3002,
            "Version mismatch: client " + auth.version() + ", server accepts " + acceptedVersion);
        return;
      }
      String k = normalise(auth.key());
      if (!acceptedKeys.contains(k)) {
        close(3001, "Unauthorized: unknown access key");
        return;
      }
      key = k;
      lastPingNanos = scheduler.nanoTime();
      authenticated.complete(auth);
      webSocket.send(ByteString.of(codec.encode(new Pong(now()))));
    }

    boolean usesKey(String k) {
      synchronized (lock) {
        return k.equals(key);
      }
    }

    /**
     * Whether the client authenticated.
     *
     * @return true after a valid authentication message
     */
    public boolean isAuthenticated() {
      return authenticated.isDone();
    }

    /**
     * Waits for a valid authentication message.
     *
     * @param timeout how long; never null
     * @return the version and key the client sent
     * @throws Exception on timeout or interruption
     */
    public ClientAuth awaitAuthenticated(Duration timeout) throws Exception {
      return authenticated.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The packets received after authentication, in order.
     *
     * @return a snapshot; never null
     */
    public List<ServerboundPacket> received() {
      return new ArrayList<>(received);
    }

    /**
     * Bad input received: malformed handshake, unknown ids, truncated packets, text frames.
     *
     * @return a snapshot; never null
     */
    public List<BinaryProtocolException> protocolErrors() {
      return new ArrayList<>(errors);
    }

    /**
     * The number of Pings received.
     *
     * @return the count
     */
    public int pingCount() {
      synchronized (lock) {
        return pings;
      }
    }

    /**
     * Waits until at least {@code n} Pings have been received (and answered).
     *
     * @param n the count
     * @param timeout how long (real time); never null
     * @throws TimeoutException if fewer arrived in time
     * @throws InterruptedException if interrupted
     */
    public void awaitPings(int n, Duration timeout) throws TimeoutException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lock) {
        while (pings < n) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new TimeoutException(pings + " of " + n + " pings within " + timeout);
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      }
    }

    /**
     * Sends packets in one message (a batch).
     *
     * @param packets the packets; never null or empty; registered client-bound types
     * @return true if the socket accepted the message
     */
    public boolean send(ClientboundPacket... packets) {
      return sendRaw(codec.encode(List.of(packets)));
    }

    /**
     * Sends raw bytes as one binary message (for bad-input tests).
     *
     * @param bytes never null
     * @return true if the socket accepted the message
     */
    public boolean sendRaw(byte[] bytes) {
      synchronized (lock) {
        return socket != null && socket.send(ByteString.of(bytes));
      }
    }

    /**
     * Sends a text frame (which the protocol never uses).
     *
     * @param text never null
     * @return true if the socket accepted the message
     */
    public boolean sendText(String text) {
      synchronized (lock) {
        return socket != null && socket.send(text);
      }
    }

    /**
     * Closes the connection with a code and reason, as the server would.
     *
     * @param code a close code, e.g. 3005
     * @param reason the human-readable reason; never null
     * @return false if the session was already closing
     */
    public boolean close(int code, String reason) {
      Objects.requireNonNull(reason, "reason");
      synchronized (lock) {
        if (closing || socket == null) {
          return false;
        }
        closing = true;
        timer.cancel();
        socket.close(code, reason);
        closed.complete(code);
        lock.notifyAll();
        return true;
      }
    }

    /**
     * Whether the connection was closed by either side (or failed).
     *
     * @return true once closing started
     */
    public boolean isClosed() {
      return closed.isDone();
    }

    /**
     * Waits until the connection is closed by either side.
     *
     * @param timeout how long; never null
     * @return the close code (the server's, or the client's if it closed first)
     * @throws Exception on timeout or interruption
     */
    public int awaitClosed(Duration timeout) throws Exception {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void peerClosing(WebSocket webSocket, int code) {
      ended();
      webSocket.close(1000, null);
      closed.complete(code);
    }

    private void ended() {
      synchronized (lock) {
        closing = true;
        timer.cancel();
        lock.notifyAll();
      }
    }

    @Override
    public String toString() {
      return "Session#" + index + (isAuthenticated() ? " authenticated" : "");
    }
  }

  /** Builds a {@link FakeBinaryWsServer}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Scheduler scheduler;
    private Duration pingTimeout = Duration.ofSeconds(30);
    private int acceptedVersion = Handshake.CLIENT_VERSION;
    private byte[] hello = Handshake.serverHello();
    private @Nullable String textHello;
    private boolean echoSettings;
    private SettingRegistry settings = SettingRegistry.defaults();
    private Duration clockSkew = Duration.ZERO;
    private final List<String> keys = new ArrayList<>();

    private Builder() {}

    /**
     * The clock and timers of the ping timeout and of Pong timestamps, e.g. the test's {@link
     * io.github.chatwire.core.time.VirtualScheduler}. Default: real time on a thread of the
     * server's own.
     *
     * @param scheduler never null
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * How long a client may send no Ping before the server closes with 3003. Default 30 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder pingTimeout(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("pingTimeout must be positive");
      }
      this.pingTimeout = timeout;
      return this;
    }

    /**
     * The client version accepted; others are closed with 3002. Default 0.
     *
     * @param version the version byte
     * @return this builder
     */
    public Builder acceptedVersion(int version) {
      this.acceptedVersion = version;
      return this;
    }

    /**
     * Accepts an access key.
     *
     * @param base64 the key as base64; never null
     * @return this builder
     */
    public Builder accessKey(String base64) {
      keys.add(Objects.requireNonNull(base64, "base64"));
      return this;
    }

    /**
     * Sends this instead of {@code 6d 73} as the hello (to test clients against a wrong magic).
     *
     * @param hello never null
     * @return this builder
     */
    public Builder hello(byte[] hello) {
      this.hello = hello.clone();
      return this;
    }

    /**
     * Sends the hello as a text frame with this content (to test clients against it).
     *
     * @param text never null
     * @return this builder
     */
    public Builder textHello(String text) {
      this.textHello = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * The settings the server understands. Default none.
     *
     * @param settings never null
     * @return this builder
     */
    public Builder settings(SettingRegistry settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * How far the server's clock in Pongs is ahead of the scheduler's (negative: behind), to test
     * clock-offset estimates. Default zero.
     *
     * @param skew never null
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /**
     * Whether received Settings packets are sent back (as client-bound {@code 0x01}), an extension
     * the spec does not define. Default false.
     *
     * @param echo true to echo
     * @return this builder
     */
    public Builder echoSettings(boolean echo) {
      this.echoSettings = echo;
      return this;
    }

    /**
     * Builds the server (not started).
     *
     * @return the server
     */
    public FakeBinaryWsServer build() {
      return new FakeBinaryWsServer(this);
    }
  }
}

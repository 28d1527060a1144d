package io.github.chatwire.tauri;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.Subscription;
import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.event.EventSubscriptions;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.tauri.codec.TauriFraming;
import io.github.chatwire.tauri.internal.KwikQuicTransport;
import io.github.chatwire.tauri.internal.TauriProtocolHandler;
import io.github.chatwire.tauri.model.TauriMessage;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A push-notification client for Omega's Tauri channel: JSON messages over QUIC (kwik) with a
 * client certificate, default UDP port {@value #DEFAULT_PORT}.
 *
 * <p><b>Unverified:</b> no public server implements this channel; the client follows the Tauri
 * spec, and what the spec leaves open (ALPN, framing, {@code last_ping} semantics) is configurable.
 *
 * <p>Life cycle: {@link #connect()} opens the QUIC connection, sends {@code tauri_identification
 * {user_id}} and becomes READY only when the server answers {@code success}. Every {@code ping} is
 * answered at once with a {@code pong}, and QUIC PINGs keep the connection alive below the
 * negotiated QUIC idle timeout ({@link Builder#quicKeepAlive}). A watchdog (the {@link
 * ConnectionOptions#idleTimeout()}, default {@value #DEFAULT_WATCHDOG_SECONDS} s) reconnects when
 * the server goes silent; idle timeouts, lost connections and server closes reconnect with backoff.
 * A rejected client certificate, an untrusted server certificate or a refused ALPN end the client
 * for good (CLOSED with {@link ClientCertificateRejectedException}, {@link TauriTlsException} or
 * {@link io.github.chatwire.core.IncompatibleProtocolException}).
 *
 * <p>QUIC application error codes the client closes with (the Tauri spec defines none):
 *
 * <table>
 * <caption>Client close codes</caption>
 * <tr><th>code</th><th>when</th></tr>
 * <tr><td>0 (no error)</td><td>{@link #close()}, and ends the engine calls normal</td></tr>
 * <tr><td>{@link #CLOSE_MESSAGE_TOO_LARGE} (0x1009)</td><td>an inbound message above
 *     {@link Builder#maxMessageBytes(int)}; the failure is a {@link TauriMessageTooLargeException}</td></tr>
 * <tr><td>{@link #CLOSE_BAD_FRAME} (0x1002)</td><td>a frame that cannot be decoded (broken length
 *     prefix, invalid UTF-8)</td></tr>
 * <tr><td>1001</td><td>the engine gives up on the connection (watchdog, handshake timeout)</td></tr>
 * </table>
 *
 * The failure reported to listeners names the code that was actually sent.
 *
 * <p>Threads: the blocking QUIC work (DNS, handshake, stream reads and writes) runs on two daemon
 * threads per connection owned by the transport, never on the caller's thread or a listener's.
 * Listener callbacks run on the runtime's callback executor, in order. All methods are thread-safe
 * and return at once.
 *
 * <p>Known kwik 0.10.9 issue: do not run with Java assertions enabled for {@code tech.kwik} ({@code
 * -ea} without {@code -da:tech.kwik...}); an {@code assert} in kwik's loss detector can fail
 * spuriously and kill kwik's receiver thread, after which the connection only recovers through the
 * handshake timeout or watchdog.
 */
public final class TauriPushClient implements AutoCloseable {
  /** Omega's Tauri port. */
  public static final int DEFAULT_PORT = 9189;

  /** Default watchdog: seconds without any message from the server before reconnecting. */
  public static final int DEFAULT_WATCHDOG_SECONDS = 90;

  /**
   * QUIC application error code {@code 0x1009} with which the client closes the connection after an
   * inbound message above {@link Builder#maxMessageBytes(int)} (then it reconnects). The value is
   * WebSocket's "message too big" (1009) read as hexadecimal, so it cannot be taken for 0 (no
   * error) or for a code a server defines.
   */
  public static final long CLOSE_MESSAGE_TOO_LARGE = 0x1009;

  /**
   * QUIC application error code {@code 0x1002} with which the client closes the connection after a
   * frame it cannot decode (a broken length prefix, invalid UTF-8): the stream is out of sync.
   * WebSocket's "protocol error" (1002) read as hexadecimal.
   */
  public static final long CLOSE_BAD_FRAME = 0x1002;

  /** Default share of the negotiated QUIC idle timeout after which a keep-alive PING is sent. */
  public static final double DEFAULT_QUIC_KEEP_ALIVE_FRACTION = 0.3;

  private final ManagedConnection connection;
  private final CopyOnWriteArrayList<TauriPushListener> listeners = new CopyOnWriteArrayList<>();
  private final EventSubscriptions<TauriMessage> subscriptions = new EventSubscriptions<>();

  private TauriPushClient(Builder b) {
    if (b.listener != null) {
      listeners.add(b.listener);
    }
    Transport transport = b.transport;
    if (transport == null) {
      transport =
          new KwikQuicTransport(
              new KwikQuicTransport.Config(
                  Objects.requireNonNull(b.host), // build() checked host and alpn
                  b.port,
                  Objects.requireNonNull(b.alpn),
                  b.framing,
                  b.maxMessageBytes,
                  b.identity,
                  b.trust,
                  b.connectTimeout,
                  b.quicIdleTimeout,
                  b.outboundFrames,
                  b.quicKeepAlive ? b.quicKeepAliveFraction : 0));
    }
    TauriProtocolHandler handler =
        new TauriProtocolHandler(
            Objects.requireNonNull(b.userId),
            b.pongValue,
            listeners,
            b.authCloseCodes,
            subscriptions);
    // The instance tag in every log line: protocol and user id (not a secret: mTLS authenticates).
    String name = b.options.name();
    ConnectionOptions options =
        name.equals("tauri") || name.equals("connection")
            ? b.options.toBuilder().name("tauri:" + b.userId).build()
            : b.options;
    ManagedConnection.Builder mb = ManagedConnection.builder(transport, handler).options(options);
    if (b.runtime != null) {
      mb.runtime(b.runtime);
    }
    connection = mb.build();
    connection.addListener(
        new ConnectionListener() {
          @Override
          public void onStateChange(StateChange change) {
            for (TauriPushListener l : listeners) {
              TauriProtocolHandler.call(l, "state change", x -> x.onStateChange(change));
            }
          }

          @Override
          public void onError(ChatwireException error) {
            for (TauriPushListener l : listeners) {
              TauriProtocolHandler.call(l, "error", x -> x.onError(error));
            }
          }
        });
  }

  /**
   * The tag on every log line of this client's connection: "tauri:USER_ID" (unless the connection
   * options name it) and the server's address. Thread-safe.
   *
   * @return the tag; never null
   */
  public String logTag() {
    return connection.logTag();
  }

  /**
   * Starts building a client.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects (and reconnects as needed) until {@link #close()} or a terminal cause.
   *
   * @return a future completed when the server first accepted the identification, or failed with
   *     the terminal cause (for example {@link ClientCertificateRejectedException}); completed on
   *     the callback executor
   */
  public CompletableFuture<Void> connect() {
    return connection.connect();
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener; never null
   * @return a handle that removes it
   */
  public Subscription addListener(TauriPushListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Subscribes to every message from the server of one type ({@link TauriMessage.PushNotification},
   * {@link TauriMessage.ReadNotification}, {@link TauriMessage.Ping}, {@link TauriMessage.Success},
   * {@link TauriMessage.Unknown}, or {@link TauriMessage} for all).
   *
   * @param type the message class; never null
   * @param handler called on the callback executor, after the listeners for the same message; a
   *     handler that throws is logged; never null
   * @param <T> the message type
   * @return a handle whose {@code close()} ends the subscription
   * @throws NullPointerException if an argument is null
   */
  public <T extends TauriMessage> Subscription on(Class<T> type, Consumer<? super T> handler) {
    return subscriptions.on(type, handler);
  }

  /**
   * The connection engine underneath (state, options, listeners of its own).
   *
   * @return the connection; never null
   */
  public ManagedConnection connection() {
    return connection;
  }

  /**
   * The connection state.
   *
   * @return the state; never null
   */
  public ConnectionState state() {
    return connection.state();
  }

  /**
   * Closes the client for good: the QUIC connection is closed and its threads end. Returns at once;
   * idempotent.
   */
  @Override
  public void close() {
    connection.close();
  }

  /**
   * A future completed once the client is closed and its transport released.
   *
   * @return the future; never failed
   */
  public CompletableFuture<Void> closeFuture() {
    return connection.closeFuture();
  }

  /**
   * Builds a {@link TauriPushClient}. Not thread-safe. Required: {@link #host}, {@link #userId} and
   * {@link #alpn}.
   */
  public static final class Builder {
    private @Nullable String host;
    private int port = DEFAULT_PORT;
    private @Nullable String userId;
    private @Nullable String alpn;
    private TauriFraming framing = TauriFraming.DEFAULT;
    private @Nullable TauriClientIdentity identity;
    private TauriTrust trust = TauriTrust.system();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration quicIdleTimeout = Duration.ofSeconds(60);
    private boolean quicKeepAlive = true;
    private double quicKeepAliveFraction = DEFAULT_QUIC_KEEP_ALIVE_FRACTION;
    private int maxMessageBytes = 64 * 1024;
    private int outboundFrames = 256;
    private LongUnaryOperator pongValue = v -> v;
    private final Set<Integer> authCloseCodes = new HashSet<>();
    private ConnectionOptions options =
        ConnectionOptions.builder()
            .name("tauri")
            .idleTimeout(Duration.ofSeconds(DEFAULT_WATCHDOG_SECONDS))
            .handshakeTimeout(Duration.ofSeconds(30))
            .build();
    private @Nullable ChatwireRuntime runtime;
    private @Nullable TauriPushListener listener;
    private @Nullable Transport transport;

    private Builder() {}

    /**
     * The Omega host name. It is checked against the server certificate's DNS names (connect by
     * name, not by IP literal).
     *
     * @param host never null
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The UDP port. Default {@value TauriPushClient#DEFAULT_PORT}.
     *
     * @param port 1..65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The user whose notifications this device receives (sent in {@code tauri_identification}).
     *
     * @param userId never null
     * @return this builder
     */
    public Builder userId(String userId) {
      this.userId = Objects.requireNonNull(userId, "userId");
      return this;
    }

    /**
     * The ALPN protocol to offer. Required: the spec does not name one, and the QUIC stack cannot
     * connect without. A server without an ALPN list accepts any value.
     *
     * @param alpn non-empty
     * @return this builder
     */
    public Builder alpn(String alpn) {
      if (alpn == null || alpn.trim().isEmpty()) {
        throw new IllegalArgumentException("alpn must not be empty");
      }
      this.alpn = alpn;
      return this;
    }

    /**
     * How messages are delimited on the stream. Default {@link TauriFraming#DEFAULT}
     * (newline-delimited JSON).
     *
     * @param framing never null
     * @return this builder
     */
    public Builder framing(TauriFraming framing) {
      this.framing = Objects.requireNonNull(framing, "framing");
      return this;
    }

    /**
     * The client certificate and key (Omega authenticates devices by client certificate). Default
     * none, which a real Omega refuses.
     *
     * @param identity may be null for none
     * @return this builder
     */
    public Builder clientIdentity(TauriClientIdentity identity) {
      this.identity = identity;
      return this;
    }

    /**
     * Which server certificates to trust. Default {@link TauriTrust#system()}, with host name
     * verification.
     *
     * @param trust never null
     * @return this builder
     */
    public Builder trust(TauriTrust trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /**
     * The QUIC handshake timeout. Default 10 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout);
      return this;
    }

    /**
     * The QUIC idle timeout (the effective one is the smaller of client's and server's). Default 60
     * s.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder quicIdleTimeout(Duration timeout) {
      this.quicIdleTimeout = positive(timeout);
      return this;
    }

    /**
     * Whether the client sends QUIC PING frames to keep the connection alive: whenever it has sent
     * nothing for {@link #quicKeepAliveFraction(double)} of the negotiated idle timeout (the
     * smaller of {@link #quicIdleTimeout(Duration)} and the server's). Default on: many servers
     * (quic-go, quinn) default to a 30 s idle timeout, and a server pinging every 30 s or more
     * would otherwise drop the connection again and again. The PINGs are sent from the transport's
     * writer thread; they cost one small packet each.
     *
     * <p>kwik's PING is reached through its {@code tech.kwik.core.impl} package; on the Java module
     * path, where kwik does not export it, the client logs a warning once and sends no keep-alives
     * (unless {@code --add-exports tech.kwik.core/tech.kwik.core.impl=ALL-UNNAMED}).
     *
     * @param enabled false to send none
     * @return this builder
     */
    public Builder quicKeepAlive(boolean enabled) {
      this.quicKeepAlive = enabled;
      return this;
    }

    /**
     * The share of the negotiated QUIC idle timeout after which, with nothing sent, the client
     * sends a PING. Default {@value TauriPushClient#DEFAULT_QUIC_KEEP_ALIVE_FRACTION} (two chances
     * per idle period, so one lost PING does not end the connection).
     *
     * @param fraction greater than 0 and less than 1
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder quicKeepAliveFraction(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException(
            "quicKeepAliveFraction must be > 0 and < 1: " + fraction);
      }
      this.quicKeepAliveFraction = fraction;
      return this;
    }

    /**
     * The largest inbound message accepted; a larger one ends the connection with {@link
     * TauriPushClient#CLOSE_MESSAGE_TOO_LARGE} and a {@link TauriMessageTooLargeException} (and it
     * reconnects). Default 64 KiB.
     *
     * @param bytes positive
     * @return this builder
     */
    public Builder maxMessageBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxMessageBytes must be positive");
      }
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * What the {@code pong} carries as {@code last_ping}, given the ping's value. The spec does not
     * define it; default: the ping's value echoed.
     *
     * @param pongValue never null; called on an SDK thread, must not block
     * @return this builder
     */
    public Builder pongValue(LongUnaryOperator pongValue) {
      this.pongValue = Objects.requireNonNull(pongValue, "pongValue");
      return this;
    }

    /**
     * QUIC application close codes with which the server says "not authorised"; a close with one of
     * them ends the client with an {@link io.github.chatwire.core.AuthenticationException} instead
     * of reconnecting. The spec defines none; default none.
     *
     * @param codes the codes
     * @return this builder
     */
    public Builder authenticationCloseCodes(int... codes) {
      authCloseCodes.clear();
      for (int c : codes) {
        authCloseCodes.add(c);
      }
      return this;
    }

    /**
     * The engine settings: reconnect policy, handshake timeout, watchdog ({@link
     * ConnectionOptions#idleTimeout()}). Default: name "tauri", watchdog {@value
     * TauriPushClient#DEFAULT_WATCHDOG_SECONDS} s, handshake timeout 30 s, the engine's default
     * backoff. The server pings; {@code pingInterval} is not used.
     *
     * @param options never null
     * @return this builder
     */
    public Builder options(ConnectionOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The former name of {@link #options(ConnectionOptions)}.
     *
     * @param options never null
     * @return this builder
     * @deprecated use {@link #options(ConnectionOptions)}, the name every chatwire builder uses
     */
    @Deprecated
    public Builder connectionOptions(ConnectionOptions options) {
      return options(options);
    }

    /**
     * The runtime (scheduler, callback executor). Default: the shared runtime, released on close.
     *
     * @param runtime never null; not closed by the client
     * @return this builder
     */
    public Builder runtime(ChatwireRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * A first listener, registered before anything can happen.
     *
     * @param listener may be null
     * @return this builder
     */
    public Builder listener(TauriPushListener listener) {
      this.listener = listener;
      return this;
    }

    /** Replaces the QUIC transport (tests). */
    Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    /**
     * Builds the client (nothing happens until {@link TauriPushClient#connect()}). Without an
     * explicit runtime the client holds a reference to the shared runtime from here on: always
     * {@link TauriPushClient#close()} it, even if it was never connected.
     *
     * @return the client
     * @throws IllegalStateException if host, userId or alpn is missing
     */
    public TauriPushClient build() {
      if (userId == null) {
        throw new IllegalStateException("userId is required");
      }
      if (transport == null && (host == null || alpn == null)) {
        throw new IllegalStateException("host and alpn are required");
      }
      return new TauriPushClient(this);
    }

    private static Duration positive(Duration d) {
      Objects.requireNonNull(d, "duration");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("duration must be positive");
      }
      return d;
    }
  }
}

package io.github.chatwire.binary;

import io.github.chatwire.binary.codec.AccessKeys;
import io.github.chatwire.binary.codec.Handshake;
import io.github.chatwire.binary.codec.MessageCodec;
import io.github.chatwire.binary.codec.PacketRegistry;
import io.github.chatwire.binary.codec.SettingRegistry;
import io.github.chatwire.binary.internal.BinaryProtocolHandler;
import io.github.chatwire.binary.model.ClientAuth;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Ping;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.ServerboundPacket;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.Subscription;
import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.event.EventSubscriptions;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.WebSocketTransport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the binary {@code /api/ws} protocol: authenticates with an access key, keeps the
 * connection alive with Pings, reconnects after retryable closes and reports Pongs, packets and
 * errors to {@link BinaryWsListener}s.
 *
 * <pre>{@code
 * BinaryWsClient client = BinaryWsClient.builder()
 *         .url("wss://example.org/api/ws")
 *         .accessKey(Secret.of(base64Key))
 *         .listener(new BinaryWsListener() {
 *             public void onPong(PongEvent p) { ... }
 *         })
 *         .build();
 * client.connect().join();
 * }</pre>
 *
 * <p>The connection is READY when the first Pong after the authentication message arrives. Closes
 * by the server map to typed causes: 3001 {@link UnauthorizedException}, 3002 {@link
 * VersionMismatchException} and 3004 {@link AccessKeyRevokedException} are terminal; 3003 {@link
 * PingTimeoutException}, 3005 {@link BinaryWsServerException} and others ({@link
 * ServerClosedException}) reconnect with backoff. A wrong server hello or a text frame during the
 * handshake fails with {@link HandshakeException}.
 *
 * <p>Thread-safe; all methods are non-blocking. Listener callbacks run on the runtime's callback
 * executor, in order. The access key never appears in logs, {@code toString()} or exceptions.
 */
public final class BinaryWsClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BinaryWsClient.class);

  /** The default interval of Pings: half the server's 30 s limit. */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

  /** The default time to get from opening the socket to the first Pong. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  /** The server's limit between two Pings. */
  public static final Duration SERVER_PING_LIMIT = Duration.ofSeconds(30);

  private final ManagedConnection connection;
  private final BinaryProtocolHandler handler;
  private final int maxKeyLength;
  private final MessageCodec<ClientboundPacket, ServerboundPacket> codec;
  private final CopyOnWriteArrayList<BinaryWsListener> listeners = new CopyOnWriteArrayList<>();
  private final EventSubscriptions<ClientboundPacket> subscriptions = new EventSubscriptions<>();
  private @Nullable volatile PongEvent lastPong;

  private BinaryWsClient(Builder b, byte[] authMessage, ConnectionOptions options) {
    this.codec = MessageCodec.client(b.clientbound, b.settings);
    if (b.listener != null) {
      listeners.add(b.listener);
    }
    this.maxKeyLength = b.maxKeyLength();
    this.handler =
        new BinaryProtocolHandler(
            authMessage,
            codec,
            Closes::classify,
            new BinaryProtocolHandler.Sink() {
              @Override
              public void pong(ProtocolContext ctx, PongEvent pong) {
                lastPong = pong;
                Pong packet = new Pong(pong.serverTimeMillis());
                ctx.emit(
                    () -> {
                      for (BinaryWsListener l : listeners) {
                        safely(() -> l.onEvent(packet));
                        safely(() -> l.onPong(pong));
                      }
                      subscriptions.publish(packet);
                    });
              }

              @Override
              public void packet(ProtocolContext ctx, ClientboundPacket packet) {
                ctx.emit(
                    () -> {
                      for (BinaryWsListener l : listeners) {
                        safely(() -> l.onEvent(packet));
                      }
                      subscriptions.publish(packet);
                    });
              }
            });
    Transport transport =
        b.transport != null
            ? b.transport
            : WebSocketTransport.builder(
                    Objects.requireNonNull(b.url)) // build() checked: one is set
                .maxInboundMessageBytes(b.maxInboundMessageBytes)
                .build();
    ManagedConnection.Builder cb = ManagedConnection.builder(transport, handler).options(options);
    if (b.runtime != null) {
      cb.runtime(b.runtime);
    }
    this.connection = cb.build();
    connection.addListener(
        new ConnectionListener() {
          @Override
          public void onStateChange(StateChange change) {
            for (BinaryWsListener l : listeners) {
              safely(() -> l.onStateChange(change));
            }
          }

          @Override
          public void onError(ChatwireException error) {
            for (BinaryWsListener l : listeners) {
              safely(() -> l.onError(error));
            }
          }
        });
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.error("a BinaryWsListener failed", e);
    }
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
   * Starts connecting (and reconnecting as needed) until {@link #close()} or a terminal cause.
   * Calling it again returns an equivalent future. The first connection gives up after the options'
   * {@code initialConnectAttempts} (3) or {@code initialConnectTimeout} (30 s); once READY, the
   * client reconnects as the reconnect policy says (by default forever).
   *
   * @return a future completed on the callback executor when the connection first becomes READY, or
   *     failed with the terminal cause (e.g. {@link UnauthorizedException}, {@link
   *     HandshakeException}, or {@link io.github.chatwire.core.ConnectionClosedException} when the
   *     first connection's limits are reached or the client was closed)
   */
  public CompletableFuture<Void> connect() {
    return connection.connect();
  }

  /**
   * Sends a Settings packet; queued while not READY.
   *
   * @param settings the settings; never null; every key registered in the builder's {@link
   *     Builder#settings(SettingRegistry)}
   * @return a future completed when the transport accepted the message (not yet proof that the
   *     server read it: see {@link #sendConfirmed(List)}; if the connection is lost before a Pong
   *     confirmed it, listeners get a {@link io.github.chatwire.core.DeliveryUnknownException}
   *     error event), or failed with {@link io.github.chatwire.core.MessageTooLargeException} (at
   *     once, not retryable), {@link io.github.chatwire.core.QueueFullException}, {@link
   *     io.github.chatwire.core.SendTimeoutException} or {@link
   *     io.github.chatwire.core.ConnectionClosedException}
   * @throws IllegalArgumentException if a setting is not registered or its value cannot be encoded
   */
  public CompletableFuture<Void> sendSettings(Settings settings) {
    return send(List.of(Objects.requireNonNull(settings, "settings")));
  }

  /**
   * Sends several packets in one WebSocket message, in order; queued while not READY. Pings are the
   * client's own business and are refused here.
   *
   * @param packets the packets; never null or empty, each registered server-bound
   * @return a future as for {@link #sendSettings(Settings)}
   * @throws IllegalArgumentException if a packet is a Ping, is not registered, or cannot be encoded
   */
  public CompletableFuture<Void> send(List<? extends ServerboundPacket> packets) {
    return connection.send(encode(packets));
  }

  /**
   * Sends several packets in one WebSocket message like {@link #send(List)}, but completes the
   * future only when the server has provably read them: the client sends a Ping right after them,
   * and the server answers Pings in order, so its Pong proves it read everything before.
   *
   * @param packets the packets; never null or empty, each registered server-bound
   * @return a future completed on the callback executor when the server's Pong confirmed the
   *     message; failed as for {@link #sendSettings(Settings)}, or with {@link
   *     io.github.chatwire.core.DeliveryUnknownException} (not retryable: it may have arrived) if
   *     the connection is lost after the message went out and before the Pong
   * @throws IllegalArgumentException if a packet is a Ping, is not registered, or cannot be encoded
   */
  public CompletableFuture<Void> sendConfirmed(List<? extends ServerboundPacket> packets) {
    return connection.sendConfirmed(encode(packets));
  }

  private Outbound encode(List<? extends ServerboundPacket> packets) {
    Objects.requireNonNull(packets, "packets");
    for (ServerboundPacket p : packets) {
      if (p instanceof Ping) {
        throw new IllegalArgumentException("Pings are sent by the client on its ping interval");
      }
    }
    byte[] bytes = codec.encode(packets);
    return Outbound.binary(bytes, packets.get(0).getClass().getSimpleName());
  }

  /**
   * Replaces the access key for every later handshake (the current connection, if any, stays as it
   * is). Use it when the application rotates its key; after a terminal close (for example a revoked
   * key) build a new client instead.
   *
   * @param accessKey the new key as base64; never null
   * @throws IllegalArgumentException if it is not base64 or too long for the key length byte (the
   *     key is never shown)
   */
  public void updateAccessKey(Secret accessKey) {
    handler.authMessage(encodeAuth(accessKey, maxKeyLength));
  }

  static byte[] encodeAuth(Secret accessKey, int maxKeyLength) {
    Objects.requireNonNull(accessKey, "accessKey");
    byte[] key = AccessKeys.decode(accessKey.reveal());
    try {
      return Handshake.encodeClientAuth(
          new ClientAuth(Handshake.CLIENT_VERSION, key), maxKeyLength);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Registers a listener.
   *
   * @param listener the listener; never null
   * @return a handle that removes it
   */
  public Subscription addListener(BinaryWsListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Subscribes to every received packet of one type (subclasses included), for example {@code
   * client.on(Pong.class, p -> ...)}. For the Pong's round-trip time use {@link
   * BinaryWsListener#onPong(PongEvent)} or {@link #lastPong()}.
   *
   * <p>The handler runs on the runtime's callback executor, in packet order, after the listeners
   * for the same packet; a handler that throws is logged and the others still run.
   *
   * @param type the packet class; never null
   * @param handler called with each matching packet; never null
   * @param <T> the packet type
   * @return a handle whose {@code close()} ends the subscription; idempotent
   * @throws NullPointerException if an argument is null
   */
  public <T extends ClientboundPacket> Subscription on(Class<T> type, Consumer<? super T> handler) {
    return subscriptions.on(type, handler);
  }

  /**
   * The current state.
   *
   * @return the state; never null
   */
  public ConnectionState state() {
    return connection.state();
  }

  /**
   * The latest Pong of any connection attempt.
   *
   * @return the event, or null if none has arrived yet
   */
  public @Nullable PongEvent lastPong() {
    return lastPong;
  }

  /**
   * The engine connection underneath, for its options and advanced use.
   *
   * @return the connection; never null
   */
  public ManagedConnection connection() {
    return connection;
  }

  /**
   * Closes the client for good; queued sends fail with {@link
   * io.github.chatwire.core.ConnectionClosedException}. Returns at once; idempotent.
   */
  @Override
  public void close() {
    connection.close();
  }

  /**
   * A future completed when the client is closed and its resources are released.
   *
   * @return the future; never failed
   */
  public CompletableFuture<Void> closeFuture() {
    return connection.closeFuture();
  }

  @Override
  public String toString() {
    return "BinaryWsClient[" + connection.options().name() + ", " + state() + "]";
  }

  /** Builds a {@link BinaryWsClient}: validated, immutable options. Not thread-safe. */
  public static final class Builder {
    private @Nullable String url;
    private @Nullable Transport transport;
    private @Nullable Secret accessKey;
    private @Nullable BinaryWsListener listener;
    private @Nullable ChatwireRuntime runtime;
    private @Nullable ConnectionOptions options;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private @Nullable Duration idleTimeout;
    private boolean unsignedKeyLength;
    private SettingRegistry settings = SettingRegistry.defaults();
    private PacketRegistry<ClientboundPacket> clientbound = PacketRegistry.clientbound();
    private long maxInboundMessageBytes = 1 << 20;

    private Builder() {}

    /**
     * The WebSocket URL, e.g. {@code wss://host/api/ws}. Either this or {@link #transport}.
     *
     * @param url never null
     * @return this builder
     */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * A transport of your own instead of {@link #url(String)}.
     *
     * @param transport never null
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The access key as base64 (standard or URL-safe, padded or not). Required.
     *
     * @param accessKey never null
     * @return this builder
     */
    public Builder accessKey(Secret accessKey) {
      this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
      return this;
    }

    /**
     * A first listener, registered before anything can happen.
     *
     * @param listener never null
     * @return this builder
     */
    public Builder listener(BinaryWsListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The runtime (threads, timers, HTTP client). Default: the shared runtime.
     *
     * @param runtime never null
     * @return this builder
     */
    public Builder runtime(ChatwireRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * Engine options (reconnect policy, queue bounds, name). The ping interval, handshake timeout
     * and idle timeout set on this builder replace theirs.
     *
     * @param options never null
     * @return this builder
     */
    public Builder options(ConnectionOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The interval between Pings, timed from the last Ping, starting after authentication. Must
     * stay under the server's 30 s limit. Zero turns Pings off (the server will close with 3003).
     * Default 15 s.
     *
     * @param interval zero, or positive and less than 30 s
     * @return this builder
     */
    public Builder pingInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.compareTo(SERVER_PING_LIMIT) >= 0) {
        throw new IllegalArgumentException("pingInterval must be zero (off) or under 30 s");
      }
      this.pingInterval = interval;
      return this;
    }

    /**
     * The time from the start of an attempt to the first Pong; the attempt fails and is retried
     * after it. Default 10 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder handshakeTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("handshakeTimeout must be positive");
      }
      this.handshakeTimeout = timeout;
      return this;
    }

    /**
     * How long a READY connection may receive nothing before it is declared dead and reconnected.
     * Default three ping intervals (off if pings are off).
     *
     * @param timeout zero (off) or positive
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("idleTimeout must not be negative");
      }
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * Whether keys of 128..255 bytes may be sent, with the length byte read as unsigned. The spec's
     * numbers are signed, so by default keys are limited to 127 bytes. Use only if the server is
     * known to read the length unsigned.
     *
     * @param allow true to allow up to 255 bytes
     * @return this builder
     */
    public Builder allowUnsignedKeyLength(boolean allow) {
      this.unsignedKeyLength = allow;
      return this;
    }

    /**
     * The settings that {@link #sendSettings(Settings)} may carry. Default none (the spec defines
     * none yet).
     *
     * @param settings never null
     * @return this builder
     */
    public Builder settings(SettingRegistry settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The client-bound packets understood. Default {@link PacketRegistry#clientbound()} (Pong); it
     * must keep Pong at id 0x00.
     *
     * @param registry never null
     * @return this builder
     */
    public Builder clientboundPackets(PacketRegistry<ClientboundPacket> registry) {
      Objects.requireNonNull(registry, "registry");
      if (registry.codec(0x00) == null
          || registry.codec(0x00).type() != io.github.chatwire.binary.model.Pong.class) {
        throw new IllegalArgumentException("the client-bound registry must map 0x00 to Pong");
      }
      this.clientbound = registry;
      return this;
    }

    /**
     * The largest inbound message accepted when the client makes its own transport from {@link
     * #url(String)}; larger ones close the connection. Default 1 MiB.
     *
     * @param bytes positive
     * @return this builder
     */
    public Builder maxInboundMessageBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxInboundMessageBytes must be positive");
      }
      this.maxInboundMessageBytes = bytes;
      return this;
    }

    int maxKeyLength() {
      return unsignedKeyLength
          ? Handshake.MAX_KEY_LENGTH_UNSIGNED
          : Handshake.MAX_KEY_LENGTH_SIGNED;
    }

    /**
     * Builds the client in state NEW. The access key is decoded and checked here. Without an
     * explicit {@link #runtime(ChatwireRuntime)} the client holds a share of the shared runtime
     * from now on, so {@link BinaryWsClient#close()} it even if it never connected.
     *
     * @return the client
     * @throws IllegalStateException if the URL/transport or access key is missing
     * @throws IllegalArgumentException if the access key is not base64 or too long for the key
     *     length byte (the message says which limit; the key is never shown)
     */
    public BinaryWsClient build() {
      if ((url == null) == (transport == null)) {
        throw new IllegalStateException("set exactly one of url and transport");
      }
      if (accessKey == null) {
        throw new IllegalStateException("accessKey is required");
      }
      byte[] auth = encodeAuth(accessKey, maxKeyLength());
      ConnectionOptions base =
          options != null ? options : ConnectionOptions.builder().name("binary-ws").build();
      Duration idle = idleTimeout != null ? idleTimeout : pingInterval.multipliedBy(3);
      ConnectionOptions effective =
          base.toBuilder()
              .pingInterval(pingInterval)
              .handshakeTimeout(handshakeTimeout)
              .idleTimeout(idle)
              .build();
      return new BinaryWsClient(this, auth, effective);
    }
  }
}

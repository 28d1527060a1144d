package io.github.chatwire.core.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The engine's settings for one connection: reconnects, timeouts, liveness and bounds. Protocol
 * clients pick defaults that fit their protocol; users may override them. Immutable and
 * thread-safe.
 */
public final class ConnectionOptions {
  /** The default {@link Builder#maxOutboundMessageBytes(long)}: 8 MiB. */
  public static final long DEFAULT_MAX_OUTBOUND_MESSAGE_BYTES = 8L * 1024 * 1024;

  /** The default {@link Builder#maxQueuedCallbacks(int)}: 8192. */
  public static final int DEFAULT_MAX_QUEUED_CALLBACKS = 8192;

  /** The default {@link Builder#maxQueuedCallbackBytes(long)}: 16 MiB. */
  public static final long DEFAULT_MAX_QUEUED_CALLBACK_BYTES = 16L * 1024 * 1024;

  private final String name;
  private final ReconnectPolicy reconnectPolicy;
  private final Duration handshakeTimeout;
  private final Duration pingInterval;
  private final Duration idleTimeout;
  private final Duration requestTimeout;
  private final int maxPendingRequests;
  private final int outboundQueueCapacity;
  private final Duration outboundQueueMaxWait;
  private final OutboundThrottle throttle;
  private final DoubleSupplier random;
  private final long maxOutboundMessageBytes;
  private final int maxQueuedCallbacks;
  private final long maxQueuedCallbackBytes;
  private final int initialConnectAttempts;
  private final Duration initialConnectTimeout;
  private final int maxUnconfirmedSends;

  private ConnectionOptions(Builder b) {
    this.name = b.name;
    this.reconnectPolicy = b.reconnectPolicy;
    this.handshakeTimeout = b.handshakeTimeout;
    this.pingInterval = b.pingInterval;
    this.idleTimeout = b.idleTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxPendingRequests = b.maxPendingRequests;
    this.outboundQueueCapacity = b.outboundQueueCapacity;
    this.outboundQueueMaxWait = b.outboundQueueMaxWait;
    this.throttle = b.throttle;
    this.random = b.random;
    this.maxOutboundMessageBytes = b.maxOutboundMessageBytes;
    this.maxQueuedCallbacks = b.maxQueuedCallbacks;
    this.maxQueuedCallbackBytes = b.maxQueuedCallbackBytes;
    this.initialConnectAttempts = b.initialConnectAttempts;
    this.initialConnectTimeout = b.initialConnectTimeout;
    this.maxUnconfirmedSends = b.maxUnconfirmedSends;
  }

  /**
   * Starts building options from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options, to change some of them.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.reconnectPolicy = reconnectPolicy;
    b.handshakeTimeout = handshakeTimeout;
    b.pingInterval = pingInterval;
    b.idleTimeout = idleTimeout;
    b.requestTimeout = requestTimeout;
    b.maxPendingRequests = maxPendingRequests;
    b.outboundQueueCapacity = outboundQueueCapacity;
    b.outboundQueueMaxWait = outboundQueueMaxWait;
    b.throttle = throttle;
    b.random = random;
    b.maxOutboundMessageBytes = maxOutboundMessageBytes;
    b.maxQueuedCallbacks = maxQueuedCallbacks;
    b.maxQueuedCallbackBytes = maxQueuedCallbackBytes;
    b.initialConnectAttempts = initialConnectAttempts;
    b.initialConnectTimeout = initialConnectTimeout;
    b.maxUnconfirmedSends = maxUnconfirmedSends;
    return b;
  }

  /**
   * @return the connection's name in logs; never null
   */
  public String name() {
    return name;
  }

  /**
   * @return the reconnect policy; never null
   */
  public ReconnectPolicy reconnectPolicy() {
    return reconnectPolicy;
  }

  /**
   * @return the time from the start of an attempt to READY before the attempt fails
   */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /**
   * @return the interval of application pings while READY; zero for none
   */
  public Duration pingInterval() {
    return pingInterval;
  }

  /**
   * @return how long a READY connection may receive nothing before it is declared dead; zero for
   *     never
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * @return the default timeout of a request
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * @return the most requests awaiting a reply at once
   */
  public int maxPendingRequests() {
    return maxPendingRequests;
  }

  /**
   * @return the most messages waiting to be sent at once
   */
  public int outboundQueueCapacity() {
    return outboundQueueCapacity;
  }

  /**
   * @return the longest a message waits for READY before it fails
   */
  public Duration outboundQueueMaxWait() {
    return outboundQueueMaxWait;
  }

  /**
   * @return the client-side throttle of the outbound queue; never null
   */
  public OutboundThrottle throttle() {
    return throttle;
  }

  /**
   * @return the source of jitter for reconnect delays; never null
   */
  public DoubleSupplier random() {
    return random;
  }

  /**
   * @return the largest outbound message accepted, in bytes; larger ones fail at once
   */
  public long maxOutboundMessageBytes() {
    return maxOutboundMessageBytes;
  }

  /**
   * @return the most listener callbacks waiting per connection before its socket reading pauses
   */
  public int maxQueuedCallbacks() {
    return maxQueuedCallbacks;
  }

  /**
   * @return the most inbound bytes held by one connection's waiting listener callbacks
   */
  public long maxQueuedCallbackBytes() {
    return maxQueuedCallbackBytes;
  }

  /**
   * @return how many attempts the first connection makes before {@code connect()} fails
   */
  public int initialConnectAttempts() {
    return initialConnectAttempts;
  }

  /**
   * @return how long the first connection may take before {@code connect()} fails
   */
  public Duration initialConnectTimeout() {
    return initialConnectTimeout;
  }

  /**
   * @return the most sent messages tracked per connection while the peer has not confirmed them
   */
  public int maxUnconfirmedSends() {
    return maxUnconfirmedSends;
  }

  /** Builds {@link ConnectionOptions}. Not thread-safe. */
  public static final class Builder {
    private String name = "connection";
    private ReconnectPolicy reconnectPolicy = ReconnectPolicy.defaults();
    private Duration handshakeTimeout = Duration.ofSeconds(15);
    private Duration pingInterval = Duration.ZERO;
    private Duration idleTimeout = Duration.ZERO;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxPendingRequests = 1024;
    private int outboundQueueCapacity = 1024;
    private Duration outboundQueueMaxWait = Duration.ofSeconds(60);
    private OutboundThrottle throttle = OutboundThrottle.NONE;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private long maxOutboundMessageBytes = DEFAULT_MAX_OUTBOUND_MESSAGE_BYTES;
    private int maxQueuedCallbacks = DEFAULT_MAX_QUEUED_CALLBACKS;
    private long maxQueuedCallbackBytes = DEFAULT_MAX_QUEUED_CALLBACK_BYTES;
    private int initialConnectAttempts = 3;
    private Duration initialConnectTimeout = Duration.ofSeconds(30);
    private int maxUnconfirmedSends = 1024;

    private Builder() {}

    /**
     * The name used in logs and thread dumps. Default "connection".
     *
     * @param name never null
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The reconnect policy. Default {@link ReconnectPolicy#defaults()}.
     *
     * @param policy never null
     * @return this builder
     */
    public Builder reconnectPolicy(ReconnectPolicy policy) {
      this.reconnectPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Time from the start of an attempt (transport open included) to READY. Default 15 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /**
     * Interval of the protocol's application pings while READY; zero for none. Default zero;
     * protocol clients set their protocol's interval.
     *
     * @param interval zero or positive
     * @return this builder
     */
    public Builder pingInterval(Duration interval) {
      this.pingInterval = nonNegative(interval, "pingInterval");
      return this;
    }

    /**
     * The watchdog: a READY connection that receives nothing for this long is declared dead and
     * reconnected. Zero disables it. Default zero; protocol clients set a value that fits their
     * ping schedule.
     *
     * @param timeout zero or positive
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = nonNegative(timeout, "idleTimeout");
      return this;
    }

    /**
     * Default timeout of a request, from its transmission to the reply (the time it may wait in the
     * outbound queue before that is bounded by {@link #outboundQueueMaxWait}). Default 30 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * The most requests awaiting a reply; more fail at once with {@link
     * io.github.chatwire.core.QueueFullException}. Default 1024.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxPendingRequests(int max) {
      this.maxPendingRequests = atLeastOne(max, "maxPendingRequests");
      return this;
    }

    /**
     * The most messages waiting to be sent (while not READY, or throttled); more fail at once with
     * {@link io.github.chatwire.core.QueueFullException}. Default 1024.
     *
     * @param capacity at least 1
     * @return this builder
     */
    public Builder outboundQueueCapacity(int capacity) {
      this.outboundQueueCapacity = atLeastOne(capacity, "outboundQueueCapacity");
      return this;
    }

    /**
     * How long a message may wait in the outbound queue before it fails with {@link
     * io.github.chatwire.core.SendTimeoutException}. Default 60 s.
     *
     * @param maxWait positive
     * @return this builder
     */
    public Builder outboundQueueMaxWait(Duration maxWait) {
      this.outboundQueueMaxWait = positive(maxWait, "outboundQueueMaxWait");
      return this;
    }

    /**
     * A client-side throttle for the outbound queue. Default none.
     *
     * @param throttle never null
     * @return this builder
     */
    public Builder throttle(OutboundThrottle throttle) {
      this.throttle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /**
     * The source of jitter, values in [0, 1); tests pass a constant. Default a thread-local random.
     *
     * @param random never null
     * @return this builder
     */
    public Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The largest outbound message, in bytes (text counted as UTF-8). A larger one fails at once
     * with a non-retryable {@link io.github.chatwire.core.MessageTooLargeException} ({@link
     * io.github.chatwire.core.MessageTooLargeException#isOutbound()}); nothing is sent and the
     * connection stays up. Default {@link #DEFAULT_MAX_OUTBOUND_MESSAGE_BYTES} (8 MiB, half of
     * OkHttp's 16 MiB outbound buffer, so one message always fits); protocol clients set their
     * server's limit.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder maxOutboundMessageBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxOutboundMessageBytes must be at least 1");
      }
      this.maxOutboundMessageBytes = bytes;
      return this;
    }

    /**
     * The most listener callbacks waiting for one connection (events its listener has not processed
     * yet). When a slow listener lets the backlog reach this, the engine stops reading that
     * connection's socket until the backlog is down to half; the peer is slowed by TCP flow control
     * and other connections are not affected. Memory stays bounded by this many events (plus those
     * one inbound message decodes to). Default {@link #DEFAULT_MAX_QUEUED_CALLBACKS}, room for a
     * burst such as a history page.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxQueuedCallbacks(int max) {
      this.maxQueuedCallbacks = atLeastOne(max, "maxQueuedCallbacks");
      return this;
    }

    /**
     * The most inbound bytes one connection's waiting listener callbacks may hold (each inbound
     * message counts, as 2 bytes per char of text or its binary size, until the first event decoded
     * from it has run). Reaching it pauses reading that connection's socket like {@link
     * #maxQueuedCallbacks(int)}, so large messages into a slow listener are bounded in bytes as
     * well as in count. Default {@link #DEFAULT_MAX_QUEUED_CALLBACK_BYTES} (16 MiB); a single
     * message larger than this is still delivered (then reading waits).
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder maxQueuedCallbackBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxQueuedCallbackBytes must be at least 1");
      }
      this.maxQueuedCallbackBytes = bytes;
      return this;
    }

    /**
     * How many attempts the first connection makes before {@code connect()} fails with {@link
     * io.github.chatwire.core.ConnectionClosedException} (whose cause is the last attempt's
     * failure) and the connection closes. Once it has been READY, it reconnects as the {@link
     * #reconnectPolicy(ReconnectPolicy) reconnect policy} says (by default forever). Default 3;
     * {@link Integer#MAX_VALUE} for no limit.
     *
     * @param attempts at least 1
     * @return this builder
     */
    public Builder initialConnectAttempts(int attempts) {
      this.initialConnectAttempts = atLeastOne(attempts, "initialConnectAttempts");
      return this;
    }

    /**
     * How long the first connection may take, from {@code connect()} to READY, before {@code
     * connect()} fails with {@link io.github.chatwire.core.ConnectionClosedException} and the
     * connection closes. Default 30 s; zero for no limit.
     *
     * @param timeout zero or positive
     * @return this builder
     */
    public Builder initialConnectTimeout(Duration timeout) {
      this.initialConnectTimeout = nonNegative(timeout, "initialConnectTimeout");
      return this;
    }

    /**
     * The most sent messages the engine remembers per connection while the peer has not confirmed
     * reading them. With a protocol that proves delivery (binary {@code /api/ws}), reaching it
     * holds the outbound queue until the peer confirms, so nothing more is poured into a peer that
     * stopped reading. With other protocols the oldest are forgotten (but still counted in the
     * report after a lost connection). Default 1024.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxUnconfirmedSends(int max) {
      this.maxUnconfirmedSends = atLeastOne(max, "maxUnconfirmedSends");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public ConnectionOptions build() {
      return new ConnectionOptions(this);
    }

    private static final Duration MAX = Duration.ofDays(365);

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return nonNegative(d, name);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      if (d.compareTo(MAX) > 0) {
        throw new IllegalArgumentException(name + " must be at most 365 days");
      }
      return d;
    }

    private static int atLeastOne(int v, String name) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be at least 1");
      }
      return v;
    }
  }
}

package io.github.chatwire.core.transport;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.Redaction;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.TlsCertificateException;
import io.github.chatwire.core.WebSocketProtocolException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The SDK's own RFC 6455 WebSocket {@link Transport}: frames are read and written by chatwire, so
 * that everything a server controls is bounded; the connection itself is opened with the settings
 * of the runtime's OkHttpClient ({@link ChatwireRuntime#webSocketClient()}).
 *
 * <p>What is taken from the OkHttpClient: its application interceptors (they see the upgrade
 * request and the 101 response), DNS, proxy or proxy selector (HTTP proxies through {@code
 * CONNECT}, SOCKS proxies), proxy authenticator (one retry on 407), socket factory, SSL socket
 * factory, hostname verifier, certificate pinner, the TLS versions and cipher suites of its first
 * TLS connection spec, cookie jar, and its connect, read (opening handshake, and inside a frame:
 * never between frames) and write timeouts. Not used: network interceptors (OkHttp skips them for
 * WebSockets too), the connection pool (an upgraded connection is never shared, and a failed
 * upgrade's connection is closed), redirects and the server authenticator (a non-101 status fails
 * the attempt with {@link io.github.chatwire.core.UpgradeRejectedException}), and OkHttp's
 * automatic WebSocket pings (the engine pings at the protocol level).
 *
 * <p>Guarantees, each with a test in {@code sdk-core}'s {@code transport} tests:
 *
 * <ul>
 *   <li>An inbound message larger than {@link Builder#maxInboundMessageBytes(long)} is refused from
 *       its frame headers, before its payload is read: the connection is closed with 1009 after
 *       reading at most the limit plus the 4 KiB read buffer, whatever the frame lengths say and
 *       however many continuation frames there are (then at most 64 KiB more are read and discarded
 *       while the close frame reaches the peer). The session fails with {@link
 *       MessageTooLargeException}.
 *   <li>Automatic pongs never queue: only the latest ping's pong waits (RFC 6455 5.5.3 allows
 *       answering only the most recent ping). A peer that sends more than 1,000 pings while a pong
 *       cannot be written (it does not read) is failed with 1008 and {@link
 *       WebSocketProtocolException}.
 *   <li>Invalid UTF-8 in a text message (also split across fragments) or in a close reason fails
 *       the connection with 1007; an invalid close code, a 1-byte close payload, reserved bits or
 *       opcodes, masked server frames, fragmented or oversized control frames and broken
 *       fragmentation fail it with 1002; each as a retryable {@link WebSocketProtocolException}.
 *   <li>The opening handshake checks status 101, {@code Upgrade: websocket}, {@code Connection:
 *       Upgrade} and {@code Sec-WebSocket-Accept} (retryable on failure), and refuses any {@code
 *       Sec-WebSocket-Extensions} (none is offered) and any subprotocol that was not offered,
 *       before the session opens: terminal {@link WebSocketProtocolException} with 1010, saying the
 *       client refused it. Nothing the protocol sends after opening (credentials) is ever sent on
 *       such a connection.
 *   <li>A refused TLS certificate (untrusted, wrong host name, pin mismatch) fails the session with
 *       {@link TlsCertificateException}, terminal unless {@link
 *       Builder#retryCertificateFailures(boolean)}.
 *   <li>Outbound messages wait in a buffer of at most {@link Builder#maxOutboundBufferBytes(long)};
 *       when it is full, {@link TransportSession#sendText} returns false and the connection stays
 *       up. A write blocked for longer than the client's write timeout fails the session.
 *   <li>A local close waits {@link Builder#closeTimeout(Duration)} for the peer's close frame and
 *       then drops the socket; {@link TransportSession#cancel()} drops it at once.
 * </ul>
 *
 * <p>Threads: one reader thread per session from the runtime's WebSocket pool (the same pool
 * OkHttp's reader threads come from), and a writer task on that pool only while there is something
 * to write. No thread is left once the session has ended.
 *
 * <p>Immutable and thread-safe; build with {@link #builder(String)}.
 */
public final class WebSocketTransport implements Transport {
  /** The default limit for inbound messages: 4 MiB. */
  public static final long DEFAULT_MAX_INBOUND_BYTES =
      OkHttpWebSocketTransport.DEFAULT_MAX_INBOUND_BYTES;

  /** The default outbound buffer: 16 MiB, as OkHttp's. */
  public static final long DEFAULT_MAX_OUTBOUND_BUFFER_BYTES = 16L * 1024 * 1024;

  final HttpUrl url;
  private final String rawUrl;
  final Map<String, String> headers;
  final Map<String, Secret> secretHeaders;
  final long maxInboundBytes;
  final long maxOutboundBytes;
  final Duration closeTimeout;
  final boolean retryCertificateFailures;

  private WebSocketTransport(Builder b) {
    this.rawUrl = b.url;
    this.url = OkHttpWebSocketTransport.parse(b.url);
    this.headers = Map.copyOf(b.headers);
    this.secretHeaders = Map.copyOf(b.secretHeaders);
    this.maxInboundBytes = b.maxInboundBytes;
    this.maxOutboundBytes = b.maxOutboundBytes;
    this.closeTimeout = b.closeTimeout;
    this.retryCertificateFailures = b.retryCertificateFailures;
  }

  /**
   * Starts building a transport for a URL.
   *
   * @param url a {@code ws://}, {@code wss://}, {@code http://} or {@code https://} URL; never null
   * @return a builder
   * @throws IllegalArgumentException if the URL cannot be parsed (the message masks its query
   *     values)
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /**
   * The http(s) form of a WebSocket URL ({@code ws} becomes {@code http}, {@code wss} becomes
   * {@code https}), for HTTP requests to the same server (uploads, lookups).
   *
   * @param url a {@code ws://}, {@code wss://}, {@code http://} or {@code https://} URL; never null
   * @return the URL; never null
   * @throws IllegalArgumentException if the URL cannot be parsed (the message masks its query
   *     values)
   */
  public static HttpUrl httpUrl(String url) {
    return OkHttpWebSocketTransport.parse(Objects.requireNonNull(url, "url"));
  }

  /**
   * The URL this transport connects to, with {@code ws}/{@code wss} expressed as http(s).
   *
   * @return the URL; never null
   */
  public HttpUrl url() {
    return url;
  }

  /**
   * The inbound message size limit.
   *
   * @return bytes
   */
  public long maxInboundMessageBytes() {
    return maxInboundBytes;
  }

  /**
   * The outbound buffer size.
   *
   * @return bytes
   */
  public long maxOutboundBufferBytes() {
    return maxOutboundBytes;
  }

  @Override
  public String describe() {
    return Objects.requireNonNull(Redaction.url(rawUrl)); // null only for a null URL
  }

  @Override
  public String toString() {
    return "WebSocketTransport[" + describe() + "]";
  }

  /**
   * Starts connecting on a thread of the runtime's WebSocket pool and returns at once.
   *
   * @param runtime the runtime; never null
   * @param listener the listener; never null
   * @return the session; never null
   * @throws java.util.concurrent.RejectedExecutionException if the runtime has been closed
   */
  @Override
  public TransportSession open(ChatwireRuntime runtime, TransportListener listener) {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(listener, "listener");
    OkHttpClient client = runtime.webSocketClient();
    Executor pool = client.dispatcher().executorService();
    WebSocketSession session =
        new WebSocketSession(this, client, runtime.scheduler(), pool, listener);
    session.start();
    return session;
  }

  /** Builds a {@link WebSocketTransport}. Not thread-safe. */
  public static final class Builder {
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Secret> secretHeaders = new LinkedHashMap<>();
    private long maxInboundBytes = DEFAULT_MAX_INBOUND_BYTES;
    private long maxOutboundBytes = DEFAULT_MAX_OUTBOUND_BUFFER_BYTES;
    private Duration closeTimeout = Duration.ofSeconds(2);
    private boolean retryCertificateFailures;

    private Builder(String url) {
      this.url = Objects.requireNonNull(url, "url");
      OkHttpWebSocketTransport.parse(url);
    }

    /**
     * Adds a header to the upgrade request ({@code Sec-WebSocket-Protocol} here offers
     * subprotocols; {@code Sec-WebSocket-Extensions} is never sent).
     *
     * @param name the header name; never null
     * @param value the value; never null; must not be secret (see {@link #secretHeader})
     * @return this builder
     * @throws IllegalArgumentException if the name or value has characters HTTP forbids
     */
    public Builder header(String name, String value) {
      OkHttpWebSocketTransport.Builder.checkHeader(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"), false);
      headers.put(name, value);
      return this;
    }

    /**
     * Adds a header whose value is secret (for example an authorization token); it is never logged.
     *
     * @param name the header name; never null
     * @param value the secret value; never null
     * @return this builder
     * @throws IllegalArgumentException if the name or value has characters HTTP forbids (the
     *     message does not quote the value)
     */
    public Builder secretHeader(String name, Secret value) {
      OkHttpWebSocketTransport.Builder.checkHeader(
          Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(value, "value").reveal(),
          true);
      secretHeaders.put(name, value);
      return this;
    }

    /**
     * The largest inbound message accepted; a larger one closes the connection with 1009 before its
     * payload is read. Default {@link #DEFAULT_MAX_INBOUND_BYTES}.
     *
     * @param bytes the limit; from 1 to {@code Integer.MAX_VALUE - 8}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxInboundMessageBytes(long bytes) {
      if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "maxInboundMessageBytes must be from 1 to " + (Integer.MAX_VALUE - 8));
      }
      this.maxInboundBytes = bytes;
      return this;
    }

    /**
     * The most bytes of outbound messages waiting to be written; when a message does not fit,
     * {@link TransportSession#sendText} returns false and the connection stays up. Default {@link
     * #DEFAULT_MAX_OUTBOUND_BUFFER_BYTES}.
     *
     * @param bytes the limit; at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxOutboundBufferBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxOutboundBufferBytes must be at least 1");
      }
      this.maxOutboundBytes = bytes;
      return this;
    }

    /**
     * How long a close waits for the peer (its close frame after a local close, or the writing of
     * this side's close frame) before dropping the socket. Default 2 seconds.
     *
     * @param timeout the wait; positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder closeTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("closeTimeout must be positive");
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Whether a refused TLS certificate is retried with backoff instead of ending the connection
     * for good. Default false: the same certificate would be refused again.
     *
     * @param retry true to retry
     * @return this builder
     */
    public Builder retryCertificateFailures(boolean retry) {
      this.retryCertificateFailures = retry;
      return this;
    }

    /**
     * Builds the transport.
     *
     * @return the transport; never null
     */
    public WebSocketTransport build() {
      return new WebSocketTransport(this);
    }
  }
}

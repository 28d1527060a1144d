package io.github.chatwire.webtransport;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.internal.ServerCertificateCheck;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import io.github.chatwire.omikron.codec.ttp.TtpLimits;
import io.github.chatwire.webtransport.internal.WebTransportSession;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} for TTP, the binary Omikron protocol of the Tensamin network since 27 Feb
 * 2026: WebTransport over HTTP/3 (ALPN {@code h3}, QUIC, UDP port 959 by default), with flupke on
 * kwik.
 *
 * <p>Framing, as the upstream Omikron and clients do it: this side opens <b>one</b> long-lived
 * unidirectional stream and writes each message after an outer {@code u32 BE} length; if a write
 * fails, it opens a new stream once and writes the message there (if that fails too, the session
 * fails with a retryable {@link io.github.chatwire.core.ConnectionLostException}). The server may
 * open any number of unidirectional streams (at most {@link Builder#maxIncomingStreams(int)} at a
 * time, enforced by QUIC stream credit); each is read with the codec's {@link
 * io.github.chatwire.omikron.codec.ttp.TtpStreamDecoder}. One {@link TransportSession#sendBinary}
 * or {@link TransportListener#onBinary} is exactly one message's bytes (a {@code
 * CommunicationValue}, beginning with its own {@code u32} length); {@link TransportSession#close}
 * writes the close frame {@code 0xFFFFFFFF} after the queued messages and then closes the
 * WebTransport session and the connection. A close frame from the server ends the session with
 * {@link TransportListener#onClosed} code 1000, as does a WebTransport close with code 0 and reason
 * {@code ttp-close} (what the upstream sends after its close frame).
 *
 * <p>Limits against a hostile or broken server, each ending the session with a typed error: a frame
 * length above {@link Builder#maxMessageBytes(int)} (checked before anything is allocated) gives an
 * inbound {@link io.github.chatwire.core.MessageTooLargeException}; an outer length that disagrees
 * with the message's own gives a {@link io.github.chatwire.core.ConnectionLostException} caused by
 * a {@link io.github.chatwire.omikron.codec.ttp.TtpDecodeException}; a frame body that does not
 * complete within {@link Builder#frameReadTimeout(Duration)} gives a {@link
 * WebTransportTimeoutException}. Memory held for incoming frames is at most {@code
 * maxIncomingStreams * (4 + maxMessageBytes)} plus kwik's stream buffers; queued outgoing bytes are
 * at most {@link Builder#maxQueuedBytes(long)} ({@link TransportSession#maxQueuedBytes()}).
 *
 * <p>Threads: each session has one daemon thread of its own, {@code chatwire-ttp-N}, which connects
 * (kwik blocks there), then writes the queued frames, and finally closes. Incoming streams are read
 * on daemon threads of the session's own, {@code chatwire-ttp-N-stream-M}, one per open stream,
 * which end with the session (flupke's own pool would keep an idle thread alive for 60 s after
 * every session); listener callbacks come from these threads, one at a time. Timeouts run on the
 * runtime's {@link ChatwireRuntime#scheduler() scheduler}. No thread is started per message, and
 * none outlives its session for long: kwik's end with the connection.
 *
 * <p>JVM only: flupke's HTTP/3 client is a {@code java.net.http.HttpClient}, which Android lacks.
 * Immutable and thread-safe.
 */
public final class WebTransportTransport implements Transport {
  /** The TTP port of the upstream Omikron, used when the URL names none. */
  public static final int DEFAULT_PORT = 959;

  /** Upstream limit to open a stream: 2 s. */
  public static final Duration DEFAULT_STREAM_OPEN_TIMEOUT = Duration.ofSeconds(2);

  /** Upstream limit to write a frame: 2 s. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(2);

  /** Upstream limit to read a frame body once its length has arrived: 30 s. */
  public static final Duration DEFAULT_FRAME_READ_TIMEOUT = Duration.ofSeconds(30);

  /** Default QUIC handshake timeout: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default QUIC idle timeout: 30 s (the TTP session pings every few seconds). */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** Default largest inbound message: {@link TtpLimits#DEFAULT}'s 8 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = TtpLimits.DEFAULT.maxMessageBytes();

  /** Default most bytes queued for sending: 16 MiB (as OkHttp's WebSocket). */
  public static final long DEFAULT_MAX_QUEUED_BYTES = 16L * 1024 * 1024;

  /** Default most server-opened streams at a time: 4 (the upstream uses one). */
  public static final int DEFAULT_MAX_INCOMING_STREAMS = 4;

  private static final AtomicInteger SESSIONS = new AtomicInteger();

  private final URI uri;
  private final Settings settings;

  private WebTransportTransport(Builder b) {
    this.uri = b.uri;
    if (!b.trustAnything) {
      ServerCertificateCheck.of(b.trustManager, b.trustStore); // fails now if PKIX is missing
    }
    this.settings =
        new Settings(
            uri,
            b.trustManager,
            b.trustStore,
            b.trustAnything,
            b.connectTimeout,
            b.idleTimeout,
            b.streamOpenTimeout,
            b.writeTimeout,
            b.frameReadTimeout,
            b.closeTimeout,
            b.maxMessageBytes,
            b.maxQueuedBytes,
            b.maxIncomingStreams);
  }

  /**
   * Starts building a transport for a TTP endpoint.
   *
   * @param url {@code https://host[:port][/path]}; without a port, {@value #DEFAULT_PORT}; never
   *     null
   * @return a builder
   * @throws IllegalArgumentException if the URL is not an https URL with a host
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  @Override
  public TransportSession open(ChatwireRuntime runtime, TransportListener listener) {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(listener, "listener");
    WebTransportSession s =
        new WebTransportSession(
            settings, runtime.scheduler(), listener, "chatwire-ttp-" + SESSIONS.incrementAndGet());
    s.start();
    return s;
  }

  @Override
  public String describe() {
    return "webtransport " + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + path();
  }

  private String path() {
    String p = uri.getRawPath();
    return p == null || p.isEmpty() ? "/" : p; // the query may hold a token: never shown
  }

  @Override
  public String toString() {
    return "WebTransportTransport[" + describe() + "]";
  }

  /**
   * The settings of a transport, for its sessions.
   *
   * @param uri the endpoint, with its port; never null
   * @param trustManager the user's trust manager; null for PKIX against {@code trustStore}
   * @param trustStore the trusted certificates; null for the system's
   * @param trustAnything whether no certificate is checked (tests only)
   * @param connectTimeout QUIC handshake timeout
   * @param idleTimeout QUIC idle timeout
   * @param streamOpenTimeout limit to open the outgoing stream
   * @param writeTimeout limit to write one frame
   * @param frameReadTimeout limit to read a frame body
   * @param closeTimeout how long a close waits for the server to end the connection
   * @param maxMessageBytes largest inbound message
   * @param maxQueuedBytes most bytes queued for sending
   * @param maxIncomingStreams most server-opened streams at a time
   */
  public record Settings(
      URI uri,
      @Nullable X509TrustManager trustManager,
      @Nullable KeyStore trustStore,
      boolean trustAnything,
      Duration connectTimeout,
      Duration idleTimeout,
      Duration streamOpenTimeout,
      Duration writeTimeout,
      Duration frameReadTimeout,
      Duration closeTimeout,
      int maxMessageBytes,
      long maxQueuedBytes,
      int maxIncomingStreams) {
    /**
     * The certificate check for a new connection.
     *
     * @return the check; null when {@link #trustAnything()}
     */
    public @Nullable ServerCertificateCheck newCertificateCheck() {
      return trustAnything ? null : ServerCertificateCheck.of(trustManager, trustStore);
    }
  }

  /** Builds a {@link WebTransportTransport}. Not thread-safe. */
  public static final class Builder {
    private final URI uri;
    private @Nullable X509TrustManager trustManager;
    private @Nullable KeyStore trustStore;
    private boolean trustAnything;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration streamOpenTimeout = DEFAULT_STREAM_OPEN_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private Duration frameReadTimeout = DEFAULT_FRAME_READ_TIMEOUT;
    private Duration closeTimeout = Duration.ofSeconds(1);
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
    private int maxIncomingStreams = DEFAULT_MAX_INCOMING_STREAMS;

    private Builder(String url) {
      Objects.requireNonNull(url, "url");
      URI u;
      try {
        u = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
      }
      if (u.getScheme() == null || !u.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
        throw new IllegalArgumentException("a TTP URL starts with https:// (WebTransport)");
      }
      if (u.getHost() == null || u.getHost().isEmpty()) {
        throw new IllegalArgumentException("the URL has no host");
      }
      int port = u.getPort() < 0 ? DEFAULT_PORT : u.getPort();
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
      this.uri = URI.create("https://" + hostForUri(u.getHost()) + ":" + port + path + query);
    }

    private static String hostForUri(String host) {
      return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Trusts exactly these certificates (CA certificates, or the server's own self-signed one),
     * instead of the system's trust store. The server's host name is still checked against the
     * certificate's DNS names (kwik does not match IP addresses: connect by name).
     *
     * @param certificates at least one; never null
     * @return this builder
     * @throws IllegalArgumentException if there is none
     */
    public Builder trustCertificates(X509Certificate... certificates) {
      this.trustStore = ServerCertificateCheck.trustStoreOf(certificates);
      this.trustManager = null;
      this.trustAnything = false;
      return this;
    }

    /**
     * Trusts what this trust manager accepts. It is called with the TLS 1.3 authType of the
     * server's key ({@code ECDHE_ECDSA}, {@code ECDHE_RSA} or {@code UNKNOWN}), not kwik's fixed
     * {@code "RSA"}.
     *
     * @param trustManager never null
     * @return this builder
     */
    public Builder trustManager(X509TrustManager trustManager) {
      this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
      this.trustStore = null;
      this.trustAnything = false;
      return this;
    }

    /**
     * <b>Insecure, for tests only:</b> trusts any server certificate and skips the host name check.
     *
     * @return this builder
     */
    public Builder insecureTrustAnyServerForTestsOnly() {
      this.trustAnything = true;
      this.trustManager = null;
      this.trustStore = null;
      return this;
    }

    /**
     * The QUIC handshake timeout. Default {@link #DEFAULT_CONNECT_TIMEOUT}.
     *
     * @param timeout positive; never null
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * The QUIC idle timeout. Default {@link #DEFAULT_IDLE_TIMEOUT}.
     *
     * @param timeout positive; never null
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * The limit to open the outgoing stream. Default {@link #DEFAULT_STREAM_OPEN_TIMEOUT}.
     *
     * @param timeout positive; never null
     * @return this builder
     */
    public Builder streamOpenTimeout(Duration timeout) {
      this.streamOpenTimeout = positive(timeout, "streamOpenTimeout");
      return this;
    }

    /**
     * The limit to write one frame. Default {@link #DEFAULT_WRITE_TIMEOUT}.
     *
     * @param timeout positive; never null
     * @return this builder
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = positive(timeout, "writeTimeout");
      return this;
    }

    /**
     * The limit to read a frame body once its length has arrived. Default {@link
     * #DEFAULT_FRAME_READ_TIMEOUT}.
     *
     * @param timeout positive; never null
     * @return this builder
     */
    public Builder frameReadTimeout(Duration timeout) {
      this.frameReadTimeout = positive(timeout, "frameReadTimeout");
      return this;
    }

    /**
     * How long {@link TransportSession#close} waits, after the close frame, for the server to end
     * the connection before this side closes it. Default 1 s.
     *
     * @param timeout 0 or more; never null
     * @return this builder
     */
    public Builder closeTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "closeTimeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must not be negative");
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * The largest inbound message (its bytes, without the outer length; a larger one ends the
     * session with a {@link io.github.chatwire.core.MessageTooLargeException}). Default {@link
     * #DEFAULT_MAX_MESSAGE_BYTES}.
     *
     * @param bytes 6 or more (the smallest message), at most {@link
     *     TtpLimits#REFERENCE_MAX_MESSAGE_BYTES}
     * @return this builder
     */
    public Builder maxMessageBytes(int bytes) {
      TtpLimits.DEFAULT.withMaxMessageBytes(bytes); // validates the range
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * The most bytes queued for sending; a send beyond it is refused ({@link
     * TransportSession#sendBinary} returns false). Default {@link #DEFAULT_MAX_QUEUED_BYTES}.
     *
     * @param bytes positive
     * @return this builder
     */
    public Builder maxQueuedBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxQueuedBytes must be positive: " + bytes);
      }
      this.maxQueuedBytes = bytes;
      return this;
    }

    /**
     * The most unidirectional streams the server may have open towards this client at a time (QUIC
     * stream credit; HTTP/3's own three streams come on top). Default {@link
     * #DEFAULT_MAX_INCOMING_STREAMS}.
     *
     * @param streams 1 to 100
     * @return this builder
     */
    public Builder maxIncomingStreams(int streams) {
      if (streams < 1 || streams > 100) {
        throw new IllegalArgumentException("maxIncomingStreams must be 1 to 100: " + streams);
      }
      this.maxIncomingStreams = streams;
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    /**
     * Builds the transport.
     *
     * @return the transport; never null
     * @throws IllegalStateException if the platform has no PKIX trust manager
     */
    public WebTransportTransport build() {
      return new WebTransportTransport(this);
    }
  }
}

package io.github.chatwire.testkit.webtransport;

import io.github.chatwire.testkit.tauri.FakeOmegaQuicServer;
import io.github.chatwire.testkit.tauri.TestCertificate;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;
import tech.kwik.flupke.server.Http3ApplicationProtocolFactory;
import tech.kwik.flupke.webtransport.Session;
import tech.kwik.flupke.webtransport.WebTransportHttp3ApplicationProtocolFactory;

/**
 * A real WebTransport server (flupke's, HTTP/3 over kwik QUIC) on the loopback interface, with a
 * certificate for {@code localhost} issued by its own test CA ({@link #certificateAuthority()}, for
 * the client's trust). What happens in a session is up to the handler: raw transport tests write
 * bytes themselves, the fake TTP Omikron speaks the protocol.
 *
 * <p>The handler is called on one of flupke's threads for each new session; it must set the
 * session's stream handlers and then call {@link Session#open()}. Streams are handled on flupke's
 * threads too (one per stream, from its pool), so a handler may block reading. Thread-safe.
 */
public final class WebTransportTestServer implements Closeable {
  static {
    FakeOmegaQuicServer.disableKwikAssertions();
  }

  private final TestCertificate ca;
  private final TestCertificate certificate;
  private final String path;
  private final ServerConnector connector;
  private final int port;
  private volatile boolean closed;

  private WebTransportTestServer(Builder b) throws IOException {
    this.ca = b.ca != null ? b.ca : TestCertificate.certificateAuthority("chatwire test CA");
    this.certificate = b.certificate != null ? b.certificate : ca.issueServer("localhost").issue();
    this.path = b.path;
    DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port));
    this.port = socket.getLocalPort();
    char[] pw = "webtransport-test".toCharArray();
    try {
      connector =
          ServerConnector.builder()
              .withSocket(socket)
              .withKeyStore(certificate.toKeyStore("server", pw), "server", pw)
              .withConfiguration(
                  ServerConnectionConfig.builder()
                      .maxIdleTimeoutInSeconds(30)
                      // HTTP/3 needs 3 unidirectional streams of the client's; TTP uses more
                      .maxOpenPeerInitiatedUnidirectionalStreams(3 + 10)
                      .maxOpenPeerInitiatedBidirectionalStreams(10)
                      .maxConnectionBufferSize(b.streamBufferBytes * 4L)
                      .maxUnidirectionalStreamBufferSize(b.streamBufferBytes)
                      .maxBidirectionalStreamBufferSize(b.streamBufferBytes)
                      .retryRequired(false)
                      .build())
              .withLogger(new NullLogger())
              .build();
    } catch (CertificateException | RuntimeException e) {
      socket.close();
      throw new IOException("cannot build the WebTransport test server: " + e.getMessage(), e);
    }
    WebTransportHttp3ApplicationProtocolFactory factory =
        new WebTransportHttp3ApplicationProtocolFactory((request, response) -> {});
    Consumer<Session> handler = b.handler;
    factory.registerWebTransportServer(path, handler);
    connector.registerApplicationProtocol(
        Http3ApplicationProtocolFactory.HTTP3_PROTOCOL_ID, factory);
    connector.start();
  }

  /**
   * Starts building a server.
   *
   * @param handler called for each new WebTransport session; never null
   * @return a builder
   */
  public static Builder builder(Consumer<Session> handler) {
    return new Builder(handler);
  }

  /**
   * The UDP port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The URL of the WebTransport endpoint, {@code https://localhost:<port><path>}.
   *
   * @return the URL; never null
   */
  public String url() {
    return "https://localhost:" + port + path;
  }

  /**
   * The CA that issued the server certificate: what a client trusts.
   *
   * @return the CA; never null
   */
  public TestCertificate certificateAuthority() {
    return ca;
  }

  /**
   * The server's certificate.
   *
   * @return the certificate; never null
   */
  public TestCertificate certificate() {
    return certificate;
  }

  /** Stops the server: every connection is closed. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    connector.close();
  }

  /** Builds a {@link WebTransportTestServer}. Not thread-safe. */
  public static final class Builder {
    private final Consumer<Session> handler;
    private @Nullable TestCertificate ca;
    private @Nullable TestCertificate certificate;
    private String path = "/";
    private int port;
    private int streamBufferBytes = 1_000_000;

    private Builder(Consumer<Session> handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * The CA that issues the server certificate (pass the previous server's to restart it).
     * Default: a new EC CA.
     *
     * @param ca never null
     * @return this builder
     */
    public Builder certificateAuthority(TestCertificate ca) {
      this.ca = Objects.requireNonNull(ca, "ca");
      return this;
    }

    /**
     * The server certificate. Default: one for {@code localhost} issued by the CA.
     *
     * @param certificate never null
     * @return this builder
     */
    public Builder certificate(TestCertificate certificate) {
      this.certificate = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /**
     * The WebTransport path. Default {@code /} (the upstream Omikron's one endpoint).
     *
     * @param path starting with {@code /}; never null
     * @return this builder
     */
    public Builder path(String path) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with /: " + path);
      }
      this.path = path;
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
     * The QUIC receive buffer per client stream (flow-control credit). Default 1,000,000; a small
     * one makes a client's writes block once the server stops reading.
     *
     * @param bytes positive
     * @return this builder
     */
    public Builder streamBufferBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("bytes must be positive");
      }
      this.streamBufferBytes = bytes;
      return this;
    }

    /**
     * Builds and starts the server.
     *
     * @return the running server
     * @throws IOException if the socket cannot be bound
     */
    public WebTransportTestServer start() throws IOException {
      return new WebTransportTestServer(this);
    }
  }
}

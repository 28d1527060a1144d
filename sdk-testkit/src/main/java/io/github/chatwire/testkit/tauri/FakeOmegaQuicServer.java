package io.github.chatwire.testkit.tauri;

import io.github.chatwire.tauri.codec.TauriFraming;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.ReceivedFrame;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ApplicationProtocolConnection;
import tech.kwik.core.server.ApplicationProtocolConnectionFactory;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;

/**
 * An in-process fake of Omega's Tauri push endpoint over real QUIC (kwik) on the loopback
 * interface: it answers {@code tauri_identification} with {@code success}, records what clients
 * send, and lets a test push {@code ping}, {@code push_notification} and {@code read_notification}
 * messages, close connections with application codes, go silent, or shut down and restart on the
 * same port.
 *
 * <p>Limitation: kwik's server cannot request client certificates, so this fake does not check them
 * (the client's certificate settings go unused). Use a server that requires client certificates to
 * test authentication.
 *
 * <p>Thread-safe. Each client stream is read on a daemon thread of the fake ({@code
 * fake-omega-reader-N}); {@link #close()} ends the server and its connections.
 */
public final class FakeOmegaQuicServer implements FakeServer {
  private static final AtomicInteger READERS = new AtomicInteger();

  static {
    disableKwikAssertions();
  }

  /**
   * Turns Java assertions off for kwik's classes ({@code tech.kwik}) in the system class loader.
   * kwik 0.10.9 has an {@code assert} in its loss detector that can fail spuriously; with
   * assertions enabled (Surefire's default) the failure kills kwik's receiver thread and the
   * connection hangs. Takes effect only for kwik classes not yet initialised, so call it before any
   * QUIC code runs (loading this class calls it).
   */
  public static void disableKwikAssertions() {
    ClassLoader loader = FakeOmegaQuicServer.class.getClassLoader();
    if (loader != null) {
      loader.setPackageAssertionStatus("tech.kwik", false);
    }
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (system != loader) {
      system.setPackageAssertionStatus("tech.kwik", false);
    }
  }

  private final String alpn;
  private final TauriFraming framing;
  private final TestCertificate certificate;
  private final int idleTimeoutSeconds;
  private final DatagramSocket socket;
  private final ServerConnector connector;
  private final List<FakeTauriConnection> connections = new CopyOnWriteArrayList<>();
  private final BlockingQueue<FakeTauriConnection> identified = new LinkedBlockingQueue<>();
  private final BlockingQueue<FakeTauriConnection> accepted = new LinkedBlockingQueue<>();
  private final AtomicLong messageIds = new AtomicLong();
  private volatile boolean silent;
  private final List<ReceivedFrame> frames = new CopyOnWriteArrayList<>();
  private volatile boolean acceptIdentification = true;
  private volatile boolean closed;

  private FakeOmegaQuicServer(Builder b) throws IOException {
    this.alpn = b.alpn;
    this.framing = b.framing;
    this.certificate =
        b.certificate != null ? b.certificate : TestCertificate.selfSignedServer("localhost");
    this.idleTimeoutSeconds = b.idleTimeoutSeconds;
    this.socket = bind(b.port);
    char[] pw = "fake-omega".toCharArray();
    try {
      connector =
          ServerConnector.builder()
              .withSocket(socket)
              .withKeyStore(certificate.toKeyStore("server", pw), "server", pw)
              .withConfiguration(
                  ServerConnectionConfig.builder()
                      .maxIdleTimeoutInSeconds(idleTimeoutSeconds)
                      .maxOpenPeerInitiatedBidirectionalStreams(10)
                      .maxOpenPeerInitiatedUnidirectionalStreams(10)
                      .maxConnectionBufferSize(1_000_000)
                      .maxBidirectionalStreamBufferSize(200_000)
                      .maxUnidirectionalStreamBufferSize(200_000)
                      .retryRequired(false)
                      .build())
              .withLogger(new NullLogger())
              .build();
    } catch (CertificateException | RuntimeException e) {
      socket.close();
      throw new IOException("cannot build the fake Omega server: " + e.getMessage(), e);
    }
    connector.registerApplicationProtocol(
        alpn,
        new ApplicationProtocolConnectionFactory() {
          @Override
          public ApplicationProtocolConnection createConnection(
              String protocol, QuicConnection quic) {
            FakeTauriConnection c =
                new FakeTauriConnection(FakeOmegaQuicServer.this, quic, framing);
            connections.add(c);
            accepted.add(c);
            return new ApplicationProtocolConnection() {
              @Override
              public void acceptPeerInitiatedStream(QuicStream stream) {
                // kwik's callback thread must not block: read on our own thread.
                Thread t =
                    new Thread(
                        () -> c.readStream(stream),
                        "fake-omega-reader-" + READERS.incrementAndGet());
                t.setDaemon(true);
                t.start();
              }
            };
          }

          @Override
          public int maxConcurrentPeerInitiatedBidirectionalStreams() {
            return 10;
          }
        });
    connector.start();
  }

  /**
   * Binds the UDP socket. A fixed port is retried for up to 5 s, because a server that was just
   * closed on that port releases its socket asynchronously.
   */
  private static DatagramSocket bind(int port) throws SocketException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (SocketException e) {
        if (port == 0 || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
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
   * The UDP port the server listens on (on the loopback address).
   *
   * @return the port
   */
  public int port() {
    return socket.getLocalPort();
  }

  /**
   * The host name clients should connect to (matching the default certificate).
   *
   * @return {@code localhost}
   */
  public String host() {
    return "localhost";
  }

  /**
   * The ALPN protocol the server accepts.
   *
   * @return the ALPN; never null
   */
  public String alpn() {
    return alpn;
  }

  /**
   * The server's certificate, for the client's trust store (and for a restarted server).
   *
   * @return the certificate; never null
   */
  public TestCertificate certificate() {
    return certificate;
  }

  /**
   * Waits for the next client to identify (in order of identification).
   *
   * @param timeout the longest wait
   * @return the connection
   * @throws AssertionError if no client identified in time
   */
  public FakeTauriConnection awaitIdentified(Duration timeout) {
    try {
      FakeTauriConnection c = identified.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (c == null) {
        throw new AssertionError("no client identified within " + timeout);
      }
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Waits for the next connection the server accepts (identified or not), in order.
   *
   * @param timeout the longest wait
   * @return the connection
   * @throws AssertionError if none came in time
   */
  public FakeTauriConnection awaitConnection(Duration timeout) {
    try {
      FakeTauriConnection c = accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (c == null) {
        throw new AssertionError("no connection within " + timeout);
      }
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * A snapshot of every connection the server has accepted, in order.
   *
   * @return the connections; never null
   */
  public List<FakeTauriConnection> connections() {
    return new ArrayList<>(connections);
  }

  /**
   * Makes the server silent: it answers nothing (no {@code success}) and a test should send no
   * pings, so the client's watchdog must notice. The QUIC connection itself stays up.
   *
   * @param silent true to go silent
   */
  public void silent(boolean silent) {
    this.silent = silent;
  }

  /**
   * Whether identifications are answered with {@code success}. Default true.
   *
   * @param accept false to ignore identifications
   */
  public void acceptIdentification(boolean accept) {
    this.acceptIdentification = accept;
  }

  boolean silent() {
    return silent;
  }

  /**
   * Where the server listens, {@code quic://localhost:port}, for logs and the {@link FakeServer}
   * face; a Tauri client is configured with {@link #host()}, {@link #port()} and {@link #alpn()}.
   *
   * @return the address; never null
   */
  @Override
  public String url() {
    return "quic://" + host() + ":" + port();
  }

  /** Every message read on every connection, as the text the client sent. */
  @Override
  public List<ReceivedFrame> receivedFrames() {
    return new ArrayList<>(frames);
  }

  void received(FakeTauriConnection c, String text) {
    frames.add(ReceivedFrame.text(connections.indexOf(c), text));
  }

  /**
   * Closes every connection that is still up with application code 0 ("dropped by the fake
   * server"), which the client retries; new connections are accepted.
   */
  @Override
  public void drop() {
    for (FakeTauriConnection c : connections) {
      if (!c.isEnded()) {
        c.close(0, "dropped by the fake server");
      }
    }
  }

  /** {@code silent(true)}: the server answers nothing until {@link #resume()}. */
  @Override
  public void stall() {
    silent(true);
  }

  /** {@code silent(false)}. */
  @Override
  public void resume() {
    silent(false);
  }

  /**
   * {@code silent(true)}: this fake has no heartbeat of its own (the test sends the pings), so
   * silencing its liveness is the same as making it answer nothing.
   */
  @Override
  public void silence() {
    silent(true);
  }

  boolean acceptsIdentification() {
    return acceptIdentification;
  }

  long nextMessageId() {
    return messageIds.incrementAndGet();
  }

  void identified(FakeTauriConnection c) {
    identified.add(c);
  }

  /**
   * Shuts the server down through kwik (live clients see the connection closed by the peer).
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Only close() stops kwik's receiver safely; never close the socket ourselves.
    connector.close();
  }

  /** Builds a {@link FakeOmegaQuicServer}. Not thread-safe. */
  public static final class Builder {
    private String alpn = "tauri";
    private TauriFraming framing = TauriFraming.DEFAULT;
    private @Nullable TestCertificate certificate; // null: a self-signed one for localhost
    private int port;
    private int idleTimeoutSeconds = 30;

    private Builder() {}

    /**
     * The ALPN to accept. Default {@code tauri}.
     *
     * @param alpn never null
     * @return this builder
     */
    public Builder alpn(String alpn) {
      this.alpn = Objects.requireNonNull(alpn, "alpn");
      return this;
    }

    /**
     * The framing. Default {@link TauriFraming#DEFAULT}.
     *
     * @param framing never null
     * @return this builder
     */
    public Builder framing(TauriFraming framing) {
      this.framing = Objects.requireNonNull(framing, "framing");
      return this;
    }

    /**
     * The server certificate (pass the previous server's to restart it). Default: a new self-signed
     * certificate for {@code localhost}.
     *
     * @param certificate never null
     * @return this builder
     */
    public Builder certificate(TestCertificate certificate) {
      this.certificate = Objects.requireNonNull(certificate, "certificate");
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
     * The server's QUIC idle timeout in seconds. Default 30.
     *
     * @param seconds positive
     * @return this builder
     */
    public Builder idleTimeoutSeconds(int seconds) {
      this.idleTimeoutSeconds = seconds;
      return this;
    }

    /**
     * Builds and starts the server.
     *
     * @return the running server
     * @throws IOException if the socket cannot be bound
     * @throws SocketException if the port is taken
     */
    public FakeOmegaQuicServer start() throws IOException {
      return new FakeOmegaQuicServer(this);
    }
  }
}

package io.github.chatwire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.TlsCertificateException;
import io.github.chatwire.core.transport.RawWsServer.Events;
import io.github.chatwire.core.transport.RawWsServer.Peer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebSocketTransport} honours the OkHttpClient it is given (socket factory, DNS, proxy, TLS
 * trust, hostname verification, SNI), and its limits hold over TLS and in bytes read from the
 * socket.
 */
class WebSocketClientSettingsTest {
  private ChatwireRuntime runtime;
  private final Events events = new Events();
  private TransportSession session;

  @AfterEach
  void tearDown() {
    if (session != null) {
      session.cancel();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  private void open(OkHttpClient client, WebSocketTransport transport) {
    runtime = ChatwireRuntime.builder().httpClient(client).build();
    session = transport.open(runtime, events);
  }

  /** A socket factory whose sockets count the bytes the client reads. */
  private static final class CountingSocketFactory extends SocketFactory {
    final AtomicLong read = new AtomicLong();
    final AtomicReference<Socket> last = new AtomicReference<>();

    @Override
    public Socket createSocket() {
      Socket s = newCountingSocket();
      last.set(s);
      return s;
    }

    private Socket newCountingSocket() {
      return new Socket() {
        @Override
        public InputStream getInputStream() throws IOException {
          return new FilterInputStream(super.getInputStream()) {
            @Override
            public int read() throws IOException {
              int b = super.read();
              if (b >= 0) {
                read.incrementAndGet();
              }
              return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              int n = super.read(b, off, len);
              if (n > 0) {
                read.addAndGet(n);
              }
              return n;
            }
          };
        }
      };
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void oversizedMessageInContinuationsIsRefusedAfterReadingAtMostTheLimitPlusAConstant()
      throws Exception {
    CountingSocketFactory sockets = new CountingSocketFactory();
    long limit = 256 * 1024;
    try (RawWsServer server = new RawWsServer()) {
      open(
          new OkHttpClient.Builder().socketFactory(sockets).build(),
          WebSocketTransport.builder(server.url()).maxInboundMessageBytes(limit).build());
      Peer peer = server.accept().upgrade();
      events.next(Events.Opened.class);
      long afterHandshake = sockets.read.get();
      Thread writer =
          new Thread(
              () -> {
                byte[] chunk = new byte[1000];
                try {
                  for (int i = 0; i < 100_000; i++) {
                    peer.raw(Peer.header(i == 0 ? 0x02 : 0x00, chunk.length));
                    peer.out.write(chunk);
                  }
                } catch (IOException expected) {
                  // the client closed
                }
              });
      writer.start();
      assertInstanceOf(MessageTooLargeException.class, events.failure());
      writer.join(10_000);
      long payloadRead = sockets.read.get() - afterHandshake;
      // The limit, what the read buffer had fetched ahead, and what is discarded while the
      // close frame reaches the peer.
      assertTrue(
          payloadRead
              <= limit
                  + WebSocketSession.READ_BUFFER_BYTES
                  + WebSocketSession.LINGER_DRAIN_BYTES
                  + 2 * 1000,
          "read " + payloadRead + " bytes for a " + limit + "-byte limit");
      assertTrue(payloadRead >= limit, "the message was read up to the limit: " + payloadRead);
    }
  }

  @Test
  void socketsFromTheClientsFactoryGetTcpNoDelay() throws Exception {
    // Nagle's algorithm would hold a message that leaves in more than one segment until the
    // peer's delayed ACK (about 40 ms on Linux), so the transport turns it off on every socket.
    CountingSocketFactory sockets = new CountingSocketFactory();
    try (RawWsServer server = new RawWsServer()) {
      open(
          new OkHttpClient.Builder().socketFactory(sockets).build(),
          WebSocketTransport.builder(server.url()).build());
      Peer peer = server.accept().upgrade();
      events.next(Events.Opened.class);
      assertTrue(sockets.last.get().getTcpNoDelay(), "TCP_NODELAY on the client's socket");
      peer.close();
    }
  }

  @Test
  void writeBlockedLongerThanTheWriteTimeoutFailsTheSession() throws Exception {
    try (RawWsServer server = new RawWsServer()) {
      open(
          new OkHttpClient.Builder().writeTimeout(java.time.Duration.ofMillis(300)).build(),
          WebSocketTransport.builder(server.url()).build());
      Peer peer = server.accept().upgrade(); // and never reads again
      events.next(Events.Opened.class);
      byte[] mib = new byte[1024 * 1024];
      int accepted = 0;
      for (int i = 0; i < 16; i++) {
        accepted += session.sendBinary(mib) ? 1 : 0;
      }
      assertTrue(accepted > 0);
      io.github.chatwire.core.ChatwireException e = events.failure();
      assertInstanceOf(io.github.chatwire.core.ConnectionLostException.class, e);
      assertTrue(e.getMessage().contains("blocked for more than 300 ms"), e.getMessage());
      peer.close();
    }
  }

  @Test
  void readTimeoutAppliesInsideAFrameButNotBetweenFrames() throws Exception {
    try (RawWsServer server = new RawWsServer()) {
      open(
          new OkHttpClient.Builder().readTimeout(java.time.Duration.ofMillis(300)).build(),
          WebSocketTransport.builder(server.url()).build());
      Peer peer = server.accept().upgrade();
      events.next(Events.Opened.class);
      Thread.sleep(900); // quiet between frames: three read timeouts, still open
      peer.text("still here");
      assertEquals("still here", events.next(Events.Text.class).text());
      peer.raw(Peer.header(0x81, 10));
      peer.raw("abc".getBytes(StandardCharsets.UTF_8)); // and the other 7 bytes never come
      io.github.chatwire.core.ChatwireException e = events.failure();
      assertTrue(e.isRetryable());
      assertTrue(
          e.getMessage().contains("stalled inside a frame for more than 300 ms"), e.getMessage());
      peer.close();
    }
  }

  @Test
  void customDnsResolvesTheHost() throws Exception {
    try (RawWsServer server = new RawWsServer()) {
      OkHttpClient client =
          new OkHttpClient.Builder()
              .dns(
                  host ->
                      host.equals("chat.invalid")
                          ? List.of(InetAddress.getLoopbackAddress())
                          : List.of())
              .build();
      open(
          client, WebSocketTransport.builder("ws://chat.invalid:" + server.port() + "/ws").build());
      Peer peer = server.accept().upgrade();
      assertEquals("chat.invalid:" + server.port(), peer.requestHeaders.get("host"));
      events.next(Events.Opened.class);
    }
  }

  @Test
  void httpProxyIsUsedThroughConnect() throws Exception {
    try (RawWsServer server = new RawWsServer();
        ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      AtomicReference<String> connectLine = new AtomicReference<>();
      Thread proxyThread =
          new Thread(
              () -> {
                try (Socket client = proxy.accept()) {
                  InputStream in = client.getInputStream();
                  StringBuilder head = new StringBuilder();
                  while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.read());
                  }
                  connectLine.set(head.substring(0, head.indexOf("\r\n")));
                  try (Socket upstream =
                      new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    client
                        .getOutputStream()
                        .write(
                            "HTTP/1.1 200 Connection established\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                    Thread up = pump(in, upstream.getOutputStream());
                    pump(upstream.getInputStream(), client.getOutputStream()).join();
                    up.join();
                  }
                } catch (Exception e) {
                  // test over
                }
              });
      proxyThread.setDaemon(true);
      proxyThread.start();
      OkHttpClient client =
          new OkHttpClient.Builder()
              .proxy(
                  new Proxy(
                      Proxy.Type.HTTP,
                      new InetSocketAddress(
                          InetAddress.getLoopbackAddress(), proxy.getLocalPort())))
              .build();
      open(
          client,
          WebSocketTransport.builder("ws://upstream.example:" + server.port() + "/ws").build());
      Peer peer = server.accept().upgrade();
      events.next(Events.Opened.class);
      assertEquals("CONNECT upstream.example:" + server.port() + " HTTP/1.1", connectLine.get());
      peer.text("through the tunnel");
      assertEquals("through the tunnel", events.next(Events.Text.class).text());
    }
  }

  @Test
  void proxyAuthenticatorAnswersA407Once() throws Exception {
    try (RawWsServer server = new RawWsServer();
        ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      java.util.List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread proxyThread =
          new Thread(
              () -> {
                try {
                  try (Socket first = proxy.accept()) {
                    heads.add(readHead(first.getInputStream()));
                    first
                        .getOutputStream()
                        .write(
                            ("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                    + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                  }
                  try (Socket second = proxy.accept();
                      Socket upstream =
                          new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    heads.add(readHead(second.getInputStream()));
                    second
                        .getOutputStream()
                        .write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    Thread up = pump(second.getInputStream(), upstream.getOutputStream());
                    pump(upstream.getInputStream(), second.getOutputStream()).join();
                    up.join();
                  }
                } catch (Exception e) {
                  // test over
                }
              });
      proxyThread.setDaemon(true);
      proxyThread.start();
      OkHttpClient client =
          new OkHttpClient.Builder()
              .proxy(
                  new Proxy(
                      Proxy.Type.HTTP,
                      new InetSocketAddress(
                          InetAddress.getLoopbackAddress(), proxy.getLocalPort())))
              .proxyAuthenticator(
                  (route, response) ->
                      response
                          .request()
                          .newBuilder()
                          .header("Proxy-Authorization", okhttp3.Credentials.basic("user", "pw"))
                          .build())
              .build();
      open(
          client,
          WebSocketTransport.builder("ws://upstream.example:" + server.port() + "/ws").build());
      server.accept().upgrade();
      events.next(Events.Opened.class);
      assertEquals(2, heads.size());
      assertFalse(heads.get(0).contains("Proxy-Authorization"));
      assertTrue(
          heads.get(1).contains("Proxy-Authorization: " + okhttp3.Credentials.basic("user", "pw")),
          heads.get(1));
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("eof");
      }
      head.append((char) c);
    }
    return head.toString();
  }

  private static Thread pump(InputStream in, OutputStream out) {
    Thread t =
        new Thread(
            () -> {
              byte[] b = new byte[8192];
              try {
                for (int n = in.read(b); n >= 0; n = in.read(b)) {
                  out.write(b, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static OkHttpClient trusting(String resource) throws Exception {
    X509TrustManager tm = RawWsServer.trusting(resource);
    return new OkHttpClient.Builder()
        .sslSocketFactory(RawWsServer.clientContext(tm).getSocketFactory(), tm)
        .build();
  }

  @Test
  void wssWithATrustedCertificateCarriesMessagesAndEnforcesTheLimit() throws Exception {
    try (RawWsServer server = new RawWsServer("tls/loopback.p12")) {
      open(
          trusting("tls/loopback.p12"),
          WebSocketTransport.builder(server.url()).maxInboundMessageBytes(1024).build());
      Peer peer = server.accept().upgrade();
      events.next(Events.Opened.class);
      peer.text("secure");
      assertEquals("secure", events.next(Events.Text.class).text());
      peer.raw(Peer.header(0x82, 1L << 62));
      assertEquals(1009, peer.closeCode());
      assertInstanceOf(MessageTooLargeException.class, events.failure());
    }
  }

  @Test
  void sniCarriesTheHostName() throws Exception {
    try (RawWsServer server = new RawWsServer("tls/loopback.p12")) {
      OkHttpClient client =
          trusting("tls/loopback.p12")
              .newBuilder()
              .dns(host -> List.of(InetAddress.getLoopbackAddress()))
              .build();
      open(client, WebSocketTransport.builder("wss://localhost:" + server.port() + "/ws").build());
      Peer peer = server.accept().upgrade();
      events.next(Events.Opened.class);
      ExtendedSSLSession s = (ExtendedSSLSession) ((SSLSocket) peer.socket).getSession();
      assertEquals(List.of(new SNIHostName("localhost")), s.getRequestedServerNames());
    }
  }

  @Test
  void certificateForAnotherHostIsRefusedAsACertificateFailure() throws Exception {
    try (RawWsServer server = new RawWsServer("tls/other-host.p12")) {
      Thread t = server.acceptInBackground();
      open(trusting("tls/other-host.p12"), WebSocketTransport.builder(server.url()).build());
      TlsCertificateException e = assertInstanceOf(TlsCertificateException.class, events.failure());
      assertFalse(e.isRetryable());
      t.join(10_000);
    }
  }

  @Test
  void certificateFailuresCanBeMadeRetryable() throws Exception {
    try (RawWsServer server = new RawWsServer("tls/loopback.p12")) {
      Thread t = server.acceptInBackground();
      open(
          new OkHttpClient(),
          WebSocketTransport.builder(server.url()).retryCertificateFailures(true).build());
      assertTrue(assertInstanceOf(TlsCertificateException.class, events.failure()).isRetryable());
      t.join(10_000);
    }
  }
}

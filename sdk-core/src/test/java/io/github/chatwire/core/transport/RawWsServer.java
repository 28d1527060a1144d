package io.github.chatwire.core.transport;

import io.github.chatwire.core.ChatwireException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A hostile WebSocket server for tests: a plain {@link ServerSocket} on loopback that sends exactly
 * the bytes a test asks for (no library between it and the wire, so it shares none of the client's
 * assumptions). Frames it sends are unmasked, frames it reads must be masked.
 */
final class RawWsServer implements AutoCloseable {
  private final ServerSocket server;
  private final boolean tls;

  RawWsServer() throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.tls = false;
  }

  /**
   * A TLS server with the key in a test resource ({@code tls/loopback.p12} or {@code
   * tls/other-host.p12}).
   */
  RawWsServer(String keyStoreResource) throws Exception {
    this.server =
        context(keyStoreResource)
            .getServerSocketFactory()
            .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.tls = true;
  }

  static KeyStore keyStore(String resource) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = RawWsServer.class.getResourceAsStream("/" + resource)) {
      ks.load(in, "changeit".toCharArray());
    }
    return ks;
  }

  static SSLContext context(String resource) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore(resource), "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A trust manager that trusts exactly the certificate in the resource. */
  static X509TrustManager trusting(String resource) throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keyStore(resource));
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  static SSLContext clientContext(X509TrustManager tm) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
    return ctx;
  }

  int port() {
    return server.getLocalPort();
  }

  String url() {
    return (tls ? "wss" : "ws") + "://127.0.0.1:" + port() + "/ws";
  }

  Peer accept() throws IOException {
    return accept(10_000);
  }

  Peer accept(int timeoutMillis) throws IOException {
    server.setSoTimeout(timeoutMillis);
    Socket s = server.accept();
    s.setSoTimeout(10_000);
    return new Peer(s);
  }

  /**
   * Accepts one connection on a background thread and reads its request, for a client that is
   * expected to give up earlier (for example during the TLS handshake).
   */
  Thread acceptInBackground() {
    Thread t =
        new Thread(
            () -> {
              try {
                accept().readRequest();
              } catch (Exception expected) {
                // the client refused the connection
              }
            },
            "raw-ws-accept");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** One accepted connection. */
  static final class Peer implements AutoCloseable {
    final Socket socket;
    final DataInputStream in;
    final OutputStream out;
    String requestLine;
    final Map<String, String> requestHeaders = new LinkedHashMap<>();

    Peer(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new DataInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    /** Reads the upgrade request; header names lower-cased. */
    Peer readRequest() throws IOException {
      requestLine = line();
      for (String l = line(); !l.isEmpty(); l = line()) {
        int colon = l.indexOf(':');
        requestHeaders.put(
            l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
      }
      return this;
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new EOFException("client closed during the request");
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    String accept() {
      return WebSocketSession.expectedAccept(requestHeaders.get("sec-websocket-key"));
    }

    /** Reads the request and answers with a correct 101 plus the extra header lines. */
    Peer upgrade(String... extraHeaderLines) throws IOException {
      readRequest();
      StringBuilder b =
          new StringBuilder(
              "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                  + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                  + accept()
                  + "\r\n");
      for (String h : extraHeaderLines) {
        b.append(h).append("\r\n");
      }
      raw(b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      return this;
    }

    void raw(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** A frame header: b0 is FIN | RSV | opcode as given; the length is encoded minimally. */
    static byte[] header(int b0, long length) {
      ByteArrayOutputStream h = new ByteArrayOutputStream();
      h.write(b0);
      if (length <= 125) {
        h.write((int) length);
      } else if (length <= 0xFFFF) {
        h.write(126);
        h.write((int) (length >> 8));
        h.write((int) length);
      } else {
        h.write(127);
        for (int i = 7; i >= 0; i--) {
          h.write((int) (length >>> (8 * i)));
        }
      }
      return h.toByteArray();
    }

    void frame(int b0, byte[] payload) throws IOException {
      ByteArrayOutputStream f = new ByteArrayOutputStream();
      f.writeBytes(header(b0, payload.length));
      f.writeBytes(payload);
      raw(f.toByteArray());
    }

    void text(String s) throws IOException {
      frame(0x81, s.getBytes(StandardCharsets.UTF_8));
    }

    void close(int code, String reason) throws IOException {
      byte[] r = reason.getBytes(StandardCharsets.UTF_8);
      byte[] p = new byte[2 + r.length];
      p[0] = (byte) (code >> 8);
      p[1] = (byte) code;
      System.arraycopy(r, 0, p, 2, r.length);
      frame(0x88, p);
    }

    /** Reads one client frame, checking that it is masked. */
    Frame read() throws IOException {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      long len = b1 & 0x7F;
      if (len == 126) {
        len = in.readUnsignedShort();
      } else if (len == 127) {
        len = in.readLong();
      }
      boolean masked = (b1 & 0x80) != 0;
      byte[] key = new byte[4];
      if (masked) {
        in.readFully(key);
      }
      byte[] payload = new byte[(int) len];
      in.readFully(payload);
      for (int i = 0; masked && i < payload.length; i++) {
        payload[i] ^= key[i & 3];
      }
      return new Frame(b0, masked, key, payload);
    }

    /**
     * Reads frames until a close frame: its code, 1005 if empty, or -1 if the connection ended
     * first.
     */
    int closeCode() throws IOException {
      try {
        while (true) {
          Frame f = read();
          if (f.opcode() == 0x8) {
            return f.payload.length >= 2 ? f.closeCode() : 1005;
          }
        }
      } catch (EOFException | SocketException e) {
        return -1;
      }
    }

    /**
     * Whether the client closed the TCP connection (EOF) within the socket timeout, reading
     * anything before.
     */
    boolean endsWithin(int millis) throws IOException {
      socket.setSoTimeout(millis);
      try {
        while (in.read() >= 0) {
          // discard
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (SocketException e) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  record Frame(int b0, boolean masked, byte[] key, byte[] payload) {
    int opcode() {
      return b0 & 0x0F;
    }

    boolean fin() {
      return (b0 & 0x80) != 0;
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    String closeReason() {
      return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
  }

  /** Records a transport session's callbacks. */
  static final class Events implements TransportListener {
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    record Opened() {}

    record Text(String text) {}

    record Binary(byte[] bytes) {}

    record Closed(int code, String reason) {}

    record Failed(ChatwireException cause) {}

    @Override
    public void onOpen() {
      queue.add(new Opened());
    }

    @Override
    public void onText(String text) {
      queue.add(new Text(text));
    }

    @Override
    public void onBinary(byte[] bytes) {
      queue.add(new Binary(bytes));
    }

    @Override
    public void onClosed(int code, String reason) {
      queue.add(new Closed(code, reason));
    }

    @Override
    public void onFailure(ChatwireException cause) {
      queue.add(new Failed(cause));
    }

    Object next() throws InterruptedException {
      Object o = queue.poll(10, TimeUnit.SECONDS);
      if (o == null) {
        throw new AssertionError("no transport callback within 10 s");
      }
      return o;
    }

    <T> T next(Class<T> type) throws InterruptedException {
      Object o = next();
      if (!type.isInstance(o)) {
        throw new AssertionError("expected " + type.getSimpleName() + " but got " + o);
      }
      return type.cast(o);
    }

    /** The next callback that ends the session (skipping messages). */
    Object terminal() throws InterruptedException {
      while (true) {
        Object o = next();
        if (o instanceof Closed || o instanceof Failed) {
          return o;
        }
      }
    }

    ChatwireException failure() throws InterruptedException {
      Object o = terminal();
      if (!(o instanceof Failed)) {
        throw new AssertionError("expected a failure but got " + o);
      }
      return ((Failed) o).cause();
    }
  }
}

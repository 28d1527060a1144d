package io.github.chatwire.core.transport;

import static io.github.chatwire.core.connection.ConnectionState.CLOSED;
import static io.github.chatwire.core.connection.ConnectionState.READY;
import static io.github.chatwire.core.connection.ConnectionState.RECONNECTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.TlsCertificateException;
import io.github.chatwire.core.WebSocketProtocolException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.testing.RecordingListener;
import io.github.chatwire.core.testing.TestBackoff;
import io.github.chatwire.core.testing.TestProtocol;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.core.transport.RawWsServer.Frame;
import io.github.chatwire.core.transport.RawWsServer.Peer;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine over {@link WebSocketTransport} against a hostile raw-socket server: how transport
 * faults surface (type, retryable or terminal) and what the client does next. Timers run in virtual
 * time; network events are real.
 */
class WebSocketEngineFaultsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final VirtualScheduler time = new VirtualScheduler();
  private ChatwireRuntime runtime;
  private RawWsServer server;
  private final List<ManagedConnection> connections = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    runtime = ChatwireRuntime.builder().scheduler(time).build();
    server = new RawWsServer();
  }

  @AfterEach
  void tearDown() throws Exception {
    connections.forEach(ManagedConnection::close);
    server.close();
    runtime.close();
  }

  private RecordingListener connect(Transport transport) {
    RecordingListener listener = new RecordingListener();
    ManagedConnection c =
        ManagedConnection.builder(transport, new TestProtocol())
            .options(TestBackoff.build(ConnectionOptions.builder()))
            .runtime(runtime)
            .build();
    c.addListener(listener);
    connections.add(c);
    c.connect();
    return listener;
  }

  private RecordingListener connect() {
    return connect(WebSocketTransport.builder(server.url()).build());
  }

  private static Peer ready(Peer peer, RecordingListener listener) throws Exception {
    Frame hello = peer.read();
    assertEquals("hello", hello.text());
    peer.text("welcome");
    listener.await(READY, WAIT);
    return peer;
  }

  @Test
  void failedUpgradeConnectionIsNeverReusedForTheNextAttempt() throws Exception {
    RecordingListener listener = connect();
    Peer first = server.accept().readRequest();
    first.raw(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: wrong\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    StateChange lost = listener.await(RECONNECTING, WAIT);
    assertInstanceOf(WebSocketProtocolException.class, lost.cause());
    assertTrue(lost.cause().isRetryable());
    assertTrue(first.endsWithin(5000), "the first connection is closed, not pooled");
    time.advance(Duration.ofSeconds(1));
    Peer second = server.accept(); // a new TCP connection carries the second GET
    ready(second.upgrade(), listener);
  }

  @Test
  void serverSwitchingOnAnExtensionNeverSeesCredentialsAndIsTerminal() throws Exception {
    RecordingListener listener = connect();
    Peer peer =
        server
            .accept()
            .upgrade("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
    Frame only = peer.read();
    assertEquals(0x8, only.opcode(), "the client's first and only frame is its close, no 'hello'");
    assertEquals(1010, only.closeCode());
    StateChange closed = listener.await(CLOSED, WAIT);
    WebSocketProtocolException e =
        assertInstanceOf(WebSocketProtocolException.class, closed.cause());
    assertTrue(e.getMessage().contains("refused by the client"), e.getMessage());
    time.advance(Duration.ofMinutes(10));
    server.close();
    assertEquals(CLOSED, connections.get(0).state());
  }

  @Test
  void okHttpTransportAlsoReportsAnUnofferedExtensionAsRefusedByTheClient() throws Exception {
    RecordingListener listener = connect(OkHttpWebSocketTransport.builder(server.url()).build());
    Peer peer = server.accept().upgrade("Sec-WebSocket-Extensions: permessage-deflate");
    Frame only = peer.read();
    assertEquals(0x8, only.opcode(), "no 'hello' before the close");
    assertEquals(1010, only.closeCode());
    peer.close(1010, "");
    StateChange closed = listener.await(CLOSED, WAIT);
    WebSocketProtocolException e =
        assertInstanceOf(WebSocketProtocolException.class, closed.cause());
    assertTrue(e.getMessage().contains("refused by the client"), e.getMessage());
  }

  @Test
  void invalidCloseCodeSurfacesAsTheSdksProtocolErrorAndReconnects() throws Exception {
    RecordingListener listener = connect();
    Peer peer = ready(server.accept().upgrade(), listener);
    peer.close(1005, "");
    assertEquals(1002, peer.closeCode());
    StateChange lost = listener.await(RECONNECTING, WAIT);
    ProtocolException e = assertInstanceOf(WebSocketProtocolException.class, lost.cause());
    assertTrue(e.isRetryable());
    assertEquals(Duration.ofSeconds(1), lost.retryIn());
    time.advance(Duration.ofSeconds(1));
    ready(server.accept().upgrade(), listener);
  }

  @Test
  void invalidUtf8TextSurfacesAs1007AndReconnects() throws Exception {
    RecordingListener listener = connect();
    Peer peer = ready(server.accept().upgrade(), listener);
    peer.frame(0x81, new byte[] {(byte) 0xFE});
    assertEquals(1007, peer.closeCode());
    StateChange lost = listener.await(RECONNECTING, WAIT);
    assertEquals(
        1007, assertInstanceOf(WebSocketProtocolException.class, lost.cause()).closeCode());
  }

  @Test
  void untrustedTlsCertificateIsTerminalWithAClearCause() throws Exception {
    try (RawWsServer tls = new RawWsServer("tls/loopback.p12")) {
      Thread handshake = tls.acceptInBackground();
      RecordingListener listener = connect(WebSocketTransport.builder(tls.url()).build());
      StateChange closed = listener.await(CLOSED, WAIT);
      TlsCertificateException e = assertInstanceOf(TlsCertificateException.class, closed.cause());
      assertFalse(e.isRetryable());
      assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
      handshake.join(10_000);
      time.advance(Duration.ofMinutes(10));
      try {
        tls.accept(500);
        throw new AssertionError("a refused certificate must not be retried");
      } catch (SocketTimeoutException expected) {
        // no second attempt
      }
    }
  }
}

package io.github.chatwire.core.transport;

import static io.github.chatwire.core.connection.ConnectionState.CLOSED;
import static io.github.chatwire.core.connection.ConnectionState.READY;
import static io.github.chatwire.core.connection.ConnectionState.RECONNECTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.UpgradeRejectedException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.testing.RecordingListener;
import io.github.chatwire.core.testing.TestBackoff;
import io.github.chatwire.core.testing.TestProtocol;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine over real WebSockets against MockWebServer. Timers run in virtual time, so backoff,
 * watchdog and timeouts are exact; network events are real and awaited with bounded waits.
 */
class WebSocketConnectionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private MockWebServer server;
  private final VirtualScheduler time = new VirtualScheduler();
  private ChatwireRuntime runtime;
  private final List<ManagedConnection> connections = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    runtime = ChatwireRuntime.builder().scheduler(time).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    connections.forEach(ManagedConnection::close);
    runtime.close();
    server.shutdown();
  }

  private ManagedConnection connect(
      ConnectionOptions.Builder options, RecordingListener listener, long maxInbound) {
    WebSocketTransport transport =
        WebSocketTransport.builder(server.url("/ws").toString())
            .maxInboundMessageBytes(maxInbound)
            .build();
    ManagedConnection c =
        ManagedConnection.builder(transport, new TestProtocol())
            .options(TestBackoff.build(options))
            .runtime(runtime)
            .build();
    c.addListener(listener);
    connections.add(c);
    c.connect();
    return c;
  }

  private ManagedConnection connect(ConnectionOptions.Builder options, RecordingListener listener) {
    return connect(options, listener, WebSocketTransport.DEFAULT_MAX_INBOUND_BYTES);
  }

  @Test
  void connectsHandshakesAndBecomesReadyWithoutOfferingDeflate() throws Exception {
    ServerSocket s = new ServerSocket();
    server.enqueue(new MockResponse().withWebSocketUpgrade(s));
    RecordingListener listener = new RecordingListener();
    ManagedConnection c = connect(ConnectionOptions.builder(), listener);
    listener.await(READY, WAIT);
    assertEquals("hello", s.next());
    RecordedRequest upgrade = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("websocket", upgrade.getHeader("Upgrade"));
    assertNull(
        upgrade.getHeader("Sec-WebSocket-Extensions"), "permessage-deflate must not be offered");
    assertEquals(READY, c.state());
    for (Thread t : listener.callbackThreads) {
      assertTrue(t.getName().startsWith("chatwire-callback"), "listener ran on " + t.getName());
    }
  }

  @Test
  void retryableServerCloseReconnectsAfterTheBackoffDelay() throws Exception {
    ServerSocket first = new ServerSocket();
    ServerSocket second = new ServerSocket();
    server.enqueue(new MockResponse().withWebSocketUpgrade(first));
    server.enqueue(new MockResponse().withWebSocketUpgrade(second));
    RecordingListener listener = new RecordingListener();
    ManagedConnection c = connect(ConnectionOptions.builder(), listener);
    listener.await(READY, WAIT);
    first.socket().close(1011, "restarting");
    StateChange reconnecting = listener.await(RECONNECTING, WAIT);
    assertTrue(
        reconnecting.cause().getMessage().contains("1011"), reconnecting.cause().getMessage());
    assertEquals(Duration.ofSeconds(1), reconnecting.retryIn());
    assertEquals(1, server.getRequestCount(), "no attempt before the delay");
    time.advance(Duration.ofSeconds(1));
    listener.await(READY, WAIT);
    assertEquals("hello", second.next(), "the handshake is redone on the new socket");
    assertEquals(2, server.getRequestCount());
    assertEquals(READY, c.state());
  }

  @Test
  void terminalServerCloseStopsReconnecting() throws Exception {
    ServerSocket s = new ServerSocket();
    server.enqueue(new MockResponse().withWebSocketUpgrade(s));
    RecordingListener listener = new RecordingListener();
    ManagedConnection c = connect(ConnectionOptions.builder(), listener);
    listener.await(READY, WAIT);
    s.socket().close(4001, "key revoked");
    StateChange closed = listener.await(CLOSED, WAIT);
    assertInstanceOf(AuthenticationException.class, closed.cause());
    assertTrue(closed.cause().getMessage().contains("key revoked"));
    time.advance(Duration.ofMinutes(10));
    assertEquals(1, server.getRequestCount());
    assertEquals(CLOSED, c.state());
  }

  @Test
  void upgradeRefusedWith401IsTerminal() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(401));
    RecordingListener listener = new RecordingListener();
    ManagedConnection c = connect(ConnectionOptions.builder(), listener);
    StateChange closed = listener.await(CLOSED, WAIT);
    assertInstanceOf(UpgradeRejectedException.class, closed.cause());
    assertEquals(401, ((UpgradeRejectedException) closed.cause()).status());
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> c.connect().get(5, TimeUnit.SECONDS));
    assertInstanceOf(UpgradeRejectedException.class, e.getCause());
  }

  @Test
  void watchdogDetectsADeadConnection() throws Exception {
    ServerSocket s = new ServerSocket();
    server.enqueue(new MockResponse().withWebSocketUpgrade(s));
    server.enqueue(new MockResponse().withWebSocketUpgrade(new ServerSocket()));
    RecordingListener listener = new RecordingListener();
    ManagedConnection c =
        connect(ConnectionOptions.builder().idleTimeout(Duration.ofSeconds(45)), listener);
    listener.await(READY, WAIT);
    time.advance(Duration.ofSeconds(44));
    assertEquals(READY, c.state());
    time.advance(Duration.ofSeconds(1));
    StateChange lost = listener.await(RECONNECTING, WAIT);
    assertInstanceOf(ConnectionLostException.class, lost.cause());
    assertTrue(
        lost.cause().getMessage().contains("nothing received for 45000 ms"),
        lost.cause().getMessage());
    assertEquals(
        1001,
        (int) s.closingCode.get(10, TimeUnit.SECONDS),
        "the dead socket is closed, not leaked");
  }

  @Test
  void requestWithoutReplyTimesOut() throws Exception {
    ServerSocket s = new ServerSocket();
    server.enqueue(new MockResponse().withWebSocketUpgrade(s));
    RecordingListener listener = new RecordingListener();
    ManagedConnection c =
        connect(ConnectionOptions.builder().requestTimeout(Duration.ofSeconds(30)), listener);
    listener.await(READY, WAIT);
    CompletableFuture<String> reply = c.request("r1", Outbound.text("question", "ask"));
    assertEquals("hello", s.next());
    assertEquals("question", s.next());
    time.advance(Duration.ofSeconds(30));
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
    assertInstanceOf(RequestTimeoutException.class, e.getCause());
    assertEquals(READY, c.state(), "a timed-out request does not end the connection");
  }

  @Test
  void sendQueuedWhileDisconnectedIsDeliveredAfterReconnect() throws Exception {
    ServerSocket first = new ServerSocket();
    ServerSocket second = new ServerSocket();
    server.enqueue(new MockResponse().withWebSocketUpgrade(first));
    server.enqueue(new MockResponse().withWebSocketUpgrade(second));
    RecordingListener listener = new RecordingListener();
    ManagedConnection c = connect(ConnectionOptions.builder(), listener);
    listener.await(READY, WAIT);
    first.socket().close(1001, "going away");
    listener.await(RECONNECTING, WAIT);
    CompletableFuture<Void> sent = c.send(Outbound.text("queued while down"));
    assertFalse(sent.isDone());
    time.advance(Duration.ofSeconds(1));
    listener.await(READY, WAIT);
    assertEquals("hello", second.next());
    assertEquals("queued while down", second.next());
    sent.get(5, TimeUnit.SECONDS);
  }

  @Test
  void oversizedInboundMessageClosesWith1009() throws Exception {
    ServerSocket s = new ServerSocket();
    server.enqueue(new MockResponse().withWebSocketUpgrade(s));
    server.enqueue(new MockResponse().withWebSocketUpgrade(new ServerSocket()));
    RecordingListener listener = new RecordingListener();
    connect(ConnectionOptions.builder(), listener, 1024);
    listener.await(READY, WAIT);
    s.socket().send("x".repeat(1025));
    StateChange lost = listener.await(RECONNECTING, WAIT);
    MessageTooLargeException tooLarge =
        assertInstanceOf(MessageTooLargeException.class, lost.cause());
    assertEquals(1025, tooLarge.size());
    assertEquals(1024, tooLarge.limit());
    assertEquals(1009, (int) s.closingCode.get(10, TimeUnit.SECONDS));
  }

  @Test
  void messageAtTheLimitIsAccepted() throws Exception {
    ServerSocket s = new ServerSocket();
    server.enqueue(new MockResponse().withWebSocketUpgrade(s));
    RecordingListener listener = new RecordingListener();
    ManagedConnection c = connect(ConnectionOptions.builder(), listener, 1024);
    listener.await(READY, WAIT);
    // Multi-byte characters count in UTF-8 bytes: 512 two-byte chars are exactly 1024 bytes.
    s.socket().send("é".repeat(512));
    s.socket().send("reply:k:after");
    CompletableFuture<String> r = c.request("k", Outbound.text("noop"));
    s.socket().send("reply:k:after");
    assertEquals("after", r.get(10, TimeUnit.SECONDS));
    assertEquals(READY, c.state());
  }

  @Test
  void userSuppliedOkHttpClientIsUsedButNeverShutDown() throws Exception {
    OkHttpClient userClient =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain.request().newBuilder().header("X-User-Client", "yes").build()))
            .build();
    ChatwireRuntime own = ChatwireRuntime.builder().httpClient(userClient).scheduler(time).build();
    ServerSocket s = new ServerSocket();
    server.enqueue(new MockResponse().withWebSocketUpgrade(s));
    RecordingListener listener = new RecordingListener();
    ManagedConnection c =
        ManagedConnection.builder(
                WebSocketTransport.builder(server.url("/ws").toString()).build(),
                new TestProtocol())
            .runtime(own)
            .build();
    c.addListener(listener);
    c.connect();
    listener.await(READY, WAIT);
    assertEquals("yes", server.takeRequest(5, TimeUnit.SECONDS).getHeader("X-User-Client"));
    c.close();
    c.closeFuture().get(10, TimeUnit.SECONDS);
    own.close();
    assertFalse(userClient.dispatcher().executorService().isShutdown());
    server.enqueue(new MockResponse().setBody("still usable"));
    try (okhttp3.Response r =
        userClient.newCall(new okhttp3.Request.Builder().url(server.url("/")).build()).execute()) {
      assertEquals("still usable", r.body().string());
    }
  }
}

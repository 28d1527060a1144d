package io.github.chatwire.core.connection;

import static io.github.chatwire.core.connection.ConnectionState.CLOSED;
import static io.github.chatwire.core.connection.ConnectionState.READY;
import static io.github.chatwire.core.testing.Outcomes.failure;
import static io.github.chatwire.core.testing.Outcomes.handshake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionClosedException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.SendTimeoutException;
import io.github.chatwire.core.testing.RecordingListener;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.testing.ScriptedTransport.Session;
import io.github.chatwire.core.testing.TestProtocol;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 and 14 engine items: lifecycle, request timing, retry truth, outbound limit, first
 * connect.
 */
class EngineReliabilityTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final ChatwireRuntime runtime =
      ChatwireRuntime.builder().scheduler(time).callbackExecutor(Runnable::run).build();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final TestProtocol protocol = new TestProtocol();
  private final RecordingListener listener = new RecordingListener();

  @AfterEach
  void tearDown() {
    runtime.close();
  }

  private ManagedConnection connection(ConnectionOptions.Builder options) {
    ManagedConnection c =
        ManagedConnection.builder(transport, protocol)
            .options(options.random(() -> 0.0).build())
            .runtime(runtime)
            .build();
    c.addListener(listener);
    return c;
  }

  // ---- item 9: connect() after close() ----

  @Test
  void connectAfterCloseFailsWithConnectionClosed() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    c.close();
    assertEquals(CLOSED, c.state());
    assertInstanceOf(ConnectionClosedException.class, failure(c.connect()));
    assertEquals(0, transport.opens(), "nothing was opened");
  }

  @Test
  void connectAfterCloseOfAnEstablishedConnectionFailsToo() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    c.connect();
    handshake(transport);
    c.close();
    assertInstanceOf(ConnectionClosedException.class, failure(c.connect()));
  }

  // ---- item 8: the reply timeout counts from transmission, the queue wait bounds the time before
  // ----

  @Test
  void requestQueuedThroughA15SecondOutageIsSentAndAnswered() {
    ManagedConnection c =
        connection(
            ConnectionOptions.builder()
                .requestTimeout(Duration.ofSeconds(10))
                .reconnectPolicy(
                    ReconnectPolicy.builder()
                        .initialDelay(Duration.ofSeconds(15))
                        .maxDelay(Duration.ofSeconds(15))
                        .jitter(0)
                        .build()));
    c.connect();
    handshake(transport).serverCloses(1011, "outage");
    CompletableFuture<String> reply = c.request("k", Outbound.text("req:k", "get"));
    time.advance(Duration.ofSeconds(14));
    assertFalse(reply.isDone(), "still waiting for the connection, within the 60 s queue wait");
    time.advance(Duration.ofSeconds(1));
    Session second = handshake(transport);
    assertEquals(List.of("hello", "req:k"), second.sent());
    // The 10 s reply timeout starts now, at transmission.
    time.advance(Duration.ofSeconds(9));
    assertFalse(reply.isDone());
    second.serverSends("reply:k:ok");
    assertEquals("ok", reply.join());
  }

  @Test
  void replyTimeoutStartsAtTransmission() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().requestTimeout(Duration.ofSeconds(10)));
    c.connect();
    CompletableFuture<String> reply = c.request("k", Outbound.text("req:k", "get"));
    time.advance(Duration.ofSeconds(20));
    Session s = handshake(transport);
    assertEquals(List.of("hello", "req:k"), s.sent());
    time.advance(Duration.ofMillis(9999));
    assertFalse(reply.isDone());
    time.advance(Duration.ofMillis(1));
    assertInstanceOf(RequestTimeoutException.class, failure(reply));
  }

  @Test
  void queuedRequestExpiresAfterTheQueueWaitAsNotSentAndRetryable() {
    ManagedConnection c =
        connection(
            ConnectionOptions.builder()
                .requestTimeout(Duration.ofSeconds(10))
                .outboundQueueMaxWait(Duration.ofSeconds(60))
                .reconnectPolicy(
                    ReconnectPolicy.builder()
                        .initialDelay(Duration.ofMinutes(5))
                        .maxDelay(Duration.ofMinutes(5))
                        .build()));
    c.connect();
    handshake(transport).serverCloses(1011, "outage");
    CompletableFuture<String> reply = c.request("k", Outbound.text("req:k"));
    time.advance(Duration.ofSeconds(59));
    assertFalse(reply.isDone());
    time.advance(Duration.ofSeconds(1));
    Throwable e = failure(reply);
    assertInstanceOf(SendTimeoutException.class, e);
    assertTrue(((ChatwireException) e).isRetryable(), "never sent: safe to retry");
    assertEquals(0, c.queuedCount());
    assertEquals(0, c.pendingCount());
  }

  // ---- item 7: "sent, reply unknown" is not retryable; "not sent" is ----

  @Test
  void timedOutRequestThatWasSentIsNotRetryable() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().requestTimeout(Duration.ofSeconds(5)));
    c.connect();
    handshake(transport);
    CompletableFuture<String> reply = c.request("k", Outbound.text("req:k", "post"));
    time.advance(Duration.ofSeconds(5));
    ChatwireException e = (ChatwireException) failure(reply);
    assertInstanceOf(RequestTimeoutException.class, e);
    assertFalse(e.isRetryable(), "the request reached the wire; a retry may duplicate it");
  }

  @Test
  void requestLostInFlightIsNotRetryable() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    c.connect();
    Session s = handshake(transport);
    CompletableFuture<String> reply = c.request("k", Outbound.text("req:k", "post"));
    s.serverCloses(1006, "");
    ChatwireException e = (ChatwireException) failure(reply);
    assertInstanceOf(ConnectionLostException.class, e);
    assertFalse(e.isRetryable(), "the request reached the wire; a retry may duplicate it");
  }

  // ---- item 4: oversized outbound message ----

  /** Like OkHttp: refuses a message that does not fit its 16 MiB outbound buffer. */
  private static final int TRANSPORT_BUFFER = 16 * 1024 * 1024;

  @Test
  void oversizedOutboundMessageFailsAtOnceAndTheConnectionStaysUp() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    c.connect();
    Session s = handshake(transport);
    s.maxQueuedBytes(TRANSPORT_BUFFER);
    String big = "x".repeat(20 * 1024 * 1024);
    CompletableFuture<Void> sent = c.send(Outbound.text(big));
    ChatwireException e = (ChatwireException) failure(sent);
    assertInstanceOf(MessageTooLargeException.class, e);
    assertFalse(e.isRetryable());
    assertEquals(READY, c.state());
    assertEquals(1, transport.opens(), "no reconnect");
    CompletableFuture<Void> next = c.send(Outbound.text("small"));
    assertTrue(next.isDone() && !next.isCompletedExceptionally());
    assertEquals(List.of("hello", "small"), s.sent());
  }

  @Test
  void oversizedRequestFailsAtOnceWithoutTakingASlot() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    c.connect();
    handshake(transport).maxQueuedBytes(TRANSPORT_BUFFER);
    CompletableFuture<Object> r =
        c.request("k", Outbound.binary(new byte[20 * 1024 * 1024], "upload"));
    assertInstanceOf(MessageTooLargeException.class, failure(r));
    assertEquals(0, c.pendingCount());
    assertEquals(READY, c.state());
  }

  @Test
  void aFullTransportBufferHoldsTheQueueInsteadOfReconnecting() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    c.connect();
    Session s = handshake(transport);
    s.maxQueuedBytes(100);
    s.queuedBytes(60); // an earlier large message is still being written
    CompletableFuture<Void> sent = c.send(Outbound.text("y".repeat(50)));
    assertFalse(sent.isDone());
    assertEquals(READY, c.state());
    time.advance(Duration.ofSeconds(1));
    assertEquals(1, transport.opens(), "no reconnect");
    s.queuedBytes(0);
    time.advance(Duration.ofMillis(50));
    assertTrue(sent.isDone() && !sent.isCompletedExceptionally());
    assertEquals(2, s.sent().size());
  }

  // ---- issue 14 item 3: the first connection has a finite policy ----

  @Test
  void firstConnectGivesUpAfterThreeFailedAttemptsByDefault() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    CompletableFuture<Void> ready = c.connect();
    for (int i = 0; i < 2; i++) {
      transport.last().fail(new ConnectionLostException("connection refused"));
      assertFalse(ready.isDone());
      time.advance(listener.last().retryIn());
    }
    transport.last().fail(new ConnectionLostException("connection refused"));
    assertEquals(CLOSED, c.state());
    Throwable cause = failure(ready);
    assertInstanceOf(ConnectionClosedException.class, cause);
    assertTrue(cause.getMessage().contains("3 attempts"), cause.getMessage());
    assertTrue(
        cause.getCause().getMessage().contains("connection refused"), "the last cause is kept");
    time.advance(Duration.ofHours(1));
    assertEquals(3, transport.opens());
  }

  @Test
  void firstConnectGivesUpAfterThirtySecondsByDefault() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    CompletableFuture<Void> ready = c.connect();
    transport.last().accept(); // a server that accepts and never answers the handshake
    time.advance(Duration.ofMillis(29_999));
    assertFalse(ready.isDone());
    time.advance(Duration.ofMillis(1));
    assertEquals(CLOSED, c.state());
    Throwable cause = failure(ready);
    assertInstanceOf(ConnectionClosedException.class, cause);
    assertTrue(cause.getMessage().contains("30000 ms"), cause.getMessage());
  }

  @Test
  void establishedConnectionKeepsReconnectingForever() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    c.connect();
    handshake(transport).serverCloses(1011, "");
    for (int i = 0; i < 50; i++) {
      time.advance(listener.last().retryIn());
      transport.last().fail(new ConnectionLostException("refused"));
    }
    assertEquals(ConnectionState.RECONNECTING, c.state());
    time.advance(listener.last().retryIn());
    handshake(transport);
    assertEquals(READY, c.state());
  }

  // ---- issue 14 item 4: an instance tag on every log line, never a secret ----

  @Test
  void logTagNamesTheConnectionAndHostWithoutSecrets() {
    io.github.chatwire.core.transport.OkHttpWebSocketTransport t =
        io.github.chatwire.core.transport.OkHttpWebSocketTransport.builder(
                "wss://chat.example.org/ws?token=hunter2")
            .build();
    ManagedConnection c =
        ManagedConnection.builder(t, protocol)
            .options(ConnectionOptions.builder().name("originchats:alice").build())
            .runtime(runtime)
            .build();
    String tag = c.logTag();
    assertTrue(tag.contains("originchats:alice") && tag.contains("chat.example.org"), tag);
    assertFalse(tag.contains("hunter2"), tag);
    c.close();
  }

  @Test
  void aFailedSendIsLoggedOnceOnlyWhenNobodyObservesItsFuture() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().outboundQueueMaxWait(Duration.ofSeconds(5)));
    c.connect();
    c.send(Outbound.text("ignored")); // fire and forget, future dropped
    CompletableFuture<Void> watched = c.send(Outbound.text("watched"));
    watched.whenComplete((v, e) -> {});
    time.advance(Duration.ofSeconds(5));
    assertInstanceOf(SendTimeoutException.class, failure(watched));
    assertEquals(1, c.unobservedFailures(), "only the unobserved failure is logged");
    c.close();
    assertEquals(1, c.unobservedFailures(), "and only once");
  }
}

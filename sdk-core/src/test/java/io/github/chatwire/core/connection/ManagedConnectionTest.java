package io.github.chatwire.core.connection;

import static io.github.chatwire.core.connection.ConnectionState.CLOSED;
import static io.github.chatwire.core.connection.ConnectionState.CONNECTING;
import static io.github.chatwire.core.connection.ConnectionState.HANDSHAKING;
import static io.github.chatwire.core.connection.ConnectionState.READY;
import static io.github.chatwire.core.connection.ConnectionState.RECONNECTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionClosedException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.QueueFullException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.SendTimeoutException;
import io.github.chatwire.core.testing.RecordingListener;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.testing.ScriptedTransport.Session;
import io.github.chatwire.core.testing.TestBackoff;
import io.github.chatwire.core.testing.TestProtocol;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's state machine and timers, on an in-memory transport in virtual time. */
class ManagedConnectionTest {
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
            .options(TestBackoff.build(options))
            .runtime(runtime)
            .build();
    c.addListener(listener);
    return c;
  }

  private ManagedConnection connection() {
    return connection(ConnectionOptions.builder());
  }

  private static Session handshake(ScriptedTransport transport) {
    Session s = transport.last();
    s.accept();
    s.serverSends("welcome");
    return s;
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertTrue(f.isCompletedExceptionally(), "future should have failed");
    try {
      f.join();
      throw new AssertionError("unreachable");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void connectRunsHandshakeAndBecomesReady() {
    ManagedConnection c = connection();
    CompletableFuture<Void> ready = c.connect();
    assertEquals(CONNECTING, c.state());
    Session s = transport.last();
    s.accept();
    assertEquals(HANDSHAKING, c.state());
    assertEquals(List.of("hello"), s.sent());
    assertFalse(ready.isDone());
    s.serverSends("welcome");
    assertEquals(READY, c.state());
    assertTrue(ready.isDone() && !ready.isCompletedExceptionally());
    assertEquals(List.of(CONNECTING, HANDSHAKING, READY), listener.states());
    assertNull(listener.last().cause());
  }

  @Test
  void retryableCloseReconnectsWithExponentialBackoff() {
    ManagedConnection c =
        connection(
            ConnectionOptions.builder()
                .reconnectPolicy(
                    ReconnectPolicy.builder()
                        .initialDelay(Duration.ofSeconds(1))
                        .maxDelay(Duration.ofSeconds(8))
                        .jitter(0.5)
                        .build()));
    c.connect();
    handshake(transport).serverCloses(1011, "server restart");
    assertEquals(RECONNECTING, c.state());
    StateChange change = listener.last();
    assertInstanceOf(ConnectionLostException.class, change.cause());
    assertTrue(change.cause().getMessage().contains("1011"), change.cause().getMessage());
    assertEquals(Duration.ofSeconds(1), change.retryIn());
    assertEquals(1, protocol.disconnects.size());

    // Nothing happens before the delay; the next attempt starts exactly at it.
    time.advance(Duration.ofMillis(999));
    assertEquals(1, transport.opens());
    time.advance(Duration.ofMillis(1));
    assertEquals(2, transport.opens());
    assertEquals(CONNECTING, c.state());

    // Each failed attempt doubles the delay up to the cap: 2, 4, 8, 8.
    Duration[] expected = {
      Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8)
    };
    for (Duration d : expected) {
      transport.last().fail(new ConnectionLostException("refused"));
      assertEquals(RECONNECTING, c.state());
      assertEquals(d, listener.last().retryIn());
      time.advance(d);
    }
    // The handshake is redone on the new session.
    Session s = handshake(transport);
    assertEquals(List.of("hello"), s.sent());
    assertEquals(READY, c.state());
    assertEquals(2, protocol.opens, "only the sessions that opened ran the handshake");
  }

  @Test
  void aServiceRestartCloseWaitsTheRestartSpreadLonger() {
    // Failed before the engine handed the server's close code to the policy.
    ManagedConnection c =
        connection(
            ConnectionOptions.builder()
                .reconnectPolicy(
                    ReconnectPolicy.builder()
                        .initialDelay(Duration.ofSeconds(1))
                        .multiplier(1)
                        .jitter(0)
                        .restartSpread(3)
                        .build()));
    c.connect();
    handshake(transport).serverCloses(1012, "service restart");
    assertEquals(Duration.ofSeconds(3), listener.last().retryIn());
    time.advance(Duration.ofMillis(2999));
    assertEquals(1, transport.opens());
    time.advance(Duration.ofMillis(1));
    assertEquals(2, transport.opens());
    handshake(transport).fail(new ConnectionLostException("reset"));
    assertEquals(
        Duration.ofSeconds(1), listener.last().retryIn(), "no close frame: the ordinary delay");
    time.advance(Duration.ofSeconds(1));
    handshake(transport).serverCloses(1000, "bye");
    assertEquals(
        Duration.ofSeconds(1), listener.last().retryIn(), "an ordinary close: the ordinary delay");
  }

  @Test
  void backoffResetsOnlyAfterTheStablePeriod() {
    ManagedConnection c =
        connection(
            ConnectionOptions.builder()
                .reconnectPolicy(
                    ReconnectPolicy.builder()
                        .initialDelay(Duration.ofSeconds(1))
                        .stablePeriod(Duration.ofSeconds(30))
                        .restartSpread(1)
                        .build()));
    c.connect();
    handshake(transport).serverCloses(1001, "");
    time.advance(Duration.ofSeconds(1));
    // Ready again, but drops before the stable period: backoff keeps growing.
    handshake(transport);
    time.advance(Duration.ofSeconds(29));
    transport.last().serverCloses(1001, "");
    assertEquals(Duration.ofSeconds(2), listener.last().retryIn());
    time.advance(Duration.ofSeconds(2));
    // Ready and stable for 30 s: the next drop starts from the initial delay again.
    handshake(transport);
    time.advance(Duration.ofSeconds(30));
    transport.last().serverCloses(1001, "");
    assertEquals(Duration.ofSeconds(1), listener.last().retryIn());
    assertEquals(1, listener.last().attempt());
  }

  @Test
  void jitterShortensTheDelayWithinItsFraction() {
    ReconnectPolicy policy =
        ReconnectPolicy.builder()
            .initialDelay(Duration.ofSeconds(10))
            .maxDelay(Duration.ofSeconds(10))
            .jitter(0.3)
            .build();
    assertEquals(Duration.ofSeconds(10), policy.delayFor(1, 0.0));
    assertEquals(Duration.ofSeconds(7), policy.delayFor(1, 1.0));
    assertEquals(Duration.ofMillis(8500), policy.delayFor(1, 0.5));
  }

  @Test
  void terminalCloseStopsReconnectingAndSaysWhy() {
    ManagedConnection c = connection();
    CompletableFuture<Void> ready = c.connect();
    transport.last().accept();
    transport.last().serverCloses(4001, "bad key");
    assertEquals(CLOSED, c.state());
    StateChange last = listener.last();
    assertInstanceOf(AuthenticationException.class, last.cause());
    assertTrue(last.cause().getMessage().contains("bad key"));
    assertInstanceOf(AuthenticationException.class, failure(ready));
    time.advance(Duration.ofHours(1));
    assertEquals(1, transport.opens(), "no reconnect after a terminal cause");
    assertInstanceOf(ConnectionClosedException.class, failure(c.send(Outbound.text("late"))));
  }

  @Test
  void protocolFailureWithTerminalCauseClosesTheTransport() {
    ManagedConnection c = connection();
    c.connect();
    Session s = transport.last();
    s.accept();
    s.serverSends("denied");
    assertEquals(CLOSED, c.state());
    assertEquals(1000, s.closedWith());
    assertInstanceOf(AuthenticationException.class, listener.last().cause());
  }

  @Test
  void attemptLimitEndsTheConnection() {
    // The first connection's own limits are lifted, so the reconnect policy's is the one met.
    ManagedConnection c =
        connection(
            ConnectionOptions.builder()
                .initialConnectAttempts(Integer.MAX_VALUE)
                .initialConnectTimeout(Duration.ZERO)
                .reconnectPolicy(ReconnectPolicy.builder().maxAttempts(2).build()));
    CompletableFuture<Void> ready = c.connect();
    transport.last().fail(new ConnectionLostException("refused"));
    time.advance(Duration.ofMinutes(5));
    transport.last().fail(new ConnectionLostException("refused"));
    time.advance(Duration.ofMinutes(5));
    transport.last().fail(new ConnectionLostException("refused"));
    assertEquals(CLOSED, c.state());
    assertEquals(3, transport.opens());
    Throwable cause = failure(ready);
    assertInstanceOf(ConnectionClosedException.class, cause);
    assertTrue(cause.getMessage().contains("2 reconnect attempts"), cause.getMessage());
    assertInstanceOf(ConnectionLostException.class, cause.getCause());
  }

  @Test
  void watchdogDeclaresASilentConnectionDeadWithinTheIdleTimeout() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().idleTimeout(Duration.ofSeconds(75)));
    c.connect();
    Session s = handshake(transport);
    time.advance(Duration.ofSeconds(60));
    s.serverSends("ping from server"); // proof of life moves the deadline
    time.advance(Duration.ofSeconds(74));
    assertEquals(READY, c.state());
    time.advance(Duration.ofSeconds(1));
    assertEquals(RECONNECTING, c.state());
    assertTrue(
        listener.last().cause().getMessage().contains("nothing received"),
        listener.last().cause().getMessage());
    assertEquals(1001, s.closedWith());
  }

  @Test
  void pingsGoOutOnTheIntervalWhileReady() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().pingInterval(Duration.ofSeconds(20)));
    c.connect();
    Session s = handshake(transport);
    time.advance(Duration.ofSeconds(19));
    assertEquals(List.of("hello"), s.sent());
    time.advance(Duration.ofSeconds(1));
    assertEquals(List.of("hello", "ping"), s.sent());
    time.advance(Duration.ofSeconds(40));
    assertEquals(List.of("hello", "ping", "ping", "ping"), s.sent());
    s.serverCloses(1001, "");
    time.advance(Duration.ofSeconds(0));
    assertEquals(4, s.sent().size(), "no pings after the connection dropped");
  }

  @Test
  void handshakeTimeoutFailsTheAttempt() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().handshakeTimeout(Duration.ofSeconds(10)));
    c.connect();
    transport.last().accept();
    time.advance(Duration.ofSeconds(10));
    assertEquals(RECONNECTING, c.state());
    assertTrue(listener.last().cause().getMessage().contains("not ready within 10000 ms"));
  }

  @Test
  void requestIsCompletedByItsReply() {
    ManagedConnection c = connection();
    c.connect();
    Session s = handshake(transport);
    CompletableFuture<String> reply = c.request("k1", Outbound.text("req:k1", "get"));
    assertEquals("req:k1", s.sent().get(1));
    assertFalse(reply.isDone());
    s.serverSends("reply:k1:hi");
    assertEquals("hi", reply.join());
    assertEquals(0, c.pendingCount());
  }

  @Test
  void requestTimesOutInVirtualTime() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().requestTimeout(Duration.ofSeconds(5)));
    c.connect();
    handshake(transport);
    CompletableFuture<String> reply = c.request("k1", Outbound.text("req:k1", "get_user"));
    time.advance(Duration.ofMillis(4999));
    assertFalse(reply.isDone());
    time.advance(Duration.ofMillis(1));
    Throwable cause = failure(reply);
    assertInstanceOf(RequestTimeoutException.class, cause);
    assertTrue(((RequestTimeoutException) cause).sent());
    assertFalse(
        ((ChatwireException) cause).isRetryable(), "it was sent: the server may have acted on it");
    assertTrue(cause.getMessage().contains("get_user"), cause.getMessage());
    assertEquals(0, c.pendingCount());
    // A late reply is ignored.
    transport.last().serverSends("reply:k1:late");
    assertEquals(READY, c.state());
  }

  @Test
  void serverErrorFailsTheRequestWithTheProtocolsException() {
    ManagedConnection c = connection();
    c.connect();
    handshake(transport);
    CompletableFuture<String> reply = c.request("k9", Outbound.text("req:k9"));
    transport.last().serverSends("error:k9");
    assertInstanceOf(ProtocolException.class, failure(reply));
  }

  @Test
  void inFlightRequestFailsWithConnectionLostButQueuedOnesSurvive() {
    ManagedConnection c = connection();
    c.connect();
    Session first = handshake(transport);
    CompletableFuture<String> inFlight = c.request("a", Outbound.text("req:a"));
    first.serverCloses(1006, "");
    CompletableFuture<String> queued = c.request("b", Outbound.text("req:b"));
    assertInstanceOf(ConnectionLostException.class, failure(inFlight));
    assertFalse(queued.isDone());
    time.advance(Duration.ofSeconds(1));
    Session second = handshake(transport);
    assertEquals(List.of("hello", "req:b"), second.sent());
    second.serverSends("reply:b:ok");
    assertEquals("ok", queued.join());
  }

  @Test
  void requestThatTimesOutWhileQueuedLeavesTheQueue() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().outboundQueueMaxWait(Duration.ofSeconds(2)));
    c.connect();
    CompletableFuture<Object> r = c.request("q", Outbound.text("q"), Duration.ofSeconds(2));
    assertEquals(1, c.queuedCount());
    time.advance(Duration.ofSeconds(2));
    assertInstanceOf(SendTimeoutException.class, failure(r));
    assertEquals(0, c.queuedCount(), "the timed-out request no longer takes a queue slot");
    assertEquals(
        List.of(),
        time.pendingDelays().stream().filter(d -> d.compareTo(Duration.ofSeconds(30)) > 0).toList(),
        "its queue-expiry timer is cancelled too");
    handshake(transport);
    assertEquals(List.of("hello"), transport.last().sent());
  }

  @Test
  void duplicateRequestKeyIsRefused() {
    ManagedConnection c = connection();
    c.connect();
    handshake(transport);
    c.request("same", Outbound.text("one"));
    CompletableFuture<Object> second = c.request("same", Outbound.text("two"));
    assertInstanceOf(IllegalArgumentException.class, failure(second));
  }

  @Test
  void pendingRequestTableIsBounded() {
    ManagedConnection c = connection(ConnectionOptions.builder().maxPendingRequests(2));
    c.connect();
    handshake(transport);
    c.request("1", Outbound.text("1"));
    c.request("2", Outbound.text("2"));
    assertInstanceOf(QueueFullException.class, failure(c.request("3", Outbound.text("3"))));
    transport.last().serverSends("reply:1:x");
    assertFalse(c.request("4", Outbound.text("4")).isDone(), "a freed slot is usable again");
  }

  @Test
  void sendsWhileNotReadyAreQueuedAndDeliveredAfterReconnectInOrder() {
    ManagedConnection c = connection();
    c.connect();
    Session first = handshake(transport);
    first.serverCloses(1001, "going away");
    CompletableFuture<Void> m1 = c.send(Outbound.text("m1"));
    CompletableFuture<Void> m2 = c.send(Outbound.text("m2"));
    assertEquals(2, c.queuedCount());
    assertFalse(m1.isDone());
    time.advance(Duration.ofSeconds(1));
    Session second = transport.last();
    second.accept();
    assertEquals(
        List.of("hello"), second.sent(), "queued messages wait for READY, not just the socket");
    second.serverSends("welcome");
    assertEquals(List.of("hello", "m1", "m2"), second.sent());
    assertTrue(m1.isDone() && m2.isDone() && !m2.isCompletedExceptionally());
    assertEquals(0, c.queuedCount());
  }

  @Test
  void queuedSendFailsAfterItsMaximumWait() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().outboundQueueMaxWait(Duration.ofSeconds(10)));
    c.connect();
    CompletableFuture<Void> m = c.send(Outbound.text("m"));
    time.advance(Duration.ofSeconds(10));
    assertInstanceOf(SendTimeoutException.class, failure(m));
    assertEquals(0, c.queuedCount());
    handshake(transport);
    assertEquals(
        List.of("hello"), transport.last().sent(), "an expired message is never sent later");
  }

  @Test
  void outboundQueueIsBounded() {
    ManagedConnection c = connection(ConnectionOptions.builder().outboundQueueCapacity(2));
    c.connect();
    c.send(Outbound.text("1"));
    c.send(Outbound.text("2"));
    assertInstanceOf(QueueFullException.class, failure(c.send(Outbound.text("3"))));
  }

  @Test
  void refusedSendStaysQueuedAndTriggersReconnect() {
    ManagedConnection c = connection();
    c.connect();
    Session first = handshake(transport);
    first.refuseSends(true);
    CompletableFuture<Void> m = c.send(Outbound.text("m"));
    assertFalse(m.isDone());
    assertEquals(RECONNECTING, c.state());
    time.advance(Duration.ofSeconds(1));
    Session second = handshake(transport);
    assertEquals(List.of("hello", "m"), second.sent());
    assertTrue(m.isDone() && !m.isCompletedExceptionally());
  }

  @Test
  void throttleDelaysTheQueueWithoutReorderingIt() {
    long[] nextFree = {0};
    OutboundThrottle onePerSecond =
        (msg, now) -> {
          if (now < nextFree[0]) {
            return nextFree[0] - now;
          }
          nextFree[0] = now + Duration.ofSeconds(1).toNanos();
          return 0;
        };
    ManagedConnection c = connection(ConnectionOptions.builder().throttle(onePerSecond));
    c.connect();
    Session s = handshake(transport);
    c.send(Outbound.text("a"));
    c.send(Outbound.text("b"));
    c.send(Outbound.text("c"));
    assertEquals(List.of("hello", "a"), s.sent());
    time.advance(Duration.ofSeconds(1));
    assertEquals(List.of("hello", "a", "b"), s.sent());
    time.advance(Duration.ofSeconds(1));
    assertEquals(List.of("hello", "a", "b", "c"), s.sent());
  }

  @Test
  void pauseSendsHoldsTheQueueButNotHandshakeTraffic() {
    ManagedConnection c = connection();
    c.connect();
    Session s = handshake(transport);
    s.serverSends("echo:pausing"); // a direct send
    // Pause through a context: take it from a protocol callback.
    ProtocolContext[] ctx = new ProtocolContext[1];
    ManagedConnection c2 =
        ManagedConnection.builder(
                transport,
                new ProtocolHandler() {
                  @Override
                  public void onOpen(ProtocolContext context) {
                    ctx[0] = context;
                    context.ready();
                  }
                })
            .options(ConnectionOptions.builder().build())
            .runtime(runtime)
            .build();
    c2.connect();
    Session s2 = transport.last();
    s2.accept();
    ctx[0].pauseSends(Duration.ofSeconds(5));
    c2.send(Outbound.text("held"));
    assertTrue(ctx[0].sendNow(Outbound.text("direct")));
    assertEquals(List.of("direct"), s2.sent());
    time.advance(Duration.ofSeconds(5));
    assertEquals(List.of("direct", "held"), s2.sent());
    assertEquals(List.of("hello", "pausing"), s.sent());
    c2.close();
  }

  @Test
  void handlerExceptionIsReportedAndTheConnectionStaysUp() {
    ManagedConnection c = connection();
    c.connect();
    Session s = handshake(transport);
    s.serverSends("boom");
    assertEquals(READY, c.state());
    assertEquals(1, listener.errors.size());
    assertInstanceOf(ProtocolException.class, listener.errors.get(0));
    assertTrue(listener.errors.get(0).getMessage().contains("onText"));
    CompletableFuture<String> r = c.request("x", Outbound.text("req"));
    s.serverSends("reply:x:still works");
    assertEquals("still works", r.join());
  }

  @Test
  void staleSessionEventsAreIgnored() {
    ManagedConnection c = connection();
    c.connect();
    Session first = handshake(transport);
    first.serverCloses(1001, "");
    time.advance(Duration.ofSeconds(1));
    Session second = handshake(transport);
    first.serverSends("denied"); // a late message on the old session
    first.serverCloses(4001, "old");
    assertEquals(READY, c.state());
    assertEquals(List.of("hello"), second.sent());
  }

  @Test
  void closeFailsEverythingOutstandingAndIsIdempotent() {
    ManagedConnection c = connection();
    c.connect();
    Session s = handshake(transport);
    CompletableFuture<String> inFlight = c.request("a", Outbound.text("req:a"));
    s.refuseSends(false);
    c.close();
    c.close();
    assertEquals(CLOSED, c.state());
    assertEquals(1000, s.closedWith());
    assertInstanceOf(ConnectionClosedException.class, failure(inFlight));
    assertInstanceOf(ConnectionClosedException.class, listener.last().cause());
    assertEquals(1, listener.states().stream().filter(st -> st == CLOSED).count());
    // The transport reports its end: the connection is fully released.
    assertFalse(c.closeFuture().isDone());
    s.serverCloses(1000, "");
    assertTrue(c.closeFuture().isDone());
  }

  @Test
  void openFailureIsRetried() {
    transport.failOpens(new IllegalStateException("no route"));
    ManagedConnection c = connection();
    c.connect();
    assertEquals(RECONNECTING, c.state());
    assertTrue(listener.last().cause().getMessage().contains("no route"));
    transport.failOpens(null);
    time.advance(Duration.ofSeconds(1));
    handshake(transport);
    assertEquals(READY, c.state());
  }

  @Test
  void neverPolicyClosesOnFirstLoss() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().reconnectPolicy(ReconnectPolicy.never()));
    c.connect();
    handshake(transport).serverCloses(1011, "");
    assertEquals(CLOSED, c.state());
    assertTrue(listener.last().cause().getMessage().contains("reconnecting is off"));
  }
}

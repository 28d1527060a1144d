package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.testing.RecordingListener;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.testing.ScriptedTransport.Session;
import io.github.chatwire.core.testing.TestBackoff;
import io.github.chatwire.core.testing.TestProtocol;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.core.transport.OkHttpWebSocketTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Regression tests for defects found in review: each failed before its fix. */
class EngineEdgeCasesTest {
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

  private static Session handshake(ScriptedTransport t) {
    Session s = t.last();
    s.accept();
    s.serverSends("welcome");
    return s;
  }

  /** F1: drain() runs with state READY but current == null inside afterAttempt -> NPE. */
  @Test
  void sendFromARequestFailureCallbackDuringDisconnectDoesNotThrow() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    c.connect();
    Session s = handshake(transport);
    CompletableFuture<Object> reply = c.request("k1", Outbound.text("q"));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    reply.whenComplete(
        (v, e) -> {
          try {
            c.send(Outbound.text("retry"));
          } catch (Throwable t) {
            thrown.set(t);
          }
        });
    s.serverCloses(1001, "bye");
    assertNull(thrown.get(), "send() threw " + thrown.get());
  }

  /** F2a: a request that expired while queued is still sent if the key is reused. */
  @Test
  void timedOutQueuedRequestIsNotSentWhenTheKeyIsReused() {
    ManagedConnection c =
        connection(ConnectionOptions.builder().outboundQueueMaxWait(Duration.ofSeconds(1)));
    CompletableFuture<Object> first = c.request("k", Outbound.text("first"), Duration.ofSeconds(1));
    time.advance(Duration.ofSeconds(1));
    assertTrue(first.isCompletedExceptionally());
    c.request("k", Outbound.text("second"), Duration.ofSeconds(30));
    c.connect();
    Session s = handshake(transport);
    assertFalse(
        s.sent().contains("first"),
        "server got a request the user was told timed out: " + s.sent());
  }

  /** F2b: the stale queued send's expiry fails the NEW request under the same key. */
  @Test
  void staleQueueExpiryDoesNotFailANewRequestWithTheSameKey() {
    ManagedConnection c =
        connection(
            ConnectionOptions.builder()
                .outboundQueueMaxWait(Duration.ofSeconds(60))
                .requestTimeout(Duration.ofSeconds(30)));
    CompletableFuture<Object> first = c.request("k", Outbound.text("first"));
    time.advance(Duration.ofSeconds(31));
    first.cancel(false); // the caller gave up on it while it was queued
    CompletableFuture<Object> second =
        c.request("k", Outbound.text("second"), Duration.ofSeconds(120));
    time.advance(Duration.ofSeconds(30)); // t=61: the first's queue expiry fires
    assertFalse(second.isDone(), "second request failed by the first one's expiry: " + second);
  }

  /** F3: a timeout Duration.toNanos() cannot hold leaks a pending slot and the key. */
  @Test
  void hugeRequestTimeoutDoesNotLeakTheSlot() {
    ManagedConnection c = connection(ConnectionOptions.builder());
    try {
      c.request("k", Outbound.text("q"), Duration.ofSeconds(Long.MAX_VALUE / 2));
    } catch (ArithmeticException expected) {
      // escapes request(): not a failed future
    }
    assertEquals(0, c.pendingCount(), "pending slot leaked");
  }

  /** A secret header value OkHttp would reject is refused when built, without quoting it. */
  @Test
  void invalidSecretHeaderIsRefusedAtBuildTimeWithoutQuotingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OkHttpWebSocketTransport.builder("wss://example.invalid/ws")
                    .secretHeader("X-Api-Key", Secret.of("hunter2-token\n")));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("X-Api-Key"), e.getMessage());
  }

  /** F5: an invalid close code from ctx.fail() wedges the attempt (real OkHttp). */
  @Test
  void invalidCloseCodeFromHandlerDoesNotWedgeTheConnection() throws Exception {
    MockWebServer server = new MockWebServer();
    server.start();
    server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {}));
    server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {}));
    try (ChatwireRuntime real = ChatwireRuntime.builder().build()) {
      ProtocolHandler h =
          new ProtocolHandler() {
            @Override
            public void onOpen(ProtocolContext ctx) {
              ctx.fail(new ConnectionLostException("bad hello"), 1006, "abnormal");
            }
          };
      ManagedConnection c =
          ManagedConnection.builder(
                  OkHttpWebSocketTransport.builder(server.url("/ws").toString()).build(), h)
              .options(ConnectionOptions.builder().handshakeTimeout(Duration.ofMillis(300)).build())
              .runtime(real)
              .build();
      RecordingListener l = new RecordingListener();
      c.addListener(l);
      c.connect();
      Thread.sleep(1500);
      ConnectionState st = c.state();
      c.close();
      assertFalse(
          st == ConnectionState.HANDSHAKING,
          "stuck in HANDSHAKING; states " + l.states() + ", errors " + l.errors);
    } finally {
      server.shutdown();
    }
  }

  /** F1 without any direct executor: a protocol that queues a re-sync message in onDisconnected. */
  @Test
  void sendFromOnDisconnectedIsQueuedNotNpe() {
    AtomicReference<ManagedConnection> ref = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    ProtocolHandler h =
        new ProtocolHandler() {
          @Override
          public void onOpen(ProtocolContext ctx) {
            ctx.ready();
          }

          @Override
          public void onDisconnected(ChatwireException cause) {
            try {
              ref.get().send(Outbound.text("resync"));
            } catch (Throwable t) {
              thrown.set(t);
            }
          }
        };
    ManagedConnection c =
        ManagedConnection.builder(transport, h)
            .options(ConnectionOptions.builder().random(() -> 0.0).build())
            .runtime(runtime)
            .build();
    ref.set(c);
    c.connect();
    transport.last().accept();
    transport.last().serverCloses(1001, "bye");
    assertNull(thrown.get(), "send() in onDisconnected threw " + thrown.get());
  }
}

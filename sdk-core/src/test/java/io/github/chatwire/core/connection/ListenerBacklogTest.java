package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.testing.ScriptedTransport.Session;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3: a slow listener's backlog is bounded. When it is full, the reader thread of that
 * connection waits (backpressure on the socket), nothing is dropped, and the watchdog does not
 * mistake the pause for a dead peer.
 */
class ListenerBacklogTest {
  private static final long WAIT_SECONDS = 10;

  /**
   * Emits one user event per inbound text; the event runs the listener body, then records the text.
   */
  static final class EventProtocol implements ProtocolHandler {
    final List<String> delivered = new CopyOnWriteArrayList<>();
    volatile CountDownLatch gate = new CountDownLatch(0);
    private final Runnable body;

    EventProtocol() {
      this(null);
    }

    /**
     * @param body the slow listener's work; null waits for {@link #gate}
     */
    EventProtocol(Runnable body) {
      this.body = body;
    }

    @Override
    public void onOpen(ProtocolContext ctx) {
      ctx.ready();
    }

    @Override
    public void onPingDue(ProtocolContext ctx) {
      ctx.sendNow(Outbound.text("ping"));
    }

    @Override
    public void onText(ProtocolContext ctx, String text) {
      ctx.emit(
          () -> {
            if (body != null) {
              body.run();
            } else {
              try {
                gate.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            delivered.add(text);
          });
    }
  }

  @Test
  void fullBacklogPausesReadingAndLosesNothing() throws Exception {
    VirtualScheduler time = new VirtualScheduler();
    ChatwireRuntime runtime =
        ChatwireRuntime.builder().scheduler(time).build(); // real callback threads
    EventProtocol protocol = new EventProtocol();
    protocol.gate = new CountDownLatch(1);
    ScriptedTransport transport = new ScriptedTransport();
    int max = 100;
    ManagedConnection c =
        ManagedConnection.builder(transport, protocol)
            .runtime(runtime)
            .options(
                ConnectionOptions.builder()
                    .maxQueuedCallbacks(max)
                    .idleTimeout(Duration.ofSeconds(30))
                    .pingInterval(Duration.ofSeconds(20))
                    .build())
            .build();
    try {
      c.connect();
      Session s = transport.last();
      s.accept();
      int total = 10 * max;
      Thread reader =
          new Thread(
              () -> {
                for (int i = 0; i < total; i++) {
                  s.serverSends("m" + i); // the transport's reader thread
                }
              },
              "fake-reader");
      reader.start();
      // The reader must come to a stop with the backlog at the bound.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (System.nanoTime() < deadline
          && !(c.queuedCallbackCount() >= max - 1
              && reader.getState() == Thread.State.TIMED_WAITING)) {
        Thread.sleep(5);
      }
      assertTrue(
          reader.isAlive(), "the reader was not held back: it pushed all " + total + " events");
      assertTrue(
          c.queuedCallbackCount() <= max + 1,
          "backlog " + c.queuedCallbackCount() + " over " + max);
      // 60 s of our own listeners' slowness is not silence of the peer, and pings still go out.
      time.advance(Duration.ofSeconds(60));
      assertEquals(ConnectionState.READY, c.state());
      assertEquals(List.of("ping", "ping", "ping"), s.sent());
      protocol.gate.countDown();
      reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      assertFalse(reader.isAlive(), "the reader resumed");
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (protocol.delivered.size() < total && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(total, protocol.delivered.size());
      for (int i = 0; i < total; i++) {
        assertEquals("m" + i, protocol.delivered.get(i), "in order, none lost");
      }
    } finally {
      protocol.gate.countDown();
      c.close();
      runtime.close();
    }
  }

  @Test
  void largeMessagesAreBoundedInBytesToo() throws Exception {
    ChatwireRuntime runtime = ChatwireRuntime.builder().build();
    EventProtocol protocol = new EventProtocol();
    protocol.gate = new CountDownLatch(1);
    ScriptedTransport transport = new ScriptedTransport();
    ManagedConnection c =
        ManagedConnection.builder(transport, protocol)
            .runtime(runtime)
            .options(ConnectionOptions.builder().maxQueuedCallbackBytes(100_000).build())
            .build();
    try {
      c.connect();
      Session s = transport.last();
      s.accept();
      String big = "y".repeat(10_000); // 20 000 bytes as a Java string
      Thread reader =
          new Thread(
              () -> {
                for (int i = 0; i < 100; i++) {
                  s.serverSends(big + i);
                }
              },
              "fake-reader");
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (System.nanoTime() < deadline && reader.getState() != Thread.State.TIMED_WAITING) {
        Thread.sleep(5);
      }
      assertTrue(
          reader.isAlive(), "the reader pushed all 100 large messages past a stuck listener");
      assertTrue(
          c.queuedCallbackCount() <= 6,
          "about 100 000 bytes: " + c.queuedCallbackCount() + " messages");
      protocol.gate.countDown();
      reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      assertFalse(reader.isAlive());
    } finally {
      protocol.gate.countDown();
      c.close();
      runtime.close();
    }
  }

  @Test
  void closeReleasesAReaderWaitingForListeners() throws Exception {
    ChatwireRuntime runtime = ChatwireRuntime.builder().build();
    EventProtocol protocol = new EventProtocol();
    protocol.gate = new CountDownLatch(1);
    ScriptedTransport transport = new ScriptedTransport();
    ManagedConnection c =
        ManagedConnection.builder(transport, protocol)
            .runtime(runtime)
            .options(ConnectionOptions.builder().maxQueuedCallbacks(10).build())
            .build();
    try {
      c.connect();
      Session s = transport.last();
      s.accept();
      Thread reader =
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  s.serverSends("m" + i);
                }
              },
              "fake-reader");
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (System.nanoTime() < deadline && reader.getState() != Thread.State.TIMED_WAITING) {
        Thread.sleep(5);
      }
      c.close();
      reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      assertFalse(reader.isAlive(), "close() ends the wait; the rest is discarded");
    } finally {
      protocol.gate.countDown();
      runtime.close();
    }
  }
}

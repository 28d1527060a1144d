package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.testing.ScriptedTransport.Session;
import io.github.chatwire.core.testing.TestProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 5: listeners that block on some connections delay nothing on another connection of
 * the same runtime (its connect(), its callbacks, its request futures). On the old fixed pool of
 * max(2, cores) threads, cores + 2 blocked listeners starved every other connection.
 */
class IsolationTest {
  private static final long WAIT_SECONDS = 10;

  @Test
  void blockedListenersOnOtherConnectionsDelayNothingOnThisOne() throws Exception {
    ChatwireRuntime runtime = ChatwireRuntime.builder().build(); // the default, real callback pool
    int blockers = Runtime.getRuntime().availableProcessors() + 2;
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger blocked = new AtomicInteger();
    List<ManagedConnection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < blockers; i++) {
        ScriptedTransport t = new ScriptedTransport();
        ManagedConnection c =
            ManagedConnection.builder(t, new TestProtocol()).runtime(runtime).build();
        connections.add(c);
        c.addListener(
            new ConnectionListener() {
              @Override
              public void onStateChange(StateChange change) {
                if (change.current() == ConnectionState.READY) {
                  blocked.incrementAndGet();
                  try {
                    release.await(); // a listener that blocks (sleeps 10 s per event, say)
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            });
        c.connect();
        Session s = t.last();
        s.accept();
        s.serverSends("welcome");
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (blocked.get() < blockers && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(
          blockers,
          blocked.get(),
          "each blocked listener holds only its own thread; the others " + "waited behind them");

      ScriptedTransport t = new ScriptedTransport();
      ManagedConnection free =
          ManagedConnection.builder(t, new TestProtocol()).runtime(runtime).build();
      connections.add(free);
      CountDownLatch sawReady = new CountDownLatch(1);
      free.addListener(
          new ConnectionListener() {
            @Override
            public void onStateChange(StateChange change) {
              if (change.current() == ConnectionState.READY) {
                sawReady.countDown();
              }
            }
          });
      CompletableFuture<Void> ready = free.connect();
      Session s = t.last();
      s.accept();
      s.serverSends("welcome");
      ready.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertTrue(sawReady.await(WAIT_SECONDS, TimeUnit.SECONDS), "its own listener ran");
      CompletableFuture<String> reply = free.request("k", Outbound.text("req"));
      s.serverSends("reply:k:v");
      assertEquals("v", reply.get(WAIT_SECONDS, TimeUnit.SECONDS));
      CompletableFuture<Void> sent = free.send(Outbound.text("m"));
      sent.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      connections.forEach(ManagedConnection::close);
      runtime.close();
    }
  }
}

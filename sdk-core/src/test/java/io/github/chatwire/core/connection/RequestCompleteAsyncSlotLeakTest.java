package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.testing.ScriptedTransport.Session;
import io.github.chatwire.core.testing.TestBackoff;
import io.github.chatwire.core.testing.TestProtocol;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review of wip/perf (3eb240a): a queued request whose caller completes its future with {@code
 * completeAsync} (public CompletableFuture API) leaves the queue but keeps its pending-request slot
 * for ever: it is never sent, so it never times out, and nothing else removes it. Enough of them
 * and every further request fails with QueueFullException ("pending requests" bound in
 * docs/RELIABILITY.md; "Cancelling the future forgets the request" in ManagedConnection.request).
 */
class RequestCompleteAsyncSlotLeakTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final ChatwireRuntime runtime =
      ChatwireRuntime.builder().scheduler(time).callbackExecutor(Runnable::run).build();
  private final ScriptedTransport transport = new ScriptedTransport();

  @AfterEach
  void tearDown() {
    runtime.close();
  }

  @Test
  void queuedRequestsTheCallerCompletesAsyncDoNotHoldPendingSlotsForEver() {
    ManagedConnection c =
        ManagedConnection.builder(transport, new TestProtocol())
            .options(TestBackoff.build(ConnectionOptions.builder().maxPendingRequests(2)))
            .runtime(runtime)
            .build();
    c.connect(); // not yet READY: requests wait in the queue
    CompletableFuture<Object> a = c.request("1", Outbound.text("1"));
    CompletableFuture<Object> b = c.request("2", Outbound.text("2"));
    a.completeAsync(() -> "cached", Runnable::run);
    b.completeAsync(() -> "cached", Runnable::run);
    Session s = transport.last();
    s.accept();
    s.serverSends("welcome");
    time.advance(Duration.ofHours(1));

    assertEquals(0, c.pendingCount(), "requests completed by their callers are forgotten");
    CompletableFuture<Object> next = c.request("3", Outbound.text("3"));
    assertFalse(
        next.isCompletedExceptionally(),
        "a new request is accepted, not refused as a full table: " + next);
    c.close();
  }
}

package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Review of wip/perf (3eb240a): the request future is a CompletableFuture subclass whose reading
 * methods report a private "waiters" future. {@code completeAsync} is public CompletableFuture API
 * (Java 9) and completes the future through the JDK's internal completeValue, bypassing the
 * overridden complete(): the public side is done, the waiters side and the table are not.
 */
class RequestFutureCompleteAsyncTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final PendingRequests table = new PendingRequests(time, Runnable::run, 4);

  @Test
  void completeAsyncByTheCallerCompletesTheFutureAndFreesTheSlot() {
    CompletableFuture<Object> f = table.registerUnsent("a", "get", Duration.ofSeconds(5), false);
    f.completeAsync(() -> "mine", Runnable::run);

    // A dependent stage sees the caller's value: the future is complete.
    assertEquals("mine", f.thenApply(v -> v).getNow("absent"), "the public side is complete");
    // Every way of reading the same future must agree with that.
    assertTrue(f.isDone(), "isDone() after completeAsync");
    assertEquals("mine", f.getNow("absent"), "getNow() after completeAsync");
    // A caller that completes the future itself frees its slot (PendingRequests.registerUnsent).
    assertEquals(0, table.size(), "slot freed");
    assertFalse(table.complete("a", "server's"), "a late reply finds nothing pending");
    assertEquals("mine", f.getNow("absent"), "and does not change what the future reads");
  }
}

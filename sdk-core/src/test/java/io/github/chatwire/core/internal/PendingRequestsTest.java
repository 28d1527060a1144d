package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.QueueFullException;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final PendingRequests table = new PendingRequests(time, Runnable::run, 2);

  @Test
  void cancellingAFutureFreesItsSlotAndTimer() {
    CompletableFuture<String> f = table.register("a", "get", Duration.ofSeconds(5));
    f.cancel(false);
    assertEquals(0, table.size());
    assertFalse(table.complete("a", "late"));
    assertTrue(time.pendingDelays().isEmpty(), "the timeout timer is cancelled too");
  }

  @Test
  void failSentKeepsRequestsThatNeverWentOut() {
    CompletableFuture<Object> sent = table.registerUnsent("a", null, Duration.ofSeconds(5), false);
    CompletableFuture<Object> queued =
        table.registerUnsent("b", null, Duration.ofSeconds(5), false);
    table.markSent("a", sent, 1);
    table.failSent(new ConnectionLostException("lost"), new ConnectionLostException("lost"));
    assertTrue(sent.isCompletedExceptionally());
    assertFalse(queued.isDone());
    assertTrue(table.contains("b"));
  }

  @Test
  void replyTimeoutStartsWhenTheRequestIsSent() {
    CompletableFuture<Object> f = table.registerUnsent("a", "get", Duration.ofSeconds(5), false);
    time.advance(Duration.ofSeconds(60));
    assertFalse(f.isDone(), "an unsent request has no reply timeout");
    table.markSent("a", f, 7);
    assertEquals(7, table.sentMark("a"));
    time.advance(Duration.ofSeconds(5));
    assertTrue(f.isCompletedExceptionally());
  }

  @Test
  void lossOfAnIdempotentRequestGetsTheRetryableError() {
    CompletableFuture<Object> plain = table.registerUnsent("a", null, Duration.ofSeconds(5), false);
    CompletableFuture<Object> idem = table.registerUnsent("b", null, Duration.ofSeconds(5), true);
    table.markSent("a", plain, 1);
    table.markSent("b", idem, 2);
    ConnectionLostException retryable = new ConnectionLostException("lost");
    ConnectionLostException unknown =
        new io.github.chatwire.core.DeliveryUnknownException("lost", null);
    table.failSent(retryable, unknown);
    assertTrue(plain.handle((v, e) -> e == unknown).join());
    assertTrue(idem.handle((v, e) -> e == retryable).join());
  }

  @Test
  void boundedAndRefusesDuplicates() {
    table.register("a", null, Duration.ofSeconds(5));
    assertThrows(
        IllegalArgumentException.class, () -> table.register("a", null, Duration.ofSeconds(5)));
    table.register("b", null, Duration.ofSeconds(5));
    assertThrows(QueueFullException.class, () -> table.register("c", null, Duration.ofSeconds(5)));
  }
}

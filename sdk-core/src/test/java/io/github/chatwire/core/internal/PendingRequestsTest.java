package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.QueueFullException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void oneTimerServesEveryRequestAndEachTimesOutAtItsOwnDeadline() {
    PendingRequests big = new PendingRequests(time, Runnable::run, 100);
    List<CompletableFuture<Object>> fs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fs.add(big.register("k" + i, null, Duration.ofSeconds(5)));
      time.advance(Duration.ofMillis(100));
    }
    // Ten requests in flight, one timer (not one scheduled task per request).
    assertEquals(1, time.pendingDelays().size(), "timers: " + time.pendingDelays());
    assertTrue(big.complete("k0", "reply"), "a reply cancels nothing and schedules nothing");
    assertEquals(1, time.pendingDelays().size());
    // Now 1 s after the first request: k1 is due at 5.1 s, k2 at 5.2 s, ...
    time.advance(Duration.ofMillis(4099));
    assertFalse(fs.get(1).isDone(), "not a nanosecond early");
    time.advance(Duration.ofMillis(1));
    assertTrue(fs.get(1).isCompletedExceptionally(), "exactly at its deadline");
    assertFalse(fs.get(2).isDone());
    time.advance(Duration.ofMillis(100));
    assertTrue(fs.get(2).isCompletedExceptionally());
    assertEquals(1, time.pendingDelays().size(), "re-armed once for the next deadline");
    time.advance(Duration.ofSeconds(1));
    assertTrue(fs.stream().skip(1).allMatch(CompletableFuture::isCompletedExceptionally));
    assertEquals("reply", fs.get(0).join());
    assertTrue(time.pendingDelays().isEmpty(), "nothing pending, nothing armed");
  }

  @Test
  void aShorterTimeoutAfterALongerOneStillFiresOnTime() {
    CompletableFuture<Object> slow = table.register("slow", null, Duration.ofSeconds(30));
    time.advance(Duration.ofSeconds(1));
    CompletableFuture<Object> quick = table.register("quick", null, Duration.ofSeconds(2));
    time.advance(Duration.ofMillis(1999));
    assertFalse(quick.isDone());
    time.advance(Duration.ofMillis(1));
    RequestTimeoutException e = assertThrows(RequestTimeoutException.class, () -> unwrap(quick));
    assertTrue(e.getMessage().contains("quick"), e.getMessage());
    assertFalse(slow.isDone());
    time.advance(Duration.ofMillis(26_999));
    assertFalse(slow.isDone(), "30 s after sending, not before");
    time.advance(Duration.ofMillis(1));
    assertTrue(slow.isCompletedExceptionally());
  }

  @Test
  void aCallerThatCompletesTheFutureItselfFreesTheSlot() {
    CompletableFuture<Object> f = table.register("a", null, Duration.ofSeconds(5));
    f.complete("mine");
    assertEquals(0, table.size());
    assertFalse(table.complete("a", "late"), "the late reply finds nothing");
    assertEquals("mine", f.join());
    assertTrue(time.pendingDelays().isEmpty());
    CompletableFuture<Object> g = table.register("a", null, Duration.ofSeconds(5));
    g.orTimeout(1, java.util.concurrent.TimeUnit.NANOSECONDS);
    assertThrows(java.util.concurrent.CompletionException.class, g::join);
    assertEquals(0, table.size(), "orTimeout completing it frees the slot too");
  }

  @Test
  void aWaitingCallerIsWokenAtOnceButDependentsRunOnlyOnTheCompleter() throws Exception {
    // The completer holds its tasks until the test runs them on a thread of its own.
    List<Runnable> held = new ArrayList<>();
    PendingRequests t = new PendingRequests(time, held::add, 4);
    CompletableFuture<Object> f = t.register("a", null, Duration.ofSeconds(5));
    List<String> ranOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    f.thenRun(() -> ranOn.add("thenRun " + Thread.currentThread().getName()));
    CompletableFuture.allOf(f)
        .thenRun(() -> ranOn.add("allOf " + Thread.currentThread().getName()));
    CompletableFuture.completedFuture(null)
        .thenCompose(v -> f)
        .thenRun(() -> ranOn.add("thenCompose " + Thread.currentThread().getName()));
    assertTrue(t.complete("a", "reply"));
    // The caller of get()/join() has its reply now (woken from the settling thread, one hop
    // fewer), and the future reads as done...
    assertTrue(f.isDone());
    assertEquals("reply", f.get());
    assertEquals("reply", f.getNow("absent"));
    assertFalse(f.cancel(false), "decided: no longer cancellable");
    assertFalse(f.complete("other"));
    // ...but no dependent stage ran on the settling (socket reader) thread.
    assertEquals(List.of(), ranOn);
    Thread completer = new Thread(() -> held.forEach(Runnable::run), "completer");
    completer.start();
    completer.join(10_000);
    assertEquals(
        java.util.Set.of("thenRun completer", "allOf completer", "thenCompose completer"),
        java.util.Set.copyOf(ranOn));
    assertEquals("reply", f.join());
  }

  @Test
  void aTimeoutAndACancelReadTheSameWayOnBothSides() throws Exception {
    CompletableFuture<Object> f = table.register("a", "get", Duration.ofSeconds(5));
    time.advance(Duration.ofSeconds(5));
    assertTrue(f.isCompletedExceptionally());
    java.util.concurrent.ExecutionException e =
        assertThrows(java.util.concurrent.ExecutionException.class, f::get);
    assertTrue(e.getCause() instanceof RequestTimeoutException);
    assertTrue(f.handle((v, x) -> x instanceof RequestTimeoutException).join());
    CompletableFuture<Object> g = table.register("b", null, Duration.ofSeconds(5));
    CompletableFuture<Boolean> seen =
        g.handle((v, x) -> x instanceof java.util.concurrent.CancellationException);
    assertTrue(g.cancel(true));
    assertTrue(g.isCancelled() && g.isDone());
    assertThrows(java.util.concurrent.CancellationException.class, g::join);
    assertTrue(seen.join());
    assertFalse(table.complete("b", "late"));
  }

  private static Object unwrap(CompletableFuture<Object> f) throws Throwable {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause();
    }
  }
}

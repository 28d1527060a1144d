package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.time.VirtualScheduler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Every public CompletableFuture method (Java 17) that completes a request future from outside goes
 * through the same path as {@code complete}: the slot is freed, and every reading method agrees.
 */
class RequestFutureCallerCompletionTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final PendingRequests table = new PendingRequests(time, Runnable::run, 4);

  private CompletableFuture<Object> sent(String key) {
    CompletableFuture<Object> f = table.registerUnsent(key, "get", Duration.ofSeconds(5), false);
    table.markSent(key, f, 1);
    return f;
  }

  @Test
  void completeAsyncOnTheDefaultExecutorFreesTheSlot() {
    // Failed before the override: the JDK's AsyncSupply set the result field directly, so the
    // dependent saw the value while isDone() was false and the slot stayed taken.
    CompletableFuture<Object> f = sent("a");
    CompletableFuture<Object> dependent = f.thenApply(v -> v);
    f.completeAsync(() -> "mine");
    assertEquals("mine", dependent.join()); // waits for the common pool's task
    assertTrue(f.isDone(), "isDone()");
    assertEquals("mine", f.join());
    assertEquals(0, table.size(), "slot freed");
    assertFalse(table.complete("a", "server's"), "a late reply finds nothing pending");
  }

  @Test
  void aThrowingSupplierFailsTheFutureAsTheJdkDoes() throws Exception {
    // Failed before the override: isCompletedExceptionally() false, slot still taken.
    CompletableFuture<Object> f = sent("a");
    IllegalStateException boom = new IllegalStateException("boom");
    f.completeAsync(
        () -> {
          throw boom;
        },
        Runnable::run);
    assertTrue(f.isCompletedExceptionally());
    assertEquals(0, table.size(), "slot freed");
    CompletionException thrown = assertThrows(CompletionException.class, f::join);
    assertSame(boom, thrown.getCause());
    List<Throwable> seen = new ArrayList<>();
    f.whenComplete((v, e) -> seen.add(e));
    assertInstanceOf(CompletionException.class, seen.get(0), "wrapped as the JDK wraps it");
    Method exceptionNow = f.getClass().getMethod("exceptionNow");
    exceptionNow.setAccessible(true);
    assertSame(boom, exceptionNow.invoke(f), "exceptionNow() unwraps as on Java 19+");
    Method resultNow = f.getClass().getMethod("resultNow");
    resultNow.setAccessible(true);
    InvocationTargetException refused =
        assertThrows(InvocationTargetException.class, () -> resultNow.invoke(f));
    assertInstanceOf(IllegalStateException.class, refused.getCause());
    assertTrue(f.toString().contains("Completed exceptionally"), f.toString());
  }

  @Test
  void completeAsyncAfterTheReplyWasDecidedDoesNotRunTheSupplier() {
    List<Runnable> completer = new ArrayList<>();
    PendingRequests deferred = new PendingRequests(time, completer::add, 4);
    CompletableFuture<Object> f = deferred.register("k", "get", Duration.ofSeconds(5));
    deferred.settleSent("k", "reply", null); // decided; public side not completed yet
    List<String> calls = new ArrayList<>();
    f.completeAsync(
        () -> {
          calls.add("supplier");
          return "mine";
        },
        Runnable::run);
    completer.forEach(Runnable::run);
    assertEquals(List.of(), calls);
    assertEquals("reply", f.join());
    assertEquals("reply", f.thenApply(v -> v).join(), "dependents see the decided reply");
  }

  @Test
  void orTimeoutAndCompleteOnTimeoutGoThroughTheOverriddenPath() {
    // The JDK's timeout tasks call completeExceptionally/complete (checked on JDK 17's bytecode):
    // these fail if that ever stops holding or the overrides are dropped.
    CompletableFuture<Object> a = sent("a");
    a.orTimeout(1, TimeUnit.MILLISECONDS);
    CompletionException timedOut = assertThrows(CompletionException.class, a::join);
    assertInstanceOf(TimeoutException.class, timedOut.getCause());
    CompletableFuture<Object> b = sent("b");
    b.completeOnTimeout("fallback", 1, TimeUnit.MILLISECONDS);
    assertEquals("fallback", b.join());
    assertEquals(0, table.size(), "both slots freed");
    assertFalse(table.fail("a", new ChatwireException("late")), "nothing pending under a");
    assertFalse(table.complete("b", "late"), "nothing pending under b");
  }
}

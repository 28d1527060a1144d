package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.time.VirtualScheduler;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Review of wip/perf (3eb240a): between the reader thread deciding a reply and the completer
 * completing the public side, the future "reads as done" (isDone, join, getNow) but toString() says
 * "Not completed", and on Java 19+ (where users run a release-17 library) state() says RUNNING and
 * resultNow() throws IllegalStateException: those read the JDK's own result field, which the
 * subclass cannot override consistently.
 */
class RequestFutureReadsConsistentlyTest {

  @Test
  void aDecidedReplyReadsAsDoneThroughEveryReadingMethod() throws Exception {
    List<Runnable> completer = new ArrayList<>();
    PendingRequests table = new PendingRequests(new VirtualScheduler(), completer::add, 4);
    CompletableFuture<Object> f = table.registerUnsent("k", "get", Duration.ofSeconds(5), false);
    table.markSent("k", f, 1);
    table.settleSent("k", "reply", null); // what the reader thread does; completer not run yet

    assertTrue(f.isDone());
    assertEquals("reply", f.join());
    assertFalse(f.toString().contains("Not completed"), "toString() of a done future: " + f);
    Method state = stateMethod();
    if (state != null) {
      assertEquals("SUCCESS", String.valueOf(state.invoke(f)), "Future.state() (Java 19+)");
      assertEquals("reply", CompletableFuture.class.getMethod("resultNow").invoke(f));
    }
  }

  private static Method stateMethod() {
    try {
      return CompletableFuture.class.getMethod("state");
    } catch (NoSuchMethodException e) {
      return null; // Java 17
    }
  }
}

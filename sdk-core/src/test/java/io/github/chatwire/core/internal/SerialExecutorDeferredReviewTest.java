package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hostile inputs for the issue-12 fast paths: the held-back tasks of {@link SerialExecutor}. */
class SerialExecutorDeferredReviewTest {

  /**
   * Tasks the engine itself holds back (one burst of one read) are not a slow listener: with
   * maxQueuedCallbacks (the warn mark) under MAX_DEFERRED, a burst of held-back tasks that no
   * listener has even been offered yet logs "a listener is too slow" and counts as a backlog
   * episode. Failed before the fix (one warning).
   */
  @Test
  void heldBackTasksAreNotReportedAsASlowListener() {
    ArrayDeque<Runnable> drains = new ArrayDeque<>();
    SerialExecutor serial = new SerialExecutor(drains::add, "test", 8);
    for (int i = 0; i < 8; i++) {
      serial.executeDeferred(() -> {}, 0);
    }
    assertEquals(0, drains.size(), "still held back: no listener has been offered one");
    assertEquals(0, serial.warnings(), "no listener is behind: none has run yet");
  }

  /**
   * The reader waiting for room (backpressure) with everything held back must not wait for tasks
   * nobody started.
   */
  @Test
  void awaitRoomStartsHeldBackTasks() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      SerialExecutor serial = new SerialExecutor(pool, "test", 1000);
      List<Integer> ran = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int n = i;
        serial.executeDeferred(
            () -> {
              synchronized (ran) {
                ran.add(n);
              }
            },
            100);
      }
      assertFalse(
          SerialExecutorTest.awaitRoomRanIntoDeadline(serial, 4, Long.MAX_VALUE),
          "the held-back tasks were never started");
      serial.execute(() -> {});
      pool.shutdown();
      assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
      assertEquals(List.of(0, 1, 2, 3), ran);
      assertFalse(serial.awaitRoom(1, 1, () -> true), "all ran, weights released");
    } finally {
      pool.shutdownNow();
    }
  }
}

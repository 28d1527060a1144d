package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  @Test
  void runsTasksOneAtATimeInOrderOnAPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      SerialExecutor serial = new SerialExecutor(pool);
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger concurrent = new AtomicInteger();
      AtomicInteger maxConcurrent = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(1000);
      for (int i = 0; i < 1000; i++) {
        int n = i;
        serial.execute(
            () -> {
              maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
              seen.add(n);
              concurrent.decrementAndGet();
              done.countDown();
            });
      }
      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertEquals(1, maxConcurrent.get());
      for (int i = 0; i < 1000; i++) {
        assertEquals(i, seen.get(i));
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aThrowingTaskDoesNotStopTheOnesAfterIt() {
    SerialExecutor serial = new SerialExecutor(Runnable::run);
    List<String> log = new ArrayList<>();
    serial.execute(
        () -> {
          throw new IllegalStateException("listener bug");
        });
    serial.execute(() -> log.add("after"));
    assertEquals(List.of("after"), log);
  }

  @Test
  void tasksStillRunWhenTheDelegateIsShutDown() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdown();
    SerialExecutor serial = new SerialExecutor(pool);
    List<String> log = new ArrayList<>();
    serial.execute(() -> log.add("ran"));
    assertEquals(List.of("ran"), log);
  }

  /** Issue 11 item 3: "callbacks behind" once per episode, not after every drain. */
  @Test
  void behindWarningIsLoggedOncePerEpisodeNotAfterEveryDrain() {
    java.util.ArrayDeque<Runnable> drains = new java.util.ArrayDeque<>();
    SerialExecutor serial = new SerialExecutor(drains::add, "test", 3);
    for (int burst = 0; burst < 5; burst++) {
      for (int i = 0; i < 5; i++) {
        serial.execute(() -> {});
      }
      // The listener catches up between bursts: the backlog is empty for a moment.
      while (!drains.isEmpty()) {
        drains.poll().run();
      }
      assertEquals(0, serial.backlog());
    }
    assertEquals(1, serial.warnings(), "one episode of bursts, one warning");
  }

  /**
   * Held-back tasks (issue 12, one wake-up per burst): nothing reaches the delegate until {@code
   * startDeferred}, a plain {@code execute} or the cap; then one drain runs them all, in submission
   * order with the plain ones.
   */
  @Test
  void deferredTasksStartOncePerBurstInOrder() {
    java.util.ArrayDeque<Runnable> drains = new java.util.ArrayDeque<>();
    SerialExecutor serial = new SerialExecutor(drains::add, "test", 1000);
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      serial.executeDeferred(() -> ran.add(n), 0);
    }
    assertEquals(0, drains.size(), "held back");
    serial.startDeferred();
    assertEquals(1, drains.size(), "one drain for the burst");
    serial.startDeferred();
    assertEquals(1, drains.size(), "nothing more to start");
    drains.poll().run();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ran);

    ran.clear();
    serial.executeDeferred(() -> ran.add(0), 0);
    serial.executeDeferred(() -> ran.add(1), 0);
    serial.execute(() -> ran.add(2)); // e.g. a state change: starts the held ones too, first
    assertEquals(1, drains.size());
    drains.poll().run();
    assertEquals(List.of(0, 1, 2), ran);

    ran.clear();
    for (int i = 0; i < SerialExecutor.MAX_DEFERRED; i++) {
      int n = i;
      serial.executeDeferred(() -> ran.add(n), 0);
    }
    assertEquals(1, drains.size(), "the cap starts them without startDeferred");
    serial.executeDeferred(() -> ran.add(-1), 0); // while that drain is pending: queued behind
    assertEquals(1, drains.size());
    drains.poll().run();
    assertEquals(SerialExecutor.MAX_DEFERRED + 1, ran.size());
    assertEquals(-1, ran.get(SerialExecutor.MAX_DEFERRED));
    serial.startDeferred();
    assertEquals(0, drains.size(), "ran in that drain; nothing held");
  }

  /** A producer waiting for room starts what it held back, or it would wait for ever. */
  @Test
  void awaitRoomStartsHeldBackTasks() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      SerialExecutor serial = new SerialExecutor(pool, "test", 1000);
      AtomicInteger ran = new AtomicInteger();
      for (int i = 0; i < 5; i++) {
        serial.executeDeferred(ran::incrementAndGet, 0);
      }
      assertFalse(
          awaitRoomRanIntoDeadline(serial, 3, Long.MAX_VALUE),
          "the held-back tasks were never started");
      pool.submit(() -> {}).get(10, TimeUnit.SECONDS);
      assertEquals(5, ran.get());
      assertEquals(0, serial.backlog());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Calls {@link SerialExecutor#awaitRoom(int, long, java.util.function.BooleanSupplier)} with a 10
   * s deadline that only ends a failure. Whether it waits at all depends on how fast the pool
   * drains once started (it may find the backlog under the limit already); either is right. Wrong
   * is waiting until the deadline for tasks nobody started.
   *
   * @return true if only the deadline ended the wait
   */
  static boolean awaitRoomRanIntoDeadline(SerialExecutor serial, int limit, long byteLimit) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    AtomicBoolean gaveUp = new AtomicBoolean();
    serial.awaitRoom(
        limit,
        byteLimit,
        () -> {
          boolean keep = System.nanoTime() < deadline;
          gaveUp.compareAndSet(false, !keep);
          return keep;
        });
    return gaveUp.get();
  }
}

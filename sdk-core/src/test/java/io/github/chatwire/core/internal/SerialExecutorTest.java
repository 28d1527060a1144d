package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
}

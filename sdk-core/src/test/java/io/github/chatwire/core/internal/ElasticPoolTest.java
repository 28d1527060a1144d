package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The callback pool: reuses an idle thread, grows while all are busy, queues at its maximum. */
class ElasticPoolTest {
  private static final long WAIT_SECONDS = 10;

  @Test
  void anIdleThreadIsReusedRatherThanANewOneStarted() throws Exception {
    ThreadPoolExecutor pool = ElasticPool.create(8, 30, "test-elastic");
    try {
      Thread first =
          CompletableFuture.supplyAsync(Thread::currentThread, pool)
              .get(WAIT_SECONDS, TimeUnit.SECONDS);
      for (int i = 0; i < 20; i++) {
        // Once the worker waits for work again, the next task must go to it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (first.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        Thread ran =
            CompletableFuture.supplyAsync(Thread::currentThread, pool)
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertSame(first, ran, "task " + i + " started a new thread while one was idle");
      }
      assertEquals(1, pool.getLargestPoolSize());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void growsWhileAllAreBusyAndQueuesAtTheMaximum() throws Exception {
    ThreadPoolExecutor pool = ElasticPool.create(3, 30, "test-elastic");
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(3);
    try {
      for (int i = 0; i < 3; i++) {
        pool.execute(
            () -> {
              started.countDown();
              await(release);
            });
      }
      assertTrue(
          started.await(WAIT_SECONDS, TimeUnit.SECONDS), "three blocked tasks got three threads");
      CountDownLatch fourth = new CountDownLatch(1);
      pool.execute(fourth::countDown); // at the maximum: queued, not refused
      assertFalse(fourth.await(50, TimeUnit.MILLISECONDS));
      assertEquals(3, pool.getPoolSize());
      release.countDown();
      assertTrue(fourth.await(WAIT_SECONDS, TimeUnit.SECONDS), "runs on the next free thread");
    } finally {
      release.countDown();
      pool.shutdown();
    }
    assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.github.chatwire.core.internal;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A thread pool that hands a task to an idle thread if there is one, else starts a new thread up to
 * its maximum, and only then queues the task. So a task never waits behind a busy thread while
 * fewer than the maximum are running: one connection's blocked listener cannot hold up another
 * connection's callbacks. Idle threads end after the keep-alive, so an idle pool has no threads.
 *
 * <p>(A plain {@link ThreadPoolExecutor} with an unbounded queue never grows past its core size,
 * and one with a hand-off queue refuses work at its maximum; this one does both right.)
 */
public final class ElasticPool {
  private ElasticPool() {}

  /**
   * Creates the pool.
   *
   * @param maxThreads the most threads at once; at least 1
   * @param keepAliveSeconds how long an idle thread lives
   * @param name the thread name prefix
   * @return the pool; shut it down when done
   */
  public static ThreadPoolExecutor create(int maxThreads, long keepAliveSeconds, String name) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1");
    }
    HandOff queue = new HandOff();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            maxThreads,
            keepAliveSeconds,
            TimeUnit.SECONDS,
            queue,
            new NamedThreadFactory(name),
            (task, executor) -> {
              // Every thread is busy and the maximum is reached: queue it for the next free thread.
              if (executor.isShutdown()) {
                throw new RejectedExecutionException("pool is shut down");
              }
              queue.enqueue(task);
            });
    return pool;
  }

  /** Offers succeed only by handing the task straight to a waiting (idle) thread. */
  private static final class HandOff extends LinkedTransferQueue<Runnable> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean offer(Runnable task) {
      return tryTransfer(task);
    }

    void enqueue(Runnable task) {
      super.offer(task);
    }
  }
}

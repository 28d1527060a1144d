package io.github.chatwire.core.time;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} on real time, running tasks on a {@link ScheduledExecutorService}. The
 * executor is not shut down by this class; whoever created it owns it.
 */
public final class SystemScheduler implements Scheduler {
  private static final Logger log = LoggerFactory.getLogger(SystemScheduler.class);

  private final ScheduledExecutorService executor;

  /**
   * Creates a scheduler on the given executor.
   *
   * @param executor the executor that runs the tasks; never null; not shut down by this class
   */
  public SystemScheduler(ScheduledExecutorService executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
    Objects.requireNonNull(task, "task");
    try {
      ScheduledFuture<?> future =
          executor.schedule(
              () -> {
                try {
                  task.run();
                } catch (RuntimeException | Error e) {
                  log.error("scheduled task failed", e);
                }
              },
              delay,
              unit);
      return () -> future.cancel(false);
    } catch (RejectedExecutionException e) {
      log.warn("scheduler is shut down (its runtime was closed); a timer was dropped");
      return Cancellable.NONE;
    }
  }
}

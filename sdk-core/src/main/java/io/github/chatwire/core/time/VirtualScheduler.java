package io.github.chatwire.core.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} whose clock moves only when told to, for tests of anything timed: backoff,
 * pings, watchdogs, timeouts. Tasks run on the thread that calls {@link #advance(Duration)} or
 * {@link #runDue()}, in order of their due time (ties in order of scheduling).
 *
 * <p>Thread-safe: tasks may be scheduled from any thread (for example an OkHttp reader thread in an
 * end-to-end test) while another thread advances the clock.
 */
public final class VirtualScheduler implements Scheduler {
  private static final Logger log = LoggerFactory.getLogger(VirtualScheduler.class);

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final long epochMillisAtZero;
  private long now; // nanos, guarded by this
  private long sequence; // guarded by this

  /** Creates a scheduler whose wall clock starts at 2024-01-01T00:00:00Z. */
  public VirtualScheduler() {
    this(1_704_067_200_000L);
  }

  /**
   * Creates a scheduler whose wall clock starts at the given instant.
   *
   * @param epochMillisAtZero the value of {@link #currentTimeMillis()} before any advance
   */
  public VirtualScheduler(long epochMillisAtZero) {
    this.epochMillisAtZero = epochMillisAtZero;
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized long currentTimeMillis() {
    return epochMillisAtZero + TimeUnit.NANOSECONDS.toMillis(now);
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
    Objects.requireNonNull(task, "task");
    Task t = new Task(now + Math.max(0, unit.toNanos(delay)), sequence++, task);
    queue.add(t);
    return () -> {
      synchronized (VirtualScheduler.this) {
        return queue.remove(t);
      }
    };
  }

  /**
   * Moves the clock forward, running every task that falls due on the way, each at its own due time
   * (so a task that schedules another within the window sees it run too).
   *
   * @param duration how far to move; never negative
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot go back in time");
    }
    long target;
    synchronized (this) {
      target = now + duration.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due > target) {
          now = target;
          return;
        }
        queue.poll();
        now = Math.max(now, next.due);
      }
      run(next);
    }
  }

  /** Runs the tasks that are due now (delay zero), without moving the clock. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /**
   * The delay until the next scheduled task.
   *
   * @return the delay, or null if nothing is scheduled
   */
  public synchronized @Nullable Duration nextDelay() {
    Task next = queue.peek();
    return next == null ? null : Duration.ofNanos(next.due - now);
  }

  /**
   * The delays from now of every scheduled task, soonest first.
   *
   * @return a new list; empty if nothing is scheduled
   */
  public synchronized List<Duration> pendingDelays() {
    List<Task> tasks = new ArrayList<>(queue);
    tasks.sort(null);
    List<Duration> delays = new ArrayList<>(tasks.size());
    for (Task t : tasks) {
      delays.add(Duration.ofNanos(t.due - now));
    }
    return delays;
  }

  private static void run(Task task) {
    try {
      task.runnable.run();
    } catch (RuntimeException | Error e) {
      log.error("virtual task failed", e);
    }
  }

  private static final class Task implements Comparable<Task> {
    final long due;
    final long seq;
    final Runnable runnable;

    Task(long due, long seq, Runnable runnable) {
      this.due = due;
      this.seq = seq;
      this.runnable = runnable;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}

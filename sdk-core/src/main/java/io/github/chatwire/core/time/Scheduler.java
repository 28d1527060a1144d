package io.github.chatwire.core.time;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The source of time and timers for the SDK. Every timer in chatwire (backoff, pings, watchdogs,
 * request timeouts, queue expiry, rate limits) goes through one of these, so that tests can run
 * them in virtual time with {@link VirtualScheduler}.
 *
 * <p>Implementations are thread-safe. Tasks must be short and must not block: they share one thread
 * (in {@link SystemScheduler}) with every other timer of the runtime.
 */
public interface Scheduler {
  /**
   * Monotonic time for measuring intervals, like {@link System#nanoTime()}.
   *
   * @return nanoseconds from an arbitrary origin
   */
  long nanoTime();

  /**
   * Wall-clock time, like {@link System#currentTimeMillis()}; used where the protocol carries
   * timestamps.
   *
   * @return milliseconds since the Unix epoch
   */
  long currentTimeMillis();

  /**
   * Runs a task once after a delay.
   *
   * @param task the task; never null. Exceptions it throws are logged and swallowed.
   * @param delay the delay; zero or negative runs it as soon as possible
   * @param unit the delay's unit; never null
   * @return a handle to cancel the task; never null
   */
  Cancellable schedule(Runnable task, long delay, TimeUnit unit);

  /**
   * Runs a task once after a delay.
   *
   * @param task the task; never null
   * @param delay the delay; never null
   * @return a handle to cancel the task; never null
   */
  default Cancellable schedule(Runnable task, Duration delay) {
    return schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}

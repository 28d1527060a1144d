package io.github.chatwire.core.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor. A task that throws is
 * logged and does not stop the ones after it. A producer may wait for room with {@link #awaitRoom};
 * that is how the engine bounds a connection's listener backlog. Thread-safe.
 */
public final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  /** The MDC key under which a connection's log tag is set while its callbacks run. */
  public static final String MDC_KEY = "chatwire";

  private static final int DEFAULT_WARNING = 10_000;

  /** A backlog that empties and fills again within this time is the same episode. */
  private static final long EPISODE_GAP_NANOS = 30_000_000_000L;

  private final Executor delegate;
  private final @Nullable String tag;
  private final int warnAt;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private long weight; // guarded by tasks; the sum of the waiting tasks' weights (bytes they hold)
  // guarded by tasks; while false, the only waiting tasks are those executeDeferred held back
  private boolean running;
  private boolean warned; // guarded by tasks
  private int maxBacklog; // guarded by tasks; the deepest backlog of the current episode
  private int waiters; // guarded by tasks
  private int warnings; // guarded by tasks
  private long lastBehindNanos; // guarded by tasks; when the backlog was last at warnAt or more

  /**
   * Creates a serial executor without a log tag that warns at 10 000 waiting tasks.
   *
   * @param delegate the executor that runs the tasks; never null
   */
  public SerialExecutor(Executor delegate) {
    this(delegate, null, DEFAULT_WARNING);
  }

  /**
   * Creates a serial executor.
   *
   * @param delegate the executor that runs the tasks; never null
   * @param tag the log tag set in the MDC under {@link #MDC_KEY} while a task runs and shown in its
   *     warnings; may be null
   * @param warnAt the backlog at which a "callbacks behind" warning is logged, once per episode (an
   *     episode ends when the backlog is empty again); at least 1
   */
  public SerialExecutor(Executor delegate, @Nullable String tag, int warnAt) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.tag = tag;
    this.warnAt = Math.max(1, warnAt);
  }

  @Override
  public void execute(Runnable task) {
    execute(task, 0);
  }

  /**
   * Runs a task that holds about {@code bytes} of memory until it has run (for example the inbound
   * message it was decoded from); {@link #awaitRoom} bounds the sum as well as the count.
   *
   * @param task the task; never null
   * @param bytes its weight; zero or positive
   */
  public void execute(Runnable task, long bytes) {
    enqueue(task, bytes, false);
  }

  /**
   * Like {@link #execute(Runnable, long)}, but when no task is running it does not start running
   * yet: a later {@link #startDeferred}, {@link #awaitRoom} or plain {@code execute} does (in
   * submission order, as always). For a producer that submits in bursts, such as a socket reader
   * handing over every message of one read: one wake-up of the delegate per burst instead of one
   * per task. At most {@link #MAX_DEFERRED} tasks wait so; the next one starts them.
   *
   * @param task the task; never null
   * @param bytes its weight; zero or positive
   */
  public void executeDeferred(Runnable task, long bytes) {
    enqueue(task, bytes, true);
  }

  /** The most tasks {@link #executeDeferred} leaves waiting before it starts them. */
  public static final int MAX_DEFERRED = 64;

  /** Starts the tasks {@link #executeDeferred} left waiting, if any. */
  public void startDeferred() {
    synchronized (tasks) {
      if (running || tasks.isEmpty()) {
        return;
      }
      running = true;
    }
    Execution.executeOrRun(delegate, this::drain);
  }

  private void enqueue(Runnable task, long bytes, boolean defer) {
    Objects.requireNonNull(task, "task");
    Runnable queued = bytes <= 0 ? task : new Weighted(task, bytes);
    synchronized (tasks) {
      tasks.add(queued);
      weight += Math.max(0, bytes);
      int size = tasks.size();
      if (size > maxBacklog) {
        maxBacklog = size;
      }
      // Only while a drain runs: tasks held back by executeDeferred were never offered to a
      // listener, so a burst of them is not a slow listener.
      if (size >= warnAt && running) {
        long now = System.nanoTime();
        if (warned && now - lastBehindNanos >= EPISODE_GAP_NANOS) {
          warned = false; // behind again after a long while: a new episode
          maxBacklog = size;
        }
        if (!warned) {
          warned = true;
          warnings++;
          log.warn(
              "{}listener callbacks are {} behind: a listener is too slow (logged once per episode)",
              prefix(),
              size);
        }
        lastBehindNanos = now;
      }
      if (running) {
        return;
      }
      if (defer && size < MAX_DEFERRED) {
        return; // held back: startDeferred, awaitRoom or the next plain execute starts it
      }
      running = true;
    }
    // If the delegate is gone (shut down), drain here rather than lose the callbacks.
    Execution.executeOrRun(delegate, this::drain);
  }

  private String prefix() {
    return tag == null ? "" : "[" + tag + "] ";
  }

  /**
   * The number of tasks waiting (not counting one that is running).
   *
   * @return the backlog
   */
  public int backlog() {
    synchronized (tasks) {
      return tasks.size();
    }
  }

  /** The number of "callbacks behind" warnings logged so far (for tests). */
  int warnings() {
    synchronized (tasks) {
      return warnings;
    }
  }

  /**
   * The sum of the weights of the waiting tasks (see {@link #execute(Runnable, long)}).
   *
   * @return bytes
   */
  public long backlogBytes() {
    synchronized (tasks) {
      return weight;
    }
  }

  /**
   * Blocks the calling thread while the backlog is at or over {@code limit} tasks: returns at once
   * if it is under the limit, else once it has drained to half the limit (so a producer resumes in
   * bursts rather than one task at a time), or once {@code keepWaiting} says false (checked at
   * least every 50 ms; it must not take locks), or when the thread is interrupted (the interrupt
   * flag is kept).
   *
   * @param limit the backlog at which to wait; at least 1
   * @param keepWaiting false ends the wait early; never null
   * @return true if the call waited
   */
  public boolean awaitRoom(int limit, BooleanSupplier keepWaiting) {
    return awaitRoom(limit, Long.MAX_VALUE, keepWaiting);
  }

  /**
   * Like {@link #awaitRoom(int, BooleanSupplier)}, waiting also while the waiting tasks' weights
   * add up to {@code byteLimit} or more (until they are down to half).
   *
   * @param limit the backlog in tasks at which to wait; at least 1
   * @param byteLimit the backlog in bytes at which to wait; at least 1
   * @param keepWaiting false ends the wait early; never null
   * @return true if the call waited
   */
  public boolean awaitRoom(int limit, long byteLimit, BooleanSupplier keepWaiting) {
    synchronized (tasks) {
      if (tasks.size() < limit && weight < byteLimit) {
        return false;
      }
    }
    startDeferred(); // the tasks waited for must be running
    synchronized (tasks) {
      if (tasks.size() < limit && weight < byteLimit) {
        return false;
      }
      int resumeAt = limit / 2;
      long resumeBytes = byteLimit / 2;
      waiters++;
      try {
        while ((tasks.size() > resumeAt || weight > resumeBytes) && keepWaiting.getAsBoolean()) {
          tasks.wait(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        waiters--;
      }
      return true;
    }
  }

  private void drain() {
    String previous = tag == null ? null : MDC.get(MDC_KEY);
    if (tag != null) {
      MDC.put(MDC_KEY, tag);
    }
    try {
      while (true) {
        Runnable next;
        synchronized (tasks) {
          next = tasks.poll();
          if (next instanceof Weighted) {
            weight -= ((Weighted) next).bytes;
          }
          if (waiters > 0) {
            tasks.notifyAll();
          }
          if (next == null) {
            running = false;
            // The episode ends once the backlog has stayed under the mark for a while,
            // not at every moment it happens to be empty.
            if (warned && System.nanoTime() - lastBehindNanos >= EPISODE_GAP_NANOS) {
              log.info(
                  "{}listener callbacks caught up (the backlog reached {})", prefix(), maxBacklog);
              warned = false;
              maxBacklog = 0;
            }
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException | Error e) {
          log.error("{}listener callback threw", prefix(), e);
        }
      }
    } finally {
      if (tag != null) {
        if (previous == null) {
          MDC.remove(MDC_KEY);
        } else {
          MDC.put(MDC_KEY, previous);
        }
      }
    }
  }

  /** A task with the bytes it holds. */
  private static final class Weighted implements Runnable {
    final Runnable task;
    final long bytes;

    Weighted(Runnable task, long bytes) {
      this.task = task;
      this.bytes = bytes;
    }

    @Override
    public void run() {
      task.run();
    }
  }
}

package io.github.chatwire.core.connection;

import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.core.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose thread is held up: tasks that fall due while it is stalled run only when the
 * stall ends, all at once and late (what a starved scheduler thread does on real sockets). Shared
 * by ReconnectStormTest and LateReconnectTimerTest.
 */
final class StallingScheduler implements Scheduler {
  final VirtualScheduler time;
  boolean stalled;
  final List<Runnable> held = new ArrayList<>();

  StallingScheduler(VirtualScheduler time) {
    this.time = time;
  }

  @Override
  public long nanoTime() {
    return time.nanoTime();
  }

  @Override
  public long currentTimeMillis() {
    return time.currentTimeMillis();
  }

  @Override
  public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
    boolean[] cancelled = {false};
    Cancellable inner =
        time.schedule(
            () -> {
              if (stalled) {
                held.add(
                    () -> {
                      if (!cancelled[0]) {
                        task.run();
                      }
                    });
              } else {
                task.run();
              }
            },
            delay,
            unit);
    return () -> {
      cancelled[0] = true;
      return inner.cancel();
    };
  }

  /** Ends the stall and runs every held task, in the order they fell due. */
  void endStall() {
    stalled = false;
    List<Runnable> due = new ArrayList<>(held);
    held.clear();
    due.forEach(Runnable::run);
  }
}

package io.github.chatwire.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Running SDK work on an executor that may already be shut down. */
public final class Execution {
  private Execution() {}

  /**
   * Runs the task on the executor, or on this thread if the executor refuses it (it was shut down),
   * so that no completion or callback is ever lost.
   *
   * @param executor the executor
   * @param task the task
   */
  public static void executeOrRun(Executor executor, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }
}

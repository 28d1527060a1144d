package io.github.chatwire.core.time;

/** A handle to a scheduled task. Thread-safe. */
@FunctionalInterface
public interface Cancellable {
  /** A handle that cancels nothing; useful as a field's initial value. */
  Cancellable NONE = () -> false;

  /**
   * Cancels the task if it has not started yet. Calling it again, or after the task ran, has no
   * effect.
   *
   * @return true if this call prevented the task from running
   */
  boolean cancel();
}

package io.github.chatwire.core;

/**
 * A handle to a registered listener or subscription; {@link #close()} removes it. Idempotent and
 * thread-safe.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Removes the listener. Events already queued for it may still be delivered. */
  @Override
  void close();
}

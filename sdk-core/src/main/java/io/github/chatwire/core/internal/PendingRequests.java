package io.github.chatwire.core.internal;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.QueueFullException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The correlation table: requests awaiting a reply, keyed by a protocol-chosen key, each with a
 * reply timeout that starts when the request is sent. Bounded. Futures are completed on the given
 * executor, never on the caller's thread. Thread-safe.
 */
public final class PendingRequests {
  private final Scheduler scheduler;
  private final Executor completer;
  private final int capacity;
  private final Map<Object, Entry> entries = new HashMap<>();

  /** The longest timeout accepted (far beyond any use, well within nanosecond arithmetic). */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

  /**
   * Creates a table.
   *
   * @param scheduler runs the timeouts
   * @param completer completes the futures
   * @param capacity the most entries at once
   */
  public PendingRequests(Scheduler scheduler, Executor completer, int capacity) {
    this.scheduler = Objects.requireNonNull(scheduler);
    this.completer = Objects.requireNonNull(completer);
    this.capacity = capacity;
  }

  /**
   * Registers a request whose timeout starts now (it is treated as sent at once).
   *
   * @param key the correlation key
   * @param name the request's name for messages; may be null
   * @param timeout the timeout from now
   * @param <T> the reply type
   * @return the future of the reply
   * @throws QueueFullException if the table is full
   * @throws IllegalArgumentException if the key is already pending
   */
  public <T> CompletableFuture<T> register(Object key, String name, Duration timeout) {
    CompletableFuture<T> f = registerUnsent(key, name, timeout, false);
    markSent(key, f, 0);
    return f;
  }

  /**
   * Registers a request that has not been sent yet: its reply timeout starts only at {@link
   * #markSent}, so time spent in an outbound queue does not count.
   *
   * @param key the correlation key
   * @param name the request's name for messages; may be null
   * @param timeout the reply timeout, counted from transmission
   * @param idempotent whether repeating the request is harmless (makes its timeout and loss
   *     retryable)
   * @param <T> the reply type
   * @return the future of the reply
   * @throws QueueFullException if the table is full
   * @throws IllegalArgumentException if the key is already pending or the timeout out of range
   */
  // whenComplete only frees the slot (remove cannot throw); the caller holds the future itself
  @SuppressWarnings({"unchecked", "FutureReturnValueIgnored"})
  public <T> CompletableFuture<T> registerUnsent(
      Object key, @Nullable String name, Duration timeout, boolean idempotent) {
    Objects.requireNonNull(key, "key");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "timeout must be positive and at most " + MAX_TIMEOUT.toDays() + " days");
    }
    CompletableFuture<Object> future = new CompletableFuture<>();
    Entry entry = new Entry(future, name, timeout, idempotent);
    synchronized (this) {
      if (entries.size() >= capacity) {
        throw new QueueFullException("too many pending requests (" + capacity + ")");
      }
      if (entries.containsKey(key)) {
        throw new IllegalArgumentException("a request with key " + key + " is already pending");
      }
      entries.put(key, entry);
    }
    // A caller that cancels (or completes) the future itself frees the slot.
    future.whenComplete((v, e) -> remove(key, entry));
    return (CompletableFuture<T>) future;
  }

  /**
   * Whether a request is pending under the key.
   *
   * @param key the key
   * @return true if pending
   */
  public synchronized boolean contains(Object key) {
    return entries.containsKey(key);
  }

  /**
   * The number of pending requests.
   *
   * @return the count
   */
  public synchronized int size() {
    return entries.size();
  }

  /**
   * Notes that the request went out on the wire: a lost connection now fails it, and its reply
   * timeout starts.
   *
   * @param key the key
   * @param future the future of the request meant; a newer request under the key is left alone
   * @param mark the engine's transmission mark of the request (see {@link #sentMark})
   */
  public synchronized void markSent(Object key, CompletableFuture<?> future, long mark) {
    Entry e = entries.get(key);
    if (e == null || e.future != future || e.sent) {
      return;
    }
    e.sent = true;
    e.mark = mark;
    Duration timeout = e.timeout;
    String name = e.name;
    e.timer =
        scheduler.schedule(
            () ->
                settle(
                    take(key, future),
                    null,
                    new RequestTimeoutException(
                        "no reply to "
                            + (name == null ? "request" : "'" + name + "'")
                            + " "
                            + key
                            + " within "
                            + timeout.toMillis()
                            + " ms of sending it"
                            + (e.idempotent
                                ? ""
                                : "; it may have been processed, so it is not retried"),
                        timeout,
                        true,
                        e.idempotent)),
            timeout);
  }

  /**
   * The transmission mark given to {@link #markSent} for the request under the key.
   *
   * @param key the key
   * @return the mark, or -1 if no sent request is pending under the key
   */
  public synchronized long sentMark(Object key) {
    Entry e = entries.get(key);
    return e == null || !e.sent ? -1 : e.mark;
  }

  /**
   * Fails the request under the key only if it is still the one with the given future (a newer
   * request may reuse the key).
   *
   * @param key the key
   * @param future the future of the request meant
   * @param error the failure
   * @return true if it was pending
   */
  public boolean failIfSame(Object key, CompletableFuture<?> future, ChatwireException error) {
    return settle(take(key, future), null, error);
  }

  /**
   * Completes a request with its reply.
   *
   * @param key the key
   * @param value the reply; may be null
   * @return true if it was pending
   */
  public boolean complete(Object key, Object value) {
    return settle(take(key, null), value, null);
  }

  /**
   * Fails a request.
   *
   * @param key the key
   * @param error the failure
   * @return true if it was pending
   */
  public boolean fail(Object key, ChatwireException error) {
    return settle(take(key, null), null, error);
  }

  /** Removes the entry under the key, if it is the one with the expected future (any if null). */
  private synchronized @Nullable Entry take(Object key, @Nullable CompletableFuture<?> expected) {
    Entry e = entries.get(key);
    if (e == null || (expected != null && e.future != expected)) {
      return null;
    }
    entries.remove(key);
    return e;
  }

  /** Completes a removed entry's future on the completer: with the value, or the error if given. */
  private boolean settle(
      @Nullable Entry e, @Nullable Object value, @Nullable ChatwireException error) {
    if (e == null) {
      return false;
    }
    e.timer.cancel();
    if (error == null) {
      execute(() -> e.future.complete(value));
    } else {
      execute(() -> e.future.completeExceptionally(error));
    }
    return true;
  }

  /**
   * Fails every request that already went out on the wire.
   *
   * @param idempotentError the failure of requests registered as idempotent
   * @param error the failure of the others (whose effect on the server is unknown)
   */
  public void failSent(ChatwireException idempotentError, ChatwireException error) {
    failWhere(true, idempotentError, error);
  }

  /**
   * Fails every pending request.
   *
   * @param error the failure
   */
  public void failAll(ChatwireException error) {
    failWhere(false, error, error);
  }

  private void failWhere(
      boolean onlySent, ChatwireException idempotentError, ChatwireException error) {
    List<Entry> failed = new ArrayList<>();
    synchronized (this) {
      entries
          .values()
          .removeIf(
              e -> {
                if (!onlySent || e.sent) {
                  failed.add(e);
                  return true;
                }
                return false;
              });
    }
    for (Entry e : failed) {
      settle(e, null, e.idempotent ? idempotentError : error);
    }
  }

  private synchronized void remove(Object key, Entry entry) {
    if (entries.get(key) == entry) {
      entries.remove(key);
      entry.timer.cancel();
    }
  }

  private void execute(Runnable r) {
    Execution.executeOrRun(completer, r);
  }

  private static final class Entry {
    final CompletableFuture<Object> future;
    final @Nullable String name;
    final Duration timeout;
    final boolean idempotent;
    Cancellable timer = Cancellable.NONE; // guarded by the table
    boolean sent; // guarded by the table
    long mark; // guarded by the table

    Entry(
        CompletableFuture<Object> future,
        @Nullable String name,
        Duration timeout,
        boolean idempotent) {
      this.future = future;
      this.name = name;
      this.timeout = timeout;
      this.idempotent = idempotent;
    }
  }
}

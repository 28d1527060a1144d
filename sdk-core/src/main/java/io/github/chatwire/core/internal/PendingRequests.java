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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The correlation table: requests awaiting a reply, keyed by a protocol-chosen key, each with a
 * reply timeout that starts when the request is sent. Bounded. Futures are completed on the given
 * executor, never on the caller's thread. Thread-safe.
 *
 * <p>Timeouts: one timer per table, not one per request. It is armed for the earliest deadline
 * among the sent requests; a request whose deadline is later adds no timer (the common case: every
 * request has the same timeout), and a reply cancels nothing. When the timer fires it fails what is
 * due and re-arms for the next deadline. So the hot path of a request neither schedules nor cancels
 * a task on the runtime's one scheduler thread (each of which could wake that thread), and each
 * timeout still fires at its exact deadline (in virtual time too).
 */
public final class PendingRequests {
  private final Scheduler scheduler;
  private final Executor completer;
  private final int capacity;
  private final Map<Object, Entry> entries = new HashMap<>(); // guarded by this

  /** The one timeout timer, armed for {@link #armedFor} while {@link #armed}. Guarded by this. */
  private Cancellable timer = Cancellable.NONE;

  private boolean armed; // guarded by this
  private long armedFor; // guarded by this; the scheduler's nanoTime the timer fires at

  /** The longest timeout accepted (far beyond any use, well within nanosecond arithmetic). */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

  /** What {@link #settleSent} returns when no request is pending under the key. */
  public static final long NOT_PENDING = -1;

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
  public <T> CompletableFuture<T> register(Object key, @Nullable String name, Duration timeout) {
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
   * @return the future of the reply; a caller that cancels or completes it frees its slot
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
    Entry entry = new Entry(this, key, name, timeout, idempotent);
    synchronized (this) {
      if (entries.size() >= capacity) {
        throw new QueueFullException("too many pending requests (" + capacity + ")");
      }
      if (entries.containsKey(key)) {
        throw new IllegalArgumentException("a request with key " + key + " is already pending");
      }
      entries.put(key, entry);
    }
    return (CompletableFuture<T>) entry;
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
    if (e == null || e != future || e.sent) {
      return;
    }
    e.sent = true;
    e.mark = mark;
    e.deadline = scheduler.nanoTime() + e.timeout.toNanos();
    if (!armed || e.deadline - armedFor < 0) {
      arm(e.deadline);
    }
  }

  /** Arms the one timer for the deadline, replacing an armed later one. Holds this. */
  private void arm(long deadline) {
    timer.cancel();
    armed = true;
    armedFor = deadline;
    timer =
        scheduler.schedule(
            this::timerFired, Math.max(0, deadline - scheduler.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** Fails every sent request whose deadline has passed, then re-arms for the next one. */
  private void timerFired() {
    List<Entry> due = new ArrayList<>();
    synchronized (this) {
      armed = false;
      timer = Cancellable.NONE;
      long now = scheduler.nanoTime();
      long next = 0;
      boolean more = false;
      for (java.util.Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (!e.sent) {
          continue;
        }
        if (e.deadline - now <= 0) {
          it.remove();
          due.add(e);
        } else if (!more || e.deadline - next < 0) {
          next = e.deadline;
          more = true;
        }
      }
      if (more) {
        arm(next);
      }
    }
    for (Entry e : due) {
      settle(e, null, timedOut(e));
    }
  }

  private static RequestTimeoutException timedOut(Entry e) {
    return new RequestTimeoutException(
        "no reply to "
            + (e.name == null ? "request" : "'" + e.name + "'")
            + " "
            + e.key
            + " within "
            + e.timeout.toMillis()
            + " ms of sending it"
            + (e.idempotent ? "" : "; it may have been processed, so it is not retried"),
        e.timeout,
        true,
        e.idempotent);
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
  public boolean complete(Object key, @Nullable Object value) {
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

  /**
   * Completes (no error) or fails the request under the key, in one look-up, and says what its
   * transmission mark was.
   *
   * @param key the key
   * @param value the reply if {@code error} is null; may be null
   * @param error the failure, or null to complete with the value
   * @return the request's mark given to {@link #markSent} (0 if it was not sent), or {@link
   *     #NOT_PENDING} if no request is pending under the key
   */
  public long settleSent(Object key, @Nullable Object value, @Nullable ChatwireException error) {
    Entry e;
    long mark;
    synchronized (this) {
      e = entries.remove(key);
      if (e == null) {
        return NOT_PENDING;
      }
      mark = e.sent ? e.mark : 0;
    }
    settle(e, value, error);
    return mark;
  }

  /** Removes the entry under the key, if it is the one with the expected future (any if null). */
  private synchronized @Nullable Entry take(Object key, @Nullable CompletableFuture<?> expected) {
    Entry e = entries.get(key);
    if (e == null || (expected != null && e != expected)) {
      return null;
    }
    entries.remove(key);
    return e;
  }

  /**
   * Settles a removed entry: a thread blocked in its {@code get()}/{@code join()} is woken at once
   * (from here, one wake-up as with a hand-written client), and the future itself, with every
   * dependent stage, is completed on the completer, never on this (the socket reader's) thread.
   */
  private boolean settle(
      @Nullable Entry e, @Nullable Object value, @Nullable ChatwireException error) {
    if (e == null) {
      return false;
    }
    if (e.settleWaiters(value, error)) {
      execute(() -> e.settleDependents(value, error));
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
      disarmIfIdle();
    }
    for (Entry e : failed) {
      settle(e, null, e.idempotent ? idempotentError : error);
    }
  }

  /**
   * The caller completes or cancels a request's future itself: its slot is freed first, so the
   * future's dependents already see the key free. (If the future was done already, the table had
   * removed it then: a no-op.)
   */
  private synchronized void removed(Entry entry) {
    if (entries.get(entry.key) == entry) {
      entries.remove(entry.key);
      disarmIfIdle();
    }
  }

  /**
   * Cancels the timer when no sent request is left, so a table the caller emptied holds no task. (A
   * reply does not call this: the timer then fires once, finds nothing, and is not re-armed, which
   * costs less than a cancel and a new schedule per request.) Holds this.
   */
  private void disarmIfIdle() {
    if (!armed) {
      return;
    }
    for (Entry e : entries.values()) {
      if (e.sent) {
        return;
      }
    }
    timer.cancel();
    timer = Cancellable.NONE;
    armed = false;
  }

  private void execute(Runnable r) {
    Execution.executeOrRun(completer, r);
  }

  /**
   * A pending request and its reply future in one object. A caller that completes or cancels the
   * future itself (including {@code orTimeout}) frees the slot at once, with no dependent stage
   * registered for that. Dependent stages are plain {@link CompletableFuture}s (the default {@code
   * newIncompleteFuture}).
   *
   * <p>Its outcome is decided in {@link #waiters}, a private future that only this class's {@code
   * get}/{@code join} wait on, so it never has a dependent stage and may be completed on the reader
   * thread: that wakes a blocked caller directly. The public side (this future, its dependents,
   * {@code allOf}/{@code thenCompose} relays) is completed afterwards with the same outcome on the
   * completer. The reading methods ({@code isDone}, {@code get}, {@code join}, {@code getNow},
   * {@code isCompletedExceptionally}, {@code isCancelled}, {@code toString}, and on Java 19+ {@code
   * resultNow}/{@code exceptionNow}) report the decided outcome, so in between the future already
   * reads as done, as it will stay. The one exception is Java 19+'s {@code state()}: its return
   * type ({@code Future.State}) does not exist in Java 17, which this library is compiled for, so
   * it cannot be overridden and reads the public side ({@code RUNNING} in that window).
   *
   * <p>Every public way to complete the future from outside goes through {@link #complete}, {@link
   * #completeExceptionally}, {@link #cancel} or the obtrude methods overridden here: {@code
   * orTimeout} and {@code completeOnTimeout} call {@code completeExceptionally}/{@code complete}
   * (JDK 17 and later); {@code completeAsync} would complete the JDK's field directly, so it is
   * overridden too.
   */
  private static final class Entry extends CompletableFuture<Object> {
    final PendingRequests table;
    final Object key;
    final @Nullable String name;
    final Duration timeout;
    final boolean idempotent;
    final CompletableFuture<Object> waiters = new CompletableFuture<>();
    boolean sent; // guarded by the table
    long mark; // guarded by the table
    long deadline; // guarded by the table; valid once sent

    Entry(
        PendingRequests table,
        Object key,
        @Nullable String name,
        Duration timeout,
        boolean idempotent) {
      this.table = table;
      this.key = key;
      this.name = name;
      this.timeout = timeout;
      this.idempotent = idempotent;
    }

    /** Decides the outcome (the entry was taken already); true if this call decided it. */
    boolean settleWaiters(@Nullable Object value, @Nullable ChatwireException error) {
      return error == null ? waiters.complete(value) : waiters.completeExceptionally(error);
    }

    /** Completes the public side with the decided outcome (on the completer). */
    void settleDependents(@Nullable Object value, @Nullable ChatwireException error) {
      if (error == null) {
        super.complete(value);
      } else {
        super.completeExceptionally(error);
      }
    }

    // ---- completion by the caller: decided first, then the public side on the caller's thread

    @Override
    public boolean complete(@Nullable Object value) {
      table.removed(this);
      return waiters.complete(value) && super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
      table.removed(this);
      return waiters.completeExceptionally(ex) && super.completeExceptionally(ex);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      table.removed(this);
      return waiters.cancel(mayInterruptIfRunning) && super.cancel(mayInterruptIfRunning);
    }

    @Override
    public void obtrudeValue(@Nullable Object value) {
      table.removed(this);
      waiters.obtrudeValue(value);
      super.obtrudeValue(value);
    }

    @Override
    public void obtrudeException(Throwable ex) {
      table.removed(this);
      waiters.obtrudeException(ex);
      super.obtrudeException(ex);
    }

    /**
     * As {@link CompletableFuture#completeAsync(Supplier, Executor)}, but the supplier's value goes
     * through {@link #complete} (a supplier that throws: {@link #completeExceptionally} with the
     * JDK's {@link CompletionException} wrapping), so the slot is freed and the decided outcome is
     * the caller's. The supplier is not called if the future is decided already.
     */
    @Override
    public CompletableFuture<Object> completeAsync(Supplier<?> supplier, Executor executor) {
      Objects.requireNonNull(supplier, "supplier");
      Objects.requireNonNull(executor, "executor");
      executor.execute(
          () -> {
            if (isDone()) {
              return;
            }
            Object value;
            try {
              value = supplier.get();
            } catch (Throwable t) {
              completeExceptionally(
                  t instanceof CompletionException ? t : new CompletionException(t));
              return;
            }
            complete(value);
          });
      return this;
    }

    @Override
    public CompletableFuture<Object> completeAsync(Supplier<?> supplier) {
      return completeAsync(supplier, defaultExecutor());
    }

    // ---- reading: the decided outcome

    /**
     * As {@code CompletableFuture.resultNow()} (Java 19+; declared here without {@code @Override}
     * because this library compiles for Java 17, and overriding it on 19+): the decided value.
     *
     * @return the value the future was decided with; may be null
     * @throws IllegalStateException if not decided, decided exceptionally or cancelled
     */
    // Overrides Future's method of the same name on Java 19+ (compiled for 17, so no @Override):
    // Error Prone sees neither a caller nor an overridden method.
    @SuppressWarnings({"UnusedMethod", "EffectivelyPrivate"})
    public @Nullable Object resultNow() {
      requireDecidedNotCancelled();
      if (waiters.isCompletedExceptionally()) {
        throw new IllegalStateException("Task completed with exception");
      }
      return waiters.join();
    }

    /**
     * As {@code CompletableFuture.exceptionNow()} (Java 19+; see {@link #resultNow()}): the decided
     * failure, a {@link CompletionException} unwrapped to its cause.
     *
     * @return the exception the future was decided with; never null
     * @throws IllegalStateException if not decided, decided normally or cancelled
     */
    // Overrides Future's method of the same name on Java 19+ (compiled for 17, so no @Override):
    // Error Prone sees neither a caller nor an overridden method.
    @SuppressWarnings({"UnusedMethod", "EffectivelyPrivate"})
    public Throwable exceptionNow() {
      requireDecidedNotCancelled();
      try {
        waiters.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        return cause != null ? cause : e;
      } catch (CancellationException e) {
        throw new IllegalStateException("Task was cancelled", e);
      }
      throw new IllegalStateException("Task completed with a result");
    }

    /** The checks resultNow/exceptionNow share, with the JDK's messages. */
    private void requireDecidedNotCancelled() {
      if (!waiters.isDone()) {
        throw new IllegalStateException("Task has not completed");
      }
      if (waiters.isCancelled()) {
        throw new IllegalStateException("Task was cancelled");
      }
    }

    /**
     * This future's identity and the decided outcome, in {@link CompletableFuture#toString()}'s
     * form (before the outcome is decided: exactly that, with this future's dependents).
     */
    @Override
    public String toString() {
      if (!waiters.isDone()) {
        return super.toString();
      }
      String decided = waiters.toString();
      int outcome = decided.indexOf('[');
      if (outcome < 0) { // not the JDK's format: say what the public side says
        return super.toString();
      }
      return getClass().getName()
          + '@'
          + Integer.toHexString(hashCode())
          + decided.substring(outcome);
    }

    @Override
    public boolean isDone() {
      return waiters.isDone();
    }

    @Override
    public boolean isCancelled() {
      return waiters.isCancelled();
    }

    @Override
    public boolean isCompletedExceptionally() {
      return waiters.isCompletedExceptionally();
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
      return waiters.get();
    }

    @Override
    public Object get(long t, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return waiters.get(t, unit);
    }

    @Override
    public Object join() {
      return waiters.join();
    }

    @Override
    public @Nullable Object getNow(@Nullable Object valueIfAbsent) {
      return waiters.getNow(valueIfAbsent);
    }
  }
}

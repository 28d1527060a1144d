package io.github.chatwire.originchats.internal;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.QueueFullException;
import io.github.chatwire.core.SendTimeoutException;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.internal.Execution;
import io.github.chatwire.core.internal.Futures;
import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.originchats.RateLimits;
import io.github.chatwire.originchats.model.ServerFrame;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything between a request method and the engine, in one place and on one clock (the
 * scheduler's): listener keys, the reply kind each pending request accepts, and the rate limit.
 *
 * <p><b>Keys.</b> Every request gets a listener {@code cw-<random>-<n>}: the random part is drawn
 * per client, so keys of different clients do not collide (a bot receives forwarded {@code
 * slash_call}s carrying the caller's listener).
 *
 * <p><b>Rate limit.</b> The reference server counts {@code message_new}, {@code typing} and {@code
 * message_edit} per user, and refuses one only when {@code burst} accepted actions already fall
 * inside the last {@code burstWindow} (or {@code perMinute} inside the last minute); the cooldown
 * starts on that refused attempt. This outbox hands a limited request to the engine only when the
 * server would accept it (with {@link #MARGIN_NANOS} for transit jitter), and while the connection
 * is logged in; until then it holds it here, so that it never blocks the engine's ordered queue for
 * other requests, and its request timeout counts from the hand-off. A {@code rate_limit} from the
 * server ({@link #serverCooldown}) holds limited requests for its length. Other commands go to the
 * engine at once: the server does not limit them.
 *
 * <p>Thread-safe. The lock of this class is never held while calling the engine, and the engine may
 * call {@link #serverCooldown}, {@link #up} and {@link #down} with its own lock held.
 */
public final class OcOutbox {
  /**
   * Extra spacing over the server's windows, so that uneven transit (one message of a window
   * delayed by up to this much more than a later one) never lets the server see a full window.
   * Costs 0.25 s per 10 s window: 50 sends take about 41 s where the server allows 40.
   */
  public static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private static final long MINUTE_NANOS = TimeUnit.SECONDS.toNanos(60);

  /**
   * The longest server cooldown held (a year): a longer {@code rate_limit} length, up to the
   * saturated {@code Long.MAX_VALUE} of an absurd value, would overflow the clock's arithmetic.
   */
  static final long MAX_COOLDOWN_NANOS = TimeUnit.DAYS.toNanos(365);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The engine's request entry point. */
  @FunctionalInterface
  public interface Sender {
    /**
     * Hands a request to the engine.
     *
     * @param key the listener key; never null
     * @param message the frame; never null
     * @param timeout the reply timeout, counted from now; positive
     * @return the reply future
     */
    CompletableFuture<ServerFrame> request(String key, Outbound message, Duration timeout);
  }

  private final RateLimits limits;
  private final Supplier<ChatwireRuntime> runtime;
  private final Sender sender;
  private final int capacity;
  private final Duration maxWait;
  private final String prefix;
  private final AtomicLong seq = new AtomicLong();

  /** What each request not yet answered accepts as its reply, by key. */
  private final Map<String, Class<? extends ServerFrame>> expected = new ConcurrentHashMap<>();

  // guarded by this
  private final ArrayDeque<Long> sent = new ArrayDeque<>();
  private final ArrayDeque<Held> held = new ArrayDeque<>();

  /** Limited requests let go, in order, to be handed to the engine by one thread at a time. */
  private final ArrayDeque<Held> leaving = new ArrayDeque<>();

  private boolean handingOff;
  private long cooldownUntil;
  private boolean cooling;
  private boolean up;
  private boolean closed;
  private Cancellable timer = Cancellable.NONE;

  /**
   * Creates an outbox.
   *
   * @param limits the server's numbers; never null
   * @param runtime the connection's runtime, for its scheduler (the one clock) and callback
   *     executor; looked up on use, as the connection is built later; never null
   * @param sender the engine; never null
   * @param capacity how many limited requests may wait here; positive
   * @param maxWait how long one may wait here before it fails with {@link SendTimeoutException}
   */
  public OcOutbox(
      RateLimits limits,
      Supplier<ChatwireRuntime> runtime,
      Sender sender,
      int capacity,
      Duration maxWait) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.capacity = capacity;
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    this.prefix = "cw-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + "-";
  }

  private Scheduler clock() {
    return runtime.get().scheduler();
  }

  /**
   * Whether a command counts against the server's shared budget.
   *
   * @param cmd the command; may be null
   * @return true for message_new, typing and message_edit
   */
  public static boolean isLimited(@Nullable String cmd) {
    return "message_new".equals(cmd) || "typing".equals(cmd) || "message_edit".equals(cmd);
  }

  /** Commands that only read: sending one twice changes nothing on the server. */
  private static final java.util.Set<String> READS =
      java.util.Set.of(
          "ping",
          "channels_get",
          "users_list",
          "users_online",
          "message_get",
          "messages_get",
          "messages_around",
          "messages_search",
          "messages_pinned",
          "message_replies",
          "pings_get",
          "embeds_list",
          "thread_get",
          "thread_messages",
          "status_get",
          "user_roles_get",
          "roles_list",
          "server_info",
          "rate_limit_status",
          "unreads_get",
          "voice_state",
          "poll_results",
          "emoji_get_all",
          "emoji_get_id",
          "slash_list",
          "attachment_get",
          "self_roles_list",
          "modlog_get",
          "modlog_summary",
          "plugins_list",
          "role_permissions_get",
          "users_banned_list",
          "webhook_get",
          "webhook_list");

  /**
   * Whether a command only reads, so that its timeout or its loss in flight is retryable ({@link
   * Outbound#idempotent()}); anything else may have taken effect.
   *
   * @param cmd the command; may be null
   * @return true for the read commands of the reference server
   */
  public static boolean isRead(@Nullable String cmd) {
    return cmd != null && READS.contains(cmd);
  }

  /**
   * A fresh listener key, unique within this client and (by its random part) across clients.
   *
   * @return the key; never null
   */
  public String newKey() {
    return prefix + seq.incrementAndGet();
  }

  /**
   * Sends a request: at once for unlimited commands; for limited ones when the budget allows.
   *
   * @param key from {@link #newKey()}; never null
   * @param cmd the command; never null
   * @param json the encoded frame; never null
   * @param replyType the reply kind the request accepts (besides error and rate_limit)
   * @param timeout the reply timeout, counted from the hand-off to the engine
   * @return the reply future; fails with {@link QueueFullException} when too many limited requests
   *     wait, {@link SendTimeoutException} when one waited longer than the queue's maximum wait, or
   *     as the engine fails it
   */
  @SuppressWarnings("FutureReturnValueIgnored") // whenComplete only forgets the key
  public CompletableFuture<ServerFrame> submit(
      String key,
      String cmd,
      String json,
      Class<? extends ServerFrame> replyType,
      Duration timeout) {
    Outbound message =
        isRead(cmd) ? Outbound.text(json, cmd).idempotent() : Outbound.text(json, cmd);
    expected.put(key, replyType);
    CompletableFuture<ServerFrame> reply;
    if (!isLimited(cmd)) {
      reply = sender.request(key, message, timeout);
    } else {
      reply = submitLimited(new Held(key, message, timeout));
    }
    reply.whenComplete((v, e) -> expected.remove(key));
    return reply;
  }

  /**
   * Sends a limited request only if it can go at once (typing: a late indicator is useless).
   *
   * @param key from {@link #newKey()}; never null
   * @param cmd the command; never null
   * @param json the encoded frame; never null
   * @param replyType the accepted reply kind
   * @param timeout the reply timeout
   * @return the reply future, or null if it would have to wait (nothing sent)
   */
  @SuppressWarnings("FutureReturnValueIgnored") // whenComplete only forgets the key
  public @Nullable CompletableFuture<ServerFrame> submitIfFree(
      String key,
      String cmd,
      String json,
      Class<? extends ServerFrame> replyType,
      Duration timeout) {
    Held h = new Held(key, Outbound.text(json, cmd), timeout);
    expected.put(key, replyType);
    CompletableFuture<ServerFrame> reply = submitLimitedIfFree(h);
    if (reply == null) {
      expected.remove(key);
      return null;
    }
    reply.whenComplete((v, e) -> expected.remove(key));
    return reply;
  }

  /** Takes a budget slot for {@code h} if one is free now; the caller then drains. */
  private synchronized boolean takeIfFree(Held h, long now) {
    boolean free = !closed && up && held.isEmpty() && allowedAt(now) - now <= 0;
    if (free) {
      count(now);
      leaving.addLast(h);
    }
    return free;
  }

  /** Sends {@code h} at once if the budget allows; null (nothing sent) if it would have to wait. */
  private @Nullable CompletableFuture<ServerFrame> submitLimitedIfFree(Held h) {
    if (!takeIfFree(h, clock().nanoTime())) {
      return null;
    }
    drain();
    return h.proxy;
  }

  @SuppressWarnings("FutureReturnValueIgnored") // whenComplete only forgets h
  private CompletableFuture<ServerFrame> submitLimited(Held h) {
    long now = clock().nanoTime();
    boolean free;
    synchronized (this) {
      free = takeIfFree(h, now);
      if (!free && !closed) {
        if (held.size() >= capacity) {
          return Futures.failed(
              new QueueFullException(
                  "too many rate-limited messages waiting (" + held.size() + ")"));
        }
        held.addLast(h);
        h.expiry = clock().schedule(() -> expire(h), maxWait);
        h.proxy.whenComplete(
            (v, e) -> {
              if (h.proxy.isCancelled()) {
                forget(h);
              }
            });
        reschedule(now);
        return h.proxy;
      }
    }
    if (!free) {
      // closed: the engine refuses it with the connection's terminal cause
      return sender.request(h.key, h.message, h.timeout);
    }
    drain();
    return h.proxy;
  }

  /**
   * Whether a frame carrying a pending request's listener is a reply that request accepts: its own
   * reply kind, an error or a rate_limit. Anything else (a forwarded slash_call that kept another
   * client's listener) is an event, not a reply.
   *
   * @param key the frame's listener; never null
   * @param frame the frame; never null
   * @return true if it may complete the request
   */
  public boolean accepts(String key, ServerFrame frame) {
    Class<? extends ServerFrame> type = expected.get(key);
    return type != null
        && (type.isInstance(frame)
            || frame instanceof ServerFrame.Error
            || frame instanceof ServerFrame.RateLimit);
  }

  /**
   * The server refused a limited action: hold limited requests for its length.
   *
   * @param lengthNanos the rate_limit's length; negative counts as zero, more than {@link
   *     #MAX_COOLDOWN_NANOS} as that
   */
  public synchronized void serverCooldown(long lengthNanos) {
    long now = clock().nanoTime();
    long until = now + Math.min(Math.max(0, lengthNanos), MAX_COOLDOWN_NANOS);
    if (!cooling || until - cooldownUntil > 0) {
      cooldownUntil = until;
      cooling = true;
    }
    reschedule(now);
  }

  /** The connection logged in: release what the budget allows. */
  public void up() {
    synchronized (this) {
      up = true;
    }
    release();
  }

  /** The connection was lost: hold limited requests until the next login. */
  public synchronized void down() {
    up = false;
    timer.cancel();
  }

  /**
   * The client closed: every request still held goes to the engine, which refuses it with the
   * connection's terminal cause.
   */
  public void close() {
    List<Held> refused;
    synchronized (this) {
      closed = true;
      timer.cancel();
      refused = new ArrayList<>(held);
      held.clear();
    }
    for (Held h : refused) {
      handOff(h);
    }
  }

  /**
   * Requests not yet answered (held here, queued in the engine or sent).
   *
   * @return the count; a snapshot
   */
  public int pendingRequests() {
    return expected.size();
  }

  /**
   * Limited requests waiting here for the budget or the next login.
   *
   * @return the count; a snapshot
   */
  public synchronized int heldCount() {
    return held.size();
  }

  /**
   * When one more limited action would be accepted.
   *
   * @param now the clock's time
   * @return the earliest time, at least {@code now}
   */
  synchronized long allowedAt(long now) {
    long t = now;
    if (cooling) {
      if (now - cooldownUntil < 0) {
        t = cooldownUntil;
      } else {
        cooling = false;
      }
    }
    long burstWindow = limits.burstWindow().toNanos() + MARGIN_NANOS;
    long horizon = Math.max(MINUTE_NANOS + MARGIN_NANOS, burstWindow);
    while (!sent.isEmpty() && now - sent.peekFirst() >= horizon) {
      sent.pollFirst();
    }
    if (limits.perMinute() != Integer.MAX_VALUE) {
      t = later(t, freeAt(limits.perMinute(), MINUTE_NANOS + MARGIN_NANOS, now));
    }
    if (limits.burst() != Integer.MAX_VALUE) {
      t = later(t, freeAt(limits.burst(), burstWindow, now));
    }
    return t;
  }

  /** The later of two clock readings (compared by difference, as nanoTime values must be). */
  private static long later(long a, long b) {
    return a - b >= 0 ? a : b;
  }

  /** Counts a limited action handed to the engine, unless there is no limit to count it against. */
  private void count(long now) {
    if (limits.perMinute() != Integer.MAX_VALUE || limits.burst() != Integer.MAX_VALUE) {
      sent.addLast(now);
    }
  }

  /** Counts a limited action sent at {@code now} (for tests of the budget). */
  synchronized void record(long now) {
    sent.addLast(now);
  }

  /** How many sends the limiter remembers (for tests of its bound). */
  synchronized int trackedSends() {
    return sent.size();
  }

  /** When fewer than {@code max} sends fall inside {@code window} before it. */
  private long freeAt(int max, long window, long now) {
    int n = 0;
    for (Iterator<Long> it = sent.descendingIterator(); it.hasNext(); ) {
      long s = it.next();
      if (now - s >= window) {
        break;
      }
      if (++n == max) {
        return s + window; // the max-th newest must leave the window first
      }
    }
    return now;
  }

  private void reschedule(long now) {
    timer.cancel();
    if (held.isEmpty() || !up || closed) {
      return;
    }
    long delay = Math.max(0, allowedAt(now) - now);
    timer = clock().schedule(this::release, delay, TimeUnit.NANOSECONDS);
  }

  private void release() {
    synchronized (this) {
      long now = clock().nanoTime();
      while (up && !closed && !held.isEmpty() && allowedAt(now) - now <= 0) {
        Held h = held.pollFirst();
        h.expiry.cancel();
        if (h.proxy.isDone()) {
          continue;
        }
        count(now);
        leaving.addLast(h);
      }
      reschedule(now);
    }
    drain();
  }

  /**
   * Hands what was let go to the engine, outside this lock and in the order it was let go: one
   * thread at a time does it, and one that finds another at work leaves its requests to it (the
   * release timer and a caller's send never overtake each other on their way to the engine).
   */
  private void drain() {
    synchronized (this) {
      if (handingOff) {
        return;
      }
      handingOff = true;
    }
    while (true) {
      Held h;
      synchronized (this) {
        h = leaving.pollFirst();
        if (h == null) {
          handingOff = false;
          return;
        }
      }
      try {
        handOff(h);
      } catch (RuntimeException e) {
        h.proxy.completeExceptionally(e);
      }
    }
  }

  @SuppressWarnings("FutureReturnValueIgnored") // the callbacks only link real and proxy
  private void handOff(Held h) {
    if (h.proxy.isDone()) {
      return;
    }
    CompletableFuture<ServerFrame> real = sender.request(h.key, h.message, h.timeout);
    real.whenComplete(
        (v, e) -> {
          if (e != null) {
            h.proxy.completeExceptionally(
                e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
          } else {
            h.proxy.complete(v);
          }
        });
    h.proxy.whenComplete(
        (v, e) -> {
          if (h.proxy.isCancelled()) {
            real.cancel(false);
          }
        });
  }

  private void expire(Held h) {
    synchronized (this) {
      if (!held.remove(h)) {
        return;
      }
    }
    Execution.executeOrRun(
        runtime.get().callbackExecutor(),
        () -> h.proxy.completeExceptionally(new SendTimeoutException(maxWait)));
  }

  private synchronized void forget(Held h) {
    if (held.remove(h)) {
      h.expiry.cancel();
    }
  }

  /** A limited request waiting for its turn. */
  private static final class Held {
    final String key;
    final Outbound message;
    final Duration timeout;
    final CompletableFuture<ServerFrame> proxy = new CompletableFuture<>();
    Cancellable expiry = Cancellable.NONE;

    Held(String key, Outbound message, Duration timeout) {
      this.key = key;
      this.message = message;
      this.timeout = timeout;
    }
  }
}

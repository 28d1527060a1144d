package io.github.chatwire.core.connection;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionClosedException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.DeliveryUnknownException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.QueueFullException;
import io.github.chatwire.core.SendTimeoutException;
import io.github.chatwire.core.Subscription;
import io.github.chatwire.core.internal.Execution;
import io.github.chatwire.core.internal.Futures;
import io.github.chatwire.core.internal.PendingRequests;
import io.github.chatwire.core.internal.SerialExecutor;
import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The connection engine: one logical connection that opens a {@link Transport}, runs a protocol's
 * handshake, keeps the connection alive, reconnects with backoff, correlates requests and queues
 * what is sent while it is not ready. It knows nothing about any protocol; a {@link
 * ProtocolHandler} supplies that.
 *
 * <p>Threads: the engine adds no thread of its own. Inbound messages are handled on the transport's
 * reader thread, timers on the runtime's scheduler; listener callbacks and future completions run
 * on the runtime's callback executor (listener callbacks in order), never on a reader thread. When
 * this connection's listeners are {@link ConnectionOptions#maxQueuedCallbacks()} events behind, its
 * reader thread waits until they are down to half (backpressure on this socket only; timers, sends
 * and {@link #close()} go on). All public methods are thread-safe and non-blocking.
 *
 * <p>Delivery: a {@link #send} future means "handed to the transport"; messages the peer has not
 * confirmed when the connection ends are reported as one {@link DeliveryUnknownException} error
 * event. {@link #sendConfirmed} waits for a proof where the protocol has one.
 *
 * <p>Logging: every line carries {@link #logTag()}; the SLF4J MDC key {@code chatwire} holds it
 * while this connection's callbacks and transport events run; frames are logged at TRACE on {@code
 * io.github.chatwire.frames}, as the protocol describes them (secrets masked).
 *
 * <p>Protocol clients wrap this class; applications usually meet it only through them.
 */
public final class ManagedConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagedConnection.class);

  /** A reconnect timer later than this was held up; see {@link #reconnectDue}. */
  static final long LATE_RECONNECT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /**
   * How many times its lateness a late reconnect waits again, at most the policy's {@link
   * ReconnectPolicy#maxDelay()}; see {@link #reconnectDue}.
   */
  static final int LATE_RECONNECT_SPREAD = 3;

  /** How often a queue held by a full transport buffer looks again. */
  private static final long BUFFER_POLL_MILLIS = 50;

  /** The opt-in TRACE log of every frame, described by the protocol with secrets masked. */
  private static final Logger frames = LoggerFactory.getLogger("io.github.chatwire.frames");

  private final Transport transport;
  private final ProtocolHandler handler;
  private final ConnectionOptions options;
  private final String tag;
  private final ChatwireRuntime runtime;
  private final boolean sharedRuntime;
  private final Scheduler scheduler;
  private final SerialExecutor events;
  private final CopyOnWriteArrayList<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> firstReady = new CompletableFuture<>();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  private final Object lock = new Object();
  // Everything below is guarded by lock.
  private final PendingRequests pending;
  private final ArrayDeque<QueuedSend> queue = new ArrayDeque<>();
  private ConnectionState state = ConnectionState.NEW;
  private @Nullable Attempt current;
  private int failedAttempts;
  private volatile boolean
      closing; // written under lock; read without it by a reader waiting for listeners
  private boolean everReady;
  private @Nullable ChatwireException lastFailure;
  private Cancellable initialTimer = Cancellable.NONE;
  private long transmitted; // the mark of the last message sent, on any attempt
  private final ArrayDeque<Unconfirmed> unconfirmed = new ArrayDeque<>();
  private int forgottenUnconfirmed; // sends dropped from the window but not confirmed
  private long forgottenMark; // the highest mark among them
  private int unobservedFailures; // sends that failed with no dependent on their future (logged)
  private boolean released;
  private int liveTransports;
  private long pausedUntilNanos;
  private boolean pauseActive;
  private Cancellable reconnectTimer = Cancellable.NONE;
  private Cancellable drainTimer = Cancellable.NONE;
  private @Nullable ChatwireException terminalCause;

  private ManagedConnection(Builder b) {
    this.transport = b.transport;
    this.handler = b.handler;
    this.options = b.options;
    if (b.runtime != null) {
      this.runtime = b.runtime;
      this.sharedRuntime = false;
    } else {
      this.runtime = ChatwireRuntime.acquireShared();
      this.sharedRuntime = true;
    }
    this.scheduler = runtime.scheduler();
    this.tag = options.name() + " " + transport.describe();
    this.events = new SerialExecutor(runtime.callbackExecutor(), tag, options.maxQueuedCallbacks());
    this.pending =
        new PendingRequests(scheduler, runtime.callbackExecutor(), options.maxPendingRequests());
  }

  /**
   * Starts building a connection.
   *
   * @param transport how to reach the server; never null
   * @param handler the protocol; never null
   * @return a builder
   */
  public static Builder builder(Transport transport, ProtocolHandler handler) {
    return new Builder(transport, handler);
  }

  /**
   * Starts connecting, and reconnecting as the policy says, until {@link #close()} or a terminal
   * cause. Calling it again returns the same future.
   *
   * <p>The first connection has its own, finite policy: if it is not READY after {@link
   * ConnectionOptions#initialConnectAttempts()} failed attempts or within {@link
   * ConnectionOptions#initialConnectTimeout()}, the connection closes and the future fails with
   * {@link ConnectionClosedException} whose cause is the last attempt's failure. Once READY, a lost
   * connection reconnects as the {@link ReconnectPolicy} says (by default forever).
   *
   * @return a future completed when the connection first becomes READY, or failed with the terminal
   *     cause if it closes before that (for example refused credentials, the first connection's
   *     limits, or {@link ConnectionClosedException} if {@link #close()} was called before)
   */
  public CompletableFuture<Void> connect() {
    synchronized (lock) {
      if (closing && everReady) {
        // (One that ended before READY fails with its terminal cause, as its future did.)
        return Futures.failed(
            new ConnectionClosedException(
                "connect() after close(): this connection is closed for good; build a new one",
                terminalCause));
      }
      if (state == ConnectionState.NEW && !closing) {
        Duration limit = options.initialConnectTimeout();
        if (!limit.isZero()) {
          initialTimer = scheduler.schedule(this::initialConnectTimedOut, limit);
        }
        startAttempt();
      }
    }
    return Futures.copy(firstReady);
  }

  private void initialConnectTimedOut() {
    synchronized (lock) {
      if (closing || everReady) {
        return;
      }
      ChatwireException last = lastFailure;
      terminate(
          new ConnectionClosedException(
              "could not connect to "
                  + transport.describe()
                  + " within "
                  + options.initialConnectTimeout().toMillis()
                  + " ms"
                  + (last == null ? "" : "; the last attempt failed: " + last.getMessage()),
              last),
          1000,
          null);
    }
  }

  /**
   * The tag that every log line of this connection carries: its name (protocol, user, as the client
   * set it) and the transport's description (host, with secrets masked). The same tag is in the
   * SLF4J MDC under {@code "chatwire"} while this connection's callbacks run.
   *
   * @return the tag; never null
   */
  public String logTag() {
    return tag;
  }

  /**
   * The current state.
   *
   * @return the state; never null
   */
  public ConnectionState state() {
    synchronized (lock) {
      return state;
    }
  }

  /**
   * The options this connection runs with.
   *
   * @return the options; never null
   */
  public ConnectionOptions options() {
    return options;
  }

  /**
   * The runtime whose threads and timers this connection uses.
   *
   * @return the runtime; never null
   */
  public ChatwireRuntime runtime() {
    return runtime;
  }

  /**
   * Registers a listener for state changes and errors.
   *
   * @param listener the listener; never null
   * @return a handle that removes it
   */
  public Subscription addListener(ConnectionListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Sends a message ("fire and forget"): at once when READY, else queued (bounded in count and
   * time) until READY.
   *
   * <p>The future says the message was handed to the transport, not that the peer read it. If the
   * connection is lost before the peer confirmed it (by a reply to a later request, or a protocol
   * proof such as a Pong), the connection's listeners get one {@link DeliveryUnknownException}
   * error event counting every such message. Use {@link #sendConfirmed} where the protocol can
   * prove delivery.
   *
   * @param message the message; never null
   * @return a future completed when the transport accepted the message, or failed with {@link
   *     MessageTooLargeException} (at once, over {@link
   *     ConnectionOptions#maxOutboundMessageBytes()}; not retryable), {@link QueueFullException},
   *     {@link SendTimeoutException} or {@link ConnectionClosedException}; never silently dropped.
   *     A failure that nobody observes (no dependent on the future when it fails) is logged once at
   *     WARN.
   */
  public CompletableFuture<Void> send(Outbound message) {
    return enqueueSend(message, false);
  }

  /**
   * Sends a message and completes the future only when the peer has provably read it, for protocols
   * that can prove it ({@link ProtocolHandler#provesDelivery()}; binary {@code /api/ws}: a Pong to
   * a Ping sent after the message). Queued like {@link #send}.
   *
   * @param message the message; never null
   * @return a future completed on the callback executor when the peer confirmed the message, or
   *     failed like {@link #send}, or with {@link DeliveryUnknownException} (not retryable: it may
   *     have arrived) if the connection is lost after it went out but before the proof
   * @throws UnsupportedOperationException if the protocol cannot prove delivery
   */
  public CompletableFuture<Void> sendConfirmed(Outbound message) {
    if (!handler.provesDelivery()) {
      throw new UnsupportedOperationException(
          "this protocol cannot prove delivery; use send() and watch for "
              + "DeliveryUnknownException error events");
    }
    return enqueueSend(message, true);
  }

  private CompletableFuture<Void> enqueueSend(Outbound message, boolean confirm) {
    Objects.requireNonNull(message, "message");
    MessageTooLargeException tooLarge = tooLarge(message);
    if (tooLarge != null) {
      return Futures.failed(tooLarge);
    }
    CompletableFuture<Void> sent = new CompletableFuture<>();
    synchronized (lock) {
      ChatwireException refusal = refusal();
      if (refusal != null) {
        return Futures.failed(refusal);
      }
      if (queue.size() >= options.outboundQueueCapacity()) {
        return Futures.failed(queueFull());
      }
      QueuedSend q = new QueuedSend(message, sent, null, null);
      q.confirm = confirm;
      enqueue(q);
    }
    return sent;
  }

  private @Nullable MessageTooLargeException tooLarge(Outbound message) {
    long limit = options.maxOutboundMessageBytes();
    return message.exceeds(limit)
        ? MessageTooLargeException.outbound(message.sizeBytes(), limit)
        : null;
  }

  /**
   * Sends a request and waits for the reply that the protocol correlates by {@code key}, with the
   * default request timeout.
   *
   * @param key the correlation key, unique among pending requests; never null
   * @param message the request; never null
   * @param <T> the reply type the protocol completes it with
   * @return a future of the reply; see {@link #request(Object, Outbound, Duration)}
   */
  public <T> CompletableFuture<T> request(Object key, Outbound message) {
    return request(key, message, options.requestTimeout());
  }

  /**
   * Sends a request and waits for the reply that the protocol correlates by {@code key}. The
   * request is queued like {@link #send} while the connection is not READY, for at most {@link
   * ConnectionOptions#outboundQueueMaxWait()} (then it fails with the retryable {@link
   * SendTimeoutException}: it was never sent). The reply timeout counts from the moment the request
   * goes out on the wire. The future fails with {@link
   * io.github.chatwire.core.RequestTimeoutException} when no reply comes within it, {@link
   * DeliveryUnknownException} if the connection drops after the request went out (both not
   * retryable, because the server may have acted on it, unless the message is {@link
   * Outbound#idempotent()}; an idempotent request lost in flight fails with a plain, retryable
   * {@link ConnectionLostException}), {@link MessageTooLargeException} at once for an oversized
   * request, {@link QueueFullException} if too many requests are pending, or whatever the protocol
   * fails it with (server error, rate limit). Cancelling the future forgets the request, and so
   * does completing it yourself (with {@code complete}, {@code completeAsync}, {@code orTimeout},
   * ...): then your outcome is the one every reader sees.
   *
   * <p>From the moment the reply is decoded the future reads as done through {@code isDone}, {@code
   * get}, {@code join}, {@code getNow}, {@code toString} and (Java 19+) {@code resultNow}/{@code
   * exceptionNow}, while its dependent stages run a little later on the callback executor. One
   * exception on Java 19+: {@code Future.state()} (which this Java 17 library cannot override)
   * still says {@code RUNNING} in that short window, until the callback executor has run the
   * completion; use {@code isDone()} to test for completion.
   *
   * @param key the correlation key, unique among pending requests; never null
   * @param message the request; never null
   * @param timeout the reply timeout, from transmission; positive
   * @param <T> the reply type the protocol completes it with
   * @return a future of the reply, completed on the callback executor (its dependent stages run
   *     there, never on the socket's thread); a thread blocked in its {@code get()} or {@code
   *     join()} is woken as soon as the reply is decoded, and from then on the future reads as done
   */
  @SuppressWarnings("FutureReturnValueIgnored") // whenComplete only unqueues; the caller has reply
  public <T> CompletableFuture<T> request(Object key, Outbound message, Duration timeout) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
    MessageTooLargeException tooLarge = tooLarge(message);
    if (tooLarge != null) {
      return Futures.failed(tooLarge);
    }
    synchronized (lock) {
      ChatwireException refusal = refusal();
      if (refusal != null) {
        return Futures.failed(refusal);
      }
      if (queue.size() >= options.outboundQueueCapacity()) {
        return Futures.failed(queueFull());
      }
      CompletableFuture<T> reply;
      try {
        reply = pending.registerUnsent(key, message.tag(), timeout, message.isIdempotent());
      } catch (ChatwireException | IllegalArgumentException e) {
        return Futures.failed(e);
      }
      QueuedSend queued = new QueuedSend(message, new CompletableFuture<>(), key, reply);
      enqueue(queued);
      if (!queued.dequeued) {
        // A request that times out or is cancelled while it waits leaves the queue at once.
        reply.whenComplete(
            (v, e) -> {
              synchronized (lock) {
                if (!queued.dequeued && queue.remove(queued)) {
                  queued.dequeued = true;
                  queued.expiry.cancel();
                }
              }
            });
      }
      return reply;
    }
  }

  /**
   * The number of messages waiting in the outbound queue.
   *
   * @return the count
   */
  public int queuedCount() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /**
   * The number of listener callbacks waiting to run for this connection (its listeners' backlog).
   * It stays at most about {@link ConnectionOptions#maxQueuedCallbacks()}: at that point the
   * connection stops reading its socket until the listeners catch up.
   *
   * @return the count
   */
  public int queuedCallbackCount() {
    return events.backlog();
  }

  /**
   * The number of requests awaiting a reply.
   *
   * @return the count
   */
  public int pendingCount() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /**
   * Closes the connection for good: cancels timers, fails everything still queued or pending with
   * {@link ConnectionClosedException}, closes the transport with 1000, and, once the transport is
   * gone, releases the shared runtime (so no SDK thread is left when every connection is closed).
   * Returns at once; idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closing) {
        return;
      }
      terminate(new ConnectionClosedException("closed by the application", null), 1000, "closing");
    }
  }

  /** The number of failed sends logged because nobody observed their future (for tests). */
  int unobservedFailures() {
    synchronized (lock) {
      return unobservedFailures;
    }
  }

  /**
   * A future completed when the connection is closed and its transport and runtime share are
   * released.
   *
   * @return the future; never failed
   */
  public CompletableFuture<Void> closeFuture() {
    return Futures.copy(terminated);
  }

  // ---- engine internals; every method below runs with lock held ----

  private @Nullable ChatwireException refusal() {
    if (closing) {
      return new ConnectionClosedException("connection is closed", terminalCause);
    }
    return null;
  }

  private QueueFullException queueFull() {
    return new QueueFullException(
        "outbound queue is full (" + options.outboundQueueCapacity() + " messages)");
  }

  private void enqueue(QueuedSend send) {
    queue.add(send);
    drain();
    if (!send.dequeued) {
      // Only a message that has to wait gets an expiry timer; the READY fast path needs none.
      send.expiry = scheduler.schedule(() -> expire(send), options.outboundQueueMaxWait());
    }
  }

  private void expire(QueuedSend send) {
    synchronized (lock) {
      if (queue.remove(send)) {
        send.dequeued = true;
        SendTimeoutException e = new SendTimeoutException(options.outboundQueueMaxWait());
        failSend(send, e);
        if (send.reply != null) {
          pending.failIfSame(
              Objects.requireNonNull(send.requestKey), send.reply, e); // set with reply
        }
      }
    }
  }

  private void drain() {
    // current is null while a lost attempt is being wound up (state still READY then).
    if (state != ConnectionState.READY || current == null || queue.isEmpty()) {
      return;
    }
    drainTimer.cancel();
    long now = scheduler.nanoTime();
    if (pauseActive && now - pausedUntilNanos < 0) {
      drainTimer =
          scheduler.schedule(this::drainLocked, pausedUntilNanos - now, TimeUnit.NANOSECONDS);
      return;
    }
    pauseActive = false;
    Attempt attempt = current;
    boolean proofWanted = false;
    boolean proves = handler.provesDelivery();
    try {
      drainInto(attempt, now, proves);
    } finally {
      proofWanted = attempt.proofWanted;
      attempt.proofWanted = false;
    }
    if (proofWanted && proves && attempt.live()) {
      try {
        handler.onProofWanted(attempt);
      } catch (RuntimeException e) {
        attempt.handlerFailed("onProofWanted", e);
      }
    }
  }

  private void drainInto(Attempt attempt, long now, boolean proves) {
    while (!queue.isEmpty()) {
      QueuedSend head = queue.peek();
      if (head.reply != null && head.reply.isDone()) {
        // The caller cancelled or the request timed out while queued: nothing to send.
        queue.poll();
        head.dequeued = true;
        head.expiry.cancel();
        continue;
      }
      if (proves && head.reply == null && unconfirmed.size() >= options.maxUnconfirmedSends()) {
        // The peer has not confirmed what it got: send nothing more until it does.
        attempt.proofWanted = true;
        return;
      }
      if (!attempt.fits(head.message)) {
        // The transport's outbound buffer is full for now: wait for it to drain rather
        // than have the send refused (which reads as a dying session and reconnects).
        drainTimer =
            scheduler.schedule(this::drainLocked, BUFFER_POLL_MILLIS, TimeUnit.MILLISECONDS);
        return;
      }
      long wait = options.throttle().delayNanos(head.message, now);
      if (wait > 0) {
        drainTimer = scheduler.schedule(this::drainLocked, wait, TimeUnit.NANOSECONDS);
        return;
      }
      if (!attempt.transmit(head.message)) {
        // The transport is going away; keep the message for the next connection.
        attempt.failAttempt(new ConnectionLostException("transport refused a send; reconnecting"));
        return;
      }
      queue.poll();
      head.dequeued = true;
      head.expiry.cancel();
      if (head.reply != null) {
        pending.markSent(Objects.requireNonNull(head.requestKey), head.reply, transmitted);
        // A request's own "sent" future is never handed out, so it has no dependents: completing
        // it here costs no hop to the callback executor (a thread wake-up per request).
        head.sent.complete(null);
      } else {
        track(new Unconfirmed(transmitted, head.message.tag(), head.confirm ? head.sent : null));
        if (head.confirm) {
          attempt.proofWanted = true;
        } else {
          completeAsync(head.sent, null);
        }
      }
    }
  }

  /** Remembers a sent message until the peer confirms it; bounded (see maxUnconfirmedSends). */
  private void track(Unconfirmed u) {
    if (unconfirmed.size() >= options.maxUnconfirmedSends()) {
      // Only reachable for protocols without proofs (the others stop draining first).
      Unconfirmed oldest = unconfirmed.poll();
      forgottenUnconfirmed++;
      forgottenMark = oldest.mark;
      if (oldest.confirmed != null) {
        failSend(
            oldest.confirmed,
            null,
            new DeliveryUnknownException(
                "too many unconfirmed messages; this one is no longer tracked", null));
      }
    }
    unconfirmed.add(u);
  }

  /** The peer read everything up to the mark. */
  private void confirmThrough(long mark) {
    boolean any = false;
    while (!unconfirmed.isEmpty() && unconfirmed.peek().mark <= mark) {
      Unconfirmed u = unconfirmed.poll();
      if (u.confirmed != null) {
        completeAsync(u.confirmed, null);
      }
      any = true;
    }
    if (forgottenUnconfirmed > 0 && mark >= forgottenMark) {
      forgottenUnconfirmed = 0;
    }
    if (any) {
      drain();
    }
  }

  /**
   * The attempt is over: every sent message the peer did not confirm is reported, so nothing is
   * lost silently. Confirmed sends fail one by one; fire-and-forget ones are counted in one error
   * event.
   */
  private void reportUnconfirmed(ChatwireException cause) {
    int fireAndForget = forgottenUnconfirmed;
    java.util.LinkedHashSet<String> tags = new java.util.LinkedHashSet<>();
    for (Unconfirmed u : unconfirmed) {
      if (u.confirmed != null) {
        failSend(
            u.confirmed,
            null,
            new DeliveryUnknownException(
                "the message went out, but the connection ended "
                    + "before the peer confirmed it; it may or may not have arrived",
                cause));
      } else {
        fireAndForget++;
        if (tags.size() < 5) {
          tags.add(u.tag == null ? "untagged" : u.tag);
        }
      }
    }
    unconfirmed.clear();
    forgottenUnconfirmed = 0;
    forgottenMark = 0;
    if (fireAndForget > 0) {
      DeliveryUnknownException e =
          new DeliveryUnknownException(
              fireAndForget
                  + " sent message(s) "
                  + tags
                  + " were not confirmed by the peer before the connection ended; they may not have arrived",
              cause,
              fireAndForget);
      log.info("[{}] {}", tag, e.getMessage());
      reportError(e);
    }
  }

  private void drainLocked() {
    synchronized (lock) {
      drain();
    }
  }

  private void completeAsync(CompletableFuture<Void> future, @Nullable ChatwireException error) {
    if (future.isDone()) {
      return;
    }
    runtimeExecute(
        () -> {
          if (error == null) {
            future.complete(null);
          } else {
            future.completeExceptionally(error);
          }
        });
  }

  /**
   * Sets this connection's tag in the MDC for the duration of an engine entry point (transport
   * callback, timer), so that log lines of the protocol handler carry it too.
   *
   * @return the previous value, for {@link #untag(String)}
   */
  private String tagMdc() {
    String previous = MDC.get(SerialExecutor.MDC_KEY);
    MDC.put(SerialExecutor.MDC_KEY, tag);
    return previous;
  }

  private static void untag(String previous) {
    if (previous == null) {
      MDC.remove(SerialExecutor.MDC_KEY);
    } else {
      MDC.put(SerialExecutor.MDC_KEY, previous);
    }
  }

  /** Fails a queued send, logging it once if nobody observes its future. */
  private void failSend(QueuedSend send, ChatwireException error) {
    failSend(send.sent, send.reply, error);
  }

  private void failSend(
      CompletableFuture<Void> sent, @Nullable CompletableFuture<?> reply, ChatwireException error) {
    if (reply == null && !sent.isDone() && sent.getNumberOfDependents() == 0) {
      unobservedFailures++;
      log.warn("[{}] a send failed and nobody observes its future: {}", tag, error.toString());
    }
    completeAsync(sent, error);
  }

  private void runtimeExecute(Runnable r) {
    Execution.executeOrRun(runtime.callbackExecutor(), r);
  }

  private void setState(
      ConnectionState next, @Nullable ChatwireException cause, @Nullable Duration retryIn) {
    ConnectionState previous = state;
    state = next;
    StateChange change = new StateChange(previous, next, cause, failedAttempts, retryIn);
    if (next == ConnectionState.RECONNECTING || next == ConnectionState.CLOSED) {
      log.info("[{}] {}", tag, change);
    } else {
      log.debug("[{}] {}", tag, change);
    }
    events.execute(
        () -> {
          for (ConnectionListener l : listeners) {
            l.onStateChange(change);
          }
        });
  }

  private void reportError(ChatwireException error) {
    log.debug("[{}] error: {}", tag, error.toString());
    events.execute(
        () -> {
          for (ConnectionListener l : listeners) {
            l.onError(error);
          }
        });
  }

  private void startAttempt() {
    setState(ConnectionState.CONNECTING, null, null);
    Attempt attempt = new Attempt();
    current = attempt;
    attempt.handshakeTimer =
        scheduler.schedule(
            () ->
                attempt.failAttempt(
                    new ConnectionLostException(
                        "not ready within " + options.handshakeTimeout().toMillis() + " ms")),
            options.handshakeTimeout());
    liveTransports++;
    try {
      attempt.session = transport.open(runtime, attempt);
    } catch (IllegalArgumentException e) {
      // A configuration error: retrying cannot help. The message is not copied, because a
      // library's validation message may quote a value (for example a header's).
      liveTransports--;
      attempt.transportDone = true;
      attempt.ended(
          new ChatwireException(
              "could not open "
                  + transport.describe()
                  + ": invalid connection settings ("
                  + e.getClass().getSimpleName()
                  + ")",
              null,
              false));
    } catch (RuntimeException e) {
      liveTransports--;
      attempt.transportDone = true;
      attempt.ended(
          new ConnectionLostException(
              "could not open " + transport.describe() + ": " + e.getMessage(), e));
    }
  }

  /** The attempt ended; decides between reconnecting and closing for good. */
  private void afterAttempt(Attempt attempt, ChatwireException cause) {
    current = null;
    attempt.cancelTimers();
    pending.failSent(
        new ConnectionLostException("connection lost before the reply arrived", cause),
        new DeliveryUnknownException(
            "connection lost after the request was sent and before its reply; "
                + "the server may have processed it, so it is not retried",
            cause));
    reportUnconfirmed(cause);
    notifyDisconnected(cause);
    if (closing) {
      return;
    }
    lastFailure = cause;
    if (!cause.isRetryable()) {
      terminate(cause, 1000, null);
      return;
    }
    ReconnectPolicy policy = options.reconnectPolicy();
    failedAttempts++;
    if (failedAttempts > policy.maxAttempts()) {
      ConnectionClosedException gaveUp =
          new ConnectionClosedException(
              policy.maxAttempts() == 0
                  ? "connection lost and reconnecting is off"
                  : "gave up after " + policy.maxAttempts() + " reconnect attempts",
              cause);
      terminate(gaveUp, 1000, null);
      return;
    }
    if (!everReady && failedAttempts >= options.initialConnectAttempts()) {
      terminate(
          new ConnectionClosedException(
              "could not connect to "
                  + transport.describe()
                  + ": "
                  + failedAttempts
                  + " attempts failed; the last: "
                  + cause.getMessage(),
              cause),
          1000,
          null);
      return;
    }
    Duration delay =
        policy.delayFor(failedAttempts, options.random().getAsDouble(), attempt.serverCloseCode);
    // Timers first, then the state change: a listener that sees RECONNECTING can rely on the
    // next attempt being scheduled already.
    long due = scheduler.nanoTime() + delay.toNanos();
    reconnectTimer = scheduler.schedule(() -> reconnectDue(due), delay);
    setState(ConnectionState.RECONNECTING, cause, delay);
  }

  /**
   * The reconnect timer fired. If it fired more than {@link #LATE_RECONNECT_NANOS} after it was
   * due, the scheduler thread was held up (CPU starvation when a server drop wakes every reader
   * thread at once, or a GC pause), and every timer that fell due meanwhile fires now, together: a
   * burst the policy's jitter was meant to prevent. So a late one waits again, {@link
   * #LATE_RECONNECT_SPREAD} times its lateness: the timers that were due during the stall are laid
   * out again over a stretch after it, in reverse order, at a third of their original rate. That
   * extra wait is capped at the policy's {@link ReconnectPolicy#maxDelay()}: no retry waits longer
   * after a stall than the policy would ever make it wait, and a single client held up for 20 s
   * does not wait another 60 s (after a long stall the re-spread timers then share a window of the
   * cap's width). The state stays RECONNECTING and no second change is published; {@link
   * StateChange#retryIn()} documents this. In virtual time no timer is late, so this never changes
   * a test's timing.
   */
  private void reconnectDue(long due) {
    synchronized (lock) {
      if (closing || state != ConnectionState.RECONNECTING) {
        return;
      }
      long late = scheduler.nanoTime() - due;
      if (late > LATE_RECONNECT_NANOS) {
        long again =
            Math.min(LATE_RECONNECT_SPREAD * late, options.reconnectPolicy().maxDelay().toNanos());
        // INFO, as the RECONNECTING line whose "retry in" this corrects
        log.info(
            "[{}] reconnect timer fired {} ms late (scheduler thread held up); retry in {} ms",
            tag,
            TimeUnit.NANOSECONDS.toMillis(late),
            TimeUnit.NANOSECONDS.toMillis(again));
        reconnectTimer =
            scheduler.schedule(
                () -> {
                  synchronized (lock) {
                    if (!closing && state == ConnectionState.RECONNECTING) {
                      startAttempt();
                    }
                  }
                },
                again,
                TimeUnit.NANOSECONDS);
        return;
      }
      startAttempt();
    }
  }

  /** Closes for good with a cause: everything queued or pending fails, listeners are told. */
  private void terminate(ChatwireException cause, int code, @Nullable String reason) {
    closing = true;
    terminalCause = cause;
    reconnectTimer.cancel();
    drainTimer.cancel();
    initialTimer.cancel();
    Attempt attempt = current;
    current = null;
    if (attempt != null) {
      attempt.cancelTimers();
      attempt.closeTransport(code, reason);
      reportUnconfirmed(cause);
    }
    ConnectionClosedException closed =
        cause instanceof ConnectionClosedException
            ? (ConnectionClosedException) cause
            : new ConnectionClosedException("connection closed: " + cause.getMessage(), cause);
    pending.failAll(closed);
    while (!queue.isEmpty()) {
      QueuedSend s = queue.poll();
      s.dequeued = true;
      s.expiry.cancel();
      failSend(s, closed);
    }
    if (state != ConnectionState.CLOSED) {
      setState(ConnectionState.CLOSED, cause, null);
    }
    if (!firstReady.isDone()) {
      ChatwireException failure = cause;
      runtimeExecute(() -> firstReady.completeExceptionally(failure));
    }
    if (attempt != null) {
      notifyDisconnected(cause);
    }
    maybeRelease();
  }

  private void notifyDisconnected(ChatwireException cause) {
    try {
      handler.onDisconnected(cause);
    } catch (RuntimeException e) {
      log.error("[{}] protocol handler failed in onDisconnected", tag, e);
    }
  }

  private void maybeRelease() {
    if (!closing || released || liveTransports > 0) {
      return;
    }
    released = true;
    // Let the last callbacks be queued before the runtime's threads may go away.
    events.execute(
        () -> {
          if (sharedRuntime) {
            ChatwireRuntime.releaseShared();
          }
          terminated.complete(null);
        });
  }

  /** One attempt to connect: the transport listener and the protocol's context for it. */
  private final class Attempt implements TransportListener, ProtocolContext {
    @Nullable TransportSession session;
    boolean transportDone;
    volatile boolean ended; // written under lock; read without it by a reader waiting for listeners
    volatile boolean readerWaiting; // the reader thread waits for slow listeners
    boolean proofWanted;
    Cancellable handshakeTimer = Cancellable.NONE;
    Cancellable pingTimer = Cancellable.NONE;
    Cancellable watchdogTimer = Cancellable.NONE;
    Cancellable stableTimer = Cancellable.NONE;
    long lastInboundNanos;
    boolean delivering; // guarded by lock: the reader is in the handler's onText/onBinary
    boolean inputWaits; // reader thread only: the transport calls onInputWait before it reads
    long inboundBytes; // guarded by lock: the size of the inbound message being handled, until an

    // event takes it

    /**
     * The server's close code if it ended this attempt with a close frame (1012 spreads retries
     * wider).
     */
    int serverCloseCode = ReconnectPolicy.NO_CLOSE_CODE;

    private boolean live() {
      return current == this && !ended;
    }

    void cancelTimers() {
      handshakeTimer.cancel();
      pingTimer.cancel();
      watchdogTimer.cancel();
      stableTimer.cancel();
    }

    @SuppressWarnings("NullAway") // isText() says which of text and bytes is set
    boolean transmit(Outbound message) {
      TransportSession s = session;
      if (s == null) {
        return false;
      }
      boolean accepted =
          message.isText() ? s.sendText(message.text()) : s.sendBinary(message.bytesUnsafe());
      if (accepted) {
        transmitted++;
        if (frames.isTraceEnabled()) {
          frames.trace(
              "[{}] -> {}",
              tag,
              message.isText()
                  ? handler.traceText(message.text())
                  : handler.traceBinary(message.bytesUnsafe()));
        }
      }
      return accepted;
    }

    /**
     * Whether the message fits the transport's outbound buffer now. A message larger than the whole
     * buffer "fits" (an empty buffer is all it can get; the transport decides).
     */
    boolean fits(Outbound message) {
      TransportSession s = session;
      if (s == null) {
        return true;
      }
      long max = s.maxQueuedBytes();
      if (max == Long.MAX_VALUE) {
        return true;
      }
      long queued = s.queuedBytes();
      return queued == 0 || queued + message.sizeBytes() <= max;
    }

    /**
     * Backpressure: while this connection's listeners are too far behind, the reader thread (the
     * transport's own, one per connection) waits here, outside the lock, so nothing more is read
     * from the socket. Timers, sends and close() go on; close() ends the wait.
     */
    private void awaitListeners() {
      readerWaiting = true;
      try {
        if (events.awaitRoom(
            options.maxQueuedCallbacks(),
            options.maxQueuedCallbackBytes(),
            () -> !ended && !closing)) {
          log.debug("[{}] socket reading resumes: listeners caught up", tag);
        }
      } finally {
        readerWaiting = false;
      }
    }

    void closeTransport(int code, @Nullable String reason) {
      ended = true;
      TransportSession s = session;
      if (s != null && !transportDone) {
        s.close(code, reason);
      }
    }

    /** Ends this attempt by the protocol's or a timer's decision. */
    void failAttempt(ChatwireException cause) {
      failAttempt(cause, cause.isRetryable() ? 1001 : 1000, null);
    }

    void failAttempt(ChatwireException cause, int closeCode, @Nullable String reason) {
      synchronized (lock) {
        if (!live()) {
          return;
        }
        try {
          closeTransport(closeCode, reason);
        } finally {
          ended(cause);
        }
      }
    }

    /** Marks the attempt over and lets the engine decide what comes next. */
    void ended(ChatwireException cause) {
      ended = true;
      if (current == this) {
        afterAttempt(this, cause);
      }
    }

    private void transportFinished() {
      if (!transportDone) {
        transportDone = true;
        liveTransports--;
        maybeRelease();
      }
    }

    // ---- TransportListener ----

    @Override
    public void onOpen() {
      String mdc = tagMdc();
      try {
        onOpenTagged();
      } finally {
        untag(mdc);
      }
    }

    private void onOpenTagged() {
      synchronized (lock) {
        if (!live()) {
          return;
        }
        lastInboundNanos = scheduler.nanoTime();
        setState(ConnectionState.HANDSHAKING, null, null);
        try {
          handler.onOpen(this);
        } catch (RuntimeException e) {
          handlerFailed("onOpen", e);
        }
      }
    }

    @Override
    public void onInputWait() {
      inputWaits = true;
      events.startDeferred();
    }

    @Override
    public void onText(String text) {
      String mdc = tagMdc();
      try {
        onTextTagged(text);
      } finally {
        untag(mdc);
      }
    }

    private void onTextTagged(String text) {
      awaitListeners();
      synchronized (lock) {
        if (!live()) {
          return;
        }
        lastInboundNanos = scheduler.nanoTime();
        if (frames.isTraceEnabled()) {
          frames.trace("[{}] <- {}", tag, handler.traceText(text));
        }
        // A Java String holds up to 2 bytes per char.
        inboundBytes = 2L * text.length();
        delivering = true;
        try {
          handler.onText(this, text);
        } catch (RuntimeException e) {
          handlerFailed("onText", e);
        } finally {
          inboundBytes = 0;
          delivering = false;
        }
      }
    }

    @Override
    public void onBinary(byte[] bytes) {
      String mdc = tagMdc();
      try {
        onBinaryTagged(bytes);
      } finally {
        untag(mdc);
      }
    }

    private void onBinaryTagged(byte[] bytes) {
      awaitListeners();
      synchronized (lock) {
        if (!live()) {
          return;
        }
        lastInboundNanos = scheduler.nanoTime();
        if (frames.isTraceEnabled()) {
          frames.trace("[{}] <- {}", tag, handler.traceBinary(bytes));
        }
        inboundBytes = bytes.length;
        delivering = true;
        try {
          handler.onBinary(this, bytes);
        } catch (RuntimeException e) {
          handlerFailed("onBinary", e);
        } finally {
          inboundBytes = 0;
          delivering = false;
        }
      }
    }

    void handlerFailed(String where, RuntimeException e) {
      log.error("[{}] protocol handler failed in {}", tag, where, e);
      ManagedConnection.this.reportError(
          e instanceof ChatwireException
              ? (ChatwireException) e
              : new ProtocolException("protocol handler failed in " + where + ": " + e, e));
    }

    @Override
    public void onClosed(int code, String reason) {
      String mdc = tagMdc();
      try {
        onClosedTagged(code, reason);
      } finally {
        untag(mdc);
      }
    }

    private void onClosedTagged(int code, String reason) {
      events.startDeferred();
      synchronized (lock) {
        transportFinished();
        if (!live()) {
          return;
        }
        ChatwireException cause;
        try {
          cause = Objects.requireNonNull(handler.classifyClose(code, reason));
        } catch (RuntimeException e) {
          cause = new ConnectionLostException("closed by server with " + code, e);
        }
        serverCloseCode = code;
        ended(cause);
      }
    }

    @Override
    public void onFailure(ChatwireException failure) {
      String mdc = tagMdc();
      try {
        onFailureTagged(failure);
      } finally {
        untag(mdc);
      }
    }

    private void onFailureTagged(ChatwireException failure) {
      events.startDeferred();
      synchronized (lock) {
        transportFinished();
        if (!live()) {
          return;
        }
        ChatwireException cause;
        try {
          cause = Objects.requireNonNull(handler.classifyFailure(failure));
        } catch (RuntimeException e) {
          cause = failure;
        }
        ended(cause);
      }
    }

    // ---- ProtocolContext ----

    @Override
    public boolean sendNow(Outbound message) {
      synchronized (lock) {
        return live() && transmit(message);
      }
    }

    @Override
    public void ready() {
      synchronized (lock) {
        if (!live() || state == ConnectionState.READY) {
          return;
        }
        handshakeTimer.cancel();
        initialTimer.cancel();
        everReady = true;
        lastInboundNanos = scheduler.nanoTime();
        if (!options.pingInterval().isZero()) {
          schedulePing();
        }
        if (!options.idleTimeout().isZero()) {
          scheduleWatchdog(options.idleTimeout().toNanos());
        }
        if (failedAttempts > 0) {
          stableTimer =
              scheduler.schedule(
                  () -> {
                    synchronized (lock) {
                      if (live()) {
                        failedAttempts = 0;
                      }
                    }
                  },
                  options.reconnectPolicy().stablePeriod());
        }
        // After the timers, so a listener that sees READY sees them scheduled.
        setState(ConnectionState.READY, null, null);
        if (!firstReady.isDone()) {
          // Through the ordered event queue, so READY listeners have run when connect() completes.
          events.execute(() -> firstReady.complete(null));
        }
        drain();
      }
    }

    private void schedulePing() {
      pingTimer =
          scheduler.schedule(
              () -> {
                synchronized (lock) {
                  if (!live() || state != ConnectionState.READY) {
                    return;
                  }
                  schedulePing();
                  try {
                    handler.onPingDue(this);
                  } catch (RuntimeException e) {
                    handlerFailed("onPingDue", e);
                  }
                }
              },
              options.pingInterval());
    }

    private void scheduleWatchdog(long delayNanos) {
      watchdogTimer =
          scheduler.schedule(
              () -> {
                synchronized (lock) {
                  if (!live()) {
                    return;
                  }
                  long idle = options.idleTimeout().toNanos();
                  if (readerWaiting) {
                    // Silent because our own listeners hold the reader, not because the peer is.
                    lastInboundNanos = scheduler.nanoTime();
                  }
                  long silent = scheduler.nanoTime() - lastInboundNanos;
                  if (silent >= idle) {
                    failAttempt(
                        new ConnectionLostException(
                            "nothing received for "
                                + TimeUnit.NANOSECONDS.toMillis(silent)
                                + " ms; connection presumed dead"));
                  } else {
                    scheduleWatchdog(idle - silent);
                  }
                }
              },
              delayNanos,
              TimeUnit.NANOSECONDS);
    }

    @Override
    public void fail(ChatwireException cause) {
      failAttempt(Objects.requireNonNull(cause, "cause"));
    }

    @Override
    public void fail(ChatwireException cause, int closeCode, String reason) {
      failAttempt(Objects.requireNonNull(cause, "cause"), closeCode, reason);
    }

    @Override
    public boolean completeRequest(Object key, Object value) {
      return settleRequest(key, value, null);
    }

    @Override
    public boolean failRequest(Object key, ChatwireException error) {
      return settleRequest(key, null, error);
    }

    /**
     * Settles a pending request (one look-up in the table); its reply proves the peer read
     * everything sent up to it.
     */
    private boolean settleRequest(
        Object key, @Nullable Object value, @Nullable ChatwireException error) {
      synchronized (lock) {
        if (!live()) {
          return false;
        }
        long mark = pending.settleSent(key, value, error);
        if (mark > 0) {
          confirmThrough(mark);
        }
        return mark != PendingRequests.NOT_PENDING;
      }
    }

    @Override
    public long sentMark() {
      synchronized (lock) {
        return transmitted;
      }
    }

    @Override
    public void confirmDelivered(long mark) {
      synchronized (lock) {
        if (live()) {
          confirmThrough(mark);
        }
      }
    }

    @Override
    public String logTag() {
      return tag;
    }

    @Override
    public boolean isPending(Object key) {
      synchronized (lock) {
        return live() && pending.contains(key);
      }
    }

    @Override
    public void emit(Runnable event) {
      // The first event of an inbound message is taken to hold that message's memory (the
      // decoded event keeps about as much) until it has run; the backlog bound counts it.
      // Only inside the engine's own call of the handler (which holds the lock); emit from
      // elsewhere must not take the lock (the caller may hold locks of its own).
      long bytes = 0;
      if (Thread.holdsLock(lock)) {
        bytes = inboundBytes;
        inboundBytes = 0;
        if (delivering && inputWaits) {
          // from the reader's own delivery of a message: run with the rest of this read's
          // events, started before the reader waits again (onInputWait)
          events.executeDeferred(event, bytes);
          return;
        }
      }
      events.execute(event, bytes);
    }

    @Override
    public void reportError(ChatwireException error) {
      ManagedConnection.this.reportError(error);
    }

    @Override
    public void pauseSends(Duration duration) {
      if (duration.isNegative() || duration.isZero()) {
        return;
      }
      synchronized (lock) {
        if (!live()) {
          return;
        }
        long until = scheduler.nanoTime() + duration.toNanos();
        if (!pauseActive || until - pausedUntilNanos > 0) {
          pausedUntilNanos = until;
          pauseActive = true;
        }
      }
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public ConnectionState state() {
      return ManagedConnection.this.state();
    }

    @Override
    public boolean isCurrent() {
      synchronized (lock) {
        return live();
      }
    }
  }

  private static final class QueuedSend {
    final Outbound message;
    final CompletableFuture<Void> sent;
    final @Nullable Object requestKey;
    final @Nullable CompletableFuture<?> reply;
    Cancellable expiry = Cancellable.NONE;
    boolean dequeued;
    boolean confirm; // complete only when the peer confirmed it

    QueuedSend(
        Outbound message,
        CompletableFuture<Void> sent,
        @Nullable Object requestKey,
        @Nullable CompletableFuture<?> reply) {
      this.message = message;
      this.sent = sent;
      this.requestKey = requestKey;
      this.reply = reply;
    }
  }

  /** A sent message not yet confirmed by the peer. */
  private static final class Unconfirmed {
    final long mark;
    final @Nullable String tag;
    final @Nullable CompletableFuture<Void> confirmed; // null for fire-and-forget

    Unconfirmed(long mark, @Nullable String tag, @Nullable CompletableFuture<Void> confirmed) {
      this.mark = mark;
      this.tag = tag;
      this.confirmed = confirmed;
    }
  }

  /** Builds a {@link ManagedConnection}. Not thread-safe. */
  public static final class Builder {
    private final Transport transport;
    private final ProtocolHandler handler;
    private ConnectionOptions options = ConnectionOptions.builder().build();
    private @Nullable ChatwireRuntime runtime;

    private Builder(Transport transport, ProtocolHandler handler) {
      this.transport = Objects.requireNonNull(transport, "transport");
      this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * The engine settings. Default {@link ConnectionOptions#builder()}'s defaults.
     *
     * @param options never null
     * @return this builder
     */
    public Builder options(ConnectionOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The runtime to run on; it is not closed by the connection. Default: the shared runtime,
     * released when the connection closes.
     *
     * @param runtime never null
     * @return this builder
     */
    public Builder runtime(ChatwireRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * Builds the connection in state NEW; nothing happens until {@link #connect()}. A connection on
     * the shared runtime holds a reference to it from here on: always {@link
     * ManagedConnection#close()} it, even if it was never connected.
     *
     * @return the connection
     */
    public ManagedConnection build() {
      return new ManagedConnection(this);
    }
  }
}

package io.github.chatwire.core.connection;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.time.Scheduler;
import java.time.Duration;

/**
 * What the engine offers a {@link ProtocolHandler} for one connection attempt. A context belongs to
 * one attempt: once that attempt has ended, its methods do nothing (sends and request lookups
 * return false), so a late callback cannot disturb the next attempt. Only {@link #emit} and {@link
 * #reportError} still deliver, so a protocol can tell its listeners about the end.
 *
 * <p>Thread-safe; methods may be called from any thread (for example when an asynchronous
 * credential lookup completes), not only from inside handler callbacks.
 */
public interface ProtocolContext {
  /**
   * Sends a message at once, bypassing the outbound queue and throttle; for handshakes, pings and
   * replies to the server.
   *
   * @param message the message; never null
   * @return true if the transport accepted it; false if this attempt is over or the transport
   *     refused it
   */
  boolean sendNow(Outbound message);

  /** The handshake is complete: the connection becomes READY and the outbound queue drains. */
  void ready();

  /**
   * Ends this attempt with a cause: a retryable cause reconnects with backoff, a non-retryable one
   * (bad credentials, version mismatch) closes the connection for good.
   *
   * @param cause why; never null
   */
  void fail(ChatwireException cause);

  /**
   * Ends this attempt like {@link #fail(ChatwireException)}, closing the transport with the given
   * close code and reason (for example 1002, protocol error, after a bad handshake).
   *
   * @param cause why; never null
   * @param closeCode the close code to send
   * @param reason the close reason; may be null
   */
  default void fail(ChatwireException cause, int closeCode, String reason) {
    // The engine's contexts override this; the default keeps test doubles source-compatible.
    fail(cause);
  }

  /**
   * Completes the pending request registered under the key.
   *
   * @param key the correlation key, as the protocol normalised it; never null
   * @param value the reply; may be null
   * @return true if a request was waiting under this key
   */
  boolean completeRequest(Object key, Object value);

  /**
   * Fails the pending request registered under the key.
   *
   * @param key the correlation key; never null
   * @param error the failure; never null
   * @return true if a request was waiting under this key
   */
  boolean failRequest(Object key, ChatwireException error);

  /**
   * Whether a request is waiting for a reply under this key.
   *
   * @param key the key; never null
   * @return true if one is pending
   */
  boolean isPending(Object key);

  /**
   * Delivers a user-facing event: the task runs on the callback executor, in order with the
   * connection's other events and state changes.
   *
   * @param event the task that calls the user's listeners; never null
   */
  void emit(Runnable event);

  /**
   * Reports a non-fatal error to the connection's listeners.
   *
   * @param error the error; never null
   */
  void reportError(ChatwireException error);

  /**
   * Holds the outbound queue for a while (for example after the server said rate-limited).
   * Handshake sends with {@link #sendNow} are not held.
   *
   * @param duration how long; zero or negative does nothing
   */
  void pauseSends(Duration duration);

  /**
   * The scheduler for this connection's timers and clock.
   *
   * @return the scheduler; never null
   */
  Scheduler scheduler();

  /**
   * The current state of the connection.
   *
   * @return the state; never null
   */
  ConnectionState state();

  /**
   * Whether this context's attempt is still the connection's current one.
   *
   * @return false once the attempt has ended
   */
  boolean isCurrent();

  /**
   * A mark of everything sent on this attempt so far (queued user messages and {@link #sendNow}
   * messages alike, in wire order). Take it right after sending a probe whose answer proves the
   * peer read everything before it (a Ping answered in order), and pass it to {@link
   * #confirmDelivered(long)} when the answer comes.
   *
   * @return the mark; grows with every message sent
   */
  default long sentMark() {
    return 0;
  }

  /**
   * The peer has provably read every message sent up to the mark: sends waiting for a confirmation
   * ({@link ManagedConnection#sendConfirmed}) complete, and those messages are no longer reported
   * as "delivery unknown" if the connection is lost. A reply to a request confirms by itself
   * everything sent up to that request; protocols call this for other proofs (a Pong, an echo of
   * the client's own message).
   *
   * @param mark a value of {@link #sentMark()} on this attempt
   */
  default void confirmDelivered(long mark) {}

  /**
   * The connection's log tag (protocol name, user and host as the client set them; never a secret),
   * for the protocol's own log lines.
   *
   * @return the tag; never null
   */
  default String logTag() {
    return "";
  }
}

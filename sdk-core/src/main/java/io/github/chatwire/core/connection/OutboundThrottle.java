package io.github.chatwire.core.connection;

/**
 * A client-side rate limit applied to the outbound queue (for example a mirror of the server's
 * limits). The engine asks before sending each queued message, in order; a positive answer makes
 * the whole queue wait that long (order is kept), then asks again.
 *
 * <p>Called with the connection's lock held, on SDK threads: must be fast and must not block.
 */
@FunctionalInterface
public interface OutboundThrottle {
  /** A throttle that never delays. */
  OutboundThrottle NONE = (message, nowNanos) -> 0;

  /**
   * Decides whether a message may go now. Returning 0 means it goes now and the throttle has
   * counted it; a positive value means wait that many nanoseconds and ask again (nothing counted).
   *
   * @param message the next message; never null
   * @param nowNanos the scheduler's current monotonic time
   * @return 0 to send now, or the nanoseconds to wait
   */
  long delayNanos(Outbound message, long nowNanos);
}

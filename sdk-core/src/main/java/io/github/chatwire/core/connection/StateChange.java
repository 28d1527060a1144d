package io.github.chatwire.core.connection;

import io.github.chatwire.core.ChatwireException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One transition of a connection's state, with its cause.
 *
 * @param previous the state before; never null
 * @param current the state after; never null
 * @param cause why the transition happened, for RECONNECTING and CLOSED (and null for the normal
 *     path CONNECTING → HANDSHAKING → READY); for a user's close a {@link
 *     io.github.chatwire.core.ConnectionClosedException}
 * @param attempt the number of consecutive failed attempts so far (0 once a connection has been
 *     stable)
 * @param retryIn for RECONNECTING, the delay the {@link ReconnectPolicy} chose before the next
 *     attempt, counted from this change; otherwise null. The attempt starts then, unless the
 *     runtime's scheduler thread is held up (a long GC pause, CPU starvation, a suspended host) so
 *     that the reconnect timer fires more than 50 ms late: then it waits again, three times its
 *     lateness but at most the policy's {@link ReconnectPolicy#maxDelay()}, so that clients whose
 *     timers piled up do not all retry at once. The attempt then starts at the latest {@code
 *     maxDelay} after the stall ended; the state stays RECONNECTING, no second change is published,
 *     and the connection logs the new wait at INFO.
 */
public record StateChange(
    ConnectionState previous,
    ConnectionState current,
    @Nullable ChatwireException cause,
    int attempt,
    @Nullable Duration retryIn) {
  /**
   * Validates the components.
   *
   * @param previous the state before; never null
   * @param current the state after; never null
   * @param cause why the transition happened; may be null
   * @param attempt consecutive failed attempts so far
   * @param retryIn delay before the next attempt, for RECONNECTING (see the class description for a
   *     timer held up by a stalled scheduler); otherwise null
   */
  public StateChange {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(current, "current");
  }

  /**
   * Whether the connection ended for good with this change.
   *
   * @return true if {@link #current()} is CLOSED
   */
  public boolean isTerminal() {
    return current == ConnectionState.CLOSED;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(previous).append(" -> ").append(current);
    if (retryIn != null) {
      sb.append(" (attempt ")
          .append(attempt)
          .append(", retry in ")
          .append(retryIn.toMillis())
          .append(" ms)");
    }
    if (cause != null) {
      sb.append(": ").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        sb.append(": ").append(cause.getMessage());
      }
    }
    return sb.toString();
  }
}

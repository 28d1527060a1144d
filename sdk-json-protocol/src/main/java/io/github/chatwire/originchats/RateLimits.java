package io.github.chatwire.originchats;

import java.time.Duration;
import java.util.Objects;

/**
 * The server's rate limit for {@code message_new}, {@code typing} and {@code message_edit} (one
 * shared budget per user), which the client mirrors so that it is not refused. The handshake does
 * not announce these numbers; the defaults are those the reference server's setup writes.
 * Immutable.
 *
 * @param perMinute the most actions in any 60 s
 * @param burst the burst limit: this many actions within {@code burstWindow} start a cooldown
 * @param burstWindow the burst window (10 s on the reference server)
 * @param cooldown the cooldown after a burst
 */
public record RateLimits(int perMinute, int burst, Duration burstWindow, Duration cooldown) {
  /** The reference server's defaults: 60 per minute, burst 10 within 10 s, then 30 s cooldown. */
  public static final RateLimits DEFAULTS =
      new RateLimits(60, 10, Duration.ofSeconds(10), Duration.ofSeconds(30));

  /** No client-side limit (for servers with rate limiting disabled). */
  public static final RateLimits NONE =
      new RateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofSeconds(10), Duration.ZERO);

  /**
   * Validates the numbers.
   *
   * @param perMinute at least 1
   * @param burst at least 2 (the client keeps one below it)
   * @param burstWindow positive
   * @param cooldown zero or positive
   */
  public RateLimits {
    Objects.requireNonNull(burstWindow, "burstWindow");
    Objects.requireNonNull(cooldown, "cooldown");
    if (perMinute < 1
        || burst < 2
        || burstWindow.isNegative()
        || burstWindow.isZero()
        || cooldown.isNegative()) {
      throw new IllegalArgumentException("invalid rate limits");
    }
  }
}

package io.github.chatwire.core.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * When to try again after a connection is lost: exponential backoff with jitter, a cap, an optional
 * attempt limit, and a stable period after which the backoff starts over.
 *
 * <p>The delay before attempt {@code n} (1-based) is {@code base = min(maxDelay, initialDelay ×
 * multiplier^(n-1))}, reduced by a random fraction of up to {@code jitter × base}. After the server
 * closed with 1001 (going away) or 1012 (service restart) the base (already capped) is multiplied
 * by {@link #restartSpread()}, because then every client of that server is about to retry at once.
 *
 * <p>The defaults are "full jitter" (jitter 1): the first retry comes at a uniformly random moment
 * in the first 5 s (after a server restart: the first 10 s), the second in the first 10 s, and so
 * on up to 60 s. The window is that wide on purpose: when a server drops 1,000 clients at once, a 5
 * s window puts about 2% of them (at most about 4.5% by chance) into any 100 ms, where the old
 * 0.5–1 s window put 20%. A single client pays for it with a mean first retry of 2.5 s; set a
 * shorter {@link Builder#initialDelay(Duration)} if you have few clients per server.
 *
 * <p>A delay is counted on the runtime's scheduler. If its thread is held up and a reconnect timer
 * fires more than 50 ms late, the retry waits again, three times that lateness but never more than
 * {@link #maxDelay()} (60 s by default): after a stall the timers that piled up are spread out
 * again instead of all retrying at once (see {@link StateChange#retryIn()}). Immutable and
 * thread-safe.
 */
public final class ReconnectPolicy {
  private static final ReconnectPolicy DEFAULT = builder().build();

  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final int maxAttempts;
  private final Duration stablePeriod;
  private final double restartSpread;

  /** The close code passed when the connection ended without a close frame from the server. */
  public static final int NO_CLOSE_CODE = -1;

  private ReconnectPolicy(Builder b) {
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.maxAttempts = b.maxAttempts;
    this.stablePeriod = b.stablePeriod;
    this.restartSpread = b.restartSpread;
  }

  /**
   * The default policy: 5 s initial, ×2, cap 60 s, full jitter (1.0), restart spread ×2, unlimited
   * attempts, stable after 30 s.
   *
   * @return the default policy
   */
  public static ReconnectPolicy defaults() {
    return DEFAULT;
  }

  /**
   * A policy that never reconnects: the first lost connection closes it.
   *
   * @return the policy
   */
  public static ReconnectPolicy never() {
    return builder().maxAttempts(0).build();
  }

  /**
   * Starts building a policy from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The delay before the given attempt.
   *
   * @param attempt the 1-based number of the attempt about to be made
   * @param random a value in [0, 1) that picks the jitter
   * @return the delay; never negative
   */
  public Duration delayFor(int attempt, double random) {
    return delayFor(attempt, random, NO_CLOSE_CODE);
  }

  /**
   * The delay before the given attempt, after a connection that the server closed with {@code
   * closeCode}. For 1001 and 1012 (see {@link #isServerRestart(int)}) the base delay is multiplied
   * by {@link #restartSpread()} after the cap, so such a retry may wait up to {@code maxDelay ×
   * restartSpread}.
   *
   * @param attempt the 1-based number of the attempt about to be made
   * @param random a value in [0, 1) that picks the jitter
   * @param closeCode the server's close code, or {@link #NO_CLOSE_CODE} if the connection ended
   *     without one (a network failure, a timeout, the client's own decision)
   * @return the delay; never negative
   * @throws IllegalArgumentException if {@code attempt} is below 1
   */
  public Duration delayFor(int attempt, double random, int closeCode) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1");
    }
    double base = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
    double capped = Math.min(base, (double) maxDelay.toNanos());
    if (isServerRestart(closeCode)) {
      capped *= restartSpread;
    }
    double r = Math.min(Math.max(random, 0.0), 1.0);
    return Duration.ofNanos((long) (capped * (1.0 - jitter * r)));
  }

  /**
   * Whether a close code says the server is going away or restarting (1001, 1012), so that all of
   * its clients are about to reconnect at the same moment.
   *
   * @param closeCode a WebSocket close code, or {@link #NO_CLOSE_CODE}
   * @return true for 1001 and 1012
   */
  public static boolean isServerRestart(int closeCode) {
    return closeCode == 1001 || closeCode == 1012;
  }

  /**
   * How much wider the delays are after the server closed with 1001 or 1012.
   *
   * @return at least 1
   */
  public double restartSpread() {
    return restartSpread;
  }

  /**
   * The delay before the first retry, before jitter.
   *
   * @return the delay
   */
  public Duration initialDelay() {
    return initialDelay;
  }

  /**
   * The longest delay, before jitter.
   *
   * @return the cap
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * The growth factor between attempts.
   *
   * @return at least 1
   */
  public double multiplier() {
    return multiplier;
  }

  /**
   * The fraction of each delay that is randomised.
   *
   * @return in [0, 1]
   */
  public double jitter() {
    return jitter;
  }

  /**
   * How many consecutive attempts are made before giving up; {@link Integer#MAX_VALUE} for no
   * limit, 0 for never reconnecting.
   *
   * @return the limit
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * How long a connection must stay READY before the attempt counter (and so the backoff) starts
   * over.
   *
   * @return the period
   */
  public Duration stablePeriod() {
    return stablePeriod;
  }

  @Override
  public String toString() {
    return "ReconnectPolicy[initial="
        + initialDelay
        + ", max="
        + maxDelay
        + ", multiplier="
        + multiplier
        + ", jitter="
        + jitter
        + ", maxAttempts="
        + (maxAttempts == Integer.MAX_VALUE ? "unlimited" : String.valueOf(maxAttempts))
        + ", stable="
        + stablePeriod
        + ", restartSpread="
        + restartSpread
        + "]";
  }

  /** Builds a {@link ReconnectPolicy}. Not thread-safe. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofSeconds(5);
    private Duration maxDelay = Duration.ofSeconds(60);
    private double multiplier = 2.0;
    private double jitter = 1.0;
    private int maxAttempts = Integer.MAX_VALUE;
    private Duration stablePeriod = Duration.ofSeconds(30);
    private double restartSpread = 2.0;

    private Builder() {}

    /**
     * The delay before the first retry, before jitter: with full jitter, the width of the window
     * the first retry falls in. Default 5 s.
     *
     * @param delay zero or positive
     * @return this builder
     */
    public Builder initialDelay(Duration delay) {
      this.initialDelay = nonNegative(delay, "initialDelay");
      return this;
    }

    /**
     * The cap on the delay. Default 60 s.
     *
     * @param delay zero or positive
     * @return this builder
     */
    public Builder maxDelay(Duration delay) {
      this.maxDelay = nonNegative(delay, "maxDelay");
      return this;
    }

    /**
     * The growth factor. Default 2.
     *
     * @param multiplier at least 1
     * @return this builder
     */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("multiplier must be a finite number >= 1");
      }
      this.multiplier = multiplier;
      return this;
    }

    /**
     * The randomised fraction of each delay: 0 for none, 1 for "full jitter" (a uniformly random
     * delay between 0 and the base). Default 1.
     *
     * @param jitter in [0, 1]
     * @return this builder
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0.0 && jitter <= 1.0)) {
        throw new IllegalArgumentException("jitter must be in [0, 1]");
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * How many consecutive attempts before giving up. Default unlimited.
     *
     * @param maxAttempts 0 (never reconnect) or more; {@link Integer#MAX_VALUE} for no limit
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 0) {
        throw new IllegalArgumentException("maxAttempts must be >= 0");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * How much wider delays are after the server closed with 1001 (going away) or 1012 (service
     * restart): the base delay is multiplied by this factor. 1 treats those closes like any other.
     * Default 2.
     *
     * @param factor a finite number of at least 1
     * @return this builder
     */
    public Builder restartSpread(double factor) {
      if (!(factor >= 1.0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("restartSpread must be a finite number >= 1");
      }
      this.restartSpread = factor;
      return this;
    }

    /**
     * How long READY must last before the backoff starts over. Default 30 s.
     *
     * @param period zero or positive
     * @return this builder
     */
    public Builder stablePeriod(Duration period) {
      this.stablePeriod = nonNegative(period, "stablePeriod");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if maxDelay is below initialDelay
     */
    public ReconnectPolicy build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException("maxDelay must not be below initialDelay");
      }
      return new ReconnectPolicy(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.compareTo(Duration.ofDays(365)) > 0) {
        throw new IllegalArgumentException(name + " must be between 0 and 365 days");
      }
      return d;
    }
  }
}

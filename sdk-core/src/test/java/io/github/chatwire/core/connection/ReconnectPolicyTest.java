package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
  private static final int CLIENTS = 1_000;
  private static final long WINDOW_NANOS = Duration.ofMillis(100).toNanos();

  @Test
  void defaultsAreFullJitterFromFiveSecondsToTheCap() {
    ReconnectPolicy p = ReconnectPolicy.defaults();
    assertEquals(1.0, p.jitter());
    assertEquals(Duration.ofSeconds(5), p.delayFor(1, 0.0));
    assertEquals(Duration.ZERO, p.delayFor(1, 1.0), "full jitter reaches down to zero");
    assertEquals(Duration.ofMillis(2500), p.delayFor(1, 0.5));
    assertEquals(Duration.ofSeconds(40), p.delayFor(4, 0.0));
    assertEquals(Duration.ofSeconds(60), p.delayFor(5, 0.0));
    assertEquals(
        Duration.ofSeconds(60), p.delayFor(1000, 0.0), "no overflow on huge attempt numbers");
  }

  @Test
  void serverRestartClosesSpreadWider() {
    ReconnectPolicy p = ReconnectPolicy.defaults();
    assertEquals(Duration.ofSeconds(10), p.delayFor(1, 0.0, 1012));
    assertEquals(Duration.ofSeconds(10), p.delayFor(1, 0.0, 1001));
    assertEquals(Duration.ofSeconds(5), p.delayFor(1, 0.0, 1000));
    assertEquals(Duration.ofSeconds(5), p.delayFor(1, 0.0, 1006));
    assertEquals(Duration.ofSeconds(5), p.delayFor(1, 0.0, ReconnectPolicy.NO_CLOSE_CODE));
    assertEquals(
        Duration.ofSeconds(120), p.delayFor(9, 0.0, 1012), "the spread applies after the cap");
    ReconnectPolicy off = ReconnectPolicy.builder().restartSpread(1).build();
    assertEquals(Duration.ofSeconds(5), off.delayFor(1, 0.0, 1012));
    assertTrue(ReconnectPolicy.isServerRestart(1012));
    assertFalse(ReconnectPolicy.isServerRestart(1011));
  }

  /** The most delays that fall into any 100 ms window (sliding, not aligned to a grid). */
  static int busiestWindow(long[] delaysNanos) {
    long[] t = delaysNanos.clone();
    Arrays.sort(t);
    int best = 0;
    int from = 0;
    for (int i = 0; i < t.length; i++) {
      while (t[i] - t[from] >= WINDOW_NANOS) {
        from++;
      }
      best = Math.max(best, i - from + 1);
    }
    return best;
  }

  private static long[] firstWave(ReconnectPolicy p, long seed, int closeCode) {
    Random random = new Random(seed);
    long[] delays = new long[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      delays[i] = p.delayFor(1, random.nextDouble(), closeCode).toNanos();
    }
    return delays;
  }

  @Test
  void busiestWindowCountsASlidingWindow() {
    long ms = 1_000_000L;
    assertEquals(3, busiestWindow(new long[] {0, 50 * ms, 99 * ms, 100 * ms, 250 * ms}));
    assertEquals(2, busiestWindow(new long[] {95 * ms, 0, 105 * ms, 300 * ms}));
  }

  @Test
  void aThousandClientWaveNeverPutsMoreThanFivePercentIntoAnyHundredMilliseconds() {
    // Seeded, so deterministic; 200 waves so a lucky seed cannot hide a too-narrow window.
    // The old default (0.5-1 s) put about 200 of 1,000 into the busiest window.
    int worst = 0;
    for (long seed = 1; seed <= 200; seed++) {
      worst =
          Math.max(
              worst,
              busiestWindow(
                  firstWave(ReconnectPolicy.defaults(), seed, ReconnectPolicy.NO_CLOSE_CODE)));
    }
    assertTrue(worst <= CLIENTS / 20, "busiest 100 ms held " + worst + " of " + CLIENTS);
  }

  @Test
  void aServerRestartWaveSpreadsTwiceAsWide() {
    int worst = 0;
    for (long seed = 1; seed <= 200; seed++) {
      worst = Math.max(worst, busiestWindow(firstWave(ReconnectPolicy.defaults(), seed, 1012)));
    }
    assertTrue(
        worst <= CLIENTS * 3 / 100, "busiest 100 ms after 1012 held " + worst + " of " + CLIENTS);
  }

  @Test
  void theFirstWaveIsUniformOverItsWindow() {
    // Chi-square over 50 windows of 100 ms: full jitter fills the 5 s evenly, no clumps at
    // either end. 49 degrees of freedom: 99.9th percentile about 85.4.
    long[] d = firstWave(ReconnectPolicy.defaults(), 42, ReconnectPolicy.NO_CLOSE_CODE);
    int[] bins = new int[50];
    for (long x : d) {
      bins[(int) Math.min(49, x / WINDOW_NANOS)]++;
    }
    double expected = CLIENTS / 50.0;
    double chi2 = 0;
    for (int b : bins) {
      chi2 += (b - expected) * (b - expected) / expected;
    }
    assertTrue(chi2 < 85.4, "chi-square " + chi2);
    assertTrue(Arrays.stream(d).allMatch(x -> x >= 0 && x <= Duration.ofSeconds(5).toNanos()));
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().jitter(1.5));
    assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().multiplier(0.5));
    assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxAttempts(-1));
    assertThrows(
        IllegalArgumentException.class, () -> ReconnectPolicy.builder().restartSpread(0.5));
    assertThrows(
        IllegalArgumentException.class, () -> ReconnectPolicy.builder().restartSpread(Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ReconnectPolicy.builder()
                .initialDelay(Duration.ofSeconds(10))
                .maxDelay(Duration.ofSeconds(1))
                .build());
    assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.defaults().delayFor(0, 0.0));
  }
}

package io.github.chatwire.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Issue 12's decode ratios measured interleaved, which holds up on a shared, loaded machine where
 * JMH's one-benchmark-after-another times drift: each round times a batch of every variant in turn
 * (the order rotating), and the ratio baseline/chatwire is taken per round, so load that changes
 * between rounds cancels out. Reports the median ratio and its spread over the rounds. Allocation
 * per operation comes from {@link DecodeVsMoshiBenchmark} with {@code -prof gc}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.chatwire.benchmarks.DecodeRatios [rounds]}.
 */
public final class DecodeRatios {
  private DecodeRatios() {}

  /**
   * Runs the comparison and prints one line per ratio.
   *
   * @param args optional number of measured rounds (default 200)
   * @throws Exception if a decoder fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    DecodeVsMoshiBenchmark b = new DecodeVsMoshiBenchmark();
    compare(
        "OriginChats message_new (410 B)",
        rounds,
        new Callable<?>[] {b::ocChatwire, b::ocMoshiReflective, b::ocMoshiHandWritten});
    compare(
        "Omikron client_changed envelope",
        rounds,
        new Callable<?>[] {b::omChatwireEnvelope, b::omMoshiReflective, b::omMoshiHandWritten});
    compare(
        "Omikron client_changed typed (ClientChanged)",
        rounds,
        new Callable<?>[] {b::omChatwireTyped, b::omMoshiReflective, b::omMoshiHandWritten});
  }

  private static void compare(String what, int rounds, Callable<?>[] variants) throws Exception {
    double[][] ns = measure(rounds, variants);
    System.out.printf(
        Locale.ROOT,
        "%s: chatwire %.0f ns, Moshi reflective %.0f ns, Moshi hand-written %.0f ns (medians)%n",
        what,
        median(ns[0]),
        median(ns[1]),
        median(ns[2]));
    report("  vs Moshi reflective", ns[1], ns[0]);
    report("  vs Moshi hand-written", ns[2], ns[0]);
  }

  /**
   * Times the variants interleaved: in each round a batch of every variant in turn, the order
   * rotating, after 100 warm-up rounds.
   *
   * @param rounds measured rounds
   * @param variants the decoders to time
   * @return nanoseconds per operation, {@code [variant][round]}
   * @throws Exception if a decoder fails
   */
  public static double[][] measure(int rounds, Callable<?>[] variants) throws Exception {
    int batch = 2_000; // short batches: a scheduler hiccup spoils one round, not the median
    double[][] ns = new double[variants.length][rounds];
    for (int r = -100; r < rounds; r++) { // 100 warm-up rounds
      for (int k = 0; k < variants.length; k++) {
        int v = (k + Math.max(r, 0)) % variants.length;
        long t0 = System.nanoTime();
        Object sink = null;
        for (int i = 0; i < batch; i++) {
          sink = variants[v].call();
        }
        long t = System.nanoTime() - t0;
        if (sink == null) {
          throw new IllegalStateException();
        }
        if (r >= 0) {
          ns[v][r] = (double) t / batch;
        }
      }
    }
    return ns;
  }

  private static void report(String label, double[] baseline, double[] chatwire) {
    double[] ratios = new double[baseline.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = baseline[i] / chatwire[i];
    }
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: %.2fx faster (median of %d rounds; p10 %.2fx, p90 %.2fx; target >= 1.5x)%n",
        label,
        median(ratios),
        ratios.length,
        sorted[ratios.length / 10],
        sorted[ratios.length * 9 / 10]);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}

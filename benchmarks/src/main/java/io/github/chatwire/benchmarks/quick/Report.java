package io.github.chatwire.benchmarks.quick;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Collects one line per measurement and prints the summary table: each figure with its baseline
 * from the same run, the ratio over the repetitions (median and range), and the target.
 */
final class Report {
  private final List<String> rows = new ArrayList<>();
  private final List<String> table = new ArrayList<>();

  /** A raw data row for the chart script: section, label, side, value, unit. */
  void data(String section, String label, String side, double value, String unit) {
    rows.add(String.join("\t", section, label, side, fmt(value), unit));
  }

  /**
   * A summary line with per-repetition ratios.
   *
   * @param what the measurement
   * @param chatwire chatwire's figure (medians over repetitions), as text
   * @param baseline the baseline's figure, as text
   * @param ratios chatwire/baseline per repetition (the target says which way is better)
   * @param target the target, as text
   * @param met whether the median ratio meets it; null where there is no target
   */
  void line(
      String what, String chatwire, String baseline, double[] ratios, String target, Boolean met) {
    double[] r = ratios.clone();
    Arrays.sort(r);
    String ratio =
        r.length == 0
            ? "-"
            : String.format(
                Locale.ROOT, "%.2fx (%.2f-%.2f, n=%d)", median(r), r[0], r[r.length - 1], r.length);
    String l =
        String.format(
            Locale.ROOT,
            "%-44s | %-28s | %-28s | %-26s | %-26s | %s",
            what,
            chatwire,
            baseline,
            ratio,
            target,
            met == null ? "" : met ? "MET" : "not met");
    table.add(l);
    System.out.println(l);
    System.out.flush();
    // For the chart: which way is better, from the target ("<= 1.10x raw" or ">= 10x").
    String direction = target.startsWith(">=") ? "higher-better" : "lower-better";
    for (double x : ratios) {
      rows.add(String.join("\t", "ratio", what, direction, fmt(x), "x"));
    }
  }

  /** A summary line with no baseline. */
  void line(String what, String chatwire, String target, boolean met) {
    String l =
        String.format(
            Locale.ROOT,
            "%-44s | %-28s | %-28s | %-26s | %-26s | %s",
            what,
            chatwire,
            "-",
            "-",
            target,
            met ? "MET" : "not met");
    table.add(l);
    System.out.println(l);
    System.out.flush();
  }

  void note(String text) {
    System.out.println("  " + text);
    System.out.flush();
  }

  void write(Path dir, String conditions) throws IOException {
    Files.createDirectories(dir);
    List<String> all = new ArrayList<>();
    all.add("# " + conditions);
    all.add("section\tlabel\tside\tvalue\tunit");
    all.addAll(rows);
    Files.write(dir.resolve("quick-results.tsv"), all, StandardCharsets.UTF_8);
    List<String> t = new ArrayList<>();
    t.add("# " + conditions);
    t.addAll(table);
    Files.write(dir.resolve("quick-summary.txt"), t, StandardCharsets.UTF_8);
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double medianOf(double[] values) {
    double[] c = values.clone();
    Arrays.sort(c);
    return median(c);
  }

  /** The q-quantile (0..1) of the values, nearest rank. */
  static double quantile(long[] values, double q) {
    long[] c = values.clone();
    Arrays.sort(c);
    int i = (int) Math.ceil(q * c.length) - 1;
    return c[Math.max(0, Math.min(c.length - 1, i))];
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  static String micros(double nanos) {
    return nanos >= 1_000_000
        ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6)
        : String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
  }
}

package io.github.chatwire.benchmarks.quick;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.transport.OkHttpWebSocketTransport;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.WebSocketTransport;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * One command for a quick, bounded run of every side-by-side benchmark, each against its baseline
 * in the same run, interleaved (ABBA) over several repetitions, loopback only:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.chatwire.benchmarks.quick.Quick [quick|full] [section...]
 * </pre>
 *
 * <p>Sections: {@code decode binary roundtrip sizes throughput footprint storm tauri} (the default
 * set) and {@code profile} (JFR recordings of the round trip, on request only). Prints one line per
 * figure (chatwire, baseline, ratio with its range over repetitions, target) and writes {@code
 * benchmarks/results/quick-results.tsv} for {@code benchmarks/chart.py}.
 */
public final class Quick {
  private static volatile Object sink;

  private final boolean full;
  private final Report report = new Report();

  private Quick(boolean full) {
    this.full = full;
  }

  /**
   * Runs the benchmarks.
   *
   * @param args {@code quick} (default) or {@code full}, then optionally the sections to run
   * @throws Exception if a benchmark cannot run (the run stops: no partial figures)
   */
  public static void main(String[] args) throws Exception {
    boolean full = args.length > 0 && args[0].equals("full");
    Set<String> sections = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      if (!(i == 0 && (args[i].equals("full") || args[i].equals("quick")))) {
        sections.add(args[i]);
      }
    }
    if (sections.isEmpty()) {
      sections.addAll(
          List.of(
              "decode",
              "binary",
              "roundtrip",
              "sizes",
              "throughput",
              "footprint",
              "storm",
              "tauri"));
    }
    new Quick(full).run(sections);
    System.exit(0);
  }

  private void run(Set<String> sections) throws Exception {
    String conditions = conditions();
    System.out.println(
        "chatwire side-by-side benchmarks (" + (full ? "full" : "quick") + "): " + conditions);
    System.out.println(
        String.format(
            Locale.ROOT,
            "%-44s | %-28s | %-28s | %-26s | %-26s | %s",
            "what",
            "chatwire",
            "baseline",
            "ratio (median, range, reps)",
            "target",
            ""));
    if (sections.contains("decode")) {
      jsonDecode();
    }
    if (sections.contains("binary")) {
      BinaryDecode.run(report, full);
    }
    boolean needServer =
        sections.stream()
            .anyMatch(
                s ->
                    Set.of("roundtrip", "sizes", "throughput", "footprint", "storm", "profile")
                        .contains(s));
    if (needServer) {
      try (ServerProcess server = new ServerProcess()) {
        if (sections.contains("roundtrip")) {
          roundTrip(server.url());
        }
        if (sections.contains("sizes")) {
          sizes(server.url());
        }
        if (sections.contains("throughput")) {
          throughput(server.url());
        }
        if (sections.contains("footprint")) {
          footprint(server);
        }
        if (sections.contains("storm")) {
          storm(server);
        }
        if (sections.contains("profile")) {
          profile(server.url(), resultsDir());
          footprintHistogram(server);
        }
      }
    }
    if (sections.contains("tauri")) {
      TauriPush.run(report, full);
    }
    Path dir = resultsDir();
    report.write(dir, conditions);
    System.out.println(
        "data: " + dir.resolve("quick-results.tsv") + " (chart: python3 benchmarks/chart.py)");
  }

  // ---- JSON decode ----

  /**
   * The JSON decoders against Moshi's reflective adapter into plain classes, interleaved (see
   * {@link io.github.chatwire.benchmarks.DecodeRatios}), with bytes allocated per decode on this
   * thread.
   */
  private void jsonDecode() throws Exception {
    io.github.chatwire.benchmarks.DecodeVsMoshiBenchmark b =
        new io.github.chatwire.benchmarks.DecodeVsMoshiBenchmark();
    int rounds = full ? 200 : 60;
    decodeLine(
        "decode OriginChats message_new (higher better)",
        rounds,
        b::ocChatwire,
        b::ocMoshiReflective);
    decodeLine(
        "decode Omikron envelope (higher better)",
        rounds,
        b::omChatwireEnvelope,
        b::omMoshiReflective);
  }

  private void decodeLine(
      String what,
      int rounds,
      java.util.concurrent.Callable<?> chatwire,
      java.util.concurrent.Callable<?> moshi)
      throws Exception {
    double[][] ns =
        io.github.chatwire.benchmarks.DecodeRatios.measure(
            rounds, new java.util.concurrent.Callable<?>[] {chatwire, moshi});
    double[] ratio = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      ratio[i] = ns[1][i] / ns[0][i];
    }
    double cwBytes = bytesPerCall(chatwire);
    double moshiBytes = bytesPerCall(moshi);
    report.line(
        what,
        String.format(Locale.ROOT, "%.0f ns, %.0f B/op", Report.medianOf(ns[0]), cwBytes),
        String.format(
            Locale.ROOT, "Moshi refl. %.0f ns, %.0f B", Report.medianOf(ns[1]), moshiBytes),
        ratio,
        ">= 1.5x, alloc <= Moshi's",
        Report.medianOf(ratio) >= 1.5 && cwBytes <= moshiBytes);
  }

  /** Bytes this thread allocates per call, over 20,000 calls. */
  private static double bytesPerCall(java.util.concurrent.Callable<?> op) throws Exception {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    int n = 20_000;
    long a0 = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < n; i++) {
      sink = op.call();
    }
    return (mx.getThreadAllocatedBytes(id) - a0) / (double) n;
  }

  static Path resultsDir() {
    return Files.isDirectory(Paths.get("benchmarks"))
        ? Paths.get("benchmarks", "results")
        : Paths.get("results");
  }

  static String conditions() {
    String load = "";
    try {
      load = new String(Files.readAllBytes(Paths.get("/proc/loadavg"))).trim();
    } catch (Exception ignored) {
      // not Linux
    }
    return Instant.now()
        + (NODELAY ? ", TCP_NODELAY on both clients" : "")
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, load "
        + load
        + ", Java "
        + System.getProperty("java.version")
        + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB";
  }

  // ---- shared set-up ----

  /**
   * With {@code -Dbench.nodelay=true} both sides' sockets set TCP_NODELAY (OkHttp leaves Nagle on).
   */
  static final boolean NODELAY = Boolean.getBoolean("bench.nodelay");

  static OkHttpClient.Builder withNoDelay(OkHttpClient.Builder b) {
    if (!NODELAY) {
      return b;
    }
    javax.net.SocketFactory plain = javax.net.SocketFactory.getDefault();
    return b.socketFactory(
        new javax.net.SocketFactory() {
          private java.net.Socket configure(java.net.Socket s) throws java.io.IOException {
            s.setTcpNoDelay(true);
            return s;
          }

          @Override
          public java.net.Socket createSocket() throws java.io.IOException {
            return configure(plain.createSocket());
          }

          @Override
          public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            return configure(plain.createSocket(host, port));
          }

          @Override
          public java.net.Socket createSocket(
              String host, int port, java.net.InetAddress local, int localPort)
              throws java.io.IOException {
            return configure(plain.createSocket(host, port, local, localPort));
          }

          @Override
          public java.net.Socket createSocket(java.net.InetAddress host, int port)
              throws java.io.IOException {
            return configure(plain.createSocket(host, port));
          }

          @Override
          public java.net.Socket createSocket(
              java.net.InetAddress host, int port, java.net.InetAddress local, int localPort)
              throws java.io.IOException {
            return configure(plain.createSocket(host, port, local, localPort));
          }
        });
  }

  static OkHttpClient rawClient() {
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(Integer.MAX_VALUE);
    d.setMaxRequestsPerHost(Integer.MAX_VALUE);
    return withNoDelay(new OkHttpClient.Builder().dispatcher(d)).build();
  }

  /**
   * chatwire's own runtime, as a user gets it (plus TCP_NODELAY under {@code
   * -Dbench.nodelay=true}).
   */
  static ChatwireRuntime runtime() {
    ChatwireRuntime.Builder b = ChatwireRuntime.builder();
    if (NODELAY) {
      b.httpClient(withNoDelay(new OkHttpClient.Builder()).build());
    }
    return b.build();
  }

  static ConnectionOptions options() {
    return ConnectionOptions.builder().name("bench").requestTimeout(Duration.ofSeconds(30)).build();
  }

  static ManagedConnection chatwire(
      ChatwireRuntime rt, Transport transport, LineProtocol protocol, ConnectionOptions o) {
    return ManagedConnection.builder(transport, protocol).options(o).runtime(rt).build();
  }

  /**
   * The transport a protocol client uses by default: core's own {@link WebSocketTransport}, or with
   * {@code -Dbench.transport=okhttp} the {@link OkHttpWebSocketTransport} fallback.
   */
  static Transport transport(String url) {
    if ("okhttp".equals(System.getProperty("bench.transport"))) {
      return OkHttpWebSocketTransport.builder(url).maxInboundMessageBytes(4L << 20).build();
    }
    return WebSocketTransport.builder(url).maxInboundMessageBytes(4L << 20).build();
  }

  // ---- round trip ----

  private final AtomicLong keys = new AtomicLong();

  private long[] chatwireRoundTrips(ManagedConnection c, int n, String payload) throws Exception {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      String key = Long.toString(keys.incrementAndGet());
      String text = payload == null ? "ping:" + key : "ping:" + key + ":" + payload;
      long start = System.nanoTime();
      sink = c.request(key, Outbound.text(text)).get(30, TimeUnit.SECONDS);
      t[i] = System.nanoTime() - start;
    }
    return t;
  }

  private long[] rawRoundTrips(RawClient r, int n, String payload) throws Exception {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      String key = Long.toString(keys.incrementAndGet());
      long start = System.nanoTime();
      sink = r.ping(key, payload);
      t[i] = System.nanoTime() - start;
    }
    return t;
  }

  /**
   * Bytes allocated so far by every live thread of this JVM (the client's threads only: the server
   * is elsewhere).
   */
  static long allThreadsAllocated() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long a : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
      sum += Math.max(0, a);
    }
    return sum;
  }

  /** CPU time so far of every live thread of this JVM, in nanoseconds. */
  static long allThreadsCpu() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : mx.getAllThreadIds()) {
      sum += Math.max(0, mx.getThreadCpuTime(id));
    }
    return sum;
  }

  /**
   * Voluntary context switches of this JVM's live threads so far (each one a thread that blocked
   * and was woken), or -1 off Linux.
   */
  static long contextSwitches() {
    try (java.util.stream.Stream<Path> tasks = Files.list(Paths.get("/proc/self/task"))) {
      long sum = 0;
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          for (String line : Files.readAllLines(t.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (java.io.IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
      return sum;
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  /**
   * Profiles the round trip: chatwire alone, then raw OkHttp alone, each for a fixed number of
   * round trips under a JFR recording (1 ms execution samples, allocation samples), dumped to
   * {@code benchmarks/results/profile-<side>.jfr} for {@code benchmarks/profile.py}.
   */
  private void profile(String url, Path dir) throws Exception {
    Files.createDirectories(dir);
    int n = full ? 60_000 : 20_000;
    try (Pair pair = new Pair(url, new LineProtocol())) {
      ManagedConnection c = pair.chatwire;
      RawClient raw = pair.raw;
      chatwireRoundTrips(c, 5000, null);
      rawRoundTrips(raw, 5000, null);
      for (String side : List.of("chatwire", "raw")) {
        jdk.jfr.Recording r =
            new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
        r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
        r.start();
        long t0 = System.nanoTime();
        long[] t =
            side.equals("chatwire") ? chatwireRoundTrips(c, n, null) : rawRoundTrips(raw, n, null);
        long elapsed = System.nanoTime() - t0;
        r.stop();
        r.dump(dir.resolve("profile-" + side + ".jfr"));
        r.close();
        report.note(
            String.format(
                Locale.ROOT,
                "profiled %s: %d round trips in %.1f s, p50 %s",
                side,
                n,
                elapsed / 1e9,
                Report.micros(Report.quantile(t, 0.5))));
      }
    }
  }

  /**
   * One chatwire connection and one raw OkHttp WebSocket to the same server, each with its own
   * client, both open.
   */
  private static final class Pair implements AutoCloseable {
    final ChatwireRuntime rt = runtime();
    final OkHttpClient ok = rawClient();
    final ManagedConnection chatwire;
    final RawClient raw;

    Pair(String url, LineProtocol protocol) throws Exception {
      chatwire = chatwire(rt, transport(url), protocol, options());
      chatwire.connect().get(10, TimeUnit.SECONDS);
      raw = new RawClient(ok, url);
      raw.opened.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      chatwire.close();
      raw.close();
      chatwire.closeFuture().get(10, TimeUnit.SECONDS);
      rt.close();
      ok.dispatcher().executorService().shutdown();
    }
  }

  /** Something measured once per block. */
  @FunctionalInterface
  interface Block<T> {
    T run() throws Exception;
  }

  /**
   * Runs chatwire's block and the baseline's in ABBA order: chatwire first in even repetitions, the
   * baseline first in odd ones, so that drift in the machine's load falls on both sides alike.
   *
   * @return {chatwire's result, the baseline's result}
   */
  static <T> List<T> abba(int rep, Block<T> chatwire, Block<T> baseline) throws Exception {
    T a;
    T b;
    if (rep % 2 == 0) {
      a = chatwire.run();
      b = baseline.run();
    } else {
      b = baseline.run();
      a = chatwire.run();
    }
    return List.of(a, b);
  }

  /** Bytes allocated so far per thread group (thread names with their numbers removed). */
  static java.util.Map<String, Long> allocatedByThreadGroup() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = mx.getAllThreadIds();
    long[] bytes = mx.getThreadAllocatedBytes(ids);
    java.lang.management.ThreadInfo[] infos = mx.getThreadInfo(ids);
    java.util.Map<String, Long> m = new java.util.TreeMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] != null && bytes[i] > 0) {
        String group = infos[i].getThreadName().replaceAll("\\d+", "N");
        m.merge(group, bytes[i], Long::sum);
      }
    }
    return m;
  }

  static String perOp(
      java.util.Map<String, Long> before, java.util.Map<String, Long> after, int n) {
    StringBuilder sb = new StringBuilder();
    for (java.util.Map.Entry<String, Long> e : after.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (d / n >= 8) {
        sb.append(sb.length() == 0 ? "" : ", ")
            .append(e.getKey())
            .append(' ')
            .append(d / n)
            .append(" B");
      }
    }
    return sb.toString();
  }

  private void roundTrip(String url) throws Exception {
    int reps = full ? 7 : 5;
    int n = full ? 5000 : 2000;
    try (Pair pair = new Pair(url, new LineProtocol())) {
      ManagedConnection c = pair.chatwire;
      RawClient raw = pair.raw;
      chatwireRoundTrips(c, n, null);
      rawRoundTrips(raw, n, null);
      // Reading /proc allocates on this thread: take the switch counts outside the allocation
      // counts.
      long s0 = contextSwitches();
      java.util.Map<String, Long> g0 = allocatedByThreadGroup();
      long a0 = allThreadsAllocated();
      chatwireRoundTrips(c, n, null);
      long a1 = allThreadsAllocated();
      java.util.Map<String, Long> g1 = allocatedByThreadGroup();
      long s1 = contextSwitches();
      java.util.Map<String, Long> g1b = allocatedByThreadGroup();
      long a1b = allThreadsAllocated();
      rawRoundTrips(raw, n, null);
      long a2 = allThreadsAllocated();
      java.util.Map<String, Long> g2 = allocatedByThreadGroup();
      long s2 = contextSwitches();
      report.note("allocated per round trip by thread, chatwire: " + perOp(g0, g1, n));
      report.note("allocated per round trip by thread, raw OkHttp: " + perOp(g1b, g2, n));
      if (s0 >= 0) {
        report.data("roundtrip", "switches", "chatwire", (s1 - s0) / (double) n, "per op");
        report.data("roundtrip", "switches", "raw", (s2 - s1) / (double) n, "per op");
        report.note(
            String.format(
                Locale.ROOT,
                "voluntary context switches per round trip, client JVM: chatwire %.2f, raw OkHttp %.2f",
                (s1 - s0) / (double) n,
                (s2 - s1) / (double) n));
      }
      double cwAlloc = (a1 - a0) / (double) n;
      double rawAlloc = (a2 - a1b) / (double) n;
      report.data("roundtrip", "alloc", "chatwire", cwAlloc, "B/op");
      report.data("roundtrip", "alloc", "raw", rawAlloc, "B/op");
      report.note(
          String.format(
              Locale.ROOT,
              "allocated per round trip, all client threads: chatwire %.0f B, raw OkHttp %.0f B",
              cwAlloc,
              rawAlloc));
      double[] p50r = new double[reps];
      double[] p99r = new double[reps];
      double[] cw50 = new double[reps];
      double[] cw99 = new double[reps];
      double[] raw50 = new double[reps];
      double[] raw99 = new double[reps];
      for (int rep = 0; rep < reps; rep++) {
        List<long[]> ab =
            abba(rep, () -> chatwireRoundTrips(c, n, null), () -> rawRoundTrips(raw, n, null));
        long[] a = ab.get(0);
        long[] b = ab.get(1);
        cw50[rep] = Report.quantile(a, 0.50);
        cw99[rep] = Report.quantile(a, 0.99);
        raw50[rep] = Report.quantile(b, 0.50);
        raw99[rep] = Report.quantile(b, 0.99);
        p50r[rep] = cw50[rep] / raw50[rep];
        p99r[rep] = cw99[rep] / raw99[rep];
        report.data("roundtrip", "rep" + rep, "chatwire p50", cw50[rep] / 1e3, "us");
        report.data("roundtrip", "rep" + rep, "raw p50", raw50[rep] / 1e3, "us");
        report.data("roundtrip", "rep" + rep, "chatwire p99", cw99[rep] / 1e3, "us");
        report.data("roundtrip", "rep" + rep, "raw p99", raw99[rep] / 1e3, "us");
      }
      report.line(
          "ping->pong round trip p50 (lower ratio better)",
          "p50 " + Report.micros(Report.medianOf(cw50)),
          "raw OkHttp p50 " + Report.micros(Report.medianOf(raw50)),
          p50r,
          "<= 1.10x raw",
          Report.medianOf(p50r) <= 1.10);
      report.line(
          "ping->pong round trip p99",
          "p99 " + Report.micros(Report.medianOf(cw99)),
          "raw OkHttp p99 " + Report.micros(Report.medianOf(raw99)),
          p99r,
          "<= 1.25x raw",
          Report.medianOf(p99r) <= 1.25);
    }
  }

  private void sizes(String url) throws Exception {
    int[] sizes = {100, 1024, 10 * 1024, 100 * 1024, 1024 * 1024};
    int reps = full ? 5 : 3;
    try (Pair pair = new Pair(url, new LineProtocol())) {
      ManagedConnection c = pair.chatwire;
      RawClient raw = pair.raw;
      for (int size : sizes) {
        char[] p = new char[size];
        Arrays.fill(p, 'x');
        String payload = new String(p);
        int n = Math.max(10, Math.min(1000, 100_000 / size * 10));
        chatwireRoundTrips(c, Math.max(5, n / 4), payload);
        rawRoundTrips(raw, Math.max(5, n / 4), payload);
        double[] ratio = new double[reps];
        double[] a50 = new double[reps];
        double[] b50 = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
          List<long[]> ab =
              abba(
                  rep,
                  () -> chatwireRoundTrips(c, n, payload),
                  () -> rawRoundTrips(raw, n, payload));
          long[] a = ab.get(0);
          long[] b = ab.get(1);
          a50[rep] = Report.quantile(a, 0.5);
          b50[rep] = Report.quantile(b, 0.5);
          ratio[rep] = a50[rep] / b50[rep];
        }
        report.data(
            "size", Integer.toString(size), "chatwire p50", Report.medianOf(a50) / 1e3, "us");
        report.data("size", Integer.toString(size), "raw p50", Report.medianOf(b50) / 1e3, "us");
        report.line(
            "round trip p50, payload " + size + " B each way",
            Report.micros(Report.medianOf(a50)),
            "raw " + Report.micros(Report.medianOf(b50)),
            ratio,
            "(how cost grows)",
            null);
      }
    }
  }

  // ---- throughput ----

  private void throughput(String url) throws Exception {
    int events = 200_000;
    int reps = full ? 5 : 3;
    AtomicLong typed = new AtomicLong();
    CompletableFuture<?>[] done = new CompletableFuture<?>[1];
    LineProtocol protocol =
        new LineProtocol(
            f -> {
              sink = f;
              typed.incrementAndGet();
            },
            () -> done[0].complete(null));
    try (Pair pair = new Pair(url, protocol)) {
      ManagedConnection c = pair.chatwire;
      RawClient raw = pair.raw;
      double[] ratio = new double[reps];
      double[] cwRate = new double[reps];
      double[] rawRate = new double[reps];
      // Warm-up: the heap touched once (see touchHeap), one small flood each, then one of each
      // counted for context switches and allocation.
      touchHeap();
      chatwireFlood(c, typed, done, 20_000);
      raw.flood(20_000).get(60, TimeUnit.SECONDS);
      long s0 = contextSwitches();
      long a0 = allThreadsAllocated();
      long c0 = allThreadsCpu();
      chatwireFlood(c, typed, done, 50_000);
      long c1 = allThreadsCpu();
      long s1 = contextSwitches();
      long a1 = allThreadsAllocated();
      long c1b = allThreadsCpu();
      rawFlood(raw, 50_000);
      long c2 = allThreadsCpu();
      long s2 = contextSwitches();
      long a2 = allThreadsAllocated();
      report.note(
          String.format(
              Locale.ROOT,
              "CPU per event, client JVM (threads alive at the end): chatwire %.2f us, raw %.2f us",
              (c1 - c0) / 50_000.0 / 1e3,
              (c2 - c1b) / 50_000.0 / 1e3));
      report.note(
          String.format(
              Locale.ROOT,
              "per event, client JVM: chatwire %.2f context switches, %.0f B allocated; raw %.2f, %.0f B",
              (s1 - s0) / 50_000.0,
              (a1 - a0) / 50_000.0,
              (s2 - s1) / 50_000.0,
              (a2 - a1) / 50_000.0));
      double[] cwCpu = new double[reps];
      double[] rawCpu = new double[reps];
      double[] cwBytes = new double[reps];
      double[] rawBytes = new double[reps];
      for (int rep = 0; rep < reps; rep++) {
        List<double[]> ab =
            abba(
                rep,
                () -> costed(events, () -> chatwireFlood(c, typed, done, events)),
                () -> costed(events, () -> rawFlood(raw, events)));
        cwRate[rep] = ab.get(0)[0];
        rawRate[rep] = ab.get(1)[0];
        cwCpu[rep] = ab.get(0)[1];
        rawCpu[rep] = ab.get(1)[1];
        cwBytes[rep] = ab.get(0)[2];
        rawBytes[rep] = ab.get(1)[2];
        ratio[rep] = cwRate[rep] / rawRate[rep];
        report.data("throughput", "rep" + rep, "chatwire", cwRate[rep], "events/s");
        report.data("throughput", "rep" + rep, "raw", rawRate[rep], "events/s");
        report.data("throughput", "rep" + rep, "chatwire cpu", cwCpu[rep] / 1e3, "us/event");
        report.data("throughput", "rep" + rep, "raw cpu", rawCpu[rep] / 1e3, "us/event");
        report.data("throughput", "rep" + rep, "chatwire alloc", cwBytes[rep], "B/event");
        report.data("throughput", "rep" + rep, "raw alloc", rawBytes[rep], "B/event");
        report.note(
            String.format(
                Locale.ROOT,
                "rep %d (load %s): %.2fx; CPU per event chatwire %.2f us, raw %.2f us (%.2fx);"
                    + " allocated per event %.0f B, raw %.0f B",
                rep,
                loadAverage(),
                ratio[rep],
                cwCpu[rep] / 1e3,
                rawCpu[rep] / 1e3,
                cwCpu[rep] / rawCpu[rep],
                cwBytes[rep],
                rawBytes[rep]));
      }
      report.note(
          String.format(
              Locale.ROOT,
              "CPU per event over the repetitions, client JVM: chatwire %.2f us, raw %.2f us"
                  + " (medians); allocated %.0f B, raw %.0f B",
              Report.medianOf(cwCpu) / 1e3,
              Report.medianOf(rawCpu) / 1e3,
              Report.medianOf(cwBytes),
              Report.medianOf(rawBytes)));
      report.line(
          "event throughput, 200k message_new (higher better)",
          String.format(Locale.ROOT, "typed %.0fk/s", Report.medianOf(cwRate) / 1e3),
          String.format(Locale.ROOT, "raw strings %.0fk/s", Report.medianOf(rawRate) / 1e3),
          ratio,
          ">= 1.0x raw",
          Report.medianOf(ratio) >= 1.0);
    }
  }

  /** Keeps what {@link #touchHeap} allocates reachable until the next one. */
  private static volatile Object touched;

  /**
   * Allocates and drops twice the committed heap, so every page of the young generation has been
   * touched before anything is measured. Until then the kernel zeroes each new page on its first
   * touch, in whichever thread allocates there: profiled (perf, 2 cores), that put 27% of the
   * chatwire reader's samples in page clearing during a short run, and it hits the side that
   * allocates more, at random, until the heap has been through once. A long-running client has paid
   * it long ago; this is what {@code -XX:+AlwaysPreTouch} does, without a JVM flag.
   */
  static void touchHeap() {
    long target = 2 * Runtime.getRuntime().totalMemory();
    for (long done = 0; done < target; done += 1 << 16) {
      touched = new byte[1 << 16]; // far below G1's humongous size (half a region, 512 KiB+)
    }
    touched = null;
  }

  /**
   * Runs a flood and measures it: events per second, then CPU nanoseconds and bytes allocated per
   * event over every live thread of this JVM (the server runs in its own).
   */
  private static double[] costed(int events, Block<Double> flood) throws Exception {
    java.util.Map<String, long[]> t0 = DIAG ? taskTimes() : null;
    long c0 = allThreadsCpu();
    long a0 = allThreadsAllocated();
    double rate = flood.run();
    long c1 = allThreadsCpu();
    long a1 = allThreadsAllocated();
    if (DIAG) {
      java.util.Map<String, long[]> t1 = taskTimes();
      java.util.Map<String, long[]> g = new java.util.TreeMap<>();
      for (java.util.Map.Entry<String, long[]> e : t1.entrySet()) {
        long[] b = t0.getOrDefault(e.getKey(), new long[5]);
        String name = TASK_NAMES.getOrDefault(e.getKey(), "?");
        long[] acc = g.computeIfAbsent(name.replaceAll("[0-9]+", "N"), k -> new long[5]);
        for (int i = 0; i < 5; i++) {
          acc[i] += e.getValue()[i] - (b.length > i ? b[i] : 0);
        }
      }
      StringBuilder sb =
          new StringBuilder(
              "    threads (user/sys us per event; vcsw, ivcsw, read calls per 1k events):");
      for (java.util.Map.Entry<String, long[]> e : g.entrySet()) {
        long[] v = e.getValue();
        if (v[0] + v[1] > 0) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  " [%s %.2f/%.2f %.0f %.0f %.0f]",
                  e.getKey(),
                  v[0] * 1e4 / events,
                  v[1] * 1e4 / events,
                  v[2] * 1e3 / events,
                  v[3] * 1e3 / events,
                  v[4] * 1e3 / events));
        }
      }
      System.out.println(sb);
    }
    return new double[] {rate, (c1 - c0) / (double) events, (a1 - a0) / (double) events};
  }

  /** {@code -Dbench.diag=true}: per-thread CPU and switches of every throughput block. */
  static final boolean DIAG = Boolean.getBoolean("bench.diag");

  /** Thread (task) id to its name, as last seen in {@code /proc/self/task}. */
  static final java.util.Map<String, String> TASK_NAMES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Per task: utime, stime (clock ticks of 10 ms), voluntary and involuntary switches, read system
   * calls.
   */
  static java.util.Map<String, long[]> taskTimes() throws Exception {
    java.util.Map<String, long[]> out = new java.util.HashMap<>();
    try (java.util.stream.Stream<Path> tasks = Files.list(Paths.get("/proc/self/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = new String(Files.readAllBytes(t.resolve("stat")), "US-ASCII");
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long vol = 0;
          long invol = 0;
          for (String line : Files.readAllLines(t.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              vol = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
              invol = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
          long reads = 0;
          try {
            for (String line : Files.readAllLines(t.resolve("io"))) {
              if (line.startsWith("syscr:")) {
                reads = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
              }
            }
          } catch (java.io.IOException noIoAccounting) {
            // some kernels and containers hide it: the rest of the line still counts
          }
          String id = t.getFileName().toString();
          TASK_NAMES.put(id, comm);
          out.put(id, new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), vol, invol, reads});
        } catch (java.io.IOException | RuntimeException gone) {
          // ended
        }
      }
    }
    return out;
  }

  /** The 1-minute load average, or "?" off Linux. */
  static String loadAverage() {
    try {
      return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), "US-ASCII").split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  private static double chatwireFlood(
      ManagedConnection c, AtomicLong typed, CompletableFuture<?>[] done, int n) throws Exception {
    typed.set(0);
    done[0] = new CompletableFuture<>();
    long start = System.nanoTime();
    c.send(Outbound.text("flood:" + n));
    done[0].get(120, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    if (typed.get() != n) {
      throw new IllegalStateException("chatwire got " + typed.get() + " of " + n + " events");
    }
    return n / (elapsed / 1e9);
  }

  private static double rawFlood(RawClient raw, int n) throws Exception {
    long start = System.nanoTime();
    long got = raw.flood(n).get(120, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    if (got != n) {
      throw new IllegalStateException("raw got " + got + " of " + n + " events");
    }
    return n / (elapsed / 1e9);
  }

  // ---- footprint ----

  static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(150);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  private void awaitServerOpen(ServerProcess server, int expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.openCount() != expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "server still has " + server.openCount() + " sockets, expected " + expected);
      }
      Thread.sleep(50);
    }
  }

  /** Heap bytes and threads per connection with {@code n} idle chatwire connections. */
  private double[] chatwireFootprint(ServerProcess server, ChatwireRuntime rt, int n)
      throws Exception {
    awaitServerOpen(server, 0);
    long before = usedHeapAfterGc();
    int threadsBefore = threads();
    List<ManagedConnection> cs = new ArrayList<>(n);
    List<CompletableFuture<Void>> ready = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ManagedConnection c = chatwire(rt, transport(server.url()), new LineProtocol(), options());
      cs.add(c);
      ready.add(c.connect());
    }
    CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    long after = usedHeapAfterGc();
    int threadsAfter = threads();
    for (ManagedConnection c : cs) {
      c.close();
    }
    for (ManagedConnection c : cs) {
      c.closeFuture().get(30, TimeUnit.SECONDS);
    }
    cs.clear();
    awaitServerOpen(server, 0);
    return new double[] {
      (after - before) / (double) n, (threadsAfter - threadsBefore) / (double) n
    };
  }

  private double[] rawFootprint(ServerProcess server, OkHttpClient ok, int n) throws Exception {
    awaitServerOpen(server, 0);
    long before = usedHeapAfterGc();
    int threadsBefore = threads();
    List<RawClient> rs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rs.add(new RawClient(ok, server.url()));
    }
    for (RawClient r : rs) {
      r.opened.get(60, TimeUnit.SECONDS);
    }
    long after = usedHeapAfterGc();
    int threadsAfter = threads();
    for (RawClient r : rs) {
      r.close();
    }
    for (RawClient r : rs) {
      r.closed.get(30, TimeUnit.SECONDS);
    }
    rs.clear();
    awaitServerOpen(server, 0);
    return new double[] {
      (after - before) / (double) n, (threadsAfter - threadsBefore) / (double) n
    };
  }

  /** The live-object class histogram of this JVM (a full GC first), as bytes by class name. */
  static java.util.Map<String, long[]> classHistogram() throws Exception {
    String text =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    java.util.Map<String, long[]> m = new java.util.HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        m.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return m;
  }

  /**
   * Where chatwire's extra idle bytes per connection go: the class histogram with 1,000 idle
   * chatwire connections minus the one with 1,000 raw OkHttp WebSockets, per connection.
   */
  private void footprintHistogram(ServerProcess server) throws Exception {
    int n = 1000;
    ChatwireRuntime rt = runtime();
    OkHttpClient ok = rawClient();
    java.util.Map<String, long[]> cw;
    java.util.Map<String, long[]> raw;
    awaitServerOpen(server, 0);
    {
      List<ManagedConnection> cs = new ArrayList<>(n);
      List<CompletableFuture<Void>> ready = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ManagedConnection c = chatwire(rt, transport(server.url()), new LineProtocol(), options());
        cs.add(c);
        ready.add(c.connect());
      }
      CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
      cw = classHistogram();
      for (ManagedConnection c : cs) {
        c.close();
      }
      for (ManagedConnection c : cs) {
        c.closeFuture().get(30, TimeUnit.SECONDS);
      }
    }
    awaitServerOpen(server, 0);
    {
      List<RawClient> rs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rs.add(new RawClient(ok, server.url()));
      }
      for (RawClient r : rs) {
        r.opened.get(60, TimeUnit.SECONDS);
      }
      raw = classHistogram();
      rs.forEach(RawClient::close);
      for (RawClient r : rs) {
        r.closed.get(30, TimeUnit.SECONDS);
      }
    }
    List<String[]> diff = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>(cw.keySet());
    names.addAll(raw.keySet());
    long total = 0;
    for (String name : names) {
      long[] a = cw.getOrDefault(name, new long[2]);
      long[] b = raw.getOrDefault(name, new long[2]);
      long db = a[1] - b[1];
      total += db;
      diff.add(new String[] {name, Long.toString(db), Long.toString(a[0] - b[0])});
    }
    diff.sort((x, y) -> Long.compare(Long.parseLong(y[1]), Long.parseLong(x[1])));
    report.note(
        String.format(
            Locale.ROOT,
            "idle bytes per connection, chatwire minus raw: %.0f B in total; largest:",
            total / (double) n));
    List<String[]> shown = new ArrayList<>(diff.subList(0, Math.min(20, diff.size())));
    shown.addAll(diff.subList(Math.max(20, diff.size() - 5), diff.size()));
    for (String[] d : shown) {
      report.note(
          String.format(
              Locale.ROOT,
              "  %+8.1f B  %+6.2f objects  %s",
              Long.parseLong(d[1]) / (double) n,
              Long.parseLong(d[2]) / (double) n,
              d[0]));
    }
    rt.close();
    ok.dispatcher().executorService().shutdown();
  }

  private void footprint(ServerProcess server) throws Exception {
    int[] counts = full ? new int[] {1, 10, 100, 1000} : new int[] {10, 100, 1000};
    int reps = full ? 3 : 2;
    ChatwireRuntime rt = runtime();
    OkHttpClient ok = rawClient();
    // Warm-up: classes loaded and pools started on both sides before the first "before".
    chatwireFootprint(server, rt, 10);
    rawFootprint(server, ok, 10);
    for (int n : counts) {
      double[] ratio = new double[reps];
      double[] cwHeap = new double[reps];
      double[] rawHeap = new double[reps];
      double[] cwThreads = new double[reps];
      double[] rawThreads = new double[reps];
      for (int rep = 0; rep < reps; rep++) {
        List<double[]> ab =
            abba(rep, () -> chatwireFootprint(server, rt, n), () -> rawFootprint(server, ok, n));
        double[] a = ab.get(0);
        double[] b = ab.get(1);
        cwHeap[rep] = a[0];
        rawHeap[rep] = b[0];
        cwThreads[rep] = a[1];
        rawThreads[rep] = b[1];
        ratio[rep] = a[0] / b[0];
      }
      report.data(
          "connections",
          Integer.toString(n),
          "chatwire",
          Report.medianOf(cwHeap) / 1024,
          "KiB/conn");
      report.data(
          "connections", Integer.toString(n), "raw", Report.medianOf(rawHeap) / 1024, "KiB/conn");
      report.line(
          "idle heap per connection at " + n + " (lower better)",
          String.format(
              Locale.ROOT,
              "%.1f KiB, %.2f threads/conn",
              Report.medianOf(cwHeap) / 1024,
              Report.medianOf(cwThreads)),
          String.format(
              Locale.ROOT,
              "raw %.1f KiB, %.2f threads/conn",
              Report.medianOf(rawHeap) / 1024,
              Report.medianOf(rawThreads)),
          ratio,
          n == 1000 ? "<= 1.1x raw, no extra thread" : "(how cost grows)",
          n != 1000
              ? null
              : (Boolean)
                  (Report.medianOf(ratio) <= 1.1
                      && Report.medianOf(cwThreads) <= Report.medianOf(rawThreads) + 0.01));
    }
    rt.close();
    ok.dispatcher().executorService().shutdown();
  }

  // ---- storm ----

  /** Records when its connection first opens a socket after {@link #arm()}. */
  static final class StampingTransport implements Transport {
    private final Transport delegate;
    volatile boolean armed;
    volatile long firstOpenNanos = -1;
    final java.util.concurrent.atomic.AtomicInteger opensSinceArmed =
        new java.util.concurrent.atomic.AtomicInteger();

    StampingTransport(Transport delegate) {
      this.delegate = delegate;
    }

    void arm() {
      firstOpenNanos = -1;
      opensSinceArmed.set(0);
      armed = true;
    }

    @Override
    public io.github.chatwire.core.transport.TransportSession open(
        ChatwireRuntime runtime, io.github.chatwire.core.transport.TransportListener listener) {
      opensSinceArmed.incrementAndGet();
      if (armed && firstOpenNanos < 0) {
        firstOpenNanos = System.nanoTime();
        armed = false;
      }
      return delegate.open(runtime, listener);
    }

    @Override
    public String describe() {
      return delegate.describe();
    }
  }

  private void storm(ServerProcess server) throws Exception {
    // A fresh set of clients per wave: a second drop within the stable period would be their
    // second attempt, with a doubled window, and not the first wave the target is about.
    for (String how : List.of("drop", "restart")) {
      stormWave(server, how);
    }
  }

  private void stormWave(ServerProcess server, String how) throws Exception {
    int n = 1000;
    ChatwireRuntime rt = runtime();
    List<ManagedConnection> cs = new ArrayList<>(n);
    List<StampingTransport> ts = new ArrayList<>(n);
    List<CompletableFuture<Void>> ready = new ArrayList<>(n);
    awaitServerOpen(server, 0);
    java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger>
        retryCauses = new java.util.concurrent.ConcurrentHashMap<>();
    for (int i = 0; i < n; i++) {
      StampingTransport t = new StampingTransport(transport(server.url()));
      ManagedConnection c =
          chatwire(rt, t, new LineProtocol(), ConnectionOptions.builder().name("storm").build());
      c.addListener(
          new io.github.chatwire.core.connection.ConnectionListener() {
            @Override
            public void onStateChange(io.github.chatwire.core.connection.StateChange change) {
              if (change.current() == ConnectionState.RECONNECTING
                  && change.attempt() > 1
                  && change.cause() != null) {
                String why = String.valueOf(change.cause().getMessage()).replaceAll("\\d+", "N");
                retryCauses
                    .computeIfAbsent(why, k -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
              }
            }
          });
      ts.add(t);
      cs.add(c);
      ready.add(c.connect());
    }
    CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    {
      ts.forEach(StampingTransport::arm);
      retryCauses.clear();
      long t0 = System.nanoTime();
      server.command(how);
      long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
      long allReadyAt = -1;
      while (System.nanoTime() < deadline) {
        Thread.sleep(20);
        boolean retried = ts.stream().allMatch(t -> t.firstOpenNanos >= 0);
        boolean readyAll = cs.stream().allMatch(c -> c.state() == ConnectionState.READY);
        if (retried && readyAll) {
          allReadyAt = System.nanoTime();
          break;
        }
      }
      long[] opens =
          ts.stream()
              .mapToLong(t -> t.firstOpenNanos)
              .filter(x -> x >= 0)
              .map(x -> x - t0)
              .sorted()
              .toArray();
      int busiest = 0;
      int from = 0;
      for (int i = 0; i < opens.length; i++) {
        while (opens[i] - opens[from] >= 100_000_000L) {
          from++;
        }
        busiest = Math.max(busiest, i - from + 1);
      }
      long again = ts.stream().filter(t -> t.opensSinceArmed.get() > 1).count();
      if (again > 0) {
        report.note(
            how
                + ": "
                + again
                + " clients needed more than one attempt; why the retry failed: "
                + retryCauses);
      }
      for (int ms = 0; ms < 60_000; ms += 100) {
        long lo = ms * 1_000_000L;
        long hi = lo + 100_000_000L;
        long inWindow = Arrays.stream(opens).filter(x -> x >= lo && x < hi).count();
        report.data("storm-" + how, Integer.toString(ms), "opens", inWindow, "clients");
      }
      double pct = 100.0 * busiest / n;
      String label =
          how.equals("drop")
              ? "1,000 clients, server drops all (no close frame)"
              : "1,000 clients, server closes all with 1012";
      report.line(
          label,
          String.format(
              Locale.ROOT,
              "busiest 100 ms %.1f%%, %s",
              pct,
              allReadyAt < 0
                  ? "NOT all READY in 60 s"
                  : "all READY after " + (allReadyAt - t0) / 1_000_000 + " ms"),
          "<= 5% per 100 ms, all READY",
          pct <= 5.0 && allReadyAt >= 0);
      report.data("storm", how, "busiest %", pct, "%");
    }
    for (ManagedConnection c : cs) {
      c.close();
    }
    for (ManagedConnection c : cs) {
      c.closeFuture().get(30, TimeUnit.SECONDS);
    }
    rt.close();
  }

  static void consume(Object o) {
    sink = o;
  }
}

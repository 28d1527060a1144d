package io.github.chatwire.benchmarks.quick;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.chatwire.binary.codec.DecodedMessage;
import io.github.chatwire.binary.codec.MessageCodec;
import io.github.chatwire.binary.codec.SettingRegistry;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.ServerboundPacket;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Decoding one binary /api/ws message of two Pongs against decoding the JSON pong of the same
 * content with Moshi's reflective adapter into plain classes; time and bytes allocated per decode,
 * interleaved blocks on one thread.
 */
public final class BinaryDecode {
  /** The JSON shape of the same content: two pongs with their server time. */
  public static final String JSON_PONGS =
      "[{\"cmd\":\"pong\",\"time\":1733600000000},{\"cmd\":\"pong\",\"time\":1733600000001}]";

  /** A pong as a JSON client would model it. */
  public static final class JsonPong {
    /** The command, "pong". */
    public String cmd;

    /** The server time, Unix milliseconds. */
    public long time;
  }

  private static volatile Object sink;

  private BinaryDecode() {}

  /** The message of the binary benchmark: two Pongs. */
  public static byte[] binaryPongs() {
    return MessageCodec.server(SettingRegistry.defaults())
        .encode(List.of(new Pong(1_733_600_000_000L), new Pong(1_733_600_000_001L)));
  }

  /** Moshi's reflective adapter for the JSON shape. */
  public static JsonAdapter<List<JsonPong>> moshiAdapter() {
    return new Moshi.Builder()
        .build()
        .adapter(Types.newParameterizedType(List.class, JsonPong.class));
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private static double[] binaryBlock(
      MessageCodec<ClientboundPacket, ServerboundPacket> codec, byte[] msg, int n) {
    long a0 = allocated();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      DecodedMessage<ClientboundPacket> d = codec.decode(msg);
      sink = d;
    }
    long t = System.nanoTime() - t0;
    long a = allocated() - a0;
    return new double[] {t / (double) n, a / (double) n};
  }

  private static double[] jsonBlock(JsonAdapter<List<JsonPong>> adapter, int n) throws Exception {
    long a0 = allocated();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink = adapter.fromJson(JSON_PONGS);
    }
    long t = System.nanoTime() - t0;
    long a = allocated() - a0;
    return new double[] {t / (double) n, a / (double) n};
  }

  static void run(Report report, boolean full) throws Exception {
    MessageCodec<ClientboundPacket, ServerboundPacket> codec = MessageCodec.client();
    byte[] msg = binaryPongs();
    JsonAdapter<List<JsonPong>> adapter = moshiAdapter();
    int nb = 2_000_000;
    int nj = 200_000;
    for (int i = 0; i < 5; i++) {
      binaryBlock(codec, msg, nb);
      jsonBlock(adapter, nj);
    }
    int reps = full ? 9 : 5;
    double[] speedup = new double[reps];
    double[] bt = new double[reps];
    double[] jt = new double[reps];
    double[] ba = new double[reps];
    double[] ja = new double[reps];
    for (int rep = 0; rep < reps; rep++) {
      List<double[]> ab =
          Quick.abba(rep, () -> binaryBlock(codec, msg, nb), () -> jsonBlock(adapter, nj));
      double[] b = ab.get(0);
      double[] j = ab.get(1);
      bt[rep] = b[0];
      ba[rep] = b[1];
      jt[rep] = j[0];
      ja[rep] = j[1];
      speedup[rep] = j[0] / b[0];
      report.data("binary", "rep" + rep, "binary ns", b[0], "ns");
      report.data("binary", "rep" + rep, "json ns", j[0], "ns");
    }
    double alloc = Report.medianOf(ba);
    report.line(
        "decode 2 Pongs vs JSON pong (higher better)",
        String.format(Locale.ROOT, "%.0f ns, %.0f B/op", Report.medianOf(bt), alloc),
        String.format(
            Locale.ROOT,
            "Moshi reflective %.0f ns, %.0f B",
            Report.medianOf(jt),
            Report.medianOf(ja)),
        speedup,
        ">= 10x, only result objects",
        Report.medianOf(speedup) >= 10 && alloc <= 96.5);
    report.note(
        "binary allocation: result objects are DecodedMessage + List.of(a, b) + 2 Pong = 96 B with compressed oops");
  }
}

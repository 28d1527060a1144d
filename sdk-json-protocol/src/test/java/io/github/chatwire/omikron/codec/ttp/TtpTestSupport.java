package io.github.chatwire.omikron.codec.ttp;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.omikron.model.JsonNumber;
import io.github.chatwire.omikron.model.OmikronData;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Okio;

/** Loads the TTP vectors and converts their JSON into the Omikron model's tree. */
final class TtpTestSupport {
  private TtpTestSupport() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> vectors() throws Exception {
    try (InputStream in =
        TtpTestSupport.class.getResourceAsStream("/omikron/ttp-message-vectors.json")) {
      return (Map<String, Object>) JsonReader.of(Okio.buffer(Okio.source(in))).readJsonValue();
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(String direction) throws Exception {
    return (List<Map<String, Object>>) vectors().get(direction);
  }

  static byte[] hex(Object s) {
    return HexFormat.of().parseHex((String) s);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** Moshi reads numbers as doubles; the vectors' numbers are integers below 2^53. */
  static long integer(Object o) {
    double d = (Double) o;
    long l = (long) d;
    if (l != d) {
      throw new AssertionError("not an integer: " + o);
    }
    return l;
  }

  @SuppressWarnings("unchecked")
  static OmikronData data(Object json) {
    return OmikronData.of((Map<String, Object>) tree(json));
  }

  @SuppressWarnings("unchecked")
  static Object tree(Object o) {
    if (o instanceof Double) {
      return JsonNumber.of(integer(o));
    }
    if (o instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<Object>) o) {
        out.add(tree(e));
      }
      return out;
    }
    if (o instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) o).entrySet()) {
        out.put(e.getKey(), tree(e.getValue()));
      }
      return out;
    }
    return o;
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
  static long allocated() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** Collects what a stream decoder delivers. */
  static final class Collector implements TtpStreamDecoder.Sink {
    final List<TtpMessage> messages = new ArrayList<>();
    final List<TtpDecodeException> malformed = new ArrayList<>();
    int closes;

    @Override
    public void onMessage(TtpMessage message) {
      messages.add(message);
    }

    @Override
    public void onMalformed(TtpDecodeException error, long streamOffset) {
      malformed.add(error);
    }

    @Override
    public void onClose() {
      closes++;
    }
  }
}

package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.originchats.model.ServerFrame;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs for the issue-12 fast paths: reading every embed of a decoded message_new costs
 * time linear in the frame. Each embed is a lazy view whose cursor searches for a backslash to the
 * end of the whole frame (JsonCursor.plainStringEnd), so reading them all is quadratic: a hostile
 * server's one frame of many small embeds pins the callback thread. A ratio of 8x more embeds (a
 * linear cost gives about 8x, the quadratic one about 64x), not a wall-clock threshold. Failed
 * before the fix.
 */
class StreamingViewsReviewTest {

  private static String frame(int embeds) {
    StringBuilder b = new StringBuilder("{\"cmd\":\"message_new\",\"channel\":\"c\",\"message\":");
    b.append("{\"id\":\"m\",\"user\":\"u\",\"content\":\"x\",\"embeds\":[");
    for (int i = 0; i < embeds; i++) {
      b.append(i == 0 ? "" : ",").append("{\"t\":1}");
    }
    return b.append("]}}").toString();
  }

  /** This thread's CPU time: what another process or a GC takes from it while it runs is not. */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static long readAll(String text, int embeds) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    ServerFrame.MessageNew f = (ServerFrame.MessageNew) FrameDecoder.decode(text);
    List<Map<String, Object>> e = f.message().embeds();
    assertEquals(embeds, e.size());
    double sum = 0;
    for (Map<String, Object> m : e) {
      sum += ((Number) m.get("t")).doubleValue();
    }
    assertEquals(embeds, sum);
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  @Test
  void readingAllEmbedsOfAFrameIsLinearInItsSize() {
    int few = 10_000;
    int many = 80_000; // a 640 KB frame
    String small = frame(few);
    String large = frame(many);
    long tSmall = Long.MAX_VALUE;
    long tLarge = Long.MAX_VALUE;
    // The best of five in CPU time: a repetition the machine's load slowed down does not count.
    for (int rep = 0; rep < 5; rep++) {
      tSmall = Math.min(tSmall, readAll(small, few));
      tLarge = Math.min(tLarge, readAll(large, many));
    }
    assertTrue(
        tLarge < 24 * tSmall,
        "8x the embeds took "
            + (double) tLarge / tSmall
            + "x the time ("
            + tLarge / 1_000_000
            + " ms)");
  }
}

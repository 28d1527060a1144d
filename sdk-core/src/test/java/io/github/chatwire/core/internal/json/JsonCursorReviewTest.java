package io.github.chatwire.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs for the issue-12 fast paths: the packed name matching of {@link JsonNames} and the
 * indexOf string scan of {@link JsonCursor}.
 */
class JsonCursorReviewTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * A cursor over a window of a large text (every lazy {@link JsonObjectView}: each embed and
   * attachment of a frame gets one) must cost what its window holds. plainStringEnd's backslash
   * search runs {@code indexOf('\\')} to the end of the whole text, past the limit, so reading N
   * views of one frame costs N times the frame: quadratic. A ratio, not a wall-clock threshold: the
   * same 9-char window in a text with and without a 32 MiB backslash-free tail. Failed before the
   * fix. (about three orders of magnitude).
   */
  @Test
  void aWindowCursorDoesNotScanPastItsLimit() {
    String window = "{\"a\":\"b\"}";
    String big = window + ",{\"t\":1}".repeat(1 << 22); // a 32 MiB text, no backslash anywhere
    int rounds = 100;
    long small = Long.MAX_VALUE;
    long large = Long.MAX_VALUE;
    // The best of five, each in this thread's CPU time: a loaded machine that preempts the thread
    // (or stops it for a GC) during one repetition does not count, an algorithm that scans the
    // whole text does, in every repetition.
    for (int rep = 0; rep < 5; rep++) {
      small = Math.min(small, time(window, rounds));
      large = Math.min(large, time(big, rounds));
    }
    assertTrue(
        large < 20 * Math.max(small, 100_000L),
        "reading a 9-char view of a 32 MiB text took "
            + large / rounds
            + " ns per view, of a 9-char text "
            + small / rounds
            + " ns");
  }

  private static long time(String text, int rounds) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < rounds; i++) {
      JsonObjectView v = new JsonObjectView(text, 0, 9, JsonTree.DOUBLES);
      assertEquals("b", v.get("a"));
    }
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  /**
   * Packed matching vs a HashMap over names and keys that collide in their low 8 bits (U+0100 + c),
   * lengths around the 16-char packing limit, NULs, prefixes and escaped spellings.
   */
  @Test
  void packedNameMatchingAgreesWithAMapOnCollidingKeys() {
    SplittableRandom r = new SplittableRandom(12);
    char[] alphabet = {'a', 'b', 'm', 'd', '\u0000', '\u00ff', '\u0161', '\u016d', '\u0100', '_'};
    for (int round = 0; round < 300; round++) {
      Map<String, Integer> byName = new HashMap<>();
      String[] names = new String[1 + r.nextInt(12)];
      for (int i = 0; i < names.length; i++) {
        String n;
        do {
          n = word(r, alphabet, r.nextInt(20));
        } while (byName.containsKey(n));
        names[i] = n;
        byName.put(n, i);
      }
      JsonNames set = JsonNames.of(names);
      for (int k = 0; k < 200; k++) {
        String key =
            r.nextInt(3) == 0
                ? mutate(r, names[r.nextInt(names.length)], alphabet)
                : word(r, alphabet, r.nextInt(20));
        boolean escape = r.nextBoolean();
        String json = "{\"" + (escape ? escaped(key) : raw(key)) + "\":1,\"z\\\"\\\\\":2}";
        JsonCursor c = new JsonCursor(json);
        c.beginObject();
        assertTrue(c.hasMember());
        int got = c.name(set);
        assertEquals(
            byName.getOrDefault(key, -1), got, () -> "key " + escaped(key) + " in " + json);
        c.skipValue();
        assertTrue(c.hasMember());
        c.skipName();
        assertEquals(2.0, c.number());
      }
    }
  }

  private static String word(SplittableRandom r, char[] alphabet, int len) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < len; i++) {
      b.append(alphabet[r.nextInt(alphabet.length)]);
    }
    return b.toString();
  }

  private static String mutate(SplittableRandom r, String n, char[] alphabet) {
    StringBuilder b = new StringBuilder(n);
    switch (r.nextInt(4)) {
      case 0:
        if (b.length() > 0) {
          int i = r.nextInt(b.length());
          b.setCharAt(i, (char) (b.charAt(i) ^ 0x100)); // same low 8 bits
        }
        break;
      case 1:
        b.append(alphabet[r.nextInt(alphabet.length)]);
        break;
      case 2:
        if (b.length() > 0) {
          b.setLength(b.length() - 1);
        }
        break;
      default:
        b.insert(0, '\u0000');
    }
    return b.toString();
  }

  private static String raw(String key) {
    StringBuilder b = new StringBuilder();
    for (char ch : key.toCharArray()) {
      if (ch < 0x20) {
        b.append(String.format("\\u%04x", (int) ch)); // control chars must be escaped
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  private static String escaped(String key) {
    StringBuilder b = new StringBuilder();
    for (char ch : key.toCharArray()) {
      b.append(String.format("\\u%04x", (int) ch));
    }
    return b.toString();
  }
}

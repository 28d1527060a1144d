package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.originchats.model.ServerFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzz of the decoder: recorded frames with flipped, dropped and duplicated
 * bytes, and with values swapped for other JSON types, must decode or fail with {@link
 * FrameDecodeException}, never with anything else.
 */
class DecoderMutationTest {
  private static final String[] VALUES = {
    "null", "1", "-2.5e3", "true", "\"s\"", "[]", "{}", "[{}]", "{\"a\":[]}"
  };

  @Test
  void mutatedRecordedFramesNeverThrowUntypedExceptions() throws Exception {
    List<String> seeds = new ArrayList<>();
    for (String f :
        new String[] {
          "01-core-flow.jsonl",
          "02-attachments-moderation.jsonl",
          "03-per-command-listener.jsonl",
          "04-custom-emoji.jsonl"
        }) {
      for (Map<String, Object> frame : FixtureReplayTest.serverFrames(f)) {
        seeds.add(OcJson.write(frame));
      }
    }
    Random random = new Random(20260422L);
    int decoded = 0;
    int refused = 0;
    for (int i = 0; i < 20000; i++) {
      String seed = seeds.get(random.nextInt(seeds.size()));
      String input = random.nextBoolean() ? mutateBytes(seed, random) : swapValue(seed, random);
      try {
        ServerFrame frame = FrameDecoder.decode(input);
        assertNotNull(frame.cmd());
        assertNotNull(frame.raw());
        decoded++;
      } catch (FrameDecodeException expected) {
        refused++;
      }
    }
    assertTrue(
        decoded > 1000 && refused > 1000, "both outcomes exercised: " + decoded + "/" + refused);
  }

  private static String mutateBytes(String s, Random r) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n && b.length > 0; k++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(3)) {
        case 0:
          b[at] = (byte) r.nextInt(256);
          break;
        case 1:
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          b = shorter;
          break;
        default:
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at + 1);
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
      }
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * Replaces the value after a random ':' with another JSON value, keeping the text mostly valid.
   */
  private static String swapValue(String s, Random r) {
    int colon = s.indexOf("\":", r.nextInt(Math.max(1, s.length())));
    if (colon < 0) {
      return s;
    }
    int start = colon + 2;
    int end = start;
    int depth = 0;
    boolean inString = false;
    while (end < s.length()) {
      char c = s.charAt(end);
      if (inString) {
        if (c == '\\') {
          end++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        break;
      }
      end++;
    }
    return s.substring(0, start)
        + VALUES[r.nextInt(VALUES.length)]
        + s.substring(Math.min(end, s.length()));
  }
}

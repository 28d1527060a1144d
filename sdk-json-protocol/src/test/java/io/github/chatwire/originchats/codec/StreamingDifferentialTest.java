package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.chatwire.core.internal.json.JsonCursor;
import io.github.chatwire.core.internal.json.JsonNames;
import io.github.chatwire.core.internal.json.JsonObjectView;
import io.github.chatwire.originchats.model.ServerFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the streaming decoder and the old tree decoder over a plain Moshi tree ({@link
 * ReferenceFrameDecoder}, {@link MoshiTree}) agree on every recorded frame and on 10,000 seeded
 * mutations of them: equal typed frames (raw maps included, which parses the lazy views), or both a
 * {@link FrameDecodeException} with the same cmd and listener; never another exception.
 */
class StreamingDifferentialTest {
  private static final String[] FILES = {
    "01-core-flow.jsonl",
    "02-attachments-moderation.jsonl",
    "03-per-command-listener.jsonl",
    "04-custom-emoji.jsonl"
  };
  private static final String[] VALUES = {
    "null",
    "1",
    "-0",
    "0.5",
    "-2.5e3",
    "1e400",
    "01",
    "true",
    "TRUE",
    "nUlL",
    "\"s\"",
    "\"\\u00e9\\n\"",
    "\"\\x\"",
    "[]",
    "{}",
    "[{}]",
    "[null,\"a\",2]",
    "{\"a\":[]}",
    "{\"username\":\"u\"}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
  };

  /** Frames of the streamed commands in shapes the recordings lack. */
  private static final String[] EXTRA = {
    "{\"cmd\":\"typing\",\"channel\":\"general\",\"user\":{\"username\":\"bob\"},\"thread_id\":\"t1\"}",
    "{\"cmd\":\"typing\",\"channel\":\"general\",\"user\":7}",
    "{\"cmd\":\"message_react_add\",\"id\":12,\"emoji\":\"x\",\"channel\":\"c\",\"from\":\"bob\",\"listener\":\"L1\"}",
    "{\"cmd\":\"message_react_remove\",\"id\":\"m\",\"emoji\":\"x\"}",
    "{\"cmd\":\"message_delete\",\"id\":\"m\",\"channel\":\"c\",\"thread_id\":null}",
    "{\"cmd\":\"message_edit\",\"id\":\"m\",\"content\":\"new\",\"message\":{\"id\":\"m\",\"user\":\"a\",\"edited\":true,"
        + "\"reactions\":{\"x\":[\"a\",\"b\"],\"y\":[1]},\"attachments\":[{\"id\":\"a1\",\"size\":10,\"permanent\":true},null],"
        + "\"webhook\":{\"name\":\"hook\"},\"interaction\":{\"command\":\"roll\",\"username\":{\"username\":\"c\"}}}}",
    "{\"cmd\":\"ping\"}",
    "{\"cmd\":\"pong\",\"listener\":5}",
    "{\"cmd\":\"user_disconnect\",\"username\":\"bob\"}",
    "{\"type\":\"message_new\",\"message\":{\"id\":\"m\"}}",
    "{\"channel\":\"c\",\"cmd\":\"message_new\",\"message\":{\"id\":\"m\"}}",
    "{\"cmd\":\"message_new\",\"cmd\":\"typing\",\"message\":{\"id\":\"m\",\"id\":\"n\"},\"message\":5}",
    "{\"cmd\":\"message_new\",\"id\":\"m\",\"user\":\"a\",\"content\":\"flat\",\"pinned\":true,\"embeds\":[{\"t\":1}]}",
    "{\"cmd\":\"message_new\",\"message\":null,\"id\":\"m\",\"timestamp\":1.5e9}",
    "  {\"cmd\" : \"message_new\" ,\r\n\t\"message\":{ }} ",
  };

  /**
   * Frames for the fast paths of the name matching and string reading (issue 12): names that agree
   * with a known name in their low 8 bits only, names past the 16 chars matched packed, and escapes
   * before, inside and after the fields the streaming decoder reads again by offset.
   */
  private static final String[] FAST_PATHS = {
    // names whose chars agree with a known name in their low 8 bits only (U+0163 is 0x63 'c')
    "{\"\u0163md\":\"message_new\",\"message\":{\"id\":\"m\"}}",
    "{\"cmd\":\"message_new\",\"message\":{\"id\":\"m\",\"\u0175ser\":\"a\",\"user\":\"b\"},"
        + "\"\u0163hannel\":\"x\"}",
    "{\"cmd\":\"message_\u016eew\",\"message\":{\"id\":\"m\"}}",
    // names past the packed length, and a 17-char name ending in a known 16-char suffix
    "{\"cmd\":\"message_react_remove\",\"id\":\"m\",\"emoji\":\"x\",\"xmessage_react_add\":1}",
    "{\"cmd\":\"xmessage_react_add\",\"id\":\"m\"}",
    // escapes before, inside and after the fields read again by offset
    "{\"cmd\":\"message_new\",\"message\":{\"content\":\"a\\\"b\\\\\",\"id\":\"\\u006d\",\"user\":\"u\"},"
        + "\"channel\":\"c\\\\\",\"thread_id\":\"t\\\"\",\"listener\":\"L\\u0031\"}",
    "{\"cmd\":\"message_edit\",\"message\":{\"id\":\"m\"},\"id\":\"m\",\"content\":\"\\n\",\"chan\\u006eel\":\"c\"}",
    "{\"cmd\":\"message_delete\",\"id\":\"\\\\\",\"channel\":\"plain\",\"thread_id\":\"a\\/b\"}",
    "{\"cmd\":\"message_new\",\"id\":\"m\",\"content\":\"x\\\"\",\"user\":\"u\",\"channel\":\"c\",\"message\":null}",
  };

  @Test
  void fastPathsOfNamesAndStringsAgreeWithTheTreeDecoder() {
    int decoded = 0;
    for (String f : FAST_PATHS) {
      if (compare(f)) {
        decoded++;
      }
    }
    Random random = new Random(20261212L);
    for (int i = 0; i < 2_000; i++) {
      String seed = FAST_PATHS[random.nextInt(FAST_PATHS.length)];
      String input = mutate(seed, random);
      compare(input);
    }
    assertTrue(decoded >= 8, "most of the fast-path frames decode: " + decoded);
  }

  @Test
  void streamingAndTreeDecodersAgreeOnRecordedAndMutatedFrames() throws IOException {
    List<String> seeds = new ArrayList<>();
    for (String f : FILES) {
      seeds.addAll(recordedServerFrames(f));
    }
    int recorded = seeds.size();
    for (String e : EXTRA) {
      seeds.add(e);
    }
    List<String> hot = new ArrayList<>();
    for (String s : seeds) {
      if (compare(s) && FrameDecoder.decode(s).raw() instanceof JsonObjectView) {
        hot.add(s);
      }
    }
    Random random = new Random(20261201L);
    int decoded = 0;
    for (int i = 0; i < 10_000; i++) {
      // half of the mutations start from frames of the streamed commands
      String seed =
          random.nextBoolean()
              ? hot.get(random.nextInt(hot.size()))
              : seeds.get(random.nextInt(seeds.size()));
      String input = mutate(seed, random);
      if (compare(input)) {
        decoded++;
      }
    }
    assertTrue(recorded > 50, "recorded frames found: " + recorded);
    assertTrue(
        decoded > 2000 && decoded < 9000, "both outcomes exercised: " + decoded + " decoded");
    assertTrue(streamed > 2000, "the streaming path decoded " + streamed + " of them");
    System.out.println(
        "differential: "
            + decoded
            + " of 10000 mutations decoded, "
            + streamed
            + " frames streamed");
  }

  private static int streamed;

  /**
   * @return true if both decoded
   */
  private static boolean compare(String input) {
    ServerFrame expected;
    FrameDecodeException expectedError = null;
    try {
      expected = ReferenceFrameDecoder.decode(input);
    } catch (FrameDecodeException e) {
      expected = null;
      expectedError = e;
    }
    ServerFrame actual;
    try {
      actual = FrameDecoder.decode(input);
    } catch (FrameDecodeException e) {
      if (expectedError == null) {
        fail("only the new decoder refused " + input + ": " + e.getMessage(), e);
      }
      assertEquals(expectedError.cmd(), e.cmd(), input);
      assertEquals(expectedError.listener(), e.listener(), input);
      return false;
    } catch (RuntimeException e) {
      throw new AssertionError("unexpected exception for " + input, e);
    }
    if (expectedError != null) {
      fail("only the reference refused " + input + ": " + expectedError.getMessage());
    }
    if (actual.raw() instanceof JsonObjectView) {
      streamed++;
    }
    assertEquals(expected.getClass(), actual.getClass(), input);
    assertEquals(expected.listener(), actual.listener(), input);
    assertEquals(expected, actual, input);
    assertEquals(expected.hashCode(), actual.hashCode(), input);
    return true;
  }

  /** The server-to-client frames of a recording, as the exact text recorded. */
  static List<String> recordedServerFrames(String file) throws IOException {
    JsonNames names = JsonNames.of("dir", "frame");
    List<String> out = new ArrayList<>();
    try (InputStream in =
        StreamingDifferentialTest.class.getResourceAsStream("/originchats/" + file)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonCursor c = new JsonCursor(line);
        c.beginObject();
        String dir = null;
        String frame = null;
        while (c.hasMember()) {
          int n = c.name(names);
          if (n == 0) {
            dir = c.string();
          } else if (n == 1) {
            int start = c.valueStart();
            c.skipValue();
            frame = line.substring(start, c.position());
          } else {
            c.skipValue();
          }
        }
        if ("<-".equals(dir) && frame != null) {
          out.add(frame);
        }
      }
    }
    return out;
  }

  /** One of the three mutations, chosen at random. */
  private static String mutate(String seed, Random r) {
    switch (r.nextInt(3)) {
      case 0:
        return mutateBytes(seed, r);
      case 1:
        return swapValue(seed, r);
      default:
        return mutateStructure(seed, r);
    }
  }

  private static String mutateBytes(String s, Random r) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = 1 + r.nextInt(3);
    for (int k = 0; k < n && b.length > 1; k++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(4)) {
        case 0:
          b[at] = (byte) r.nextInt(256);
          break;
        case 1:
          b[at] = (byte) "{}[]:,\"\\ 0-.eE+tnfTNu".charAt(r.nextInt(21));
          break;
        case 2:
          {
            byte[] shorter = new byte[b.length - 1];
            System.arraycopy(b, 0, shorter, 0, at);
            System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
            b = shorter;
            break;
          }
        default:
          {
            byte[] longer = new byte[b.length + 1];
            System.arraycopy(b, 0, longer, 0, at + 1);
            System.arraycopy(b, at, longer, at + 1, b.length - at);
            b = longer;
          }
      }
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Replaces the value after a random ':' with another JSON value (or garbage). */
  private static String swapValue(String s, Random r) {
    List<Integer> colons = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ':') {
        colons.add(i);
      }
    }
    if (colons.isEmpty()) {
      return s;
    }
    int at = colons.get(r.nextInt(colons.size())) + 1;
    int end = valueEnd(s, at);
    return s.substring(0, at) + VALUES[r.nextInt(VALUES.length)] + s.substring(end);
  }

  /** Duplicates a member, moves cmd behind the rest, or nests the frame's values. */
  private static String mutateStructure(String s, Random r) {
    int open = s.indexOf('{');
    if (open < 0) {
      return s;
    }
    switch (r.nextInt(3)) {
      case 0:
        {
          // repeat a member right after itself: the first occurrence must win on both paths
          int q = s.indexOf('"', open + 1 + r.nextInt(Math.max(1, s.length() - open - 1)));
          int colon = q < 0 ? -1 : s.indexOf(':', q);
          if (colon < 0) {
            return s;
          }
          int keyStart = s.lastIndexOf('"', s.lastIndexOf('"', colon - 1) - 1);
          int end = valueEnd(s, colon + 1);
          if (keyStart <= open || end <= colon) {
            return s;
          }
          String member = s.substring(keyStart, end);
          String other =
              r.nextBoolean()
                  ? member
                  : s.substring(keyStart, colon + 1) + VALUES[r.nextInt(VALUES.length)];
          return r.nextBoolean()
              ? s.substring(0, end) + "," + other + s.substring(end)
              : s.substring(0, keyStart) + other + "," + s.substring(keyStart);
        }
      case 1:
        // cmd no longer first: the streaming path must find it (or hand over) all the same
        return s.replaceFirst(
            "^\\s*\\{\\s*(\"cmd\"\\s*:\\s*\"[^\"]*\")\\s*,(.*)\\}\\s*$", "{$2,$1}");
      default:
        {
          int at = s.indexOf(':', open + r.nextInt(Math.max(1, s.length() - open)));
          if (at < 0) {
            return s;
          }
          int end = valueEnd(s, at + 1);
          int levels = 1 + r.nextInt(70);
          return s.substring(0, at + 1)
              + "[".repeat(levels)
              + s.substring(at + 1, end)
              + "]".repeat(levels)
              + s.substring(end);
        }
    }
  }

  /** The end of the JSON value starting at {@code at} (best effort on well-formed text). */
  private static int valueEnd(String s, int at) {
    int depth = 0;
    boolean inString = false;
    for (int i = at; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
          if (depth == 0) {
            return i + 1;
          }
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return s.length();
  }
}

package io.github.chatwire.omikron.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the new Omikron decoder (shared scanner) and the old one on Moshi's reader ({@link
 * ReferenceOmikronDecoder}) agree on the seed envelopes and on 10,000 seeded mutations: equal
 * messages (data, extras and log included) or both an {@link OmikronFormatException}.
 */
class OmikronDifferentialTest {
  private static final String[] EXTRA = {
    "{\"id\":\"1733600000999\",\"type\":\"client_changed\",\"sender\":\"0\",\"receiver\":\"1733600000001\","
        + "\"data\":{\"user_id\":\"1733600000002\",\"user_state\":\"user_online\"}}",
    "{\"type\":\"ping\",\"sender_id\":\"6f1c0000-aaaa-4bbb-8ccc-000000000001\",\"receiver_id\":0,\"extra\":[1,{\"a\":null}],"
        + "\"log\":{\"message\":5,\"log_level\":\" 2 \",\"x\":1},\"data\":null}",
    "{\"id\":7,\"type\":\"Client_Changed\",\"data\":{\"n\":-0,\"big\":123456789012345678901234567890,\"e\":1e400,\"s\":\"\\u00e9\"}}",
  };
  private static final String[] VALUES = {
    "null",
    "1",
    "-0",
    "1e400",
    "01",
    "TRUE",
    "\"s\"",
    "\"\\x\"",
    "[]",
    "{}",
    "{\"a\":[1,2]}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
  };

  @Test
  void newAndOldDecodersAgreeOnSeedsAndMutations() {
    List<String> seeds = new ArrayList<>(Arrays.asList(OmikronDecoderFuzzTest.SEEDS));
    seeds.addAll(Arrays.asList(EXTRA));
    Random random = new Random(20261201L);
    int decoded = 0;
    for (String s : seeds) {
      assertTrue(compare(s), s);
    }
    for (int i = 0; i < 10_000; i++) {
      String seed = seeds.get(random.nextInt(seeds.size()));
      if (compare(random.nextBoolean() ? mutateBytes(seed, random) : swapValue(seed, random))) {
        decoded++;
      }
    }
    assertTrue(decoded > 2000 && decoded < 9000, "both outcomes exercised: " + decoded);
  }

  private static boolean compare(String input) {
    OmikronMessage expected = null;
    try {
      expected = ReferenceOmikronDecoder.decode(input);
    } catch (OmikronFormatException e) {
      // expected stays null
    }
    OmikronMessage actual;
    try {
      actual = OmikronCodec.decode(input);
    } catch (OmikronFormatException e) {
      if (expected != null) {
        fail("only the new decoder refused " + input, e);
      }
      return false;
    } catch (RuntimeException e) {
      throw new AssertionError("unexpected exception for " + input, e);
    }
    if (expected == null) {
      fail("only the reference refused " + input);
    }
    assertEquals(expected, actual, input);
    assertEquals(expected.data().asMap(), actual.data().asMap(), input);
    assertEquals(expected.log(), actual.log(), input);
    return true;
  }

  private static String mutateBytes(String s, Random r) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (int k = 0, n = 1 + r.nextInt(3); k < n && b.length > 1; k++) {
      int at = r.nextInt(b.length);
      if (r.nextBoolean()) {
        b[at] =
            (byte)
                OmikronDecoderFuzzTest.ALPHABET.charAt(
                    r.nextInt(OmikronDecoderFuzzTest.ALPHABET.length()));
      } else {
        byte[] shorter = new byte[b.length - 1];
        System.arraycopy(b, 0, shorter, 0, at);
        System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
        b = shorter;
      }
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String swapValue(String s, Random r) {
    List<Integer> colons = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ':') {
        colons.add(i);
      }
    }
    int at = colons.get(r.nextInt(colons.size())) + 1;
    int end = at;
    int depth = 0;
    boolean str = false;
    for (; end < s.length(); end++) {
      char c = s.charAt(end);
      if (str) {
        if (c == '\\') {
          end++;
        } else if (c == '"') {
          str = false;
        }
      } else if (c == '"') {
        str = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth-- == 0) {
          break;
        }
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    String v = VALUES[r.nextInt(VALUES.length)];
    // sometimes repeat the member instead: the first value must win on both sides
    if (r.nextInt(4) == 0) {
      int keyEnd = at - 1;
      int keyStart = s.lastIndexOf('"', s.lastIndexOf('"', keyEnd - 1) - 1);
      if (keyStart > 0) {
        return s.substring(0, end) + "," + s.substring(keyStart, at) + v + s.substring(end);
      }
    }
    return s.substring(0, at) + v + s.substring(end);
  }
}

package io.github.chatwire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The incremental validator agrees with the JDK's strict decoder, whole and split at any point. */
class Utf8ValidatorTest {

  private static boolean jdkValid(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean split(byte[] b, int at) {
    Utf8Validator v = new Utf8Validator();
    return v.update(b, 0, at) && v.update(b, at, b.length - at) && v.complete();
  }

  @Test
  void agreesWithTheJdkOnRandomAndMutatedInput() {
    SplittableRandom random = new SplittableRandom(6455);
    byte[][] seeds = {
      "plain ascii".getBytes(StandardCharsets.UTF_8),
      "κόσμε 😀 € \uFFFD \uD7FF \uE000 \uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8)
    };
    for (int i = 0; i < 100_000; i++) {
      byte[] b;
      if (i % 2 == 0) {
        b = new byte[random.nextInt(8)];
        for (int j = 0; j < b.length; j++) {
          b[j] = (byte) random.nextInt(256);
        }
      } else {
        b = seeds[i % 4 == 1 ? 0 : 1].clone();
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      boolean expected = jdkValid(b);
      assertEquals(
          expected,
          Utf8Validator.isValid(b, 0, b.length),
          () -> java.util.HexFormat.of().formatHex(b));
      int at = b.length == 0 ? 0 : random.nextInt(b.length + 1);
      assertEquals(expected, split(b, at), "split at " + at);
    }
  }

  /**
   * The decode that proves pure ASCII without a second pass ({@link Utf8Validator#decode}): every
   * non-ASCII lead, continuation, invalid or valid sequence (including a literal U+FFFD, EF BF BD)
   * at every position of an ASCII frame, and random bytes, give exactly the text when the bytes are
   * valid UTF-8 and null when they are not.
   */
  @Test
  void asciiFastPathDecodeAgreesWithTheStrictValidatorAtEveryPosition() {
    byte[] ascii =
        "{\"cmd\": \"message_new\", \"message\": {\"user\": \"a\", \"content\": \"hi\"}}"
            .getBytes(StandardCharsets.US_ASCII);
    byte[][] inserts = {
      {(byte) 0x80},
      {(byte) 0xBF},
      {(byte) 0xC0},
      {(byte) 0xC1, (byte) 0x81},
      {(byte) 0xC2},
      {(byte) 0xC3, (byte) 0xA9},
      {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD},
      {(byte) 0xEF, (byte) 0xBF},
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xF5},
      {(byte) 0xFF},
      {(byte) 0xFE, (byte) 0xFF}
    };
    int valid = 0;
    int invalid = 0;
    for (byte[] insert : inserts) {
      for (int at = 0; at <= ascii.length; at++) {
        for (boolean replace : new boolean[] {false, true}) {
          if (replace && at == ascii.length) {
            continue;
          }
          byte[] b = new byte[ascii.length + insert.length - (replace ? 1 : 0)];
          System.arraycopy(ascii, 0, b, 0, at);
          System.arraycopy(insert, 0, b, at, insert.length);
          int rest = at + (replace ? 1 : 0);
          System.arraycopy(ascii, rest, b, at + insert.length, ascii.length - rest);
          if (checkDecode(b)) {
            valid++;
          } else {
            invalid++;
          }
        }
      }
    }
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 50_000; i++) {
      byte[] b = ascii.clone();
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n; k++) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      checkDecode(b);
      int off = random.nextInt(b.length);
      int len = random.nextInt(b.length - off + 1);
      byte[] part = java.util.Arrays.copyOfRange(b, off, off + len);
      assertEquals(
          jdkValid(part) ? new String(part, StandardCharsets.UTF_8) : null,
          Utf8Validator.decode(b, off, len),
          "range " + off + "+" + len);
    }
    assertEquals(true, valid > 200 && invalid > 1000, valid + " valid, " + invalid + " invalid");
    assertEquals(
        new String(ascii, StandardCharsets.US_ASCII), Utf8Validator.decode(ascii, 0, ascii.length));
  }

  /** Checks decode against the JDK's strict decoder; returns whether the bytes are valid. */
  private static boolean checkDecode(byte[] b) {
    boolean expected = jdkValid(b);
    assertEquals(
        expected ? new String(b, StandardCharsets.UTF_8) : null,
        Utf8Validator.decode(b, 0, b.length),
        () -> java.util.HexFormat.of().formatHex(b));
    return expected;
  }
}

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
}

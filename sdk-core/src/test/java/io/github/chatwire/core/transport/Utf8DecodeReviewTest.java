package io.github.chatwire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs for the issue-12 fast paths: {@link Utf8Validator#decode} ("ASCII proven by the
 * decode") against the JDK's strict decoder (REPORT on malformed input, which rejects overlongs,
 * surrogates and code points above U+10FFFF, RFC 3629) on every 1-, 2- and 3-byte sequence and
 * 300,000 random 4-byte ones, each inside ASCII.
 */
class Utf8DecodeReviewTest {
  private final CharsetDecoder strict =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private String strict(byte[] b) {
    try {
      return strict.decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private void check(byte[] b) {
    String want = strict(b);
    String got = Utf8Validator.decode(b, 1, b.length - 2);
    String wantInner = null;
    if (want != null) {
      wantInner = want.substring(1, want.length() - 1);
    }
    if (wantInner == null ? got != null : !wantInner.equals(got)) {
      StringBuilder hex = new StringBuilder();
      for (byte x : b) {
        hex.append(String.format("%02x ", x & 0xFF));
      }
      fail("decode of " + hex + "gave " + got + ", the strict decoder " + wantInner);
    }
  }

  @Test
  void decodeAgreesWithTheStrictDecoderOnEveryShortSequence() {
    for (int a = 0; a < 256; a++) {
      check(new byte[] {'[', (byte) a, ']'});
      for (int b = 0; b < 256; b++) {
        check(new byte[] {'[', (byte) a, (byte) b, ']'});
        check(new byte[] {'[', 'x', (byte) a, 'y', (byte) b, ']'});
        if (a >= 0x80) {
          for (int c = 0; c < 256; c += (a >= 0xE0 && a <= 0xF4) ? 1 : 37) {
            check(new byte[] {'[', (byte) a, (byte) b, (byte) c, ']'});
          }
        }
      }
    }
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 50_000; i++) {
      byte[] b = {
        '[',
        (byte) (0xF0 + r.nextInt(16)),
        (byte) r.nextInt(256),
        (byte) r.nextInt(256),
        (byte) r.nextInt(256),
        ']'
      };
      check(b);
    }
  }

  /** One non-ASCII byte at every position of an otherwise ASCII message: never accepted. */
  @Test
  void aLoneHighByteAtEveryPositionIsRejected() {
    for (int len = 1; len <= 70; len++) {
      for (int at = 0; at < len; at++) {
        for (int v = 0x80; v < 0x100; v++) {
          byte[] b = new byte[len + 2];
          java.util.Arrays.fill(b, (byte) 'a');
          b[1 + at] = (byte) v;
          assertEquals(null, Utf8Validator.decode(b, 1, len), len + "/" + at + "/" + v);
        }
      }
    }
  }
}

package io.github.chatwire.core.transport;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Strict incremental UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above
 * U+10FFFF. Fed fragment by fragment, so a sequence split across frames is judged as a whole and an
 * invalid one is caught in the fragment where it starts. Not thread-safe.
 */
final class Utf8Validator {
  /** Continuation bytes still expected for the current sequence. */
  private int need;

  /** Allowed range of the next continuation byte (unsigned). */
  private int lo = 0x80;

  private int hi = 0xBF;

  /**
   * Checks more bytes of the same text.
   *
   * @return false as soon as the bytes cannot be part of valid UTF-8
   */
  boolean update(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      if (need == 0) {
        // ASCII fast path.
        while (i < end && b[i] >= 0) {
          i++;
        }
        if (i == end) {
          return true;
        }
        int c = b[i++] & 0xFF;
        // RFC 3629 section 4: the lead byte fixes the length and the range of the next byte.
        if (c >= 0xC2 && c <= 0xDF) {
          expect(1, 0x80);
        } else if (c == 0xE0) {
          expect(2, 0xA0);
        } else if (c == 0xED) {
          expect(2, 0x80);
          hi = 0x9F; // no surrogates
        } else if (c >= 0xE1 && c <= 0xEF) {
          expect(2, 0x80);
        } else if (c == 0xF0) {
          expect(3, 0x90);
        } else if (c >= 0xF1 && c <= 0xF3) {
          expect(3, 0x80);
        } else if (c == 0xF4) {
          expect(3, 0x80);
          hi = 0x8F; // nothing above U+10FFFF
        } else {
          return false;
        }
      } else {
        int c = b[i++] & 0xFF;
        if (c < lo || c > hi) {
          return false;
        }
        need--;
        lo = 0x80;
        hi = 0xBF;
      }
    }
    return true;
  }

  private void expect(int continuations, int nextLo) {
    need = continuations;
    lo = nextLo;
    hi = 0xBF;
  }

  /** Whether the bytes so far end on a character boundary. */
  boolean complete() {
    return need == 0;
  }

  void reset() {
    expect(0, 0x80);
  }

  /** Validates one complete text. */
  static boolean isValid(byte[] b, int off, int len) {
    Utf8Validator v = new Utf8Validator();
    return v.update(b, off, len) && v.complete();
  }

  /**
   * Decodes one complete text strictly: the text, or null if the bytes are not valid UTF-8.
   *
   * <p>Pure ASCII (most chat traffic) is proven by the decode itself, with no second pass over the
   * bytes. {@code new String(bytes, UTF_8)} replaces every malformed sequence (at least one byte)
   * with one U+FFFD, and every well-formed sequence of k bytes gives one char (k = 1, 2, 3) or two
   * (k = 4). So the text has as many chars as there were bytes only if each byte became one char on
   * its own: an ASCII byte, or a malformed one that became U+FFFD. If, in addition, the text holds
   * no U+FFFD, every byte was ASCII, which is valid UTF-8. Anything else (fewer chars, or a U+FFFD,
   * which a valid text may also hold as EF BF BD) is checked byte by byte by the strict validator.
   */
  static @Nullable String decode(byte[] b, int off, int len) {
    String text = new String(b, off, len, StandardCharsets.UTF_8);
    if (text.length() == len && text.indexOf('\uFFFD') < 0) {
      return text; // pure ASCII, proven above (for a Latin-1 string the indexOf is O(1))
    }
    return isValid(b, off, len) ? text : null;
  }
}

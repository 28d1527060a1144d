package io.github.chatwire.tauri.codec;

import io.github.chatwire.core.internal.json.JsonCursor;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What the Tauri message codec and the Omega API parser read the same way, on sdk-core's shared
 * JSON cursor: a scalar field as text (numbers keep their literal), and an integer from such text.
 * Everything else (depth limit, number range, escapes, repeated names) is the shared cursor's rule.
 */
final class TauriJson {
  /** The longest text read as an integer: no 64-bit integer needs more, whatever its notation. */
  static final int MAX_INTEGER_LENGTH = 64;

  private TauriJson() {}

  /**
   * Reads a scalar: a string as it is, a number as its literal, a boolean as a {@link Boolean}, or
   * null; an object or array is skipped (validated) and reads as null.
   */
  static @Nullable Object scalar(JsonCursor c) {
    switch (c.peek()) {
      case JsonCursor.STRING:
        return c.string();
      case JsonCursor.NUMBER:
        return c.numberText();
      case JsonCursor.BOOLEAN:
        return c.bool();
      case JsonCursor.NULL:
        c.nextIsNull();
        return null;
      default:
        c.skipValue();
        return null;
    }
  }

  /** {@link #scalar} as text: a boolean as {@code true}/{@code false}. */
  static @Nullable String text(JsonCursor c) {
    Object v = scalar(c);
    return v == null ? null : v.toString();
  }

  /**
   * An integer from a number's literal or a numeric string ({@code 17}, {@code "17"}, {@code
   * 1.7E12}).
   *
   * @return the value
   * @throws NumberFormatException if the text is longer than {@link #MAX_INTEGER_LENGTH}, not a
   *     number, or not an integer that fits 64 bits
   */
  static long integer(String text) {
    String v = text.trim();
    if (v.length() > MAX_INTEGER_LENGTH) {
      throw new NumberFormatException("longer than " + MAX_INTEGER_LENGTH + " characters");
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      try {
        return new BigDecimal(v).longValueExact();
      } catch (ArithmeticException e2) {
        throw new NumberFormatException("not a 64-bit integer");
      }
    }
  }
}

package io.github.chatwire.omikron.model;

import java.util.Locale;
import java.util.Objects;

/**
 * The id of a user, Iota, Omikron or call. Since December 2025 user, Iota and Omikron ids are int64
 * Unix-millisecond values; before that (and for calls still) they were UUID strings. This type
 * holds either form as text: a numeric id is written to the wire as a JSON number, any other id as
 * a JSON string. Immutable and thread-safe.
 *
 * @param value the id's text: decimal digits (optionally signed) or a UUID/other string; never null
 *     or empty
 */
public record OmikronId(String value) {
  /**
   * Validates the value and normalises non-numeric ids (UUIDs) to lowercase.
   *
   * @param value digits or a UUID; never null or empty
   */
  public OmikronId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    if (!isNumeric(value)) {
      value = value.toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A numeric id.
   *
   * @param value the id
   * @return the id
   */
  public static OmikronId of(long value) {
    return new OmikronId(Long.toString(value));
  }

  /**
   * An id from its text.
   *
   * @param value digits or a UUID; never null or empty
   * @return the id
   */
  public static OmikronId of(String value) {
    return new OmikronId(value);
  }

  /**
   * Whether the id is an int64 (written as a JSON number).
   *
   * @return true for a numeric id
   */
  public boolean isNumeric() {
    return isNumeric(value);
  }

  /**
   * The id as a long.
   *
   * @return the value
   * @throws IllegalStateException if the id is not numeric
   */
  public long asLong() {
    if (!isNumeric()) {
      throw new IllegalStateException("id is not numeric");
    }
    return Long.parseLong(value);
  }

  static boolean isNumeric(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    if (s.length() == start || s.length() - start > 19) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * @return the id's text
   */
  @Override
  public String toString() {
    return value;
  }
}

package io.github.chatwire.omikron.codec.ttp;

/**
 * The kind of one TTP data value, as the {@code kind} byte of a container entry or array element
 * says. Booleans have two markers ({@code 0x01} true, {@code 0x02} false) and no length; every
 * other kind is followed by a {@code u16} payload length.
 *
 * <p>Immutable and thread-safe.
 */
public enum TtpKind {
  /** A boolean: marker {@code 0x01} (true) or {@code 0x02} (false), no payload. */
  BOOL,
  /** A signed 64-bit big-endian integer: marker {@code 0x03}, 8 payload bytes. */
  INT64,
  /** A UTF-8 string: marker {@code 0x04}, the payload is the text. */
  STRING,
  /** An array: marker {@code 0x05}, payload {@code u16 count} then the elements. */
  ARRAY,
  /** A nested container: marker {@code 0x06}, payload {@code u16 count} then the entries. */
  CONTAINER,
  /** Null: marker {@code 0x07}, an empty payload. */
  NULL;

  /** Marker of {@code true}. */
  static final int MARK_TRUE = 0x01;

  /** Marker of {@code false}. */
  static final int MARK_FALSE = 0x02;

  /** Marker of an i64. */
  static final int MARK_INT64 = 0x03;

  /** Marker of a string. */
  static final int MARK_STRING = 0x04;

  /** Marker of an array. */
  static final int MARK_ARRAY = 0x05;

  /** Marker of a container. */
  static final int MARK_CONTAINER = 0x06;

  /** Marker of null. */
  static final int MARK_NULL = 0x07;
}

package io.github.chatwire.binary.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes big-endian, signed values into a growable, bounded buffer. Strings are encoded only in
 * {@link #writeString(String)}.
 *
 * <p>Not thread-safe. Pure: no I/O, no clocks.
 */
public final class PacketWriter {
  /** The default bound of one message: 1 MiB. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  private final int maxBytes;
  private byte[] buf = new byte[32];
  private int size;

  /** Creates a writer bounded by {@link #DEFAULT_MAX_BYTES}. */
  public PacketWriter() {
    this(DEFAULT_MAX_BYTES);
  }

  /**
   * Creates a writer.
   *
   * @param maxBytes the most bytes it will hold; at least 1
   */
  public PacketWriter(int maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1");
    }
    this.maxBytes = maxBytes;
  }

  private void ensure(int n) {
    if (n > maxBytes - size) {
      throw new IllegalArgumentException("message would exceed " + maxBytes + " bytes");
    }
    if (size + n > buf.length) {
      int cap = (int) Math.min((long) maxBytes, Math.max((long) buf.length * 2, (long) size + n));
      buf = Arrays.copyOf(buf, cap);
    }
  }

  /**
   * The number of bytes written.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Writes one byte.
   *
   * @param v the value; only the low 8 bits are written
   * @return this writer
   * @throws IllegalArgumentException if the bound would be exceeded
   */
  public PacketWriter writeByte(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  /**
   * Writes a boolean as one byte, 1 or 0.
   *
   * @param v the value
   * @return this writer
   */
  public PacketWriter writeBoolean(boolean v) {
    return writeByte(v ? 1 : 0);
  }

  /**
   * Writes a big-endian 2-byte number.
   *
   * @param v the value; only the low 16 bits are written
   * @return this writer
   */
  public PacketWriter writeShort(int v) {
    ensure(2);
    buf[size++] = (byte) (v >> 8);
    buf[size++] = (byte) v;
    return this;
  }

  /**
   * Writes a big-endian 4-byte number.
   *
   * @param v the value
   * @return this writer
   */
  public PacketWriter writeInt(int v) {
    ensure(4);
    ByteBuffer.wrap(buf, size, 4).putInt(v);
    size += 4;
    return this;
  }

  /**
   * Writes a big-endian 8-byte number.
   *
   * @param v the value
   * @return this writer
   */
  public PacketWriter writeLong(long v) {
    ensure(8);
    ByteBuffer.wrap(buf, size, 8).putLong(v);
    size += 8;
    return this;
  }

  /**
   * Writes raw bytes.
   *
   * @param bytes the bytes; never null
   * @return this writer
   */
  public PacketWriter writeBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /**
   * Writes a string as a signed big-endian 2-byte length and UTF-8 bytes (standard UTF-8, not
   * Java's modified UTF-8). The only place strings are encoded.
   *
   * @param s the string; never null
   * @return this writer
   * @throws IllegalArgumentException if the string has unpaired surrogates or more than 32767 UTF-8
   *     bytes
   */
  public PacketWriter writeString(String s) {
    Objects.requireNonNull(s, "string");
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer encoded;
    try {
      encoded = encoder.encode(CharBuffer.wrap(s));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("string is not valid Unicode (unpaired surrogate)", e);
    }
    int n = encoded.remaining();
    if (n > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "string of " + n + " UTF-8 bytes exceeds " + Short.MAX_VALUE);
    }
    writeShort(n);
    ensure(n);
    encoded.get(buf, size, n);
    size += n;
    return this;
  }

  /**
   * Writes the {@code 0xFF} terminator of a sequence.
   *
   * @return this writer
   */
  public PacketWriter writeTerminator() {
    return writeByte(PacketReader.TERMINATOR);
  }

  /**
   * A copy of the bytes written.
   *
   * @return a new array
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}

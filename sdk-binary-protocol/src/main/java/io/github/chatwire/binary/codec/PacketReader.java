package io.github.chatwire.binary.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads big-endian, signed values from one message, never past its end: every read that would run
 * over throws {@link MalformedPacketException} with the current packet id and the offset. Strings
 * are decoded only in {@link #readString()}.
 *
 * <p>Not thread-safe; one reader per message. Pure: no I/O, no clocks.
 */
public final class PacketReader {
  /** The terminator of sequences of unknown length; never a valid element id. */
  public static final int TERMINATOR = 0xFF;

  private byte[] bytes;
  private int limit;
  private int base;
  private int position;
  private int packetId = -1;
  private boolean inUse;

  /**
   * Reads the whole array. The array is not copied; do not change it while reading.
   *
   * @param bytes the message; never null
   */
  public PacketReader(byte[] bytes) {
    this(bytes, 0, Objects.requireNonNull(bytes, "bytes").length);
  }

  /**
   * Reads {@code bytes[offset, offset + length)}. Offsets in errors count from {@code offset}.
   *
   * @param bytes the message; never null
   * @param offset the first byte
   * @param length the number of bytes
   */
  public PacketReader(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + ", size " + bytes.length);
    }
    this.bytes = bytes;
    this.position = offset;
    this.limit = offset + length;
    this.base = offset;
  }

  /**
   * Points a reader kept by {@link MessageCodec} at the next message, so decoding allocates no
   * reader per message. Returns false if the reader is still reading another message (a codec that
   * decodes a nested message on the same thread), in which case the caller makes a new one.
   */
  boolean claim(byte[] message) {
    if (inUse) {
      return false;
    }
    inUse = true;
    bytes = message;
    position = 0;
    base = 0;
    limit = message.length;
    packetId = -1;
    return true;
  }

  /** Ends a {@link #claim}: drops the message so the kept reader does not hold it. */
  void release() {
    bytes = EMPTY;
    position = 0;
    limit = 0;
    packetId = -1;
    inUse = false;
  }

  private static final byte[] EMPTY = new byte[0];

  /**
   * Sets the id of the packet being decoded, for error messages.
   *
   * @param packetId the unsigned id, or -1 for none
   */
  public void packetId(int packetId) {
    this.packetId = packetId;
  }

  /**
   * The id of the packet being decoded.
   *
   * @return the unsigned id, or -1 for none
   */
  public int packetId() {
    return packetId;
  }

  /**
   * The offset of the next byte from the start of the message.
   *
   * @return the offset
   */
  public int position() {
    return position - base;
  }

  /**
   * The bytes left.
   *
   * @return the count, never negative
   */
  public int remaining() {
    return limit - position;
  }

  /**
   * Builds an error at the current position for this reader's packet.
   *
   * @param reason what was wrong; never null
   * @return the exception, to throw
   */
  public MalformedPacketException malformed(String reason) {
    return malformedAt(position(), reason);
  }

  /**
   * Builds an error at a given offset for this reader's packet.
   *
   * @param offset the offset from the start of the message
   * @param reason what was wrong; never null
   * @return the exception, to throw
   */
  public MalformedPacketException malformedAt(int offset, String reason) {
    return new MalformedPacketException(packetId, offset, reason);
  }

  private void require(int n, String what) {
    if (limit - position < n) {
      throw malformed(
          "truncated: " + what + " needs " + n + " bytes, " + (limit - position) + " left");
    }
  }

  /**
   * Reads a signed byte.
   *
   * @return the value
   * @throws MalformedPacketException if no byte is left
   */
  public byte readByte() {
    require(1, "byte");
    return bytes[position++];
  }

  /**
   * Reads a byte as an unsigned value, for ids and lengths.
   *
   * @return 0..255
   * @throws MalformedPacketException if no byte is left
   */
  public int readUnsignedByte() {
    return readByte() & 0xFF;
  }

  /**
   * Looks at the next byte without consuming it.
   *
   * @return the unsigned value 0..255
   * @throws MalformedPacketException if no byte is left
   */
  public int peekUnsignedByte() {
    require(1, "byte");
    return bytes[position] & 0xFF;
  }

  /**
   * Reads a boolean byte: 0 is false, 1 is true.
   *
   * @return the value
   * @throws MalformedPacketException if truncated or the byte is neither 0 nor 1
   */
  public boolean readBoolean() {
    int at = position();
    byte b = readByte();
    if (b == 0) {
      return false;
    }
    if (b == 1) {
      return true;
    }
    throw malformedAt(at, "boolean byte must be 0 or 1");
  }

  /**
   * Reads a signed big-endian 2-byte number.
   *
   * @return the value
   * @throws MalformedPacketException if truncated
   */
  public short readShort() {
    require(2, "short");
    short v = (short) (((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF));
    position += 2;
    return v;
  }

  /**
   * Reads a signed big-endian 4-byte number.
   *
   * @return the value
   * @throws MalformedPacketException if truncated
   */
  public int readInt() {
    require(4, "int");
    byte[] b = bytes;
    int p = position;
    int v =
        (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    position = p + 4;
    return v;
  }

  /**
   * Reads a signed big-endian 8-byte number.
   *
   * @return the value
   * @throws MalformedPacketException if truncated
   */
  public long readLong() {
    require(8, "long");
    byte[] b = bytes;
    int p = position;
    int hi =
        (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    int lo =
        (b[p + 4] & 0xFF) << 24
            | (b[p + 5] & 0xFF) << 16
            | (b[p + 6] & 0xFF) << 8
            | (b[p + 7] & 0xFF);
    position = p + 8;
    return (long) hi << 32 | (lo & 0xFFFF_FFFFL);
  }

  /**
   * Reads raw bytes.
   *
   * @param n how many; not negative
   * @return a new array
   * @throws MalformedPacketException if fewer than {@code n} bytes are left or {@code n} is
   *     negative
   */
  public byte[] readBytes(int n) {
    if (n < 0) {
      throw malformed("negative length " + n);
    }
    require(n, "byte string");
    byte[] out = new byte[n];
    System.arraycopy(bytes, position, out, 0, n);
    position += n;
    return out;
  }

  /**
   * Reads a string: a signed big-endian 2-byte length (0..32767) followed by that many bytes of
   * well-formed UTF-8. The only place strings are decoded.
   *
   * @return the string; never null
   * @throws MalformedPacketException if truncated, the length is negative, or the bytes are not
   *     well-formed UTF-8
   */
  public String readString() {
    int at = position();
    short length = readShort();
    if (length < 0) {
      throw malformedAt(at, "negative string length " + length);
    }
    require(length, "string");
    if (isAscii(bytes, position, length)) {
      // ASCII is well-formed UTF-8 and decodes byte for byte: no decoder, no buffers.
      String s = new String(bytes, position, length, StandardCharsets.US_ASCII);
      position += length;
      return s;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String s = decoder.decode(ByteBuffer.wrap(bytes, position, length)).toString();
      position += length;
      return s;
    } catch (CharacterCodingException e) {
      throw malformedAt(at, "string is not well-formed UTF-8");
    }
  }

  private static boolean isAscii(byte[] b, int from, int length) {
    for (int i = from, end = from + length; i < end; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads elements until the {@code 0xFF} terminator, which is recognised only where the next
   * element would start, and consumes it.
   *
   * @param element reads one element; it starts at a byte other than {@code 0xFF}; never null
   * @throws MalformedPacketException if the message ends before the terminator, or from the element
   *     reader
   */
  public void readUntilTerminator(ElementReader element) {
    while (true) {
      if (remaining() == 0) {
        throw malformed("missing 0xFF terminator");
      }
      if (peekUnsignedByte() == TERMINATOR) {
        position++;
        return;
      }
      int before = position;
      element.read(this);
      if (position == before) {
        throw malformed("element reader consumed nothing");
      }
    }
  }

  /** Reads one element of a terminated sequence. */
  @FunctionalInterface
  public interface ElementReader {
    /**
     * Reads one element, consuming at least one byte.
     *
     * @param reader the reader; never null
     * @throws MalformedPacketException on bad bytes
     */
    void read(PacketReader reader);
  }
}

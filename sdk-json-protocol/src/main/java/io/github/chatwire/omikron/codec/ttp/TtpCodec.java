package io.github.chatwire.omikron.codec.ttp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and decodes one TTP {@code CommunicationValue}: {@code u32 BE length, u8 type, u8 flags,
 * [u32 id if flags & 4], [6-byte sender if flags & 1], [6-byte receiver if flags & 2], container},
 * where the length counts the bytes after it. A container is {@code u16 count} entries, each {@code
 * kind} + {@code u8 key} for a boolean ({@code 0x01} true, {@code 0x02} false) or {@code kind} +
 * {@code u16 length} + {@code u8 key} + payload otherwise; an array is {@code u16 count} elements,
 * each {@code kind} [+ {@code u16 length} + payload]. Pure: no I/O, threads or clocks.
 *
 * <p>The decoder is strict about structure and lenient about meaning. Every declared length and
 * count is checked against the bytes that remain and against the {@link TtpLimits} before anything
 * is allocated for it; a bad message gives a {@link TtpDecodeException} with its offset and nothing
 * else. Unknown type numbers and keys are kept as numbers; unknown value kinds, malformed UTF-8, an
 * i64 that is not 8 bytes, a null or boolean with a payload, and trailing bytes are errors (as in
 * the reference codecs). Undefined flag bits are ignored. An empty data section (no count) reads as
 * an empty container, as the new client reads it. The decoder does not check that a known key has
 * its expected kind: it keeps the kind that was sent.
 *
 * <p>Thread-safe: an instance holds only its limits.
 */
public final class TtpCodec {
  private static final int FLAG_SENDER = 0x01;
  private static final int FLAG_RECEIVER = 0x02;
  private static final int FLAG_ID = 0x04;
  private static final int MAX_U16 = 0xFFFF;

  private final TtpLimits limits;

  /** A codec with {@link TtpLimits#DEFAULT}. */
  public TtpCodec() {
    this(TtpLimits.DEFAULT);
  }

  /**
   * A codec with these limits.
   *
   * @param limits the limits for decoding and encoding; never null
   * @throws NullPointerException if {@code limits} is null
   */
  public TtpCodec(TtpLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The limits this codec applies.
   *
   * @return the limits; never null
   */
  public TtpLimits limits() {
    return limits;
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Encodes a message, starting with its own {@code u32} length (what the reference calls {@code
   * CommunicationValue::to_bytes()}; the stream framing adds one more length, see {@link
   * TtpStreamDecoder#frame(byte[])}). Entries are written in the container's order.
   *
   * @param message the message; never null
   * @return the bytes; never null
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if a container or array has more than 65,535 entries, an
   *     entry's payload is longer than 65,535 bytes, or the message is longer than {@link
   *     TtpLimits#maxMessageBytes()}
   */
  public byte[] encode(TtpMessage message) {
    Objects.requireNonNull(message, "message");
    Out out = new Out();
    out.u32(0);
    out.u8(message.type());
    int flags =
        (message.id() != 0 ? FLAG_ID : 0)
            | (message.sender() != 0 ? FLAG_SENDER : 0)
            | (message.receiver() != 0 ? FLAG_RECEIVER : 0);
    out.u8(flags);
    if (message.id() != 0) {
      out.u32(message.id());
    }
    if (message.sender() != 0) {
      out.be(message.sender(), 6);
    }
    if (message.receiver() != 0) {
      out.be(message.receiver(), 6);
    }
    writeContainer(out, message.data());
    int payload = out.size - 4;
    if (payload > limits.maxMessageBytes()) {
      throw new IllegalArgumentException(
          "message is " + payload + " bytes, more than the limit of " + limits.maxMessageBytes());
    }
    out.patchU32(0, payload);
    return out.toArray();
  }

  private void writeContainer(Out out, TtpContainer c) {
    List<TtpContainer.Entry> entries = c.entries();
    if (entries.size() > MAX_U16) {
      throw new IllegalArgumentException(
          "container has " + entries.size() + " entries; TTP allows 65535");
    }
    out.u16(entries.size());
    for (TtpContainer.Entry e : entries) {
      TtpValue v = e.value();
      if (v.kind() == TtpKind.BOOL) {
        out.u8(v.asBoolean() ? TtpKind.MARK_TRUE : TtpKind.MARK_FALSE);
        out.u8(e.key());
        continue;
      }
      out.u8(marker(v));
      int lengthAt = out.size;
      out.u16(0);
      out.u8(e.key());
      int start = out.size;
      writePayload(out, v);
      out.patchU16(lengthAt, payloadLength(out.size - start, TtpDataKeys.name(e.key())));
    }
  }

  private void writeArray(Out out, List<TtpValue> elements) {
    if (elements.size() > MAX_U16) {
      throw new IllegalArgumentException(
          "array has " + elements.size() + " elements; TTP allows 65535");
    }
    out.u16(elements.size());
    for (TtpValue v : elements) {
      if (v.kind() == TtpKind.BOOL) {
        out.u8(v.asBoolean() ? TtpKind.MARK_TRUE : TtpKind.MARK_FALSE);
        continue;
      }
      out.u8(marker(v));
      int lengthAt = out.size;
      out.u16(0);
      int start = out.size;
      writePayload(out, v);
      out.patchU16(lengthAt, payloadLength(out.size - start, "array element"));
    }
  }

  private static int payloadLength(int length, String what) {
    if (length > MAX_U16) {
      throw new IllegalArgumentException(
          what + " is " + length + " bytes; a TTP entry holds at most 65535");
    }
    return length;
  }

  private void writePayload(Out out, TtpValue v) {
    switch (v.kind()) {
      case INT64:
        out.be(v.asLong(), 8);
        break;
      case STRING:
        out.bytes(v.asString().getBytes(StandardCharsets.UTF_8));
        break;
      case ARRAY:
        writeArray(out, v.asList());
        break;
      case CONTAINER:
        writeContainer(out, v.asContainer());
        break;
      default:
        break; // NULL: no payload
    }
  }

  private static int marker(TtpValue v) {
    switch (v.kind()) {
      case INT64:
        return TtpKind.MARK_INT64;
      case STRING:
        return TtpKind.MARK_STRING;
      case ARRAY:
        return TtpKind.MARK_ARRAY;
      case CONTAINER:
        return TtpKind.MARK_CONTAINER;
      default:
        return TtpKind.MARK_NULL;
    }
  }

  /** A growable byte array; grows by doubling, so its size is bounded by what is written. */
  private static final class Out {
    byte[] buf = new byte[64];
    int size;

    void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void u8(int v) {
      ensure(1);
      buf[size++] = (byte) v;
    }

    void u16(int v) {
      ensure(2);
      patchU16(size, v);
      size += 2;
    }

    void patchU16(int at, int v) {
      buf[at] = (byte) (v >>> 8);
      buf[at + 1] = (byte) v;
    }

    void u32(long v) {
      ensure(4);
      patchU32(size, v);
      size += 4;
    }

    void patchU32(int at, long v) {
      for (int i = 0; i < 4; i++) {
        buf[at + i] = (byte) (v >>> (24 - 8 * i));
      }
    }

    void be(long v, int n) {
      ensure(n);
      for (int i = n - 1; i >= 0; i--) {
        buf[size++] = (byte) (v >>> (8 * i));
      }
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
    }

    byte[] toArray() {
      return Arrays.copyOf(buf, size);
    }
  }

  // ---------------------------------------------------------------- decoding

  /**
   * Decodes one message that fills {@code bytes} exactly, from its own {@code u32} length on.
   *
   * @param bytes the message; never null; not modified
   * @return the message; never null
   * @throws TtpDecodeException if the bytes are not exactly one valid message within the limits;
   *     its offset counts from the start of {@code bytes}
   * @throws NullPointerException if {@code bytes} is null
   */
  public TtpMessage decode(byte[] bytes) throws TtpDecodeException {
    Objects.requireNonNull(bytes, "bytes");
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Decodes one message that fills a slice exactly, from its own {@code u32} length on.
   *
   * @param bytes the buffer; never null; not modified
   * @param offset where the message starts
   * @param length the message's length including its {@code u32} length
   * @return the message; never null
   * @throws TtpDecodeException if the slice is not exactly one valid message within the limits; its
   *     offset counts from {@code offset}
   * @throws IndexOutOfBoundsException if the slice is not inside {@code bytes}
   * @throws NullPointerException if {@code bytes} is null
   */
  public TtpMessage decode(byte[] bytes, int offset, int length) throws TtpDecodeException {
    Objects.requireNonNull(bytes, "bytes");
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + bytes.length);
    }
    return new Reader(bytes, offset, length, limits).message();
  }

  /** One decode: a cursor over the slice and the values still allowed. */
  private static final class Reader {
    private final byte[] b;
    private final int base;
    private final int limit;
    private final TtpLimits limits;
    private int pos;
    private int valuesLeft;

    Reader(byte[] b, int offset, int length, TtpLimits limits) {
      this.b = b;
      this.base = offset;
      this.limit = offset + length;
      this.limits = limits;
      this.pos = offset;
      this.valuesLeft = limits.maxValues();
    }

    TtpDecodeException error(String what, int at) {
      return new TtpDecodeException(what, at - base);
    }

    void need(int n, int end, String what) throws TtpDecodeException {
      if (end - pos < n) {
        throw error(what + " needs " + n + " bytes, " + (end - pos) + " remain", pos);
      }
    }

    int u8() {
      return b[pos++] & 0xFF;
    }

    int u16() {
      int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
      pos += 2;
      return v;
    }

    /** An unsigned big-endian number of {@code n} bytes (n = 8 gives the i64's bits). */
    long be(int n) {
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 8) | (b[pos++] & 0xFF);
      }
      return v;
    }

    TtpMessage message() throws TtpDecodeException {
      need(4, limit, "message length");
      long declared = be(4);
      long remaining = (long) limit - pos;
      if (declared > limits.maxMessageBytes()) {
        throw error(
            "declared message length "
                + declared
                + " exceeds the limit of "
                + limits.maxMessageBytes(),
            base);
      }
      if (declared > remaining) {
        throw error(
            "declared message length "
                + declared
                + " exceeds the "
                + remaining
                + " bytes that remain",
            base);
      }
      if (declared < remaining) {
        throw error(
            (remaining - declared) + " trailing bytes after the message", pos + (int) declared);
      }
      need(2, limit, "type and flags");
      int type = u8();
      int flags = u8();
      long id = 0;
      long sender = 0;
      long receiver = 0;
      if ((flags & FLAG_ID) != 0) {
        need(4, limit, "message id");
        id = be(4);
      }
      if ((flags & FLAG_SENDER) != 0) {
        need(6, limit, "sender");
        sender = be(6);
      }
      if ((flags & FLAG_RECEIVER) != 0) {
        need(6, limit, "receiver");
        receiver = be(6);
      }
      TtpContainer data = pos == limit ? TtpContainer.EMPTY : container(limit, 1);
      if (pos != limit) {
        throw error((limit - pos) + " trailing bytes after the data container", pos);
      }
      return new TtpMessage(type, id, sender, receiver, data);
    }

    int count(int end, int depth, int minItemBytes, String what) throws TtpDecodeException {
      if (depth > limits.maxDepth()) {
        throw error(what + " nested deeper than the limit of " + limits.maxDepth(), pos);
      }
      need(2, end, what + " count");
      int at = pos;
      int n = u16();
      if (n > limits.maxEntries()) {
        throw error(what + " count " + n + " exceeds the limit of " + limits.maxEntries(), at);
      }
      if ((long) n * minItemBytes > end - pos) {
        throw error(
            what + " count " + n + " cannot fit in the " + (end - pos) + " bytes that remain", at);
      }
      if (n > valuesLeft) {
        throw error("message has more values than the limit of " + limits.maxValues(), at);
      }
      valuesLeft -= n;
      return n;
    }

    TtpContainer container(int end, int depth) throws TtpDecodeException {
      int n = count(end, depth, 2, "container");
      List<TtpContainer.Entry> entries = new ArrayList<>(Math.min(n, 16));
      for (int i = 0; i < n; i++) {
        need(1, end, "entry kind");
        int kindAt = pos;
        int kind = u8();
        if (kind == TtpKind.MARK_TRUE || kind == TtpKind.MARK_FALSE) {
          need(1, end, "boolean entry key");
          entries.add(new TtpContainer.Entry(u8(), TtpValue.of(kind == TtpKind.MARK_TRUE)));
          continue;
        }
        need(3, end, "entry length and key");
        int len = u16();
        int key = u8();
        entries.add(new TtpContainer.Entry(key, payload(kind, kindAt, len, end, depth)));
      }
      return TtpContainer.owned(entries);
    }

    TtpValue array(int end, int depth) throws TtpDecodeException {
      int n = count(end, depth, 1, "array");
      List<TtpValue> elements = new ArrayList<>(Math.min(n, 16));
      for (int i = 0; i < n; i++) {
        need(1, end, "element kind");
        int kindAt = pos;
        int kind = u8();
        if (kind == TtpKind.MARK_TRUE || kind == TtpKind.MARK_FALSE) {
          elements.add(TtpValue.of(kind == TtpKind.MARK_TRUE));
          continue;
        }
        need(2, end, "element length");
        int len = u16();
        elements.add(payload(kind, kindAt, len, end, depth));
      }
      return TtpValue.ownedArray(elements);
    }

    /** Reads a payload of {@code len} bytes at {@code pos}, which must fill it exactly. */
    TtpValue payload(int kind, int kindAt, int len, int end, int depth) throws TtpDecodeException {
      if (len > end - pos) {
        throw error(
            "payload length " + len + " exceeds the " + (end - pos) + " bytes that remain", kindAt);
      }
      int payloadEnd = pos + len;
      TtpValue v;
      switch (kind) {
        case TtpKind.MARK_INT64:
          if (len != 8) {
            throw error("i64 payload is " + len + " bytes, not 8", pos);
          }
          v = TtpValue.of(be(8));
          break;
        case TtpKind.MARK_STRING:
          v = TtpValue.of(utf8(len));
          break;
        case TtpKind.MARK_ARRAY:
          v = array(payloadEnd, depth + 1);
          break;
        case TtpKind.MARK_CONTAINER:
          v = TtpValue.of(container(payloadEnd, depth + 1));
          break;
        case TtpKind.MARK_NULL:
          if (len != 0) {
            throw error("null payload is " + len + " bytes, not 0", pos);
          }
          v = TtpValue.NULL;
          break;
        default:
          throw error("unknown value kind 0x" + Integer.toHexString(kind), kindAt);
      }
      if (pos != payloadEnd) {
        throw error((payloadEnd - pos) + " bytes left over in a payload", pos);
      }
      return v;
    }

    String utf8(int len) throws TtpDecodeException {
      if (len == 0) {
        return "";
      }
      CharsetDecoder d =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      try {
        String s = d.decode(ByteBuffer.wrap(b, pos, len)).toString();
        pos += len;
        return s;
      } catch (CharacterCodingException e) {
        throw error("string is not valid UTF-8", pos);
      }
    }
  }
}

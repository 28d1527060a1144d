package io.github.chatwire.binary.codec;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The value codecs of the protocol's number types (all signed, big-endian), booleans and strings.
 */
public final class ValueCodecs {
  /** A signed byte. */
  public static final ValueCodec<Byte> BYTE =
      of(Byte.class, (v, w) -> w.writeByte(v), PacketReader::readByte);

  /** A signed big-endian 2-byte number. */
  public static final ValueCodec<Short> SHORT =
      of(Short.class, (v, w) -> w.writeShort(v), PacketReader::readShort);

  /** A signed big-endian 4-byte number. */
  public static final ValueCodec<Integer> INT =
      of(Integer.class, (v, w) -> w.writeInt(v), PacketReader::readInt);

  /** A signed big-endian 8-byte number. */
  public static final ValueCodec<Long> LONG =
      of(Long.class, (v, w) -> w.writeLong(v), PacketReader::readLong);

  /** A boolean byte, 0 or 1. */
  public static final ValueCodec<Boolean> BOOLEAN =
      of(Boolean.class, (v, w) -> w.writeBoolean(v), PacketReader::readBoolean);

  /** A string: 2-byte signed length and UTF-8 bytes (see {@link PacketWriter#writeString}). */
  public static final ValueCodec<String> STRING =
      of(String.class, (v, w) -> w.writeString(v), PacketReader::readString);

  private ValueCodecs() {}

  /**
   * Makes a value codec from two functions.
   *
   * @param type the value type; never null
   * @param writer writes a value; never null
   * @param reader reads a value; never null
   * @param <T> the value type
   * @return the codec
   */
  public static <T> ValueCodec<T> of(
      Class<T> type, BiConsumer<T, PacketWriter> writer, Function<PacketReader, T> reader) {
    return new ValueCodec<T>() {
      @Override
      public Class<T> type() {
        return type;
      }

      @Override
      public void write(T value, PacketWriter out) {
        writer.accept(value, out);
      }

      @Override
      public T read(PacketReader in) {
        return reader.apply(in);
      }

      @Override
      public String toString() {
        return "ValueCodec[" + type.getSimpleName() + "]";
      }
    };
  }
}

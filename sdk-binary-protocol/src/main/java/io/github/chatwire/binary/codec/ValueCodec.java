package io.github.chatwire.binary.codec;

/**
 * Reads and writes one typed value (of a setting, or a field of a packet). Implementations are
 * immutable and thread-safe; pure.
 *
 * @param <T> the value type
 */
public interface ValueCodec<T> {
  /**
   * The Java type of the values.
   *
   * @return the type; never null
   */
  Class<T> type();

  /**
   * Writes a value.
   *
   * @param value the value; never null
   * @param out the writer; never null
   * @throws IllegalArgumentException if the value cannot be encoded
   */
  void write(T value, PacketWriter out);

  /**
   * Reads a value.
   *
   * @param in the reader; never null
   * @return the value; never null
   * @throws MalformedPacketException if the bytes are truncated or invalid
   */
  T read(PacketReader in);
}

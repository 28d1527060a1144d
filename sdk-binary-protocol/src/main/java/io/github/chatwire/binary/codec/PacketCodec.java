package io.github.chatwire.binary.codec;

/**
 * Reads and writes the arguments of one packet type; the message layer writes and reads the id
 * byte. Implementations are immutable, thread-safe and pure.
 *
 * @param <P> the packet type
 */
public interface PacketCodec<P> {
  /**
   * The packet id.
   *
   * @return the unsigned id, 0..255
   */
  int id();

  /**
   * The packet's Java type, used to find the codec when encoding.
   *
   * @return the type; never null
   */
  Class<P> type();

  /**
   * Writes the packet's arguments (not its id).
   *
   * @param packet the packet; never null
   * @param out the writer; never null
   * @throws IllegalArgumentException if the packet cannot be encoded
   */
  void write(P packet, PacketWriter out);

  /**
   * Reads the packet's arguments; the id has been consumed.
   *
   * @param in the reader; never null
   * @return the packet; never null
   * @throws MalformedPacketException if the bytes are truncated or invalid
   */
  P read(PacketReader in);
}

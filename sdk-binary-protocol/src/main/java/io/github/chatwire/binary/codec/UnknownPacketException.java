package io.github.chatwire.binary.codec;

/**
 * A packet id that no codec is registered for. Packets carry no length, so nothing after it in the
 * same message can be decoded; the packets before it are kept. Immutable.
 */
public class UnknownPacketException extends BinaryProtocolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param packetId the unsigned unknown id
   * @param offset the offset of the id byte in the message
   */
  public UnknownPacketException(int packetId, int offset) {
    super(
        packetId, offset, "unknown packet id 0x" + hex(packetId) + "; rest of the message skipped");
  }
}

package io.github.chatwire.binary.codec;

/**
 * A packet whose bytes are wrong: truncated, a missing {@code 0xFF} terminator, an invalid value,
 * an unknown setting id, or a malformed handshake. Immutable.
 */
public class MalformedPacketException extends BinaryProtocolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param packetId the unsigned id of the packet being decoded, or -1 if none
   * @param offset the byte offset in the message where the problem was found, or -1
   * @param reason what was wrong, without payload bytes; never null
   */
  public MalformedPacketException(int packetId, int offset, String reason) {
    super(packetId, offset, reason);
  }
}

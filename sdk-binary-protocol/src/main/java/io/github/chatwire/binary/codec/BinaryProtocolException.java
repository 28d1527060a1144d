package io.github.chatwire.binary.codec;

import io.github.chatwire.core.ProtocolException;

/**
 * Bytes that do not follow the binary {@code /api/ws} protocol. Carries the packet id being decoded
 * (if any) and the byte offset in the message where the problem was found, so an error event can
 * say exactly where decoding stopped. Messages never contain payload bytes (they may hold secrets
 * such as access keys). Immutable.
 */
public class BinaryProtocolException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** The packet id, or -1. */
  private final int packetId;

  /** The byte offset, or -1. */
  private final int offset;

  /**
   * Creates the exception.
   *
   * @param packetId the unsigned id of the packet being decoded, or -1 if none
   * @param offset the byte offset in the message, or -1 if unknown
   * @param reason what was wrong; never null
   */
  public BinaryProtocolException(int packetId, int offset, String reason) {
    super(describe(packetId, offset, reason));
    this.packetId = packetId;
    this.offset = offset;
  }

  private static String describe(int packetId, int offset, String reason) {
    StringBuilder sb = new StringBuilder(reason);
    if (packetId >= 0) {
      sb.append(" (packet id 0x").append(hex(packetId));
    } else {
      sb.append(" (no packet");
    }
    if (offset >= 0) {
      sb.append(", offset ").append(offset);
    }
    return sb.append(')').toString();
  }

  static String hex(int b) {
    String s = Integer.toHexString(b & 0xFF);
    return s.length() == 1 ? "0" + s : s;
  }

  /**
   * The id of the packet being decoded when the problem was found.
   *
   * @return the unsigned id 0..255, or -1 if no packet was being decoded (handshake, framing)
   */
  public int packetId() {
    return packetId;
  }

  /**
   * Where in the message the problem was found.
   *
   * @return the byte offset from the start of the message, or -1 if unknown
   */
  public int offset() {
    return offset;
  }
}

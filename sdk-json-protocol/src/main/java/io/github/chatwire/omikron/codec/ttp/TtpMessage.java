package io.github.chatwire.omikron.codec.ttp;

import java.util.Objects;

/**
 * One TTP {@code CommunicationValue}: a type number, an optional message id, optional routing and
 * the data container. Zero means "absent" for the id, the sender and the receiver, as in the
 * reference codec: they are written (and their flag bit set) only when non-zero.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the type, id and routing and the data's
 * keys, never its values.
 *
 * @param type the type byte, 0 to 255: a position in {@link TtpMessageTypes}, or a number beyond
 *     the list kept as received
 * @param id the message id, a u32 (0 to 4,294,967,295); 0 for none
 * @param sender the sender's id, 48 bits (0 to 2^48 - 1); 0 for none
 * @param receiver the receiver's id, 48 bits; 0 for none
 * @param data the data container; never null
 */
public record TtpMessage(int type, long id, long sender, long receiver, TtpContainer data) {
  /** The largest message id (u32). */
  public static final long MAX_ID = 0xFFFF_FFFFL;

  /** The largest sender or receiver id (48 bits). */
  public static final long MAX_ROUTING_ID = (1L << 48) - 1;

  /**
   * Validates the message.
   *
   * @param type see {@link #type()}
   * @param id see {@link #id()}
   * @param sender see {@link #sender()}
   * @param receiver see {@link #receiver()}
   * @param data see {@link #data()}
   * @throws IllegalArgumentException naming the first field out of range
   * @throws NullPointerException if {@code data} is null
   */
  public TtpMessage {
    if (type < 0 || type > 0xFF) {
      throw new IllegalArgumentException("type must be 0..255: " + type);
    }
    if (id < 0 || id > MAX_ID) {
      throw new IllegalArgumentException("id must be a u32: " + id);
    }
    if (sender < 0 || sender > MAX_ROUTING_ID) {
      throw new IllegalArgumentException("sender must be 48 bits: " + sender);
    }
    if (receiver < 0 || receiver > MAX_ROUTING_ID) {
      throw new IllegalArgumentException("receiver must be 48 bits: " + receiver);
    }
    Objects.requireNonNull(data, "data");
  }

  /**
   * The type's name.
   *
   * @return {@link TtpMessageTypes#name(int)} of {@link #type()}; never null
   */
  public String typeName() {
    return TtpMessageTypes.name(type);
  }

  /**
   * @return type, id, routing and data keys; never data values
   */
  @Override
  public String toString() {
    return "TtpMessage[type="
        + typeName()
        + ", id="
        + id
        + (sender == 0 ? "" : ", sender=" + sender)
        + (receiver == 0 ? "" : ", receiver=" + receiver)
        + ", data="
        + data
        + "]";
  }
}

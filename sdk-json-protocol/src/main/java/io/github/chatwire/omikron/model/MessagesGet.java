package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A request for stored messages of one chat, newest first.
 *
 * <p>Message type {@code messages_get}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param userId {@code user_id}: the chat partner; null if absent
 * @param offset {@code offset}: how many newest messages to skip; null if absent
 * @param amount {@code amount}: how many to return; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record MessagesGet(
    @Nullable OmikronId userId, @Nullable Long offset, @Nullable Long amount, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param offset see {@link #offset()}
   * @param amount see {@link #amount()}
   * @param raw see {@link #raw()}
   */
  public MessagesGet {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static MessagesGet from(OmikronData d) {
    return new MessagesGet(d.getId("user_id"), d.getLong("offset"), d.getLong("amount"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("user_id", userId);
    b.putIfNotNull("offset", offset);
    b.putIfNotNull("amount", amount);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.MESSAGES_GET;
  }

  @Override
  public String toString() {
    return "MessagesGet["
        + "userId="
        + userId
        + ", "
        + "offset="
        + offset
        + ", "
        + "amount="
        + amount
        + "]";
  }
}

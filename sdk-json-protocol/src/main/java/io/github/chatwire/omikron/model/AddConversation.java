package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * Adds a chat by partner id, or by name (the Omikron resolves it).
 *
 * <p>Message type {@code add_conversation}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param chatPartnerId {@code chat_partner_id}: the partner; null if absent
 * @param chatPartnerName {@code chat_partner_name}: the partner's name; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record AddConversation(
    @Nullable OmikronId chatPartnerId, @Nullable String chatPartnerName, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param chatPartnerId see {@link #chatPartnerId()}
   * @param chatPartnerName see {@link #chatPartnerName()}
   * @param raw see {@link #raw()}
   */
  public AddConversation {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static AddConversation from(OmikronData d) {
    return new AddConversation(d.getId("chat_partner_id"), d.getString("chat_partner_name"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("chat_partner_id", chatPartnerId);
    b.putIfNotNull("chat_partner_name", chatPartnerName);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.ADD_CONVERSATION;
  }

  @Override
  public String toString() {
    return "AddConversation["
        + "chatPartnerId="
        + chatPartnerId
        + ", "
        + "chatPartnerName="
        + chatPartnerName
        + "]";
  }
}

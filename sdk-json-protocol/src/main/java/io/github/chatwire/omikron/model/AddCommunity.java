package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * Adds a community to the own list.
 *
 * <p>Message type {@code add_community}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param communityAddress {@code community_address}: the address; null if absent
 * @param communityTitle {@code community_title}: the title; null if absent
 * @param position {@code position}: the position in the list; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record AddCommunity(
    @Nullable String communityAddress,
    @Nullable String communityTitle,
    @Nullable String position,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param communityAddress see {@link #communityAddress()}
   * @param communityTitle see {@link #communityTitle()}
   * @param position see {@link #position()}
   * @param raw see {@link #raw()}
   */
  public AddCommunity {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static AddCommunity from(OmikronData d) {
    return new AddCommunity(
        d.getString("community_address"),
        d.getString("community_title"),
        d.getString("position"),
        d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("community_address", communityAddress);
    b.putIfNotNull("community_title", communityTitle);
    b.putIfNotNull("position", position);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.ADD_COMMUNITY;
  }

  @Override
  public String toString() {
    return "AddCommunity["
        + "communityAddress="
        + communityAddress
        + ", "
        + "communityTitle="
        + communityTitle
        + ", "
        + "position="
        + position
        + "]";
  }
}

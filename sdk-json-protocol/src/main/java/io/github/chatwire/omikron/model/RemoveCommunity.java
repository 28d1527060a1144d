package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * Removes a community from the own list.
 *
 * <p>Message type {@code remove_community}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param communityAddress {@code community_address}: the address; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record RemoveCommunity(@Nullable String communityAddress, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param communityAddress see {@link #communityAddress()}
   * @param raw see {@link #raw()}
   */
  public RemoveCommunity {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static RemoveCommunity from(OmikronData d) {
    return new RemoveCommunity(d.getString("community_address"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("community_address", communityAddress);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.REMOVE_COMMUNITY;
  }

  @Override
  public String toString() {
    return "RemoveCommunity[" + "communityAddress=" + communityAddress + "]";
  }
}

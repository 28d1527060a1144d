package io.github.chatwire.omikron.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Omega's answer to {@code iota_connected}: the Iota's users (server to server).
 *
 * <p>Message type {@code iota_user_data}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param userIds {@code user_ids}: the users; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record IotaUserData(@Nullable List<OmikronId> userIds, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userIds see {@link #userIds()}
   * @param raw see {@link #raw()}
   */
  public IotaUserData {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static IotaUserData from(OmikronData d) {
    return new IotaUserData(d.getIdList("user_ids"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("user_ids", userIds);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.IOTA_USER_DATA;
  }

  @Override
  public String toString() {
    return "IotaUserData[" + "userIds=" + userIds + "]";
  }
}

package io.github.chatwire.omikron.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An identification request of any role and era: client ({@code user_id}, E3; plus {@code
 * private_key_hash} and optionally {@code iota_id} in E0–E2), Iota ({@code iota_id}, plus the
 * {@code user_ids} list of E0–E2) or call guest ({@code call_id}).
 *
 * <p>Message type {@code identification}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param userId {@code user_id}: the user; null if absent
 * @param iotaId {@code iota_id}: the Iota; null if absent
 * @param callId {@code call_id}: the call (guests and the older call participants); null if absent
 * @param privateKeyHash {@code private_key_hash}: hex SHA-256 of the private key text (E0–E2); null
 *     if absent
 * @param userIds {@code user_ids}: the Iota's users (CSV string or array); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record Identification(
    @Nullable OmikronId userId,
    @Nullable OmikronId iotaId,
    @Nullable String callId,
    @Nullable String privateKeyHash,
    @Nullable List<OmikronId> userIds,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param iotaId see {@link #iotaId()}
   * @param callId see {@link #callId()}
   * @param privateKeyHash see {@link #privateKeyHash()}
   * @param userIds see {@link #userIds()}
   * @param raw see {@link #raw()}
   */
  public Identification {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static Identification from(OmikronData d) {
    return new Identification(
        d.getId("user_id"),
        d.getId("iota_id"),
        d.getString("call_id"),
        d.getString("private_key_hash"),
        d.getIdList("user_ids"),
        d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("user_id", userId);
    b.putIfNotNull("iota_id", iotaId);
    b.putIfNotNull("call_id", callId);
    b.putIfNotNull("private_key_hash", privateKeyHash);
    b.putIfNotNull("user_ids", userIds);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.IDENTIFICATION;
  }

  @Override
  public String toString() {
    return "Identification["
        + "userId="
        + userId
        + ", "
        + "iotaId="
        + iotaId
        + ", "
        + "callId="
        + callId
        + ", "
        + "privateKeyHash="
        + (privateKeyHash == null ? "null" : "***")
        + ", "
        + "userIds="
        + userIds
        + "]";
  }
}

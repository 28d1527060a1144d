package io.github.chatwire.omikron.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An Omikron's presence summary for Omega after identifying (server to server).
 *
 * <p>Message type {@code sync_client_iota_status}. Immutable; {@link #toString()} masks secret
 * fields.
 *
 * @param iotaIds {@code iota_ids}: connected Iotas; null if absent
 * @param userIds {@code user_ids}: connected users; null if absent
 * @param rhoConnections {@code rho_connections}: number of Iota/client groups; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record SyncClientIotaStatus(
    @Nullable List<OmikronId> iotaIds,
    @Nullable List<OmikronId> userIds,
    @Nullable Long rhoConnections,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param iotaIds see {@link #iotaIds()}
   * @param userIds see {@link #userIds()}
   * @param rhoConnections see {@link #rhoConnections()}
   * @param raw see {@link #raw()}
   */
  public SyncClientIotaStatus {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static SyncClientIotaStatus from(OmikronData d) {
    return new SyncClientIotaStatus(
        d.getIdList("iota_ids"), d.getIdList("user_ids"), d.getLong("rho_connections"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("iota_ids", iotaIds);
    b.putIfNotNull("user_ids", userIds);
    b.putIfNotNull("rho_connections", rhoConnections);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.SYNC_CLIENT_IOTA_STATUS;
  }

  @Override
  public String toString() {
    return "SyncClientIotaStatus["
        + "iotaIds="
        + iotaIds
        + ", "
        + "userIds="
        + userIds
        + ", "
        + "rhoConnections="
        + rhoConnections
        + "]";
  }
}

package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A ping from a client or Iota.
 *
 * <p>Message type {@code ping}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param lastPing {@code last_ping}: clients: epoch ms at send time (E3) or the last RTT; Iotas:
 *     the last RTT in ms, -1 at first; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record Ping(@Nullable Long lastPing, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param lastPing see {@link #lastPing()}
   * @param raw see {@link #raw()}
   */
  public Ping {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static Ping from(OmikronData d) {
    return new Ping(d.getLong("last_ping"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("last_ping", lastPing);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.PING;
  }

  @Override
  public String toString() {
    return "Ping[" + "lastPing=" + lastPing + "]";
  }
}

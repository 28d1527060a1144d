package io.github.chatwire.omikron.model;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Omikron's answer to a {@link Ping}, in every era's shape: clients get {@code ping_iota}
 * (E1–E3; a string in E1) or the spec's {@code last_ping}; Iotas get {@code ping_clients} (values
 * as strings) or the spec's {@code user_ping}. Immutable.
 *
 * @param pingIota {@code ping_iota}: the own Iota's last self-reported RTT in ms, -1 if none; null
 *     if absent
 * @param lastPing {@code last_ping}: the spec's "last ping of the opposite"; null if absent
 * @param peerPings {@code ping_clients}, {@code user_ping} or {@code user_pings}: per-user pings in
 *     ms (values may be null); null if absent
 * @param roundTrip the round trip of the ping this pong answers, measured locally on the runtime's
 *     clock (not on the wire); null if it matched no ping of this connection or the record was read
 *     with {@link #from}
 * @param raw the whole {@code data}; never null
 */
public record Pong(
    @Nullable Long pingIota,
    @Nullable Long lastPing,
    @Nullable Map<OmikronId, @Nullable Long> peerPings,
    @Nullable Duration roundTrip,
    OmikronData raw)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param pingIota see {@link #pingIota()}
   * @param lastPing see {@link #lastPing()}
   * @param peerPings see {@link #peerPings()}
   * @param roundTrip see {@link #roundTrip()}
   * @param raw see {@link #raw()}
   */
  public Pong {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static Pong from(OmikronData d) {
    Map<OmikronId, @Nullable Long> peers = Records.idToLong(d, "ping_clients");
    if (peers == null) {
      peers = Records.idToLong(d, "user_ping");
    }
    if (peers == null) {
      peers = Records.idToLong(d, "user_pings");
    }
    return new Pong(d.getLong("ping_iota"), d.getLong("last_ping"), peers, null, d);
  }

  /**
   * A copy with the measured round trip.
   *
   * @param rtt the round trip; null if it matched no ping
   * @return the copy
   */
  public Pong withRoundTrip(@Nullable Duration rtt) {
    return new Pong(pingIota, lastPing, peerPings, rtt, raw);
  }

  /**
   * The data the reference server sends: {@code ping_iota} and/or {@code ping_clients} with string
   * values.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("ping_iota", pingIota);
    b.putIfNotNull("last_ping", lastPing);
    if (peerPings != null) {
      java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
      peerPings.forEach((k, v) -> m.put(k.value(), v == null ? null : v.toString()));
      b.put("ping_clients", m);
    }
    return b.build();
  }
}

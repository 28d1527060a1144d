package io.github.chatwire.omikron.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The own list of communities (entries kept as raw JSON).
 *
 * <p>Message type {@code get_communities}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param communities {@code communities}: the entries as JSON values (an element may be JSON null);
 *     null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record Communities(@Nullable List<@Nullable Object> communities, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param communities see {@link #communities()}
   * @param raw see {@link #raw()}
   */
  public Communities {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static Communities from(OmikronData d) {
    return new Communities(d.getList("communities"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("communities", communities);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.GET_COMMUNITIES;
  }

  @Override
  public String toString() {
    return "Communities[" + "communities=" + communities + "]";
  }
}

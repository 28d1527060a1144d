package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A request to Omega's link shortener and its reply.
 *
 * <p>Message type {@code shorten_link}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param link {@code link}: the long link (request) or the short one (reply); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record ShortenLink(@Nullable String link, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param link see {@link #link()}
   * @param raw see {@link #raw()}
   */
  public ShortenLink {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static ShortenLink from(OmikronData d) {
    return new ShortenLink(d.getString("link"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("link", link);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.SHORTEN_LINK;
  }

  @Override
  public String toString() {
    return "ShortenLink[" + "link=" + link + "]";
  }
}

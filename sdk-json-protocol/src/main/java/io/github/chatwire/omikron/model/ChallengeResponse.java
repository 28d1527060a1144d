package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a {@link Challenge}.
 *
 * <p>Message type {@code challenge_response}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param challenge {@code challenge}: the decrypted challenge, encoded as the era expects; null if
 *     absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record ChallengeResponse(@Nullable String challenge, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param challenge see {@link #challenge()}
   * @param raw see {@link #raw()}
   */
  public ChallengeResponse {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static ChallengeResponse from(OmikronData d) {
    return new ChallengeResponse(d.getString("challenge"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("challenge", challenge);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.CHALLENGE_RESPONSE;
  }

  @Override
  public String toString() {
    return "ChallengeResponse[" + "challenge=" + (challenge == null ? "null" : "***") + "]";
  }
}

package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * The Omikron's challenge during identification.
 *
 * <p>Message type {@code challenge}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param publicKey {@code public_key}: base64 of the Omikron's raw X448 public key; null if absent
 * @param challenge {@code challenge}: base64 of the AES-GCM ciphertext and tag; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record Challenge(@Nullable String publicKey, @Nullable String challenge, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param publicKey see {@link #publicKey()}
   * @param challenge see {@link #challenge()}
   * @param raw see {@link #raw()}
   */
  public Challenge {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static Challenge from(OmikronData d) {
    return new Challenge(d.getString("public_key"), d.getString("challenge"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("public_key", publicKey);
    b.putIfNotNull("challenge", challenge);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.CHALLENGE;
  }

  @Override
  public String toString() {
    return "Challenge[" + "publicKey=" + publicKey + ", " + "challenge=" + challenge + "]";
  }
}

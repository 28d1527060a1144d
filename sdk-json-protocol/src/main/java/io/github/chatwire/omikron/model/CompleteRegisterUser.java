package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * An Iota completes a user's registration with Omega; answered by {@code success}.
 *
 * <p>Message type {@code complete_register_user}. Immutable; {@link #toString()} masks secret
 * fields.
 *
 * @param userId {@code user_id}: the new user; null if absent
 * @param username {@code username}: the name; null if absent
 * @param publicKey {@code public_key}: the user's public key, base64; null if absent
 * @param iotaId {@code iota_id}: the Iota; null if absent
 * @param resetToken {@code reset_token}: the user's reset token (base64 of 192 random bytes); null
 *     if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record CompleteRegisterUser(
    @Nullable OmikronId userId,
    @Nullable String username,
    @Nullable String publicKey,
    @Nullable OmikronId iotaId,
    @Nullable String resetToken,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param username see {@link #username()}
   * @param publicKey see {@link #publicKey()}
   * @param iotaId see {@link #iotaId()}
   * @param resetToken see {@link #resetToken()}
   * @param raw see {@link #raw()}
   */
  public CompleteRegisterUser {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static CompleteRegisterUser from(OmikronData d) {
    return new CompleteRegisterUser(
        d.getId("user_id"),
        d.getString("username"),
        d.getString("public_key"),
        d.getId("iota_id"),
        d.getString("reset_token"),
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
    b.putIfNotNull("username", username);
    b.putIfNotNull("public_key", publicKey);
    b.putIfNotNull("iota_id", iotaId);
    b.putIfNotNull("reset_token", resetToken);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.COMPLETE_REGISTER_USER;
  }

  @Override
  public String toString() {
    return "CompleteRegisterUser["
        + "userId="
        + userId
        + ", "
        + "username="
        + username
        + ", "
        + "publicKey="
        + publicKey
        + ", "
        + "iotaId="
        + iotaId
        + ", "
        + "resetToken="
        + (resetToken == null ? "null" : "***")
        + "]";
  }
}

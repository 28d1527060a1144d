package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A change of the own profile; {@code user_id} is required by the server (it reads it from {@code
 * data}, not from the sender). Keys change with {@code public_key} and {@code private_key_hash}
 * together.
 *
 * <p>Message type {@code change_user_data}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param userId {@code user_id}: the own user id; null if absent
 * @param username {@code username}: new name; null if absent
 * @param display {@code display}: new display name; null if absent
 * @param avatar {@code avatar}: new avatar, base64; null if absent
 * @param about {@code about}: new about text; null if absent
 * @param status {@code status}: new status text; null if absent
 * @param publicKey {@code public_key}: new public key, base64; null if absent
 * @param privateKeyHash {@code private_key_hash}: hash of the new private key; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record ChangeUserData(
    @Nullable OmikronId userId,
    @Nullable String username,
    @Nullable String display,
    @Nullable String avatar,
    @Nullable String about,
    @Nullable String status,
    @Nullable String publicKey,
    @Nullable String privateKeyHash,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param username see {@link #username()}
   * @param display see {@link #display()}
   * @param avatar see {@link #avatar()}
   * @param about see {@link #about()}
   * @param status see {@link #status()}
   * @param publicKey see {@link #publicKey()}
   * @param privateKeyHash see {@link #privateKeyHash()}
   * @param raw see {@link #raw()}
   */
  public ChangeUserData {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static ChangeUserData from(OmikronData d) {
    return new ChangeUserData(
        d.getId("user_id"),
        d.getString("username"),
        d.getString("display"),
        d.getString("avatar"),
        d.getString("about"),
        d.getString("status"),
        d.getString("public_key"),
        d.getString("private_key_hash"),
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
    b.putIfNotNull("display", display);
    b.putIfNotNull("avatar", avatar);
    b.putIfNotNull("about", about);
    b.putIfNotNull("status", status);
    b.putIfNotNull("public_key", publicKey);
    b.putIfNotNull("private_key_hash", privateKeyHash);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.CHANGE_USER_DATA;
  }

  @Override
  public String toString() {
    return "ChangeUserData["
        + "userId="
        + userId
        + ", "
        + "username="
        + username
        + ", "
        + "display="
        + display
        + ", "
        + "avatar="
        + avatar
        + ", "
        + "about="
        + about
        + ", "
        + "status="
        + status
        + ", "
        + "publicKey="
        + publicKey
        + ", "
        + "privateKeyHash="
        + (privateKeyHash == null ? "null" : "***")
        + "]";
  }
}

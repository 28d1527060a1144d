package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A new Iota's registration (first run only); answered by {@code success} with {@code iota_id}.
 *
 * <p>Message type {@code register_iota}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param publicKey {@code public_key}: base64 of the Iota's raw X448 public key; null if absent
 * @param iotaId {@code iota_id}: the allocated id (reply); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record RegisterIota(
    @Nullable String publicKey, @Nullable OmikronId iotaId, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param publicKey see {@link #publicKey()}
   * @param iotaId see {@link #iotaId()}
   * @param raw see {@link #raw()}
   */
  public RegisterIota {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static RegisterIota from(OmikronData d) {
    return new RegisterIota(d.getString("public_key"), d.getId("iota_id"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("public_key", publicKey);
    b.putIfNotNull("iota_id", iotaId);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.REGISTER_IOTA;
  }

  @Override
  public String toString() {
    return "RegisterIota[" + "publicKey=" + publicKey + ", " + "iotaId=" + iotaId + "]";
  }
}

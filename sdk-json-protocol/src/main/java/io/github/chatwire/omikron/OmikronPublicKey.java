package io.github.chatwire.omikron;

import io.github.chatwire.omikron.codec.X448Challenge;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An X448 public key. Servers exchange it as standard base64 of the raw 56 bytes; this class also
 * accepts X448 SubjectPublicKeyInfo DER (68 bytes, OID 1.3.101.111) as the JavaScript clients do.
 * Immutable and thread-safe.
 */
public final class OmikronPublicKey {
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x42, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6f, 0x03, 0x39, 0x00
  };

  private final byte[] raw;

  private OmikronPublicKey(byte[] raw) {
    this.raw = raw;
  }

  /**
   * Parses base64 of the raw 56-byte key or of its SPKI DER form.
   *
   * @param base64 the text; never null
   * @return the key
   * @throws IllegalArgumentException if it is not base64 or has neither form
   */
  public static OmikronPublicKey parse(String base64) {
    Objects.requireNonNull(base64, "base64");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("public key is not base64");
    }
    return ofBytes(bytes);
  }

  /**
   * A key from raw 56 bytes or SPKI DER bytes. The array is copied.
   *
   * @param bytes the bytes; never null
   * @return the key
   * @throws IllegalArgumentException if the bytes have neither form
   */
  public static OmikronPublicKey ofBytes(byte[] bytes) {
    if (bytes.length == X448Challenge.KEY_LENGTH) {
      return new OmikronPublicKey(bytes.clone());
    }
    if (bytes.length == SPKI_PREFIX.length + X448Challenge.KEY_LENGTH
        && Arrays.equals(Arrays.copyOf(bytes, SPKI_PREFIX.length), SPKI_PREFIX)) {
      return new OmikronPublicKey(Arrays.copyOfRange(bytes, SPKI_PREFIX.length, bytes.length));
    }
    throw new IllegalArgumentException(
        "public key is " + bytes.length + " bytes; expected 56 (raw X448) or 68 (X448 SPKI DER)");
  }

  /**
   * @return a copy of the raw 56 bytes
   */
  public byte[] raw() {
    return raw.clone();
  }

  /**
   * @return standard base64 of the raw 56 bytes, the form servers expect
   */
  public String base64() {
    return Base64.getEncoder().encodeToString(raw);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OmikronPublicKey && Arrays.equals(raw, ((OmikronPublicKey) o).raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  /**
   * @return the key's base64 (public keys are not secret)
   */
  @Override
  public String toString() {
    return "OmikronPublicKey[" + base64() + "]";
  }
}

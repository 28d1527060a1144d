package io.github.chatwire.omikron;

import io.github.chatwire.omikron.codec.X448Challenge;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A user's or Iota's X448 private key. Accepted as standard base64 of the raw 56 bytes (the form
 * Iotas store) or of PKCS#8 DER (72 bytes, as the JavaScript clients accept).
 *
 * <p>The text the key was given as is kept, because the older {@code private_key_hash} covers that
 * exact base64 text, not the key bytes. Immutable and thread-safe; {@link #toString()}, {@code
 * equals} aside, never reveals the key.
 */
public final class OmikronPrivateKey {
  private static final byte[] PKCS8_PREFIX = {
    0x30, 0x46, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6f, 0x04, 0x3a, 0x04, 0x38
  };

  private final byte[] raw;
  private final String text;

  private OmikronPrivateKey(byte[] raw, String text) {
    this.raw = raw;
    this.text = text;
  }

  /**
   * Parses base64 of the raw 56-byte key or of its PKCS#8 DER form.
   *
   * @param base64 the text; never null
   * @return the key
   * @throws IllegalArgumentException if it is not base64 or has neither form (the message never
   *     contains the key)
   */
  public static OmikronPrivateKey parse(String base64) {
    Objects.requireNonNull(base64, "base64");
    String text = base64.replace("\n", "").replace("\r", "").trim();
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("private key is not base64");
    }
    if (bytes.length == X448Challenge.KEY_LENGTH) {
      return new OmikronPrivateKey(bytes, text);
    }
    if (bytes.length == PKCS8_PREFIX.length + X448Challenge.KEY_LENGTH
        && Arrays.equals(Arrays.copyOf(bytes, PKCS8_PREFIX.length), PKCS8_PREFIX)) {
      return new OmikronPrivateKey(
          Arrays.copyOfRange(bytes, PKCS8_PREFIX.length, bytes.length), text);
    }
    Arrays.fill(bytes, (byte) 0);
    throw new IllegalArgumentException(
        "private key is "
            + bytes.length
            + " bytes; expected 56 (raw X448) or 72 (X448 PKCS#8 DER)");
  }

  /**
   * A key from raw bytes; its text form is standard base64 of them.
   *
   * @param raw 56 bytes; copied
   * @return the key
   * @throws IllegalArgumentException if not 56 bytes
   */
  public static OmikronPrivateKey ofRaw(byte[] raw) {
    if (raw.length != X448Challenge.KEY_LENGTH) {
      throw new IllegalArgumentException("X448 private key must be 56 bytes");
    }
    return new OmikronPrivateKey(raw.clone(), Base64.getEncoder().encodeToString(raw));
  }

  /**
   * Generates a new key.
   *
   * @param random the randomness; never null
   * @return the key
   */
  public static OmikronPrivateKey generate(SecureRandom random) {
    return ofRaw(X448Challenge.generatePrivateKey(random));
  }

  /**
   * The raw key bytes. Handle with care; never log them.
   *
   * @return a copy of the 56 bytes
   */
  public byte[] raw() {
    return raw.clone();
  }

  /**
   * The matching public key.
   *
   * @return the public key
   */
  public OmikronPublicKey publicKey() {
    return OmikronPublicKey.ofBytes(X448Challenge.publicKeyOf(raw));
  }

  /**
   * The older identification's {@code private_key_hash}: SHA-256 hex of the key text as given.
   *
   * @return 64 lowercase hex digits
   */
  public String privateKeyHash() {
    return X448Challenge.privateKeyHash(text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OmikronPrivateKey && Arrays.equals(raw, ((OmikronPrivateKey) o).raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  /**
   * @return a placeholder; never the key
   */
  @Override
  public String toString() {
    return "OmikronPrivateKey[***]";
  }
}

package io.github.chatwire.omikron.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PublicKeyParameters;
import org.jspecify.annotations.Nullable;

/**
 * The cryptography of the Omikron X448 challenge ("SecurePayload" scheme of the reference server):
 * {@code Z = X448(own private, peer public)}; {@code OKM = HKDF-SHA256(ikm Z, no salt, info
 * "x448-aes-gcm-no-overhead", 44 bytes)}; key = OKM[0..32], nonce = OKM[32..44]; AES-256-GCM with
 * the 16-byte tag appended and no nonce on the wire. Also the older {@code private_key_hash}.
 * BouncyCastle's lightweight API only, so it runs on Android.
 *
 * <p>Pure functions; thread-safe. Exceptions never contain key material.
 */
public final class X448Challenge {
  /** Length of a raw X448 key in bytes. */
  public static final int KEY_LENGTH = 56;

  private static final byte[] INFO = "x448-aes-gcm-no-overhead".getBytes(StandardCharsets.US_ASCII);
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private X448Challenge() {}

  /**
   * The X448 shared secret.
   *
   * @param ownPrivate 56 raw private-key bytes
   * @param peerPublic 56 raw public-key bytes
   * @return the 56-byte shared secret
   * @throws GeneralSecurityException if a key has the wrong length or the peer key is of low order
   *     (all-zero secret); a {@link MalformedInputException} for a bad peer key
   */
  public static byte[] sharedSecret(byte[] ownPrivate, byte[] peerPublic)
      throws GeneralSecurityException {
    checkLength(ownPrivate, "private key");
    if (peerPublic == null || peerPublic.length != KEY_LENGTH) {
      throw new MalformedInputException(
          "public key must be 56 bytes, got " + (peerPublic == null ? 0 : peerPublic.length));
    }
    byte[] z = new byte[KEY_LENGTH];
    try {
      new X448PrivateKeyParameters(ownPrivate, 0)
          .generateSecret(new X448PublicKeyParameters(peerPublic, 0), z, 0);
    } catch (IllegalStateException e) {
      throw new MalformedInputException("X448 agreement failed (low-order public key)");
    }
    return z;
  }

  /**
   * The 44 bytes of HKDF output: AES key (32) followed by the GCM nonce (12).
   *
   * @param sharedSecret the X448 shared secret
   * @return 44 bytes
   */
  public static byte[] deriveKeyAndNonce(byte[] sharedSecret) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(sharedSecret, null, INFO));
    byte[] okm = new byte[44];
    hkdf.generateBytes(okm, 0, okm.length);
    return okm;
  }

  /**
   * Encrypts a plaintext for a peer (what the Omikron does to make a challenge).
   *
   * @param ownPrivate 56 raw bytes
   * @param peerPublic 56 raw bytes
   * @param plaintext the bytes to encrypt
   * @return ciphertext followed by the 16-byte tag
   * @throws GeneralSecurityException on a bad key
   */
  public static byte[] encrypt(byte[] ownPrivate, byte[] peerPublic, byte[] plaintext)
      throws GeneralSecurityException {
    return gcm(true, ownPrivate, peerPublic, plaintext);
  }

  /**
   * Decrypts what a peer encrypted for us (what a client does with a challenge).
   *
   * @param ownPrivate 56 raw bytes
   * @param peerPublic 56 raw bytes
   * @param ciphertextAndTag ciphertext followed by the tag
   * @return the plaintext
   * @throws GeneralSecurityException on a bad key or if the ciphertext does not authenticate; a
   *     {@link MalformedInputException} if the input is shorter than the tag or the peer key is
   *     malformed
   */
  public static byte[] decrypt(byte[] ownPrivate, byte[] peerPublic, byte[] ciphertextAndTag)
      throws GeneralSecurityException {
    if (ciphertextAndTag.length < 16) {
      throw new MalformedInputException("ciphertext shorter than the GCM tag");
    }
    return gcm(false, ownPrivate, peerPublic, ciphertextAndTag);
  }

  private static byte[] gcm(boolean encrypt, byte[] ownPrivate, byte[] peerPublic, byte[] input)
      throws GeneralSecurityException {
    byte[] z = sharedSecret(ownPrivate, peerPublic);
    byte[] okm = deriveKeyAndNonce(z);
    try {
      return HkdfGcmCipher.aesGcm(
          encrypt,
          Arrays.copyOfRange(okm, 0, 32),
          Arrays.copyOfRange(okm, 32, 44),
          input,
          "challenge does not decrypt with this key");
    } finally {
      Arrays.fill(z, (byte) 0);
      Arrays.fill(okm, (byte) 0);
    }
  }

  /**
   * Solves a challenge as a client or Iota: decrypts the base64 {@code challenge} field with the
   * Omikron's public key from the same message and encodes the answer.
   *
   * @param ownPrivate 56 raw bytes
   * @param omikronPublicBase64 the {@code public_key} field; null if missing
   * @param challengeBase64 the {@code challenge} field; null if missing
   * @param base64Answer true for {@code base64(plaintext)} (E3), false for the plaintext as UTF-8
   *     text (E4 and early E3)
   * @return the {@code challenge_response} value
   * @throws MalformedInputException if a field is missing or not base64, the public key is not 56
   *     bytes or of low order, or the challenge is shorter than the tag (a protocol error)
   * @throws GeneralSecurityException if the well-formed challenge does not decrypt with this key
   */
  public static String solve(
      byte[] ownPrivate,
      @Nullable String omikronPublicBase64,
      @Nullable String challengeBase64,
      boolean base64Answer)
      throws GeneralSecurityException {
    byte[] peer = decodeBase64(omikronPublicBase64, "public_key");
    if (peer.length != KEY_LENGTH) {
      throw new MalformedInputException(
          "Omikron public key is " + peer.length + " bytes, expected 56");
    }
    byte[] plain = decrypt(ownPrivate, peer, decodeBase64(challengeBase64, "challenge"));
    return base64Answer
        ? Base64.getEncoder().encodeToString(plain)
        : new String(plain, StandardCharsets.UTF_8);
  }

  /**
   * A fresh challenge string: 32 random characters from {@code [A-Za-z0-9]}.
   *
   * @param random the randomness; never null
   * @return the string
   */
  public static String newChallengeString(SecureRandom random) {
    char[] c = new char[32];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }

  /**
   * The older identification's {@code private_key_hash}: lowercase hex SHA-256 of the ASCII bytes
   * of the base64 private-key text exactly as stored.
   *
   * @param base64PrivateKey the stored text
   * @return 64 lowercase hex digits
   */
  public static String privateKeyHash(String base64PrivateKey) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(base64PrivateKey.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : h) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * A new X448 private key (as the Omikron and Iotas make them).
   *
   * @param random the randomness; never null
   * @return 56 raw bytes
   */
  public static byte[] generatePrivateKey(SecureRandom random) {
    return new X448PrivateKeyParameters(random).getEncoded();
  }

  /**
   * The public key of a private key.
   *
   * @param privateKey 56 raw bytes
   * @return 56 raw bytes
   * @throws IllegalArgumentException if the key is not 56 bytes
   */
  public static byte[] publicKeyOf(byte[] privateKey) {
    if (privateKey == null || privateKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("X448 private key must be 56 bytes");
    }
    return new X448PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
  }

  private static byte[] decodeBase64(@Nullable String s, String field)
      throws GeneralSecurityException {
    if (s == null) {
      throw new MalformedInputException("'" + field + "' is missing");
    }
    try {
      return Base64.getDecoder().decode(s.trim());
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException("'" + field + "' is not base64");
    }
  }

  private static void checkLength(byte[] key, String what) throws GeneralSecurityException {
    if (key == null || key.length != KEY_LENGTH) {
      throw new GeneralSecurityException(
          what + " must be 56 bytes, got " + (key == null ? 0 : key.length));
    }
  }
}

package io.github.chatwire.omikron.codec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The key material two users share for their direct messages: the 56-byte X448 secret {@code Z =
 * X448(own private, peer public)} (the same from both sides) and the keys each {@link
 * MessageScheme} derives from it, computed once here so that encrypting and decrypting need no
 * further key agreement.
 *
 * <p>Immutable and thread-safe. It holds secrets: {@link #toString()} never shows them, there is no
 * {@code equals} on the bytes, and nothing here logs.
 */
public final class SharedSecret {
  private final byte[] webClientKey;
  private final byte[] gcmKey;
  private final byte[] gcmNonce;

  private SharedSecret(byte[] z) {
    byte[] hex = lowerHexAscii(z);
    this.webClientKey = sha256(hex);
    Arrays.fill(hex, (byte) 0);
    byte[] okm = X448Challenge.deriveKeyAndNonce(z);
    this.gcmKey = Arrays.copyOfRange(okm, 0, 32);
    this.gcmNonce = Arrays.copyOfRange(okm, 32, 44);
    Arrays.fill(okm, (byte) 0);
  }

  /**
   * Agrees on the secret with a peer.
   *
   * @param ownPrivate the own 56 raw private-key bytes; never null
   * @param peerPublic the peer's 56 raw public-key bytes; never null
   * @return the shared secret
   * @throws MalformedInputException if the peer key is not 56 bytes or of low order
   * @throws GeneralSecurityException if the own key is not 56 bytes
   */
  public static SharedSecret agree(byte[] ownPrivate, byte[] peerPublic)
      throws GeneralSecurityException {
    byte[] z = X448Challenge.sharedSecret(ownPrivate, peerPublic);
    try {
      return new SharedSecret(z);
    } finally {
      Arrays.fill(z, (byte) 0);
    }
  }

  /**
   * A secret from the raw 56 bytes of {@code Z} (for known-answer tests).
   *
   * @param z the X448 output; never null; not kept
   * @return the shared secret
   * @throws IllegalArgumentException if not 56 bytes
   */
  public static SharedSecret ofRaw(byte[] z) {
    if (z.length != X448Challenge.KEY_LENGTH) {
      throw new IllegalArgumentException("an X448 shared secret is 56 bytes");
    }
    return new SharedSecret(z);
  }

  /**
   * @return the web client's AES-256 key, SHA-256 of the lowercase hex of Z; a copy
   */
  byte[] webClientKey() {
    return webClientKey.clone();
  }

  /**
   * @return the HKDF-derived AES-256-GCM key; a copy
   */
  byte[] gcmKey() {
    return gcmKey.clone();
  }

  /**
   * @return the HKDF-derived 12-byte GCM nonce (the same for every message of this pair); a copy
   */
  byte[] gcmNonce() {
    return gcmNonce.clone();
  }

  /** The UTF-8 (= ASCII) bytes of the lowercase hex text, without a String that lingers. */
  private static byte[] lowerHexAscii(byte[] b) {
    byte[] out = new byte[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = (byte) Character.forDigit((b[i] >> 4) & 0xf, 16);
      out[2 * i + 1] = (byte) Character.forDigit(b[i] & 0xf, 16);
    }
    return out;
  }

  private static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * @return a placeholder; never the key material
   */
  @Override
  public String toString() {
    return "SharedSecret[***]";
  }
}

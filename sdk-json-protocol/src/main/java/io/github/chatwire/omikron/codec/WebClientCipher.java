package io.github.chatwire.omikron.codec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.jspecify.annotations.Nullable;

/**
 * {@link MessageScheme#WEB_CLIENT}, as the WebSocket-era Tensamin web client encrypts direct
 * messages: key = SHA-256 of the UTF-8 bytes of the lowercase hex X448 secret; AES-256-CBC with
 * PKCS#7 padding and a random 16-byte IV; {@code content = base64(IV || ciphertext)}.
 *
 * <p><b>The Latin-1 quirk, reproduced exactly.</b> The web client turns text into bytes with {@code
 * Uint8Array.from(text, c => c.charCodeAt(0))}: one byte per <em>code point</em>, namely its first
 * UTF-16 unit modulo 256; the receiver shows each byte as the character with that code. So {@code
 * "é"} survives, but {@code "€"} (U+20AC) arrives as {@code "¬"} and {@code "😀"} as {@code "="}.
 * {@link #survives(String)} tells whether a text gets through unchanged and {@link
 * #peerSees(String)} what the peer will read instead. Decryption yields the Latin-1 text the web
 * client would show.
 *
 * <p>No integrity: CBC without a MAC cannot detect tampering (see {@link MessageCipher}). Padding
 * is checked by BouncyCastle's {@link PKCS7Padding}; a failure gives one fixed message whatever the
 * padding bytes were. Thread-safe (the {@link SecureRandom} is).
 */
public final class WebClientCipher implements MessageCipher {
  private static final int BLOCK = 16;

  /** For decrypting only (needs no randomness); {@link #encrypt} on it is never called. */
  static final WebClientCipher DECRYPT_ONLY = new WebClientCipher(null);

  /** Null only in {@link #DECRYPT_ONLY}. */
  private final @Nullable SecureRandom random;

  WebClientCipher(@Nullable SecureRandom random) {
    this.random = random;
  }

  @Override
  public MessageScheme scheme() {
    return MessageScheme.WEB_CLIENT;
  }

  /**
   * Whether a text reaches a web-client peer unchanged: every code point is at most U+00FF.
   *
   * @param text the text; never null
   * @return true if {@link #peerSees(String)} equals the text
   */
  public static boolean survives(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp > 0xFF) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /**
   * What a web-client peer will read for a text: each code point becomes the Latin-1 character of
   * its first UTF-16 unit modulo 256.
   *
   * @param text the text; never null
   * @return the text as the peer shows it; never null
   */
  public static String peerSees(String text) {
    return latin1(bytesOf(text));
  }

  /** One byte per code point: its first UTF-16 unit modulo 256 (as {@code Uint8Array.from}). */
  static byte[] bytesOf(String text) {
    byte[] out = new byte[text.codePointCount(0, text.length())];
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      out[n++] = (byte) text.charAt(i);
      i += Character.charCount(cp);
    }
    return out;
  }

  static String latin1(byte[] b) {
    char[] c = new char[b.length];
    for (int i = 0; i < b.length; i++) {
      c[i] = (char) (b[i] & 0xFF);
    }
    return new String(c);
  }

  /**
   * Encrypts with a fresh IV from this cipher's {@link SecureRandom}. Text outside Latin-1 is
   * altered as described in the class comment (check {@link #survives(String)} first).
   */
  @Override
  public String encrypt(SharedSecret secret, String plaintext) throws GeneralSecurityException {
    SecureRandom r = random;
    if (r == null) {
      throw new IllegalStateException("this cipher only decrypts");
    }
    byte[] iv = new byte[BLOCK];
    r.nextBytes(iv);
    byte[] plain = bytesOf(plaintext);
    try {
      byte[] ct = cbc(true, secret, iv, plain, 0, plain.length);
      byte[] out = new byte[BLOCK + ct.length];
      System.arraycopy(iv, 0, out, 0, BLOCK);
      System.arraycopy(ct, 0, out, BLOCK, ct.length);
      return ContentBase64.encode(out);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  @Override
  public String decrypt(SharedSecret secret, String content) throws GeneralSecurityException {
    byte[] in = ContentBase64.decode(content);
    if (in.length < 2 * BLOCK) {
      throw new MalformedInputException(
          "content is " + in.length + " bytes, too short for a 16-byte IV and one AES block");
    }
    if (in.length % BLOCK != 0) {
      throw new MalformedInputException(
          "content is " + in.length + " bytes, not a whole number of AES blocks");
    }
    byte[] plain = cbc(false, secret, Arrays.copyOf(in, BLOCK), in, BLOCK, in.length - BLOCK);
    try {
      return latin1(plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] cbc(
      boolean encrypt, SharedSecret secret, byte[] iv, byte[] in, int off, int len)
      throws GeneralSecurityException {
    byte[] key = secret.webClientKey();
    try {
      BufferedBlockCipher c =
          new PaddedBufferedBlockCipher(
              CBCBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
      c.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
      byte[] out = new byte[c.getOutputSize(len)];
      int n = c.processBytes(in, off, len, out, 0);
      n += c.doFinal(out, n);
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (InvalidCipherTextException e) {
      throw new GeneralSecurityException(
          "bad CBC padding: not encrypted with this pair's key, or altered");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}

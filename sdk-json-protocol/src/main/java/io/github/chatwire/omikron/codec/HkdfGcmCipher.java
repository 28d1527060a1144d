package io.github.chatwire.omikron.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * {@link MessageScheme#HKDF_GCM}, as the newer Tensamin client encrypts direct messages: {@code OKM
 * = HKDF-SHA256(Z, no salt, "x448-aes-gcm-no-overhead", 44)}, key = OKM[0..32], nonce = OKM[32..44]
 * — <b>the same nonce for every message between the same two users</b> (see {@link MessageCipher}
 * for what that gives away); AES-256-GCM, no associated data; {@code content = base64(ciphertext ||
 * 16-byte tag)}; UTF-8 text (invalid UTF-8 after a valid tag becomes U+FFFD, as the JavaScript
 * {@code TextDecoder} does). The tag is checked by BouncyCastle in constant time. Stateless and
 * thread-safe.
 */
final class HkdfGcmCipher implements MessageCipher {
  static final HkdfGcmCipher INSTANCE = new HkdfGcmCipher();
  private static final int TAG_BYTES = 16;

  private HkdfGcmCipher() {}

  @Override
  public MessageScheme scheme() {
    return MessageScheme.HKDF_GCM;
  }

  @Override
  public String encrypt(SharedSecret secret, String plaintext) throws GeneralSecurityException {
    byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
    try {
      return ContentBase64.encode(gcm(true, secret, plain));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  @Override
  public String decrypt(SharedSecret secret, String content) throws GeneralSecurityException {
    byte[] in = ContentBase64.decode(content);
    if (in.length < TAG_BYTES) {
      throw new MalformedInputException(
          "content is " + in.length + " bytes, shorter than the 16-byte GCM tag");
    }
    byte[] plain = gcm(false, secret, in);
    try {
      return new String(plain, StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] gcm(boolean encrypt, SharedSecret secret, byte[] input)
      throws GeneralSecurityException {
    return aesGcm(
        encrypt,
        secret.gcmKey(),
        secret.gcmNonce(),
        input,
        "GCM tag mismatch: not encrypted with this pair's key, or altered");
  }

  /**
   * AES-256-GCM with a 16-byte tag and no associated data, shared with {@link X448Challenge}.
   *
   * @param encrypt true to encrypt
   * @param key 32 bytes; zeroed afterwards
   * @param nonce 12 bytes
   * @param input plaintext, or ciphertext followed by the tag
   * @param tagFailure the message when the tag does not match (no secrets)
   * @return ciphertext and tag, or the plaintext
   * @throws GeneralSecurityException if the tag does not match (checked in constant time)
   */
  static byte[] aesGcm(boolean encrypt, byte[] key, byte[] nonce, byte[] input, String tagFailure)
      throws GeneralSecurityException {
    try {
      GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
      cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, null));
      byte[] out = new byte[cipher.getOutputSize(input.length)];
      int n = cipher.processBytes(input, 0, input.length, out, 0);
      n += cipher.doFinal(out, n);
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (InvalidCipherTextException e) {
      throw new GeneralSecurityException(tagFailure);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}

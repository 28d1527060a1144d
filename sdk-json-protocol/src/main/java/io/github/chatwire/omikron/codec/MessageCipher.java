package io.github.chatwire.omikron.codec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * End-to-end protection of direct-message {@code content}, one implementation per {@link
 * MessageScheme}. Pure functions of their arguments (the web-client scheme also draws its IV from
 * the {@link SecureRandom} it was made with); thread-safe; BouncyCastle's lightweight API and the
 * JDK only, so they run on Android API 26. Tag and padding checks are BouncyCastle's constant-time
 * ones. No exception message contains key material or plaintext, and nothing here logs.
 *
 * <p><b>What the schemes protect.</b> Both keep the text from the Omikron, Omega and the Iotas,
 * which relay and store {@code content} without the key. Neither hides who talks to whom, when, or
 * how long a message is (ciphertext length follows plaintext length), and neither offers forward
 * secrecy: whoever later obtains either user's X448 private key can read every stored message of
 * the pair.
 *
 * <ul>
 *   <li>{@link #webClient(SecureRandom)}: AES-256-CBC without a MAC, so a server can flip bits or
 *       cut blocks and the receiver cannot tell (a wrong key is detected only by PKCS#7 padding,
 *       with a false "success" about once in 256 tries). Text is sent as one byte per code point
 *       and read back as Latin-1, so anything outside U+0000..U+00FF arrives altered; see {@link
 *       WebClientCipher#survives(String)}.
 *   <li>{@link #hkdfGcm()}: AES-256-GCM detects any change, but the key <em>and nonce</em> are
 *       derived from the pair's shared secret alone, so every message between the same two users
 *       uses the same nonce. This is the protocol's own weakness, reproduced for interoperability:
 *       two ciphertexts of the pair XOR to the XOR of their plaintexts, and one known plaintext
 *       lets an observer forge messages (the GHASH key can be recovered). Treat it as protection
 *       against casual reading, not against an active server.
 *   <li>{@link #plain()}: nothing.
 * </ul>
 */
public interface MessageCipher {
  /**
   * The scheme this cipher implements.
   *
   * @return the scheme; never null
   */
  MessageScheme scheme();

  /**
   * Protects a text for the peer the secret is shared with.
   *
   * @param secret the pair's secret; never null
   * @param plaintext the text; never null
   * @return the {@code content} value (base64 for the encrypting schemes)
   * @throws GeneralSecurityException if the cipher cannot run (not expected with BouncyCastle)
   */
  String encrypt(SharedSecret secret, String plaintext) throws GeneralSecurityException;

  /**
   * Recovers the text of a {@code content} value.
   *
   * @param secret the pair's secret; never null
   * @param content the value as received; never null
   * @return the text
   * @throws MalformedInputException if the content cannot be a message of this scheme (not base64,
   *     too short for the IV or tag, not whole blocks)
   * @throws GeneralSecurityException if it is well-formed but does not decrypt with this secret
   *     (GCM tag mismatch, bad CBC padding)
   */
  String decrypt(SharedSecret secret, String content) throws GeneralSecurityException;

  /**
   * The web client's scheme with IVs from {@code random}.
   *
   * @param random the IV source (a fixed one reproduces known-answer vectors); never null
   * @return the cipher
   */
  static WebClientCipher webClient(SecureRandom random) {
    return new WebClientCipher(Objects.requireNonNull(random, "random"));
  }

  /**
   * The newer client's HKDF/AES-GCM scheme (deterministic: no randomness).
   *
   * @return the cipher
   */
  static MessageCipher hkdfGcm() {
    return HkdfGcmCipher.INSTANCE;
  }

  /**
   * No protection: content is the text.
   *
   * @return the cipher
   */
  static MessageCipher plain() {
    return PlainCipher.INSTANCE;
  }

  /**
   * The cipher of a scheme.
   *
   * @param scheme the scheme; never null
   * @param random the IV source for {@link MessageScheme#WEB_CLIENT}; never null
   * @return the cipher
   */
  static MessageCipher of(MessageScheme scheme, SecureRandom random) {
    switch (Objects.requireNonNull(scheme, "scheme")) {
      case WEB_CLIENT:
        return webClient(random);
      case HKDF_GCM:
        return hkdfGcm();
      case PLAIN:
      default:
        return plain();
    }
  }
}

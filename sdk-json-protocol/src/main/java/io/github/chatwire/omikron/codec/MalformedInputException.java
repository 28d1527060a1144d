package io.github.chatwire.omikron.codec;

import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/**
 * Cryptographic input from a peer that is not even well-formed: not base64, a public key that is
 * not 56 bytes, a low-order public key, a ciphertext too short for its IV or tag, a CBC ciphertext
 * that is not a whole number of blocks. Distinct from a plain {@link GeneralSecurityException},
 * which means well-formed input that does not authenticate or decrypt with this key. The message
 * names the field and the length, never key material.
 */
public class MalformedInputException extends GeneralSecurityException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, without secrets; may be null
   */
  public MalformedInputException(@Nullable String message) {
    super(message);
  }
}

package io.github.chatwire.omikron;

import io.github.chatwire.core.ProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * The Omikron sent something that breaks the protocol during identification: a challenge whose
 * {@code public_key} or {@code challenge} is not base64, a public key that is not 56 bytes, a
 * ciphertext shorter than its GCM tag, a low-order key. One corrupted frame says nothing about the
 * credentials, so unlike {@link OmikronAuthenticationException} this is <em>retryable</em>: the
 * connection reconnects with backoff and identifies again. The message never contains key material.
 */
public class OmikronProtocolException extends ProtocolException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, without secrets; never null
   * @param cause the cause; may be null
   */
  public OmikronProtocolException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Always true: a malformed frame may be a one-off corruption; the engine reconnects with backoff.
   *
   * @return true
   */
  @Override
  public boolean isRetryable() {
    return true;
  }
}

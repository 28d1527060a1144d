package io.github.chatwire.tauri;

import io.github.chatwire.core.ChatwireException;
import org.jspecify.annotations.Nullable;

/**
 * The QUIC/TLS handshake failed on this side: the server's certificate is not trusted, does not
 * match the host name, or the handshake could not agree on parameters. Terminal (not retryable, the
 * client closes instead of reconnecting): a misconfiguration does not heal by reconnecting. When
 * the server's chain was refused, the message says why (for example "a certificate in the server's
 * chain has expired") and {@link #getCause()} is the validator's {@link
 * java.security.cert.CertificateException}.
 */
public class TauriTlsException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a description; may be null
   * @param cause the underlying cause; may be null
   */
  public TauriTlsException(String message, @Nullable Throwable cause) {
    super(message, cause, false);
  }
}

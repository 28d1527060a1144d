package io.github.chatwire.tauri;

import io.github.chatwire.core.AuthenticationException;
import org.jspecify.annotations.Nullable;

/**
 * The server rejected this client's certificate in the TLS handshake (it closed the QUIC connection
 * with a TLS alert such as {@code certificate_required}, {@code bad_certificate} or, for an
 * untrusted certificate, {@code internal_error}). This can happen after the QUIC handshake has
 * returned, so it arrives as the cause of the connection's CLOSED state. Terminal: the client does
 * not reconnect with the same certificate.
 */
public class ClientCertificateRejectedException extends AuthenticationException {
  private static final long serialVersionUID = 1L;

  /** The TLS alert code the server sent. */
  private final int alert;

  /**
   * Creates the exception.
   *
   * @param alert the TLS alert code the server sent (for example 116 for {@code
   *     certificate_required}); -1 if unknown
   * @param message a description, without secrets; may be null
   */
  public ClientCertificateRejectedException(int alert, @Nullable String message) {
    super(message);
    this.alert = alert;
  }

  /**
   * The TLS alert code the server sent.
   *
   * @return the alert code, or -1 if unknown
   */
  public int alert() {
    return alert;
  }
}

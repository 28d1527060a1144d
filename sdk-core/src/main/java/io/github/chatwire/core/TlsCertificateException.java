package io.github.chatwire.core;

/**
 * The server's TLS certificate was refused: not trusted (unknown issuer, expired, self-signed), not
 * valid for the host name, or not matching a configured pin. Terminal by default, because the same
 * certificate will be refused again; a transport can be configured to retry instead (for example
 * behind a captive portal). The cause is the TLS stack's exception.
 */
public class TlsCertificateException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which host and why, without secrets; may be null
   * @param cause the TLS stack's exception; may be null
   * @param retryable whether the connection should be retried with backoff
   */
  public TlsCertificateException(String message, Throwable cause, boolean retryable) {
    super(message, cause, retryable);
  }
}

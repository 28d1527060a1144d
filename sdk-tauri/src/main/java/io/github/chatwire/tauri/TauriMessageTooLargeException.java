package io.github.chatwire.tauri;

import io.github.chatwire.core.MessageTooLargeException;

/**
 * An inbound Tauri message was larger than {@link TauriPushClient.Builder#maxMessageBytes(int)}.
 * QUIC has no WebSocket close codes: the client closed the QUIC connection with the application
 * error code {@link #applicationErrorCode()} ({@link TauriPushClient#CLOSE_MESSAGE_TOO_LARGE}), and
 * the message says so. It reconnects like after any lost connection (retryable).
 */
public final class TauriMessageTooLargeException extends MessageTooLargeException {
  private static final long serialVersionUID = 1L;

  /** The QUIC application error code the client closed the connection with. */
  private final long applicationErrorCode;

  /**
   * Creates the exception.
   *
   * @param size the size of the message that arrived (so far), in bytes
   * @param limit the configured maximum, in bytes
   * @param applicationErrorCode the QUIC application error code the client closed with
   */
  public TauriMessageTooLargeException(long size, long limit, long applicationErrorCode) {
    super(size, limit);
    this.applicationErrorCode = applicationErrorCode;
  }

  /**
   * The QUIC application error code the client sent in its CONNECTION_CLOSE.
   *
   * @return the code
   */
  public long applicationErrorCode() {
    return applicationErrorCode;
  }

  /**
   * What happened and what was sent on the wire.
   *
   * @return e.g. "inbound message of 2000 bytes exceeds the limit of 1024 bytes; closed the QUIC
   *     connection with application error 0x1009"
   */
  @Override
  public String getMessage() {
    return "inbound message of "
        + size()
        + " bytes exceeds the limit of "
        + limit()
        + " bytes; closed the QUIC connection with "
        + "QUIC application error 0x"
        + Long.toHexString(applicationErrorCode);
  }
}

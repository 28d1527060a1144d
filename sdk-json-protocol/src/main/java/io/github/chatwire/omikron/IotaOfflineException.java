package io.github.chatwire.omikron;

import io.github.chatwire.omikron.model.ErrorReply;

/**
 * {@code error_no_iota}: the user's home server (Iota) is not connected to the Omikron, so relayed
 * requests cannot be answered. Retryable: try again later.
 */
public class IotaOfflineException extends OmikronServerException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reply the error message; never null
   */
  public IotaOfflineException(ErrorReply reply) {
    super(reply, true);
  }
}

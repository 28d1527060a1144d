package io.github.chatwire.omikron;

import io.github.chatwire.core.ServerErrorException;
import io.github.chatwire.omikron.model.ErrorReply;
import io.github.chatwire.omikron.model.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * The Omikron (or an Iota or Omega behind it) answered a request with an {@code error*} message.
 * {@link #code()} is the error type, e.g. {@code error_not_found}.
 */
public class OmikronServerException extends ServerErrorException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** The error message (not serialized). */
  private final transient @Nullable ErrorReply reply;

  /**
   * Creates the exception.
   *
   * @param reply the error message; never null
   * @param retryable whether the request may succeed later
   */
  public OmikronServerException(ErrorReply reply, boolean retryable) {
    super(reply.type().wireName(), reply.errorType(), retryable);
    this.reply = reply;
  }

  /**
   * Creates the exception for an error reply, retryable for {@code error_internal} and {@code
   * error_no_iota}.
   *
   * @param reply the error; never null
   * @return the exception ({@link IotaOfflineException} for {@code error_no_iota})
   */
  public static OmikronServerException of(ErrorReply reply) {
    if (reply.type().equals(MessageType.ERROR_NO_IOTA)) {
      return new IotaOfflineException(reply);
    }
    return new OmikronServerException(reply, reply.type().equals(MessageType.ERROR_INTERNAL));
  }

  /**
   * The error message as received.
   *
   * @return the reply; null after deserialisation
   */
  public @Nullable ErrorReply reply() {
    return reply;
  }
}

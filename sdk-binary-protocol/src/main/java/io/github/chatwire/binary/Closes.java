package io.github.chatwire.binary;

import io.github.chatwire.core.ChatwireException;

/** Maps the server's close codes to typed causes (the reference's reconnect table). */
final class Closes {
  private Closes() {}

  static String describe(String what, int code, String reason) {
    return what
        + " (close "
        + code
        + (reason == null || reason.isEmpty() ? "" : ": " + reason)
        + ")";
  }

  /**
   * The cause for a close by the server.
   *
   * @param code the close code
   * @param reason the reason; never null
   * @return the typed cause; its retryability decides reconnecting
   */
  static ChatwireException classify(int code, String reason) {
    switch (code) {
      case 3001:
        return new UnauthorizedException(code, reason);
      case 3002:
        return new VersionMismatchException(code, reason);
      case 3003:
        return new PingTimeoutException(code, reason);
      case 3004:
        return new AccessKeyRevokedException(code, reason);
      case 3005:
        return new BinaryWsServerException(code, reason);
      default:
        return new ServerClosedException(code, reason);
    }
  }
}

package io.github.chatwire.binary;

import io.github.chatwire.binary.model.DisconnectReason;
import org.jspecify.annotations.Nullable;

/**
 * A cause that came from the server closing the WebSocket: the close code and the server's
 * human-readable reason, always kept. Implemented by the binary client's close exceptions.
 */
public interface ServerClose {
  /**
   * The WebSocket close code.
   *
   * @return the code, e.g. 3001
   */
  int closeCode();

  /**
   * The server's human-readable reason.
   *
   * @return the reason; never null, empty if the server gave none
   */
  String closeReason();

  /**
   * The protocol's meaning of the code.
   *
   * @return the reason for 3000..3005; null for other codes
   */
  default @Nullable DisconnectReason disconnectReason() {
    return DisconnectReason.of(closeCode());
  }
}

package io.github.chatwire.binary.model;

import org.jspecify.annotations.Nullable;

/** The close codes of the binary protocol, with whether the SDK reconnects after each. */
public enum DisconnectReason {
  /** 3000, reserved; treated as an unknown application error (reconnect with backoff). */
  RESERVED(3000, true),
  /** 3001, the access key was refused during authentication. Terminal. */
  UNAUTHORIZED(3001, false),
  /** 3002, the server does not accept this client version. Terminal. */
  VERSION_MISMATCH(3002, false),
  /** 3003, the client sent no Ping in time. Reconnect with backoff. */
  TIMEOUT(3003, true),
  /** 3004, the access key was revoked while connected. Terminal. */
  ACCESS_KEY_REVOKED(3004, false),
  /** 3005, the server failed. Reconnect with backoff. */
  SERVER_ERROR(3005, true);

  private final int code;
  private final boolean reconnect;

  DisconnectReason(int code, boolean reconnect) {
    this.code = code;
    this.reconnect = reconnect;
  }

  /**
   * The WebSocket close code.
   *
   * @return 3000..3005
   */
  public int code() {
    return code;
  }

  /**
   * Whether the SDK reconnects after this close.
   *
   * @return true for reserved, timeout and server error
   */
  public boolean reconnects() {
    return reconnect;
  }

  /**
   * The reason for a close code.
   *
   * @param code a WebSocket close code
   * @return the reason, or null if the code is not one of 3000..3005
   */
  public static @Nullable DisconnectReason of(int code) {
    for (DisconnectReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return null;
  }
}

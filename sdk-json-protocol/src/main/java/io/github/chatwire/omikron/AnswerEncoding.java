package io.github.chatwire.omikron;

/** How the answer to the X448 challenge is encoded in {@code challenge_response}. */
public enum AnswerEncoding {
  /**
   * {@code base64(decrypted bytes)}: the last WebSocket Omikron (E3, since February 2026). Default.
   */
  BASE64,
  /** The decrypted bytes as UTF-8 text: early E3 builds and the later binary protocol. */
  PLAIN
}

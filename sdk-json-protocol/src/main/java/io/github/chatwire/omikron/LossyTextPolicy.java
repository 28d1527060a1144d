package io.github.chatwire.omikron;

/**
 * What {@link OmikronClient#sendMessage} does with text that the web-client scheme ({@link
 * io.github.chatwire.omikron.codec.MessageScheme#WEB_CLIENT}) cannot carry: it sends one byte per
 * code point, so characters above U+00FF ("€", "😀", "中") arrive altered ({@link
 * io.github.chatwire.omikron.codec.WebClientCipher#peerSees(String)}).
 */
public enum LossyTextPolicy {
  /** Fail the send with a {@link LossyTextException}; nothing goes out. The default. */
  REJECT,
  /** Send anyway, as the web client itself would; the peer reads the altered text. */
  SEND_ALTERED
}

package io.github.chatwire.omikron;

import io.github.chatwire.core.ChatwireException;

/**
 * A direct message was not sent because the web-client scheme would alter it: the text has
 * characters above U+00FF, which that scheme sends as one byte each. Not retryable (the same text
 * fails the same way); send it with {@link
 * io.github.chatwire.omikron.codec.MessageScheme#HKDF_GCM}, or allow it with {@link
 * LossyTextPolicy#SEND_ALTERED}. The message does not contain the text.
 */
public class LossyTextException extends ChatwireException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** What the peer would have read. */
  private final String peerWouldSee;

  /**
   * Creates the exception.
   *
   * @param peerWouldSee what a web-client peer would read; never null
   * @param altered how many characters would change
   */
  public LossyTextException(String peerWouldSee, int altered) {
    super(
        "the web-client message scheme would alter "
            + altered
            + " character(s) outside Latin-1 (U+0000..U+00FF); not sent",
        null,
        false);
    this.peerWouldSee = peerWouldSee;
  }

  /**
   * What a web-client peer would have read instead of the text.
   *
   * @return the altered text; never null
   */
  public String peerWouldSee() {
    return peerWouldSee;
  }
}

package io.github.chatwire.omikron;

import java.util.Objects;

/**
 * How a connection proves who it is to the Omikron. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #x448Challenge()}: send the id, decrypt the Omikron's X448 challenge with the own
 *       private key and answer it (the last WebSocket Omikron, E3);
 *   <li>{@link #privateKeyHash()}: send the id with {@code private_key_hash} (E0–E2; the server
 *       answers {@code identification_response} directly).
 * </ul>
 *
 * Either way a {@code challenge} that arrives is answered, as long as a private key is set.
 */
public final class IdentificationStrategy {
  private final boolean sendHash;
  private final AnswerEncoding encoding;

  private IdentificationStrategy(boolean sendHash, AnswerEncoding encoding) {
    this.sendHash = sendHash;
    this.encoding = encoding;
  }

  /**
   * The X448 challenge with a base64 answer (E3). The default.
   *
   * @return the strategy
   */
  public static IdentificationStrategy x448Challenge() {
    return x448Challenge(AnswerEncoding.BASE64);
  }

  /**
   * The X448 challenge with the given answer encoding.
   *
   * @param encoding the encoding; never null
   * @return the strategy
   */
  public static IdentificationStrategy x448Challenge(AnswerEncoding encoding) {
    return new IdentificationStrategy(false, Objects.requireNonNull(encoding, "encoding"));
  }

  /**
   * The older {@code private_key_hash} identification (E0–E2).
   *
   * @return the strategy
   */
  public static IdentificationStrategy privateKeyHash() {
    return new IdentificationStrategy(true, AnswerEncoding.BASE64);
  }

  /**
   * @return true if the identification carries {@code private_key_hash}
   */
  public boolean sendsPrivateKeyHash() {
    return sendHash;
  }

  /**
   * @return the encoding of a challenge answer; never null
   */
  public AnswerEncoding answerEncoding() {
    return encoding;
  }

  @Override
  public String toString() {
    return sendHash ? "privateKeyHash" : "x448Challenge(" + encoding + ")";
  }
}

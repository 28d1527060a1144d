package io.github.chatwire.omikron.model;

/**
 * The delivery state of a direct message ({@code message_state}).
 *
 * <p>An open set: {@link #of(String)} returns the constant for a known name (matched ignoring case
 * and underscores) and keeps any other name as an unknown value. Immutable and thread-safe; compare
 * with {@code equals}.
 */
public final class MessageState extends AbstractOpenValue {
  private static final OpenValueSet<MessageState> VALUES = new OpenValueSet<>(MessageState::new);

  /** {@code sending}. */
  public static final MessageState SENDING = VALUES.known("sending");

  /** {@code sent}. */
  public static final MessageState SENT = VALUES.known("sent");

  /** {@code received}. */
  public static final MessageState RECEIVED = VALUES.known("received");

  /** {@code read}. */
  public static final MessageState READ = VALUES.known("read");

  private MessageState(String wireName, boolean known) {
    super(wireName, known);
  }

  /**
   * The value for a wire name.
   *
   * @param name the name as received; never null
   * @return the known constant, or an unknown value holding {@code name}
   */
  public static MessageState of(String name) {
    return VALUES.of(name);
  }
}

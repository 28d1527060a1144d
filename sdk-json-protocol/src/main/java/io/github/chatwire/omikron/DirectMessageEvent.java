package io.github.chatwire.omikron;

import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.OmikronEvent;
import io.github.chatwire.omikron.model.OmikronId;
import org.jspecify.annotations.Nullable;

/**
 * A direct message after the SDK tried to open its end-to-end encryption: either a {@link
 * DirectMessage} (decrypted) or an {@link UndecryptableMessage} (kept with its raw content and the
 * reason). Live messages arrive as events; {@link OmikronClient#getDirectMessages} returns stored
 * ones in the same shape.
 */
public interface DirectMessageEvent extends OmikronEvent {
  /**
   * The other user of the conversation: the sender of a received message, the receiver of one this
   * user sent.
   *
   * @return the partner; null only if the server gave no sender
   */
  @Nullable OmikronId partner();

  /**
   * Whether this user sent the message (history only; live messages are always from the partner).
   *
   * @return true for own messages
   */
  boolean isOwn();

  /**
   * When it was sent, epoch ms ({@code send_time} or {@code timestamp}).
   *
   * @return the time; null if the server gave none
   */
  @Nullable Long sendTime();

  /**
   * The delivery state from the stored history.
   *
   * @return the state; null for live messages
   */
  @Nullable MessageState state();

  /**
   * The id of the {@code message_live} envelope (the key for {@link
   * OmikronClient#acknowledgeLiveMessage}).
   *
   * @return the id; null for stored messages
   */
  @Nullable String messageId();

  /**
   * The content exactly as it travelled (ciphertext for the encrypting schemes).
   *
   * @return the raw content; never null (empty if the server sent none)
   */
  String rawContent();
}

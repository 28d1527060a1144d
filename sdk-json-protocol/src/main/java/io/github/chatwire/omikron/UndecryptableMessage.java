package io.github.chatwire.omikron;

import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.OmikronId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A direct message that no scheme could open: the content is not base64, too short for an IV or
 * tag, not whole AES blocks, encrypted with a key this user does not share with the sender (even
 * after refreshing the sender's public key once), or the sender's key could not be fetched. It is
 * delivered, never dropped; the connection is unaffected. Immutable.
 *
 * @param partner see {@link DirectMessageEvent#partner()}
 * @param isOwn see {@link DirectMessageEvent#isOwn()}
 * @param rawContent the content as received; never null
 * @param reason why it could not be opened, one clause per scheme tried (never key material); never
 *     null
 * @param sendTime see {@link DirectMessageEvent#sendTime()}
 * @param state see {@link DirectMessageEvent#state()}
 * @param messageId see {@link DirectMessageEvent#messageId()}
 */
public record UndecryptableMessage(
    @Nullable OmikronId partner,
    boolean isOwn,
    String rawContent,
    String reason,
    @Nullable Long sendTime,
    @Nullable MessageState state,
    @Nullable String messageId)
    implements DirectMessageEvent {
  /**
   * Creates the record.
   *
   * @param partner see {@link #partner()}
   * @param isOwn see {@link #isOwn()}
   * @param rawContent see {@link #rawContent()}
   * @param reason see {@link #reason()}
   * @param sendTime see {@link #sendTime()}
   * @param state see {@link #state()}
   * @param messageId see {@link #messageId()}
   * @throws NullPointerException if rawContent or reason is null
   */
  public UndecryptableMessage {
    Objects.requireNonNull(rawContent, "rawContent");
    Objects.requireNonNull(reason, "reason");
  }
}

package io.github.chatwire.omikron;

import io.github.chatwire.omikron.codec.MessageScheme;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.OmikronId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A direct message whose end-to-end encryption the SDK opened. Immutable; {@link #toString()} shows
 * the text's length, never the text.
 *
 * @param partner see {@link DirectMessageEvent#partner()}
 * @param isOwn see {@link DirectMessageEvent#isOwn()}
 * @param text the decrypted text; never null. For {@link MessageScheme#WEB_CLIENT} it is what the
 *     web client shows: one Latin-1 character per byte
 * @param scheme the scheme that decrypted it; never null
 * @param sendTime see {@link DirectMessageEvent#sendTime()}
 * @param state see {@link DirectMessageEvent#state()}
 * @param messageId see {@link DirectMessageEvent#messageId()}
 * @param rawContent see {@link DirectMessageEvent#rawContent()}
 */
public record DirectMessage(
    @Nullable OmikronId partner,
    boolean isOwn,
    String text,
    MessageScheme scheme,
    @Nullable Long sendTime,
    @Nullable MessageState state,
    @Nullable String messageId,
    String rawContent)
    implements DirectMessageEvent {
  /**
   * Creates the record.
   *
   * @param partner see {@link #partner()}
   * @param isOwn see {@link #isOwn()}
   * @param text see {@link #text()}
   * @param scheme see {@link #scheme()}
   * @param sendTime see {@link #sendTime()}
   * @param state see {@link #state()}
   * @param messageId see {@link #messageId()}
   * @param rawContent see {@link #rawContent()}
   * @throws NullPointerException if text, scheme or rawContent is null
   */
  public DirectMessage {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(rawContent, "rawContent");
  }

  /**
   * @return partner, scheme and the text's length; never the text
   */
  @Override
  public String toString() {
    return "DirectMessage[partner="
        + partner
        + ", own="
        + isOwn
        + ", scheme="
        + scheme
        + ", text=<"
        + text.length()
        + " chars>, sendTime="
        + sendTime
        + ", id="
        + messageId
        + "]";
  }
}

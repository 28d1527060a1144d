package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A chat message as the server sends it. Every field documented "may be null" is null when the
 * server left it out (plugin messages lack {@code type} and {@code pinned}; flat poll messages
 * carry {@code pollId}). Immutable.
 *
 * @param id the message id (UUID string); may be null only in malformed frames
 * @param user the author's username (or a raw user id after the user left; "originChats" for server
 *     messages); may be null
 * @param content the text, possibly empty; may be null
 * @param timestamp Unix seconds with a fraction; may be null
 * @param type "message" when present; may be null
 * @param pinned whether pinned; null when the server left it out
 * @param edited whether edited; false when absent, which is exact: the server writes {@code edited}
 *     only once a message is edited
 * @param replyTo the message this one answers; may be null
 * @param interaction the slash command that produced it; may be null
 * @param reactions emoji to usernames; never null, empty when none
 * @param embeds the embeds as raw JSON objects; never null
 * @param attachments the attachments; never null
 * @param webhookName the webhook's name for webhook messages; may be null
 * @param pings the mentions of a live event; may be null
 * @param pollId the poll id of a flat poll message; may be null
 * @param raw the whole JSON object, unknown fields included; never null
 */
public record Message(
    @Nullable String id,
    @Nullable String user,
    @Nullable String content,
    @Nullable Double timestamp,
    @Nullable String type,
    @Nullable Boolean pinned,
    boolean edited,
    @Nullable ReplyRef replyTo,
    @Nullable Interaction interaction,
    Map<String, List<String>> reactions,
    List<Map<String, Object>> embeds,
    List<Attachment> attachments,
    @Nullable String webhookName,
    @Nullable Pings pings,
    @Nullable String pollId,
    Map<String, Object> raw) {

  /**
   * A reference to the message replied to.
   *
   * @param id its id; may be null
   * @param user its author; may be null
   */
  public record ReplyRef(@Nullable String id, @Nullable String user) {}

  /**
   * The slash command behind a message.
   *
   * @param command the command name; may be null
   * @param username who invoked it; may be null
   */
  public record Interaction(@Nullable String command, @Nullable String username) {}

  /**
   * Mentions carried by live message events.
   *
   * @param users mentioned usernames; never null
   * @param roles mentioned roles; never null
   * @param replies authors pinged by a reply; never null
   */
  public record Pings(List<String> users, List<String> roles, List<String> replies) {}
}

package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One decoded frame from an OriginChats server: a direct reply, a broadcast or an unsolicited
 * event. Every frame keeps its whole JSON object in {@link #raw()}, so fields this SDK does not
 * model are never lost; a frame whose {@code cmd} is not known decodes to {@link Unknown}.
 * Immutable.
 *
 * <p>Several records serve more than one {@code cmd} (for example {@link Reaction} serves {@code
 * message_react_add} and {@code message_react_remove}); {@link #cmd()} tells which. The command is
 * read from {@code cmd}, or from {@code type} for servers before 2026-03.
 */
public interface ServerFrame {
  /**
   * The frame's command as sent (from {@code cmd}, or {@code type} on older servers).
   *
   * @return the command; never null
   */
  String cmd();

  /**
   * The whole JSON object of the frame.
   *
   * @return an immutable tree; never null
   */
  Map<String, Object> raw();

  /**
   * The listener echoed by the server for a direct reply.
   *
   * @return the listener; null for broadcasts, events and pre-login replies
   */
  default @Nullable String listener() {
    Object l = raw().get("listener");
    return l instanceof String ? (String) l : null;
  }

  /**
   * A frame with an unknown command, kept whole.
   *
   * @param cmd the command; never null
   * @param raw the JSON object; never null
   */
  record Unknown(String cmd, Map<String, Object> raw) implements ServerFrame {}

  /**
   * The first frame of every connection.
   *
   * @param cmd "handshake"
   * @param server server identity; may be null
   * @param limits content limits; may be null
   * @param attachments attachment settings; null on old servers
   * @param version always "1.1.0" in practice; may be null
   * @param validatorKey the per-connection key a Rotur validator must be bound to; may be null
   * @param capabilities command names; null when the server sent none (old servers)
   * @param permissions server-wide permission names; never null
   * @param authMode "rotur", "cracked" or "cracked-only"; null on old servers (means rotur)
   * @param raw the JSON object; never null
   */
  record Handshake(
      String cmd,
      @Nullable ServerInfo server,
      @Nullable Limits limits,
      @Nullable AttachmentSettings attachments,
      @Nullable String version,
      @Nullable String validatorKey,
      @Nullable List<String> capabilities,
      List<String> permissions,
      @Nullable String authMode,
      Map<String, Object> raw)
      implements ServerFrame {
    @Override
    public String toString() {
      // the validator key is a per-connection secret input of the login; keep it out of logs
      return "Handshake[server="
          + (server == null ? null : server.name())
          + ", version="
          + version
          + ", authMode="
          + authMode
          + "]";
    }
  }

  /**
   * A heartbeat ping ({@code ping}, every 30 s) or the answer to the client's ping ({@code pong}).
   *
   * @param cmd "ping" or "pong"
   * @param raw the JSON object; never null
   */
  record Heartbeat(String cmd, Map<String, Object> raw) implements ServerFrame {}

  /**
   * auth_success or auth_error.
   *
   * @param cmd "auth_success" or "auth_error"
   * @param text the server's text; may be null
   * @param raw the JSON object; never null
   */
  record AuthResult(String cmd, @Nullable String text, Map<String, Object> raw)
      implements ServerFrame {
    /**
     * @return true for auth_success
     */
    public boolean success() {
      return "auth_success".equals(cmd);
    }
  }

  /**
   * The login finished: the logged-in user. The frame's {@code validator} token is not exposed.
   *
   * @param cmd "ready"
   * @param user the user; may be null in malformed frames
   * @param raw the JSON object; never null
   */
  record Ready(String cmd, @Nullable User user, Map<String, Object> raw) implements ServerFrame {
    @Override
    public String toString() {
      return "Ready[user=" + (user == null ? null : user.username()) + "]";
    }
  }

  /**
   * user_join (first time on this server) or user_connect (first open connection).
   *
   * @param cmd "user_join" or "user_connect"
   * @param user username, roles and colour; may be null
   * @param raw the JSON object; never null
   */
  record UserPresence(String cmd, @Nullable User user, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * user_disconnect (last connection closed), user_leave (left the server, event and reply).
   *
   * @param cmd "user_disconnect" or "user_leave"
   * @param username the user; may be null
   * @param raw the JSON object; never null
   */
  record UserGone(String cmd, @Nullable String username, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * user_updated (event), user_update (reply), nickname_update and nickname_remove.
   *
   * @param cmd the command
   * @param userId the user id where sent; may be null
   * @param username the username; may be null
   * @param nickname the new nickname; null when removed or not sent
   * @param raw the JSON object; never null
   */
  record UserChanged(
      String cmd,
      @Nullable String userId,
      @Nullable String username,
      @Nullable String nickname,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * A status: status_get broadcast, the renamed status reply, or status_set (went invisible).
   *
   * @param cmd "status_get", "status" or "status_set"
   * @param username the user; null for status_set
   * @param status the status; may be null
   * @param raw the JSON object; never null
   */
  record Status(
      String cmd, @Nullable String username, @Nullable UserStatus status, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * A new message: the normal form, or the flat form of polls and plugins.
   *
   * @param cmd "message_new"
   * @param message the message; never null for decodable frames
   * @param channel the channel (the parent channel for threads); may be null
   * @param threadId the thread, if posted in one; may be null
   * @param flat true for the flat form without a "message" wrapper
   * @param raw the JSON object; never null
   */
  record MessageNew(
      String cmd,
      Message message,
      @Nullable String channel,
      @Nullable String threadId,
      boolean flat,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * A message was edited.
   *
   * @param cmd "message_edit"
   * @param id the message id; may be null
   * @param content the new content; may be null
   * @param message the whole edited message; may be null
   * @param channel may be null
   * @param threadId may be null
   * @param raw the JSON object; never null
   */
  record MessageEdit(
      String cmd,
      @Nullable String id,
      @Nullable String content,
      @Nullable Message message,
      @Nullable String channel,
      @Nullable String threadId,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * A message was deleted.
   *
   * @param cmd "message_delete"
   * @param id the message id; may be null
   * @param channel may be null
   * @param threadId may be null
   * @param raw the JSON object; never null
   */
  record MessageDelete(
      String cmd,
      @Nullable String id,
      @Nullable String channel,
      @Nullable String threadId,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * message_pin or message_unpin. {@code ok} is the success flag of the operation, not the pin
   * state (an unpin answers true).
   *
   * @param cmd "message_pin" or "message_unpin"
   * @param id the message id; may be null
   * @param channel may be null
   * @param ok the success flag
   * @param raw the JSON object; never null
   */
  record Pin(
      String cmd,
      @Nullable String id,
      @Nullable String channel,
      boolean ok,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * message_react_add or message_react_remove.
   *
   * @param cmd the command
   * @param id the message id; may be null
   * @param emoji the reaction; may be null
   * @param channel may be null
   * @param threadId may be null
   * @param from the reacting username; may be null
   * @param raw the JSON object; never null
   */
  record Reaction(
      String cmd,
      @Nullable String id,
      @Nullable String emoji,
      @Nullable String channel,
      @Nullable String threadId,
      @Nullable String from,
      Map<String, Object> raw)
      implements ServerFrame {
    /**
     * @return true for message_react_add
     */
    public boolean added() {
      return "message_react_add".equals(cmd);
    }
  }

  /**
   * Someone is typing.
   *
   * @param cmd "typing"
   * @param channel the channel (parent for threads); may be null
   * @param user the username; may be null
   * @param threadId may be null
   * @param raw the JSON object; never null
   */
  record Typing(
      String cmd,
      @Nullable String channel,
      @Nullable String user,
      @Nullable String threadId,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * One message (message_get).
   *
   * @param cmd "message_get"
   * @param channel may be null
   * @param threadId may be null
   * @param message may be null
   * @param raw the JSON object; never null
   */
  record SingleMessage(
      String cmd,
      @Nullable String channel,
      @Nullable String threadId,
      @Nullable Message message,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * A list of messages: messages_get and messages_around (oldest first, with range),
   * thread_messages, messages_pinned and messages_search (newest first; search results are in
   * {@code messages}), message_replies, pings_get.
   *
   * @param cmd the command
   * @param channel may be null
   * @param threadId may be null
   * @param messages never null
   * @param rangeStart range.start where sent; may be null
   * @param rangeEnd range.end where sent (exclusive); may be null
   * @param raw the JSON object; never null
   */
  record MessageList(
      String cmd,
      @Nullable String channel,
      @Nullable String threadId,
      List<Message> messages,
      @Nullable Long rangeStart,
      @Nullable Long rangeEnd,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * embeds_list.
   *
   * @param cmd "embeds_list"
   * @param id the message id; may be null
   * @param embeds raw embed objects; never null
   * @param raw the JSON object; never null
   */
  record Embeds(
      String cmd, @Nullable String id, List<Map<String, Object>> embeds, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * A thread event or reply: thread_create, thread_get, thread_update, thread_delete, thread_join,
   * thread_leave.
   *
   * @param cmd the command
   * @param thread the thread; null for thread_delete
   * @param threadId the thread id (also from {@code thread.id}); may be null
   * @param channel may be null
   * @param user the joining/leaving user; may be null
   * @param raw the JSON object; never null
   */
  record ThreadEvent(
      String cmd,
      @Nullable ForumThread thread,
      @Nullable String threadId,
      @Nullable String channel,
      @Nullable String user,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * Voice events (voice_user_joined, voice_user_left, voice_user_updated, also under {@code type})
   * and replies (voice_join, voice_leave, voice_mute, voice_unmute, voice_state).
   *
   * @param cmd the command
   * @param channel may be null
   * @param user the participant of a joined/updated event; may be null
   * @param username the user of a left event; may be null
   * @param participants the participants of a join or state reply; never null
   * @param muted the mute state of a mute reply; null otherwise
   * @param raw the JSON object; never null
   */
  record Voice(
      String cmd,
      @Nullable String channel,
      @Nullable VoiceParticipant user,
      @Nullable String username,
      List<VoiceParticipant> participants,
      @Nullable Boolean muted,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * channels_get (list under {@code val}).
   *
   * @param cmd "channels_get"
   * @param channels never null
   * @param raw the JSON object; never null
   */
  record Channels(String cmd, List<Channel> channels, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * users_list or users_online.
   *
   * @param cmd the command
   * @param users never null
   * @param raw the JSON object; never null
   */
  record Users(String cmd, List<User> users, Map<String, Object> raw) implements ServerFrame {}

  /**
   * roles_list (under {@code roles}, or {@code val} in the file-watcher variant), and
   * self_roles_list (a list).
   *
   * @param cmd the command
   * @param roles never null, in server order
   * @param raw the JSON object; never null
   */
  record Roles(String cmd, List<Role> roles, Map<String, Object> raw) implements ServerFrame {}

  /**
   * A user's roles: user_roles_get (reply, broadcast, and the renamed reply of user_roles_set).
   *
   * @param cmd the command
   * @param user the user; may be null
   * @param roles never null
   * @param color may be null
   * @param raw the JSON object; never null
   */
  record UserRoles(
      String cmd,
      @Nullable String user,
      List<String> roles,
      @Nullable String color,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * server_info or server_update.
   *
   * @param cmd the command
   * @param name may be null
   * @param icon may be null
   * @param banner may be null
   * @param raw the JSON object; never null
   */
  record ServerDetails(
      String cmd,
      @Nullable String name,
      @Nullable String icon,
      @Nullable String banner,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * slash_add (broadcast) or slash_list (reply).
   *
   * @param cmd the command
   * @param commands never null
   * @param raw the JSON object; never null
   */
  record SlashCommands(String cmd, List<SlashCommandInfo> commands, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * slash_remove: commands gone because their connection closed.
   *
   * @param cmd "slash_remove"
   * @param names command names; never null
   * @param raw the JSON object; never null
   */
  record SlashRemove(String cmd, List<String> names, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * A slash command call: sent to the registering bot, and echoed to the caller as its reply.
   *
   * @param cmd "slash_call"
   * @param command the command name; may be null
   * @param args the raw arguments; never null
   * @param commander the registering user; may be null
   * @param invoker the caller's user id (answer with it); may be null
   * @param invokerUsername the caller's username; may be null
   * @param channel the channel it was called in; may be null
   * @param raw the JSON object; never null
   */
  record SlashCall(
      String cmd,
      @Nullable String command,
      Map<String, Object> args,
      @Nullable String commander,
      @Nullable String invoker,
      @Nullable String invokerUsername,
      @Nullable String channel,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * poll_create reply.
   *
   * @param cmd "poll_create"
   * @param pollId may be null
   * @param messageId may be null
   * @param channel may be null
   * @param threadId may be null
   * @param question may be null
   * @param options the options as the server stored them (ids assigned); never null
   * @param allowMultiselect whether several options may be chosen (null when the frame did not say:
   *     absent means unknown, not false)
   * @param expiresAt Unix seconds when it ends by itself; null if it does not expire
   * @param raw the JSON object; never null
   */
  record PollCreated(
      String cmd,
      @Nullable String pollId,
      @Nullable String messageId,
      @Nullable String channel,
      @Nullable String threadId,
      @Nullable String question,
      List<PollOption> options,
      @Nullable Boolean allowMultiselect,
      @Nullable Double expiresAt,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * Poll state: poll_vote_update, poll_vote, poll_end, poll_results, poll_get.
   *
   * @param cmd the command
   * @param pollId may be null
   * @param messageId may be null
   * @param channel may be null
   * @param user the voter of a poll_vote_update; may be null
   * @param results the results; null for poll_get
   * @param poll the poll definition and state of poll_get ({@code poll}); null for the others
   * @param raw the JSON object; never null
   */
  record Poll(
      String cmd,
      @Nullable String pollId,
      @Nullable String messageId,
      @Nullable String channel,
      @Nullable String user,
      @Nullable PollResults results,
      @Nullable PollInfo poll,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * unreads_get: read state per channel (key: the channel name) or thread (key: {@code
   * "thread/<id>"}), in wire order.
   *
   * @param cmd "unreads_get"
   * @param unreads immutable; never null
   * @param raw the JSON object; never null
   */
  record Unreads(String cmd, Map<String, UnreadCount> unreads, Map<String, Object> raw)
      implements ServerFrame {
    /**
     * The read state of a channel.
     *
     * @param channel the channel name; never null
     * @return the state; null if the reply has no entry for it
     */
    public @Nullable UnreadCount channel(String channel) {
      return unreads.get(channel);
    }

    /**
     * The read state of a thread (entry {@code "thread/<id>"}).
     *
     * @param threadId the thread id; never null
     * @return the state; null if the reply has no entry for it
     */
    public @Nullable UnreadCount thread(String threadId) {
      return unreads.get("thread/" + threadId);
    }
  }

  /**
   * unreads_update (event), unreads_ack and unreads_count (replies).
   *
   * @param cmd the command
   * @param channel may be null
   * @param threadId may be null
   * @param lastRead the last read message id; may be null
   * @param unreadCount the count of unreads_count; null otherwise
   * @param raw the JSON object; never null
   */
  record UnreadState(
      String cmd,
      @Nullable String channel,
      @Nullable String threadId,
      @Nullable String lastRead,
      @Nullable Long unreadCount,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * The server refused a rate-limited command (or a user timeout/automod applies).
   *
   * @param cmd "rate_limit"
   * @param reason the text; null for message_edit refusals
   * @param lengthMs milliseconds to wait ({@code length}, or {@code wait_time} on old servers); 0
   *     if absent
   * @param raw the JSON object; never null
   */
  record RateLimit(String cmd, @Nullable String reason, long lengthMs, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * rate_limit_status reply.
   *
   * @param cmd "rate_limit_status"
   * @param user may be null
   * @param status the counters as raw JSON; never null
   * @param raw the JSON object; never null
   */
  record RateLimitStatus(
      String cmd, @Nullable String user, Map<String, Object> status, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * The server is closing this connection (ban).
   *
   * @param cmd "disconnect"
   * @param reason may be null
   * @param raw the JSON object; never null
   */
  record Disconnect(String cmd, @Nullable String reason, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * An error reply. {@code src} is missing on some server paths: correlate by listener.
   *
   * @param cmd "error"
   * @param text the server's text, verbatim; may be null
   * @param src the failed command; may be null
   * @param raw the JSON object; never null
   */
  @SuppressWarnings("JavaLangClash") // the wire's "error" frame; renaming it would break the API
  record Error(String cmd, @Nullable String text, @Nullable String src, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * Emoji replies: emoji_get_all ({@code emojis}), emoji_add/update/delete ({@code id} as string or
   * number), emoji_get_id, emoji_get_filename.
   *
   * @param cmd the command
   * @param id the emoji id as a string; may be null
   * @param name may be null
   * @param emojis id to {name, fileName}; never null
   * @param raw the JSON object; never null
   */
  record Emoji(
      String cmd,
      @Nullable String id,
      @Nullable String name,
      Map<String, Map<String, Object>> emojis,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * Webhook replies (webhook_create, webhook_list, webhook_get, webhook_update, webhook_regenerate,
   * webhook_delete). Webhook tokens are {@link io.github.chatwire.core.Secret}s and never appear in
   * {@link #toString()}; {@link #raw()} holds them in clear.
   *
   * @param cmd the command
   * @param webhooks the webhooks (one for single-webhook replies, none for webhook_delete); never
   *     null
   * @param id the {@code id} of a webhook_delete reply; null otherwise
   * @param deleted the {@code deleted} flag of a webhook_delete reply; false otherwise
   * @param raw the JSON object; never null
   */
  record Webhooks(
      String cmd,
      List<Webhook> webhooks,
      @Nullable String id,
      boolean deleted,
      Map<String, Object> raw)
      implements ServerFrame {
    /**
     * The single webhook of a create, get, update or regenerate reply.
     *
     * @return the first webhook; null if the reply has none
     */
    public @Nullable Webhook webhook() {
      return webhooks.isEmpty() ? null : webhooks.get(0);
    }

    @Override
    public String toString() {
      return "Webhooks[cmd=" + cmd + ", count=" + webhooks.size() + "]";
    }
  }

  /**
   * attachment_info (renamed reply of attachment_get) or attachment_deleted.
   *
   * @param cmd the command
   * @param attachment the attachment of attachment_info; may be null
   * @param attachmentId the id; may be null
   * @param raw the JSON object; never null
   */
  record AttachmentInfo(
      String cmd,
      @Nullable Attachment attachment,
      @Nullable String attachmentId,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * Channel administration replies: channel_create, channel_update (with the channel), channel_move
   * (name, position), channel_delete (name).
   *
   * @param cmd the command
   * @param channel the created or updated channel; null for move and delete
   * @param name the channel name; may be null
   * @param position the new position of a move; null otherwise
   * @param ok the created/updated/moved/deleted flag
   * @param raw the JSON object; never null
   */
  record ChannelChange(
      String cmd,
      @Nullable Channel channel,
      @Nullable String name,
      @Nullable Long position,
      boolean ok,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * Role administration replies: role_create, role_update, role_set, role_delete, role_reorder,
   * role_permissions_get, role_permissions_set.
   *
   * @param cmd the command
   * @param id the role id; may be null
   * @param name the role name (null in role_permissions_get on the reference server); may be null
   * @param roles the new order of role_reorder; never null
   * @param permissions the permissions of role_permissions_*; never null
   * @param ok the updated/deleted flag (true for role_create and role_reorder)
   * @param raw the JSON object; never null
   */
  record RoleChange(
      String cmd,
      @Nullable String id,
      @Nullable String name,
      List<String> roles,
      List<String> permissions,
      boolean ok,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * self_role_add and self_role_remove replies.
   *
   * @param cmd the command
   * @param role the role; may be null
   * @param success the success flag
   * @param roles the user's roles afterwards; never null
   * @param raw the JSON object; never null
   */
  record SelfRole(
      String cmd,
      @Nullable String role,
      boolean success,
      List<String> roles,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * Moderation replies: user_ban, user_unban, user_timeout, users_banned_list, rate_limit_reset.
   *
   * @param cmd the command
   * @param user the user acted on; may be null
   * @param ok the banned/unbanned flag (true where the reply has none)
   * @param timeoutSeconds the timeout of user_timeout; null otherwise
   * @param users the banned users of users_banned_list; never null
   * @param text the {@code val} text where sent; may be null
   * @param raw the JSON object; never null
   */
  record Moderation(
      String cmd,
      @Nullable String user,
      boolean ok,
      @Nullable Long timeoutSeconds,
      List<String> users,
      @Nullable String text,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * The audit log (modlog_get), newest first.
   *
   * @param cmd "modlog_get"
   * @param entries never null
   * @param total the number of matching entries; null if absent
   * @param offset the offset of this page; null if absent
   * @param raw the JSON object; never null
   */
  record AuditLog(
      String cmd,
      List<AuditEntry> entries,
      @Nullable Long total,
      @Nullable Long offset,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * One audit log entry.
   *
   * @param id may be null
   * @param action e.g. "user_timeout"; may be null
   * @param category e.g. "user_moderation"; may be null
   * @param actorId may be null
   * @param actorName may be null
   * @param targetId may be null
   * @param targetName may be null
   * @param details raw details; never null
   * @param timestamp Unix seconds; may be null
   */
  record AuditEntry(
      @Nullable String id,
      @Nullable String action,
      @Nullable String category,
      @Nullable String actorId,
      @Nullable String actorName,
      @Nullable String targetId,
      @Nullable String targetName,
      Map<String, Object> details,
      @Nullable Double timestamp) {}

  /**
   * pfp_set and pfp_get replies.
   *
   * @param cmd the command
   * @param url the picture URL; null when none is set
   * @param username the user of pfp_get; may be null
   * @param raw the JSON object; never null
   */
  record ProfilePicture(
      String cmd, @Nullable String url, @Nullable String username, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * The audit log summary (modlog_summary).
   *
   * @param cmd "modlog_summary"
   * @param actionCounts entries per {@code "category.action"} key, in wire order; immutable, never
   *     null
   * @param categoryTotals entries per category, in wire order; immutable, never null
   * @param total all entries; null if absent
   * @param raw the JSON object; never null
   */
  record AuditSummary(
      String cmd,
      Map<String, Long> actionCounts,
      Map<String, Long> categoryTotals,
      @Nullable Long total,
      Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * The server's plugins (plugins_list), keyed by file in the wire object.
   *
   * @param cmd "plugins_list"
   * @param plugins in wire order; immutable, never null
   * @param raw the JSON object; never null
   */
  record Plugins(String cmd, List<PluginInfo> plugins, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * One server plugin.
   *
   * @param file the plugin's key (its file name); never null
   * @param name the display name; may be null
   * @param description may be null
   * @param handles the server events it handles (e.g. "new_message"); never null
   * @param raw the plugin's JSON object; never null
   */
  record PluginInfo(
      String file,
      @Nullable String name,
      @Nullable String description,
      List<String> handles,
      Map<String, Object> raw) {}

  /**
   * The plugins_reload reply.
   *
   * @param cmd "plugins_reload"
   * @param text the server's text ({@code val}); may be null
   * @param raw the JSON object; never null
   */
  record PluginsReloaded(String cmd, @Nullable String text, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * The slash_register reply ({@code val: "N commands registered successfully"}).
   *
   * @param cmd "slash_register"
   * @param text the server's text; may be null
   * @param count the number at the start of the text; null if the text does not start with one
   * @param raw the JSON object; never null
   */
  record SlashRegistered(
      String cmd, @Nullable String text, @Nullable Long count, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * The push_vapid reply (to push_get_vapid): the server's public VAPID key for web push.
   *
   * @param cmd "push_vapid"
   * @param key the public key; may be null in malformed replies
   * @param raw the JSON object; never null
   */
  record PushVapidKey(String cmd, @Nullable String key, Map<String, Object> raw)
      implements ServerFrame {}

  /**
   * The push_subscribed or push_unsubscribed reply.
   *
   * @param cmd "push_subscribed" or "push_unsubscribed"
   * @param success the {@code success} flag; false if absent
   * @param deviceFingerprint the device fingerprint of push_subscribed; null otherwise
   * @param raw the JSON object; never null
   */
  record PushSubscription(
      String cmd, boolean success, @Nullable String deviceFingerprint, Map<String, Object> raw)
      implements ServerFrame {
    /**
     * @return true for push_subscribed, false for push_unsubscribed
     */
    public boolean subscribed() {
      return "push_subscribed".equals(cmd);
    }
  }
}

package io.github.chatwire.originchats;

import io.github.chatwire.originchats.model.ServerFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The administrative and moderation commands of an {@link OriginChatsClient} (channels, server,
 * roles, users' roles, bans, timeouts, audit log, emoji, webhooks, plugins), from {@link
 * OriginChatsClient#admin()}. Each needs the permission the protocol reference names; without it
 * the future fails with {@link OriginChatsServerException}. Every reply is a typed {@link
 * ServerFrame} record; fields the SDK does not model stay in {@link ServerFrame#raw()}.
 * Thread-safe; futures complete on the callback executor.
 */
public final class OriginChatsAdmin {
  private final OriginChatsClient client;

  OriginChatsAdmin(OriginChatsClient client) {
    this.client = client;
  }

  private <T extends ServerFrame> CompletableFuture<T> call(
      String cmd, Class<T> type, @Nullable Object... namesAndValues) {
    return client.call(cmd, type, namesAndValues);
  }

  /**
   * Creates a channel (manage_channels); the reply goes to the caller only.
   *
   * @param name never null
   * @param type "text", "voice" or "separator"; never null
   * @param description may be null
   * @return the channel_create reply
   */
  public CompletableFuture<ServerFrame.ChannelChange> createChannel(
      String name, String type, @Nullable String description) {
    return call(
        "channel_create",
        ServerFrame.ChannelChange.class,
        "name",
        Objects.requireNonNull(name, "name"),
        "type",
        Objects.requireNonNull(type, "type"),
        "description",
        description);
  }

  /**
   * Updates a channel (manage_channels).
   *
   * @param currentName never null
   * @param updates the fields to change (JSON tree); never null
   * @return the channel_update reply
   */
  public CompletableFuture<ServerFrame.ChannelChange> updateChannel(
      String currentName, Map<String, Object> updates) {
    return call(
        "channel_update",
        ServerFrame.ChannelChange.class,
        "current_name",
        Objects.requireNonNull(currentName, "currentName"),
        "updates",
        new LinkedHashMap<>(updates));
  }

  /**
   * Moves a channel (manage_channels).
   *
   * @param name never null
   * @param position at least 0
   * @return the channel_move reply
   */
  public CompletableFuture<ServerFrame.ChannelChange> moveChannel(String name, int position) {
    return call(
        "channel_move",
        ServerFrame.ChannelChange.class,
        "name",
        Objects.requireNonNull(name, "name"),
        "position",
        position);
  }

  /**
   * Deletes a channel (manage_channels).
   *
   * @param name never null
   * @return the channel_delete reply
   */
  public CompletableFuture<ServerFrame.ChannelChange> deleteChannel(String name) {
    return call(
        "channel_delete",
        ServerFrame.ChannelChange.class,
        "name",
        Objects.requireNonNull(name, "name"));
  }

  /**
   * Updates the server's name, icon or banner (manage_server).
   *
   * @param name null to keep
   * @param icon null to keep
   * @param banner null to keep
   * @return the server_update reply
   */
  public CompletableFuture<ServerFrame.ServerDetails> updateServer(
      @Nullable String name, @Nullable String icon, @Nullable String banner) {
    return call(
        "server_update",
        ServerFrame.ServerDetails.class,
        "name",
        name,
        "icon",
        icon,
        "banner",
        banner);
  }

  /**
   * Creates a role (manage_roles).
   *
   * @param name never null
   * @param fields optional fields (description, color, permissions, hoisted, self_assignable,
   *     category); never null
   * @return the role_create reply
   */
  public CompletableFuture<ServerFrame.RoleChange> createRole(
      String name, Map<String, Object> fields) {
    return call(
        "role_create",
        ServerFrame.RoleChange.class,
        "",
        Objects.requireNonNull(fields, "fields"),
        "name",
        Objects.requireNonNull(name, "name"));
  }

  /**
   * Updates a role (manage_roles).
   *
   * @param name never null
   * @param fields the fields to change; never null
   * @return the role_update reply
   */
  public CompletableFuture<ServerFrame.RoleChange> updateRole(
      String name, Map<String, Object> fields) {
    return call(
        "role_update",
        ServerFrame.RoleChange.class,
        "",
        Objects.requireNonNull(fields, "fields"),
        "name",
        Objects.requireNonNull(name, "name"));
  }

  /**
   * Deletes a role (manage_roles).
   *
   * @param name never null
   * @return the role_delete reply
   */
  public CompletableFuture<ServerFrame.RoleChange> deleteRole(String name) {
    return call(
        "role_delete", ServerFrame.RoleChange.class, "name", Objects.requireNonNull(name, "name"));
  }

  /**
   * Reorders the roles (manage_roles).
   *
   * @param names all role names, highest first; never null
   * @return the role_reorder reply
   */
  public CompletableFuture<ServerFrame.RoleChange> reorderRoles(List<String> names) {
    return call("role_reorder", ServerFrame.RoleChange.class, "roles", new ArrayList<>(names));
  }

  /**
   * Gets a role's permissions (the reply's name is null on the reference server).
   *
   * @param name never null
   * @return the role_permissions_get reply
   */
  public CompletableFuture<ServerFrame.RoleChange> rolePermissions(String name) {
    return call(
        "role_permissions_get",
        ServerFrame.RoleChange.class,
        "name",
        Objects.requireNonNull(name, "name"));
  }

  /**
   * Sets a role's permissions (manage_roles).
   *
   * @param name never null
   * @param permissions never null
   * @return the role_permissions_set reply
   */
  public CompletableFuture<ServerFrame.RoleChange> setRolePermissions(
      String name, List<String> permissions) {
    return call(
        "role_permissions_set",
        ServerFrame.RoleChange.class,
        "name",
        Objects.requireNonNull(name, "name"),
        "permissions",
        new ArrayList<>(permissions));
  }

  /**
   * Renames a user or sets their nickname (manage_users).
   *
   * @param user name or id; never null
   * @param updates username and/or nickname; never null
   * @return the user_update reply
   */
  public CompletableFuture<ServerFrame.UserChanged> updateUser(
      String user, Map<String, Object> updates) {
    return call(
        "user_update",
        ServerFrame.UserChanged.class,
        "user",
        Objects.requireNonNull(user, "user"),
        "updates",
        new LinkedHashMap<>(updates));
  }

  /**
   * Lists banned users (owner).
   *
   * @return the users_banned_list reply
   */
  public CompletableFuture<ServerFrame.Moderation> bannedUsers() {
    return call("users_banned_list", ServerFrame.Moderation.class);
  }

  /**
   * Resets a user's rate limit (manage_server).
   *
   * @param user never null
   * @return the rate_limit_reset reply
   */
  public CompletableFuture<ServerFrame.Moderation> resetRateLimit(String user) {
    return call(
        "rate_limit_reset",
        ServerFrame.Moderation.class,
        "user",
        Objects.requireNonNull(user, "user"));
  }

  /**
   * Summarises the audit log.
   *
   * @return the modlog_summary reply (counts per action and per category); never null; completes on
   *     the callback executor
   */
  public CompletableFuture<ServerFrame.AuditSummary> auditSummary() {
    return call("modlog_summary", ServerFrame.AuditSummary.class);
  }

  /**
   * Adds a custom emoji (manage_server).
   *
   * @param name never null
   * @param dataUri "data:image/png;base64,..." (gif, jpg, jpeg or png); never null
   * @return the emoji_add reply (id as a string)
   */
  public CompletableFuture<ServerFrame.Emoji> addEmoji(String name, String dataUri) {
    return call(
        "emoji_add",
        ServerFrame.Emoji.class,
        "name",
        Objects.requireNonNull(name, "name"),
        "image",
        Objects.requireNonNull(dataUri, "dataUri"));
  }

  /**
   * Updates a custom emoji (manage_server).
   *
   * @param emojiId the numeric id; never null
   * @param name null to keep
   * @param dataUri null to keep
   * @return the emoji_update reply
   */
  public CompletableFuture<ServerFrame.Emoji> updateEmoji(
      long emojiId, @Nullable String name, @Nullable String dataUri) {
    return call(
        "emoji_update",
        ServerFrame.Emoji.class,
        "emoji_id",
        emojiId,
        "name",
        name,
        "image",
        dataUri);
  }

  /**
   * Deletes a custom emoji (manage_server).
   *
   * @param emojiId the numeric id
   * @return the emoji_delete reply
   */
  public CompletableFuture<ServerFrame.Emoji> deleteEmoji(long emojiId) {
    return call("emoji_delete", ServerFrame.Emoji.class, "emoji_id", emojiId);
  }

  /**
   * Looks up an emoji id by name.
   *
   * @param name never null
   * @return the emoji_get_id reply
   */
  public CompletableFuture<ServerFrame.Emoji> emojiId(String name) {
    return call(
        "emoji_get_id", ServerFrame.Emoji.class, "name", Objects.requireNonNull(name, "name"));
  }

  /**
   * Gets a webhook (without its token).
   *
   * @param id never null
   * @return the webhook_get reply
   */
  public CompletableFuture<ServerFrame.Webhooks> webhook(String id) {
    return call("webhook_get", ServerFrame.Webhooks.class, "id", Objects.requireNonNull(id, "id"));
  }

  /**
   * Updates a webhook (manage_server).
   *
   * @param id never null
   * @param name null to keep
   * @param avatar null to keep
   * @return the webhook_update reply
   */
  public CompletableFuture<ServerFrame.Webhooks> updateWebhook(
      String id, @Nullable String name, @Nullable String avatar) {
    return call(
        "webhook_update",
        ServerFrame.Webhooks.class,
        "id",
        Objects.requireNonNull(id, "id"),
        "name",
        name,
        "avatar",
        avatar);
  }

  /**
   * Regenerates a webhook's token (manage_server).
   *
   * @param id never null
   * @return the webhook_regenerate reply, with the new token in raw
   */
  public CompletableFuture<ServerFrame.Webhooks> regenerateWebhook(String id) {
    return call(
        "webhook_regenerate", ServerFrame.Webhooks.class, "id", Objects.requireNonNull(id, "id"));
  }

  /**
   * Deletes a webhook (manage_server).
   *
   * @param id never null
   * @return the webhook_delete reply
   */
  public CompletableFuture<ServerFrame.Webhooks> deleteWebhook(String id) {
    return call(
        "webhook_delete", ServerFrame.Webhooks.class, "id", Objects.requireNonNull(id, "id"));
  }

  /**
   * Lists the server's plugins (owner role).
   *
   * @return the plugins_list reply; never null; completes on the callback executor
   */
  public CompletableFuture<ServerFrame.Plugins> plugins() {
    return call("plugins_list", ServerFrame.Plugins.class);
  }

  /**
   * Reloads one plugin or all (owner role).
   *
   * @param plugin null for all
   * @return the plugins_reload reply; never null; completes on the callback executor
   */
  public CompletableFuture<ServerFrame.PluginsReloaded> reloadPlugins(@Nullable String plugin) {
    return call("plugins_reload", ServerFrame.PluginsReloaded.class, "plugin", plugin);
  }

  // ---------------------------------------------------------------- moderation and webhooks

  /**
   * Sets a user's roles (needs manage_users); the reply's cmd is user_roles_get.
   *
   * @param user name or id; never null
   * @param roles role names; never null
   * @return the reply
   */
  public CompletableFuture<ServerFrame.UserRoles> setUserRoles(String user, List<String> roles) {
    return call(
        "user_roles_set",
        ServerFrame.UserRoles.class,
        "user",
        Objects.requireNonNull(user, "user"),
        "roles",
        new ArrayList<>(roles));
  }

  /**
   * Bans a user (owner only); the socket of the user stays open.
   *
   * @param user name or id; never null
   * @return the user_ban reply
   */
  public CompletableFuture<ServerFrame.Moderation> ban(String user) {
    return call(
        "user_ban", ServerFrame.Moderation.class, "user", Objects.requireNonNull(user, "user"));
  }

  /**
   * Unbans a user (owner only).
   *
   * @param user name or id; never null
   * @return the user_unban reply
   */
  public CompletableFuture<ServerFrame.Moderation> unban(String user) {
    return call(
        "user_unban", ServerFrame.Moderation.class, "user", Objects.requireNonNull(user, "user"));
  }

  /**
   * Times a user out (owner only).
   *
   * @param user name or id; never null
   * @param seconds positive
   * @return the user_timeout reply
   */
  public CompletableFuture<ServerFrame.Moderation> timeout(String user, long seconds) {
    return call(
        "user_timeout",
        ServerFrame.Moderation.class,
        "user",
        Objects.requireNonNull(user, "user"),
        "timeout",
        seconds);
  }

  /**
   * Reads the audit log.
   *
   * @param limit 1..200
   * @param offset at least 0
   * @return the modlog_get reply
   */
  public CompletableFuture<ServerFrame.AuditLog> auditLog(int limit, int offset) {
    return call("modlog_get", ServerFrame.AuditLog.class, "limit", limit, "offset", offset);
  }

  /**
   * Creates a webhook (needs manage_server); the reply holds its token.
   *
   * @param channel a text channel; never null
   * @param name never null
   * @return the webhook_create reply
   */
  public CompletableFuture<ServerFrame.Webhooks> createWebhook(String channel, String name) {
    return call(
        "webhook_create",
        ServerFrame.Webhooks.class,
        "channel",
        Objects.requireNonNull(channel, "channel"),
        "name",
        Objects.requireNonNull(name, "name"));
  }

  /**
   * Lists webhooks.
   *
   * @param channel a channel to filter by; null for all
   * @return the webhook_list reply
   */
  public CompletableFuture<ServerFrame.Webhooks> webhooks(@Nullable String channel) {
    return call("webhook_list", ServerFrame.Webhooks.class, "channel", channel);
  }
}

package io.github.chatwire.originchats.codec;

import static io.github.chatwire.originchats.codec.JsonFields.bool;
import static io.github.chatwire.originchats.codec.JsonFields.flag;
import static io.github.chatwire.originchats.codec.JsonFields.id;
import static io.github.chatwire.originchats.codec.JsonFields.list;
import static io.github.chatwire.originchats.codec.JsonFields.lng;
import static io.github.chatwire.originchats.codec.JsonFields.num;
import static io.github.chatwire.originchats.codec.JsonFields.obj;
import static io.github.chatwire.originchats.codec.JsonFields.objectMap;
import static io.github.chatwire.originchats.codec.JsonFields.objects;
import static io.github.chatwire.originchats.codec.JsonFields.str;
import static io.github.chatwire.originchats.codec.JsonFields.strings;

import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.originchats.model.Attachment;
import io.github.chatwire.originchats.model.AttachmentSettings;
import io.github.chatwire.originchats.model.Channel;
import io.github.chatwire.originchats.model.ForumThread;
import io.github.chatwire.originchats.model.Limits;
import io.github.chatwire.originchats.model.Message;
import io.github.chatwire.originchats.model.PollInfo;
import io.github.chatwire.originchats.model.PollOption;
import io.github.chatwire.originchats.model.PollResults;
import io.github.chatwire.originchats.model.Role;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.originchats.model.ServerInfo;
import io.github.chatwire.originchats.model.SlashCommandInfo;
import io.github.chatwire.originchats.model.UnreadCount;
import io.github.chatwire.originchats.model.User;
import io.github.chatwire.originchats.model.UserStatus;
import io.github.chatwire.originchats.model.VoiceParticipant;
import io.github.chatwire.originchats.model.Webhook;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes OriginChats server frames (JSON text) into {@link ServerFrame}s. Tolerates the shape
 * variants of the reference server: {@code type} for {@code cmd}, the flat poll {@code
 * message_new}, {@code val} or {@code roles} in roles_list, {@code wait_time} for {@code length},
 * ids as string or number, missing {@code src}. Unknown commands become {@link
 * ServerFrame.Unknown}; unknown fields stay in {@link ServerFrame#raw()}. Pure and stateless; safe
 * from any thread.
 *
 * <p>The frames that arrive most often (message_new, message_edit, message_delete, reactions,
 * typing, ping/pong, user_disconnect) are decoded straight from the text without a tree; their
 * {@code raw()} maps are views over the text, parsed on first read. All other frames, and any frame
 * with an error, go through one tree ({@link OcJson#parse}), with the same field rules, so both
 * paths give equal results and fail alike. A name repeated within one object counts with its first
 * value.
 */
public final class FrameDecoder {
  private FrameDecoder() {}

  /**
   * Decodes one text frame.
   *
   * @param text the frame; never null
   * @return the frame; never null
   * @throws FrameDecodeException if it is not JSON, not an object, has no command, or a known field
   *     has the wrong type (the exception carries cmd and listener when readable)
   */
  public static ServerFrame decode(String text) {
    ServerFrame streamed = StreamingDecoder.decode(text);
    if (streamed != null) {
      return streamed;
    }
    Map<String, Object> o;
    try {
      o = OcJson.parseObject(text);
    } catch (ProtocolException e) {
      String why = e.getMessage();
      throw new FrameDecodeException(why != null ? why : e.toString(), null, null, e);
    }
    return decode(o);
  }

  /**
   * Decodes one frame already parsed by {@link OcJson}.
   *
   * @param o the JSON object; never null
   * @return the frame; never null
   * @throws FrameDecodeException as for {@link #decode(String)}
   */
  public static ServerFrame decode(Map<String, Object> o) {
    Object c = o.get("cmd");
    if (c == null) {
      c = o.get("type");
    }
    Object l = o.get("listener");
    String listener = l instanceof String ? (String) l : null;
    if (!(c instanceof String)) {
      throw new FrameDecodeException(
          c == null ? "frame without cmd" : "cmd is a " + OcJson.typeName(c), null, listener, null);
    }
    String cmd = (String) c;
    try {
      return decode(cmd, o);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new FrameDecodeException("bad " + cmd + " frame: " + e.getMessage(), cmd, listener, e);
    }
  }

  private static ServerFrame decode(String cmd, Map<String, Object> o) {
    switch (cmd) {
      case "handshake":
        return handshake(cmd, o);
      case "ping":
      case "pong":
        return new ServerFrame.Heartbeat(cmd, o);
      case "auth_success":
      case "auth_error":
        return new ServerFrame.AuthResult(cmd, str(o, "val"), o);
      case "ready":
        return new ServerFrame.Ready(cmd, user(obj(o, "user")), o);
      case "user_join":
      case "user_connect":
        return new ServerFrame.UserPresence(cmd, user(obj(o, "user")), o);
      case "user_disconnect":
        return new ServerFrame.UserGone(cmd, str(o, "username"), o);
      case "user_leave":
        {
          String name = str(o, "username");
          return new ServerFrame.UserGone(cmd, name != null ? name : userField(o, "user"), o);
        }
      case "user_updated":
        return new ServerFrame.UserChanged(
            cmd, id(o, "user_id"), str(o, "username"), str(o, "nickname"), o);
      case "user_update":
        return new ServerFrame.UserChanged(cmd, null, userField(o, "user"), str(o, "nickname"), o);
      case "nickname_update":
      case "nickname_remove":
        return new ServerFrame.UserChanged(
            cmd, userField(o, "user"), str(o, "username"), str(o, "nickname"), o);
      case "status_get":
      case "status":
      case "status_set":
        return new ServerFrame.Status(cmd, str(o, "username"), status(o.get("status")), o);
      case "message_new":
        return messageNew(cmd, o);
      case "message_edit":
        return new ServerFrame.MessageEdit(
            cmd,
            id(o, "id"),
            str(o, "content"),
            messageOrNull(obj(o, "message")),
            str(o, "channel"),
            str(o, "thread_id"),
            o);
      case "message_delete":
        return new ServerFrame.MessageDelete(
            cmd, id(o, "id"), str(o, "channel"), str(o, "thread_id"), o);
      case "message_pin":
      case "message_unpin":
        return new ServerFrame.Pin(
            cmd, id(o, "id"), str(o, "channel"), bool(o, "pinned", false), o);
      case "message_react_add":
      case "message_react_remove":
        return new ServerFrame.Reaction(
            cmd,
            id(o, "id"),
            str(o, "emoji"),
            str(o, "channel"),
            str(o, "thread_id"),
            str(o, "from"),
            o);
      case "typing":
        return new ServerFrame.Typing(
            cmd, str(o, "channel"), userField(o, "user"), str(o, "thread_id"), o);
      case "message_get":
        return new ServerFrame.SingleMessage(
            cmd, str(o, "channel"), str(o, "thread_id"), messageOrNull(obj(o, "message")), o);
      case "messages_get":
      case "messages_around":
      case "thread_messages":
      case "messages_pinned":
      case "pings_get":
        return messageList(cmd, o, "messages");
      case "messages_search":
        return messageList(cmd, o, "results");
      case "message_replies":
        return messageList(cmd, o, "replies");
      case "embeds_list":
        return new ServerFrame.Embeds(cmd, id(o, "id"), objects(o, "embeds"), o);
      case "thread_create":
      case "thread_get":
      case "thread_update":
      case "thread_delete":
      case "thread_join":
      case "thread_leave":
        {
          Map<String, Object> th = obj(o, "thread");
          ForumThread t = th == null ? null : thread(th);
          String tid = id(o, "thread_id");
          if (tid == null && t != null) {
            tid = t.id();
          }
          return new ServerFrame.ThreadEvent(
              cmd, t, tid, str(o, "channel"), userField(o, "user"), o);
        }
      case "voice_user_joined":
      case "voice_user_left":
      case "voice_user_updated":
      case "voice_join":
      case "voice_leave":
      case "voice_mute":
      case "voice_unmute":
      case "voice_state":
        return voice(cmd, o);
      case "channels_get":
        {
          List<Channel> channels = new ArrayList<>();
          for (Map<String, Object> ch : objects(o, o.containsKey("val") ? "val" : "channels")) {
            channels.add(channel(ch));
          }
          return new ServerFrame.Channels(cmd, Collections.unmodifiableList(channels), o);
        }
      case "users_list":
      case "users_online":
        {
          List<User> users = new ArrayList<>();
          for (Map<String, Object> u : objects(o, "users")) {
            users.add(user(u));
          }
          return new ServerFrame.Users(cmd, Collections.unmodifiableList(users), o);
        }
      case "roles_list":
      case "self_roles_list":
        return roles(cmd, o);
      case "user_roles_get":
        return new ServerFrame.UserRoles(
            cmd, userField(o, "user"), strings(o, "roles"), str(o, "color"), o);
      case "server_info":
      case "server_update":
        return new ServerFrame.ServerDetails(
            cmd, str(o, "name"), str(o, "icon"), str(o, "banner"), o);
      case "slash_add":
      case "slash_list":
        {
          List<SlashCommandInfo> cmds = new ArrayList<>();
          for (Map<String, Object> s : objects(o, "commands")) {
            cmds.add(slashCommand(s));
          }
          return new ServerFrame.SlashCommands(cmd, Collections.unmodifiableList(cmds), o);
        }
      case "slash_remove":
        {
          List<String> names = new ArrayList<>();
          List<Object> l = list(o, "commands");
          if (l != null) {
            for (Object e : l) {
              if (e instanceof String) {
                names.add((String) e);
              } else if (e instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) e;
                names.add(str(m, "name"));
              }
            }
          }
          return new ServerFrame.SlashRemove(cmd, Collections.unmodifiableList(names), o);
        }
      case "slash_call":
        {
          Map<String, Object> val = obj(o, "val");
          Map<String, Object> args = obj(val, "args");
          return new ServerFrame.SlashCall(
              cmd,
              str(val, "command"),
              args == null ? Collections.<String, Object>emptyMap() : args,
              userField(val, "commander"),
              id(o, "invoker"),
              str(o, "invokerUsername"),
              str(o, "channel"),
              o);
        }
      case "poll_create":
        return new ServerFrame.PollCreated(
            cmd,
            id(o, "poll_id"),
            id(o, "message_id"),
            str(o, "channel"),
            str(o, "thread_id"),
            str(o, "question"),
            pollOptions(o),
            flag(o, "allow_multiselect"),
            num(o, "expires_at"),
            o);
      case "poll_vote_update":
      case "poll_vote":
      case "poll_end":
      case "poll_results":
      case "poll_get":
        return poll(cmd, o);
      case "unreads_get":
        {
          Map<String, UnreadCount> unreads = new LinkedHashMap<>();
          for (Map.Entry<String, Map<String, Object>> e : objectMap(o, "unreads").entrySet()) {
            Map<String, Object> u = e.getValue();
            unreads.put(
                e.getKey(),
                new UnreadCount(
                    id(u, "last_read"),
                    lng(u, "unread_count"),
                    lng(u, "total_messages"),
                    str(u, "parent_channel"),
                    u));
          }
          return new ServerFrame.Unreads(cmd, Collections.unmodifiableMap(unreads), o);
        }
      case "unreads_update":
      case "unreads_ack":
      case "unreads_count":
        return new ServerFrame.UnreadState(
            cmd,
            str(o, "channel"),
            str(o, "thread_id"),
            id(o, "last_read"),
            lng(o, "unread_count"),
            o);
      case "rate_limit":
        {
          Double len = num(o, "length");
          if (len == null) {
            len = num(o, "wait_time");
          }
          return new ServerFrame.RateLimit(
              cmd, str(o, "reason"), len == null ? 0L : Math.max(0L, len.longValue()), o);
        }
      case "rate_limit_status":
        {
          Map<String, Object> st = obj(o, "status");
          return new ServerFrame.RateLimitStatus(
              cmd,
              userField(o, "user"),
              st == null ? Collections.<String, Object>emptyMap() : st,
              o);
        }
      case "disconnect":
        return new ServerFrame.Disconnect(cmd, str(o, "reason"), o);
      case "error":
        return new ServerFrame.Error(cmd, valText(o), str(o, "src"), o);
      case "emoji_get_all":
      case "emoji_add":
      case "emoji_update":
      case "emoji_delete":
      case "emoji_get_id":
      case "emoji_get_filename":
        return new ServerFrame.Emoji(cmd, id(o, "id"), str(o, "name"), objectMap(o, "emojis"), o);
      case "webhook_create":
      case "webhook_list":
      case "webhook_get":
      case "webhook_update":
      case "webhook_regenerate":
      case "webhook_delete":
        return webhooks(cmd, o);
      case "attachment_info":
      case "attachment_deleted":
        {
          Map<String, Object> a = obj(o, "attachment");
          Attachment att = a == null ? null : attachment(a);
          String aid = id(o, "attachment_id");
          return new ServerFrame.AttachmentInfo(
              cmd, att, aid != null ? aid : att == null ? null : att.id(), o);
        }
      case "channel_create":
      case "channel_update":
      case "channel_move":
      case "channel_delete":
        {
          Map<String, Object> ch = obj(o, "channel");
          Channel channel = ch == null ? null : channel(ch);
          String name = str(o, "name");
          boolean ok =
              bool(o, "created", false)
                  || bool(o, "updated", false)
                  || bool(o, "moved", false)
                  || bool(o, "deleted", false);
          return new ServerFrame.ChannelChange(
              cmd,
              channel,
              name != null ? name : channel == null ? null : channel.name(),
              lng(o, "position"),
              ok,
              o);
        }
      case "role_create":
      case "role_update":
      case "role_set":
      case "role_delete":
      case "role_reorder":
      case "role_permissions_get":
      case "role_permissions_set":
        {
          boolean ok =
              "role_create".equals(cmd)
                  || "role_reorder".equals(cmd)
                  || "role_permissions_get".equals(cmd)
                  || bool(o, "updated", false)
                  || bool(o, "deleted", false);
          return new ServerFrame.RoleChange(
              cmd,
              id(o, "id"),
              str(o, "name"),
              strings(o, "roles"),
              o.get("permissions") instanceof List
                  ? strings(o, "permissions")
                  : Collections.<String>emptyList(),
              ok,
              o);
        }
      case "self_role_add":
      case "self_role_remove":
        return new ServerFrame.SelfRole(
            cmd, str(o, "role"), bool(o, "success", false), strings(o, "roles"), o);
      case "user_ban":
      case "user_unban":
      case "users_banned_list":
      case "user_timeout":
      case "rate_limit_reset":
        {
          boolean ok =
              o.containsKey("banned")
                  ? bool(o, "banned", false)
                  : !o.containsKey("unbanned") || bool(o, "unbanned", false);
          return new ServerFrame.Moderation(
              cmd, userField(o, "user"), ok, lng(o, "timeout"), strings(o, "users"), valText(o), o);
        }
      case "modlog_get":
        {
          List<ServerFrame.AuditEntry> entries = new ArrayList<>();
          for (Map<String, Object> e : objects(o, "entries")) {
            Map<String, Object> details = obj(e, "details");
            entries.add(
                new ServerFrame.AuditEntry(
                    id(e, "id"),
                    str(e, "action"),
                    str(e, "category"),
                    id(e, "actor_id"),
                    str(e, "actor_name"),
                    id(e, "target_id"),
                    str(e, "target_name"),
                    details == null ? Collections.<String, Object>emptyMap() : details,
                    num(e, "timestamp")));
          }
          return new ServerFrame.AuditLog(
              cmd, Collections.unmodifiableList(entries), lng(o, "total"), lng(o, "offset"), o);
        }
      case "pfp_set":
      case "pfp_get":
        return new ServerFrame.ProfilePicture(cmd, valText(o), str(o, "username"), o);
      case "modlog_summary":
        return new ServerFrame.AuditSummary(
            cmd, counts(o, "action_counts"), counts(o, "category_totals"), lng(o, "total"), o);
      case "plugins_list":
        {
          List<ServerFrame.PluginInfo> plugins = new ArrayList<>();
          for (Map.Entry<String, Map<String, Object>> e : objectMap(o, "plugins").entrySet()) {
            Map<String, Object> p = e.getValue();
            plugins.add(
                new ServerFrame.PluginInfo(
                    e.getKey(), str(p, "name"), str(p, "description"), strings(p, "handles"), p));
          }
          return new ServerFrame.Plugins(cmd, Collections.unmodifiableList(plugins), o);
        }
      case "plugins_reload":
        return new ServerFrame.PluginsReloaded(cmd, str(o, "val"), o);
      case "slash_register":
        {
          String text = str(o, "val");
          return new ServerFrame.SlashRegistered(cmd, text, leadingCount(text), o);
        }
      case "push_vapid":
        return new ServerFrame.PushVapidKey(cmd, str(o, "key"), o);
      case "push_subscribed":
      case "push_unsubscribed":
        return new ServerFrame.PushSubscription(
            cmd, bool(o, "success", false), str(o, "device_fingerprint"), o);
      default:
        return new ServerFrame.Unknown(cmd, o);
    }
  }

  private static @Nullable String valText(Map<String, Object> o) {
    Object v = o.get("val");
    return v instanceof String ? (String) v : null;
  }

  /** A user reference that is a name or id string, or (rarely) a user object. */
  private static @Nullable String userField(@Nullable Map<String, Object> o, String key) {
    Object v = o == null ? null : o.get(key);
    if (v instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) v;
      return str(m, "username");
    }
    return id(o, key);
  }

  private static ServerFrame handshake(String cmd, Map<String, Object> o) {
    Map<String, Object> v = obj(o, "val");
    if (v == null) {
      v = o;
    }
    Map<String, Object> s = obj(v, "server");
    ServerInfo server = s == null ? null : serverInfo(s);
    Map<String, Object> lim = obj(v, "limits");
    Limits limits =
        lim == null ? null : new Limits(lng(lim, "post_content"), lng(lim, "search_results"), lim);
    Map<String, Object> a = obj(v, "attachments");
    AttachmentSettings att =
        a == null
            ? null
            : new AttachmentSettings(
                flag(a, "enabled"),
                lng(a, "max_size"),
                strings(a, "allowed_types"),
                lng(a, "max_attachments_per_user"),
                a);
    List<String> caps = v.get("capabilities") == null ? null : strings(v, "capabilities");
    return new ServerFrame.Handshake(
        cmd,
        server,
        limits,
        att,
        str(v, "version"),
        str(v, "validator_key"),
        caps,
        strings(v, "permissions"),
        str(v, "auth_mode"),
        o);
  }

  /**
   * Decodes server identity.
   *
   * @param s the object; never null
   * @return the info
   */
  public static ServerInfo serverInfo(Map<String, Object> s) {
    Object owner = s.get("owner");
    String ownerName = null;
    if (owner instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) owner;
      ownerName = str(m, "name");
    } else if (owner instanceof String) {
      ownerName = (String) owner;
    }
    return new ServerInfo(
        str(s, "name"), str(s, "icon"), str(s, "banner"), str(s, "url"), ownerName, s);
  }

  private static ServerFrame messageNew(String cmd, Map<String, Object> o) {
    Map<String, Object> m = obj(o, "message");
    if (m != null) {
      return new ServerFrame.MessageNew(
          cmd, message(m), str(o, "channel"), str(o, "thread_id"), false, o);
    }
    // flat form (polls, some plugins): the message fields sit at the top level
    return new ServerFrame.MessageNew(
        cmd, message(o), str(o, "channel"), str(o, "thread_id"), true, o);
  }

  private static ServerFrame messageList(String cmd, Map<String, Object> o, String key) {
    List<Message> msgs = new ArrayList<>();
    for (Map<String, Object> m : objects(o, key)) {
      msgs.add(message(m));
    }
    Map<String, Object> range = obj(o, "range");
    return new ServerFrame.MessageList(
        cmd,
        str(o, "channel"),
        str(o, "thread_id"),
        Collections.unmodifiableList(msgs),
        lng(range, "start"),
        lng(range, "end"),
        o);
  }

  private static @Nullable Message messageOrNull(@Nullable Map<String, Object> m) {
    return m == null ? null : message(m);
  }

  /**
   * Decodes a message object.
   *
   * @param m the object; never null
   * @return the message
   * @throws IllegalArgumentException if a known field has the wrong type
   */
  public static Message message(Map<String, Object> m) {
    Map<String, Object> r = obj(m, "reply_to");
    Message.ReplyRef replyTo =
        r == null ? null : new Message.ReplyRef(id(r, "id"), userField(r, "user"));
    Map<String, Object> i = obj(m, "interaction");
    Message.Interaction interaction =
        i == null ? null : new Message.Interaction(str(i, "command"), userField(i, "username"));
    Map<String, List<String>> reactions = new LinkedHashMap<>();
    Map<String, Object> re = obj(m, "reactions");
    if (re != null) {
      for (String emoji : re.keySet()) {
        reactions.put(emoji, strings(re, emoji));
      }
    }
    List<Attachment> atts = new ArrayList<>();
    for (Map<String, Object> a : objects(m, "attachments")) {
      atts.add(attachment(a));
    }
    Map<String, Object> wh = obj(m, "webhook");
    Map<String, Object> p = obj(m, "pings");
    Message.Pings pings =
        p == null
            ? null
            : new Message.Pings(strings(p, "users"), strings(p, "roles"), strings(p, "replies"));
    Object pinned = m.get("pinned");
    if (pinned != null && !(pinned instanceof Boolean)) {
      throw new IllegalArgumentException(
          "field 'pinned': expected boolean, got " + OcJson.typeName(pinned));
    }
    return new Message(
        id(m, "id"),
        userField(m, "user"),
        str(m, "content"),
        num(m, "timestamp"),
        str(m, "type"),
        (Boolean) pinned,
        bool(m, "edited", false),
        replyTo,
        interaction,
        Collections.unmodifiableMap(reactions),
        objects(m, "embeds"),
        Collections.unmodifiableList(atts),
        wh == null ? null : str(wh, "name"),
        pings,
        id(m, "poll_id"),
        m);
  }

  /**
   * Decodes an attachment object.
   *
   * @param a the object; never null
   * @return the attachment
   */
  public static Attachment attachment(Map<String, Object> a) {
    return new Attachment(
        id(a, "id"),
        str(a, "name"),
        str(a, "mime_type"),
        lng(a, "size"),
        str(a, "url"),
        num(a, "expires_at"),
        flag(a, "permanent"),
        a);
  }

  /**
   * Decodes a channel object.
   *
   * @param c the object; never null
   * @return the channel
   */
  public static Channel channel(Map<String, Object> c) {
    Map<String, List<String>> perms = new LinkedHashMap<>();
    Map<String, Object> p = obj(c, "permissions");
    if (p != null) {
      for (String action : p.keySet()) {
        perms.put(action, strings(p, action));
      }
    }
    List<ForumThread> threads = new ArrayList<>();
    for (Map<String, Object> t : objects(c, "threads")) {
      threads.add(thread(t));
    }
    return new Channel(
        str(c, "type"),
        str(c, "name"),
        str(c, "display_name"),
        str(c, "description"),
        Collections.unmodifiableMap(perms),
        id(c, "last_message_id"),
        Collections.unmodifiableList(threads),
        c);
  }

  /**
   * Decodes a thread object.
   *
   * @param t the object; never null
   * @return the thread
   */
  public static ForumThread thread(Map<String, Object> t) {
    return new ForumThread(
        id(t, "id"),
        str(t, "name"),
        str(t, "parent_channel"),
        userField(t, "created_by"),
        num(t, "created_at"),
        flag(t, "locked"),
        flag(t, "archived"),
        strings(t, "participants"),
        id(t, "last_message_id"),
        t);
  }

  /**
   * Decodes a user object.
   *
   * @param u the object; may be null
   * @return the user; null if u is null
   */
  public static @Nullable User user(@Nullable Map<String, Object> u) {
    if (u == null) {
      return null;
    }
    return new User(
        str(u, "username"),
        str(u, "nickname"),
        strings(u, "roles"),
        str(u, "color"),
        status(u.get("status")),
        flag(u, "cracked"),
        u.containsKey("pfp") ? str(u, "pfp") : str(u, "pfp_url"),
        u);
  }

  private static @Nullable UserStatus status(@Nullable Object s) {
    if (s == null) {
      return null;
    }
    if (s instanceof String) {
      return new UserStatus((String) s, null);
    }
    if (s instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) s;
      return new UserStatus(str(m, "status"), str(m, "text"));
    }
    throw new IllegalArgumentException(
        "field 'status': expected object, got " + OcJson.typeName(s));
  }

  private static ServerFrame voice(String cmd, Map<String, Object> o) {
    Map<String, Object> u = obj(o, "user");
    VoiceParticipant vp = u == null ? null : participant(u);
    List<VoiceParticipant> ps = new ArrayList<>();
    for (Map<String, Object> p : objects(o, "participants")) {
      ps.add(participant(p));
    }
    Object muted = o.get("muted");
    return new ServerFrame.Voice(
        cmd,
        str(o, "channel"),
        vp,
        vp != null ? vp.username() : str(o, "username"),
        Collections.unmodifiableList(ps),
        muted instanceof Boolean ? (Boolean) muted : null,
        o);
  }

  private static VoiceParticipant participant(Map<String, Object> p) {
    return new VoiceParticipant(
        id(p, "id"), str(p, "username"), flag(p, "muted"), str(p, "peer_id"));
  }

  private static ServerFrame roles(String cmd, Map<String, Object> o) {
    String key = o.containsKey("roles") ? "roles" : "val";
    Object v = o.get(key);
    List<Role> roles = new ArrayList<>();
    if (v instanceof List) {
      for (Map<String, Object> r : objects(o, key)) {
        roles.add(role(str(r, "name"), r));
      }
    } else {
      for (Map.Entry<String, Map<String, Object>> e : objectMap(o, key).entrySet()) {
        roles.add(role(e.getKey(), e.getValue()));
      }
    }
    return new ServerFrame.Roles(cmd, Collections.unmodifiableList(roles), o);
  }

  private static Role role(@Nullable String name, Map<String, Object> r) {
    List<String> perms =
        r.get("permissions") instanceof List
            ? strings(r, "permissions")
            : Collections.<String>emptyList();
    return new Role(
        name,
        id(r, "id"),
        str(r, "description"),
        str(r, "color"),
        flag(r, "hoisted"),
        perms,
        flag(r, "self_assignable"),
        str(r, "category"),
        lng(r, "position"),
        r);
  }

  private static SlashCommandInfo slashCommand(Map<String, Object> s) {
    List<SlashCommandInfo.SlashOption> opts = new ArrayList<>();
    for (Map<String, Object> op : objects(s, "options")) {
      opts.add(
          new SlashCommandInfo.SlashOption(
              str(op, "name"),
              str(op, "description"),
              str(op, "type"),
              op.get("choices") == null ? null : strings(op, "choices"),
              bool(op, "required", true)));
    }
    return new SlashCommandInfo(
        str(s, "name"),
        str(s, "description"),
        Collections.unmodifiableList(opts),
        s.get("whitelistRoles") == null ? null : strings(s, "whitelistRoles"),
        s.get("blacklistRoles") == null ? null : strings(s, "blacklistRoles"),
        flag(s, "ephemeral"),
        userField(s, "registeredBy"),
        s);
  }

  private static ServerFrame poll(String cmd, Map<String, Object> o) {
    Map<String, Object> res = null;
    Object r = o.get("results");
    if (r instanceof Map) {
      res = obj(o, "results");
    } else if (r instanceof List) {
      res = o; // poll_vote replies may carry the result list at the top level
    } else if (r != null) {
      throw new IllegalArgumentException(
          "field 'results': expected object, got " + OcJson.typeName(r));
    }
    PollResults results = res == null ? null : pollResults(res);
    Map<String, Object> p = obj(o, "poll");
    PollInfo poll = p == null ? null : pollInfo(p);
    String pollId = id(o, "poll_id");
    String messageId = id(o, "message_id");
    String channel = str(o, "channel");
    if (poll != null) {
      pollId = pollId != null ? pollId : poll.id();
      messageId = messageId != null ? messageId : poll.messageId();
      channel = channel != null ? channel : poll.channel();
    }
    return new ServerFrame.Poll(
        cmd, pollId, messageId, channel, userField(o, "user"), results, poll, o);
  }

  /**
   * Decodes the poll object of a poll_get reply.
   *
   * @param p the object; never null
   * @return the poll; never null
   * @throws IllegalArgumentException if a known field has the wrong type
   */
  public static PollInfo pollInfo(Map<String, Object> p) {
    return new PollInfo(
        id(p, "id"),
        id(p, "message_id"),
        str(p, "channel"),
        str(p, "thread_id"),
        str(p, "question"),
        pollOptions(p),
        flag(p, "allow_multiselect"),
        num(p, "expires_at"),
        userField(p, "created_by"),
        num(p, "created_at"),
        flag(p, "ended"),
        num(p, "ended_at"),
        strings(p, "user_votes"),
        p);
  }

  /**
   * The {@code options} of a poll: objects {id, text, emoji?}, or bare texts whose id is their
   * position.
   */
  private static List<PollOption> pollOptions(Map<String, Object> p) {
    List<PollOption> options = new ArrayList<>();
    List<Object> l = list(p, "options");
    if (l != null) {
      int i = 0;
      for (Object e : l) {
        if (e instanceof String) {
          // the request form: a bare text whose id is its position
          options.add(new PollOption(Integer.toString(i), (String) e, null));
        } else if (e instanceof Map) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) e;
          options.add(new PollOption(id(m, "id"), str(m, "text"), str(m, "emoji")));
        } else if (e != null) {
          throw new IllegalArgumentException(
              "field 'options[]': expected object, got " + OcJson.typeName(e));
        }
        i++;
      }
    }
    return Collections.unmodifiableList(options);
  }

  private static Map<String, Long> counts(Map<String, Object> o, String key) {
    Map<String, Object> m = obj(o, key);
    if (m == null) {
      return Collections.emptyMap();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (String k : m.keySet()) {
      Long n = lng(m, k);
      if (n != null) {
        out.put(k, n);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static @Nullable Long leadingCount(@Nullable String text) {
    if (text == null) {
      return null;
    }
    int end = 0;
    while (end < text.length() && end < 18 && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
      end++;
    }
    return end == 0 ? null : Long.valueOf(text.substring(0, end));
  }

  private static PollResults pollResults(Map<String, Object> r) {
    List<PollResults.Option> opts = new ArrayList<>();
    for (Map<String, Object> op : objects(r, "results")) {
      opts.add(
          new PollResults.Option(
              id(op, "id"),
              str(op, "text"),
              str(op, "emoji"),
              lng(op, "votes"),
              strings(op, "voters")));
    }
    return new PollResults(
        id(r, "poll_id"),
        str(r, "question"),
        flag(r, "allow_multiselect"),
        flag(r, "ended"),
        lng(r, "total_votes"),
        Collections.unmodifiableList(opts),
        r);
  }

  private static ServerFrame webhooks(String cmd, Map<String, Object> o) {
    List<Webhook> hooks = new ArrayList<>();
    if (o.get("webhooks") != null) {
      for (Map<String, Object> w : objects(o, "webhooks")) {
        hooks.add(webhook(w));
      }
    } else if (o.get("webhook") != null) {
      Map<String, Object> w = obj(o, "webhook");
      if (w != null) {
        hooks.add(webhook(w));
      }
    }
    boolean deleted = bool(o, "deleted", false);
    return new ServerFrame.Webhooks(
        cmd, Collections.unmodifiableList(hooks), id(o, "id"), deleted, o);
  }

  /**
   * Decodes a webhook object; its token becomes a {@link Secret}.
   *
   * @param w the object; never null
   * @return the webhook; never null
   * @throws IllegalArgumentException if a known field has the wrong type
   */
  public static Webhook webhook(Map<String, Object> w) {
    String token = str(w, "token");
    return new Webhook(
        id(w, "id"),
        str(w, "channel"),
        str(w, "name"),
        token == null ? null : Secret.of(token),
        userField(w, "created_by"),
        num(w, "created_at"),
        str(w, "avatar"),
        w);
  }
}

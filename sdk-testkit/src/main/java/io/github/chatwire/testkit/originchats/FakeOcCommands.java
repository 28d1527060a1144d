package io.github.chatwire.testkit.originchats;

import static io.github.chatwire.testkit.originchats.FakeOcState.error;
import static io.github.chatwire.testkit.originchats.FakeOcState.frame;
import static io.github.chatwire.testkit.originchats.FakeOcState.str;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The fake's command dispatch: what the reference server answers to each {@code cmd} on a logged-in
 * socket (and to auth, login and register before), with the listener rule, broadcasts, scripted and
 * silenced commands. Called with the state's lock held, one frame at a time.
 */
final class FakeOcCommands {
  final FakeOcState state;
  final Map<String, String> silenced = new ConcurrentHashMap<>();
  final Map<String, BiFunction<String, Map<String, Object>, Map<String, Object>>> scripts =
      new ConcurrentHashMap<>();
  final List<String> received = new CopyOnWriteArrayList<>();

  FakeOcCommands(FakeOcState state) {
    this.state = state;
  }

  void handle(FakeOcConnection c, Map<String, Object> f) {
    Object cmdObj = f.get("cmd");
    String cmd = cmdObj instanceof String ? (String) cmdObj : null;
    received.add(String.valueOf(cmd));
    Object l = f.get("listener");
    String listener = l instanceof String ? (String) l : null;
    if (!c.authed()) {
      if ("auth".equals(cmd)) {
        auth(c, f);
      } else if (cmd != null
          && ("login".equals(cmd) || "register".equals(cmd))
          && !"rotur".equals(state.authMode)) {
        password(c, cmd, f);
      } else {
        c.send(frame("auth_error", "val", "Authentication required"));
      }
      return;
    }
    if (cmd == null || silenced.containsKey(cmd)) {
      return;
    }
    BiFunction<String, Map<String, Object>, Map<String, Object>> script = scripts.get(cmd);
    Map<String, Object> reply =
        script != null ? script.apply(c.username(), f) : dispatch(c, cmd, f);
    if (reply == null) {
      return;
    }
    boolean global = Boolean.TRUE.equals(reply.get("global"));
    if (global) {
      state.broadcast(reply, c);
    }
    if (listener != null) {
      reply = new LinkedHashMap<>(reply);
      reply.put("listener", listener);
    }
    c.send(reply);
  }

  private void auth(FakeOcConnection c, Map<String, Object> f) {
    if ("cracked-only".equals(state.authMode)) {
      c.send(
          frame(
              "auth_error",
              "val",
              "Rotur authentication is disabled. Use login or register commands."));
      return;
    }
    String[] v = state.validators.get(String.valueOf(f.get("validator")));
    if (v == null || !v[0].equals(c.validatorKey)) {
      c.send(frame("auth_error", "val", "Invalid authentication"));
      return;
    }
    loggedIn(c, v[1], v[2], false);
  }

  private void password(FakeOcConnection c, String cmd, Map<String, Object> f) {
    Object u = f.get("username");
    Object p = f.get("password");
    if (!(u instanceof String) || !(p instanceof String)) {
      c.send(frame("auth_error", "val", "Username and password required"));
      return;
    }
    String name = ((String) u).toLowerCase(java.util.Locale.ROOT);
    if ("register".equals(cmd)) {
      if (!name.matches("[a-z0-9_-]{2,32}")) {
        c.send(frame("auth_error", "val", "Username must be 2-32 characters"));
        return;
      }
      if (state.passwords.containsKey(name)) {
        c.send(frame("auth_error", "val", "Username already taken"));
        return;
      }
      state.passwords.put(name, (String) p);
    } else {
      String stored = state.passwords.get(name);
      if (stored == null) {
        c.send(frame("auth_error", "val", "User not found"));
        return;
      }
      if (!stored.equals(p)) {
        c.send(frame("auth_error", "val", "Invalid password"));
        return;
      }
    }
    loggedIn(c, "USR:local_" + name, "USR:local_" + name, true);
  }

  private void loggedIn(FakeOcConnection c, String id, String username, boolean cracked) {
    boolean first = !state.userOnline(id);
    c.userId = id;
    c.username = username;
    c.cracked = cracked;
    c.send(frame("auth_success", "val", "Authentication successful"));
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("username", username);
    if (cracked) {
      user.put("nickname", username.substring("USR:local_".length()));
    }
    user.put("roles", Collections.singletonList("user"));
    user.put("status", status());
    user.put("cracked", cracked);
    c.send(frame("ready", "user", user, "validator", state.randomToken(43)));
    if (first) {
      state.broadcast(frame("user_connect", "user", userSummary(c)), null);
    }
  }

  private static Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("status", "online");
    s.put("text", "");
    return s;
  }

  private static Map<String, Object> userSummary(FakeOcConnection c) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("username", c.username());
    u.put("roles", Collections.singletonList("user"));
    u.put("color", null);
    return u;
  }

  private @Nullable Map<String, Object> dispatch(
      FakeOcConnection c, String cmd, Map<String, Object> f) {
    switch (cmd) {
      case "ping":
        return frame("pong", "val", "pong");
      case "channels_get":
        return frame("channels_get", "val", new ArrayList<>(state.channels.values()));
      case "users_online":
      case "users_list":
        {
          List<Object> users = new ArrayList<>();
          List<String> seen = new ArrayList<>();
          for (FakeOcConnection o : state.conns) {
            if (o.authed() && !seen.contains(o.userId)) {
              seen.add(o.userId);
              Map<String, Object> u = userSummary(o);
              u.put("nickname", null);
              u.put("status", status());
              users.add(u);
            }
          }
          return frame(cmd, "users", users);
        }
      case "message_new":
        return messageNew(c, f);
      case "message_edit":
        return messageEdit(c, f);
      case "message_delete":
        {
          String channel = str(f, "channel");
          if (!state.channels.containsKey(channel)) {
            return error("Channel not found", cmd);
          }
          Map<String, Object> m = state.find(channel, str(f, "id"));
          if (m == null) {
            return error("Message not found", cmd);
          }
          if (!c.username().equals(m.get("user"))) {
            return error("You do not have permission to delete this message", cmd);
          }
          state.channelMessages(channel).remove(m);
          return frame(cmd, "id", m.get("id"), "channel", channel, "global", true);
        }
      case "message_get":
        {
          String channel = str(f, "channel");
          Map<String, Object> m =
              state.channels.containsKey(channel) ? state.find(channel, str(f, "id")) : null;
          if (m == null) {
            return error(
                state.channels.containsKey(channel) ? "Message not found" : "Channel not found",
                cmd);
          }
          return frame(cmd, "channel", channel, "message", m);
        }
      case "message_react_add":
      case "message_react_remove":
        return react(c, cmd, f);
      case "typing":
        {
          String channel = str(f, "channel");
          Map<String, Object> limited = state.rateLimit(c, cmd);
          if (limited != null) {
            return limited;
          }
          if (!state.channels.containsKey(channel)) {
            return error("Channel not found", cmd);
          }
          return frame(
              "typing",
              "channel",
              channel,
              "user",
              c.username(),
              "thread_id",
              null,
              "global",
              true);
        }
      case "messages_get":
        return messagesGet(c, f);
      case "messages_around":
        if (!state.aroundCapability) {
          return error("Unknown command: messages_around", cmd);
        }
        return messagesAround(f);
      case "slash_register":
        return slashRegister(c, f);
      case "slash_list":
        {
          List<Object> all = new ArrayList<>();
          for (List<Map<String, Object>> l : state.slash.values()) {
            all.addAll(l);
          }
          return frame(cmd, "commands", all);
        }
      case "slash_call":
        return slashCall(c, f);
      case "slash_response":
        {
          String channel = str(f, "channel");
          if (!state.channels.containsKey(channel)) {
            return error("Channel not found", cmd);
          }
          Map<String, Object> m = state.newMessage(c.username(), String.valueOf(f.get("response")));
          Map<String, Object> interaction = new LinkedHashMap<>();
          interaction.put("command", f.get("command"));
          interaction.put("username", state.usernameOf(str(f, "invoker")));
          m.put("interaction", interaction);
          state.channelMessages(channel).add(m);
          return frame(
              "message_new", "message", m, "channel", channel, "thread_id", null, "global", true);
        }
      default:
        return error("Unknown command: " + cmd, cmd);
    }
  }

  private Map<String, Object> messageNew(FakeOcConnection c, Map<String, Object> f) {
    Map<String, Object> limited = state.rateLimit(c, "message_new");
    if (limited != null) {
      return limited;
    }
    String channel = str(f, "channel");
    if (channel == null || !state.channels.containsKey(channel)) {
      return error(
          channel == null
              ? "Missing fields: channel or thread_id, content or attachments"
              : "Channel not found",
          "message_new");
    }
    if (!"text".equals(state.channels.get(channel).get("type"))) {
      return error("Cannot send messages in this channel type", "message_new");
    }
    Object contentObj = f.get("content");
    String content = contentObj instanceof String ? ((String) contentObj).trim() : "";
    List<Object> atts = new ArrayList<>();
    if (f.get("attachments") instanceof List) {
      for (Object a : (List<?>) f.get("attachments")) {
        Object id = a instanceof Map ? ((Map<?, ?>) a).get("id") : null;
        Map<String, Object> att = state.attachments.get(String.valueOf(id));
        if (att == null || !c.userId().equals(att.get("uploader"))) {
          return error("Attachment not found", "message_new");
        }
        atts.add(FakeOcRoutes.publicAttachment(att));
      }
    }
    if (content.isEmpty() && atts.isEmpty()) {
      return error("Missing fields: channel or thread_id, content or attachments", "message_new");
    }
    if (content.codePointCount(0, content.length()) > state.postContent) {
      return error(
          "Message too long. Maximum length is " + state.postContent + " characters",
          "message_new");
    }
    Map<String, Object> m = state.newMessage(c.username(), content);
    if (!atts.isEmpty()) {
      m.put("attachments", atts);
    }
    if (f.get("reply_to") instanceof String) {
      Map<String, Object> target = state.find(channel, (String) f.get("reply_to"));
      if (target == null) {
        return error("The message you're trying to reply to was not found", "message_new");
      }
      Map<String, Object> ref = new LinkedHashMap<>();
      ref.put("id", target.get("id"));
      ref.put("user", target.get("user"));
      m.put("reply_to", ref);
    }
    state.channelMessages(channel).add(m);
    Map<String, Object> live = new LinkedHashMap<>(m);
    Map<String, Object> pings = new LinkedHashMap<>();
    pings.put("users", Collections.emptyList());
    pings.put("roles", Collections.emptyList());
    pings.put("replies", Collections.emptyList());
    live.put("pings", pings);
    return frame(
        "message_new", "message", live, "channel", channel, "thread_id", null, "global", true);
  }

  private Map<String, Object> messageEdit(FakeOcConnection c, Map<String, Object> f) {
    Map<String, Object> limited = state.rateLimit(c, "message_edit");
    if (limited != null) {
      limited.remove("reason"); // the reference sends no reason for message_edit
      return limited;
    }
    String channel = str(f, "channel");
    if (!state.channels.containsKey(channel)) {
      return error("Channel not found", "message_edit");
    }
    Map<String, Object> m = state.find(channel, str(f, "id"));
    if (m == null) {
      return error("Message not found", "message_edit");
    }
    if (!c.username().equals(m.get("user"))) {
      return error("You do not have permission to edit this message", "message_edit");
    }
    Object content = f.get("content");
    if (!(content instanceof String) || ((String) content).trim().isEmpty()) {
      return error("Content is required", "message_edit");
    }
    m.put("content", ((String) content).trim());
    m.put("edited", true);
    return frame(
        "message_edit",
        "id",
        m.get("id"),
        "content",
        m.get("content"),
        "message",
        new LinkedHashMap<>(m),
        "channel",
        channel,
        "global",
        true);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> react(FakeOcConnection c, String cmd, Map<String, Object> f) {
    String channel = str(f, "channel");
    if (!state.channels.containsKey(channel)) {
      return error("Channel not found", cmd);
    }
    Map<String, Object> m = state.find(channel, str(f, "id"));
    Object emoji = f.get("emoji");
    if (m == null) {
      return error("Message not found", cmd);
    }
    if (!(emoji instanceof String)
        || ((String) emoji).isEmpty()
        || ((String) emoji).length() > 200) {
      return error("Invalid emoji", cmd);
    }
    Map<String, Object> reactions =
        (Map<String, Object>) m.computeIfAbsent("reactions", k -> new LinkedHashMap<>());
    List<Object> users =
        (List<Object>) reactions.computeIfAbsent((String) emoji, k -> new ArrayList<>());
    boolean add = "message_react_add".equals(cmd);
    if (add == users.contains(c.username())) {
      return error(add ? "Failed to add reaction" : "Failed to remove reaction", cmd);
    }
    if (add) {
      users.add(c.username());
    } else {
      users.remove(c.username());
      if (users.isEmpty()) {
        reactions.remove(emoji);
      }
      if (reactions.isEmpty()) {
        m.remove("reactions");
      }
    }
    return frame(
        cmd,
        "id",
        m.get("id"),
        "emoji",
        emoji,
        "channel",
        channel,
        "from",
        c.username(),
        "global",
        true);
  }

  private @Nullable Map<String, Object> messagesGet(FakeOcConnection c, Map<String, Object> f) {
    String channel = str(f, "channel");
    if (!state.channels.containsKey(channel)) {
      return error("Channel not found", "messages_get");
    }
    Object s = f.get("start");
    Object l = f.get("limit");
    if (s != null && !(s instanceof Double)) {
      return null; // the reference computes start + limit first and raises: no reply at all
    }
    int start = s == null ? 0 : ((Double) s).intValue();
    int limit = l instanceof Double ? Math.min(200, ((Double) l).intValue()) : 100;
    List<Map<String, Object>> list = state.channelMessages(channel);
    int end = Math.max(0, list.size() - start);
    int begin = Math.max(0, end - limit);
    List<Object> page = new ArrayList<>();
    for (Map<String, Object> m : list.subList(begin, end)) {
      page.add(new LinkedHashMap<>(m));
    }
    if (!list.isEmpty()) {
      Map<String, Object> upd =
          frame(
              "unreads_update",
              "last_read",
              list.get(list.size() - 1).get("id"),
              "channel",
              channel);
      for (FakeOcConnection o : state.conns) {
        if (c.userId().equals(o.userId)) {
          o.send(upd);
        }
      }
    }
    Map<String, Object> range = new LinkedHashMap<>();
    range.put("start", start);
    range.put("end", start + limit);
    return frame("messages_get", "channel", channel, "messages", page, "range", range);
  }

  private Map<String, Object> messagesAround(Map<String, Object> f) {
    String channel = str(f, "channel");
    if (!state.channels.containsKey(channel)) {
      return error("Channel not found", "messages_around");
    }
    String around = str(f, "around");
    if (around == null) {
      return error("around (message ID) is required", "messages_around");
    }
    List<Map<String, Object>> list = state.channelMessages(channel);
    int idx = -1;
    for (int i = 0; i < list.size(); i++) {
      if (around.equals(list.get(i).get("id"))) {
        idx = i;
        break;
      }
    }
    if (idx < 0) {
      return error("Message not found", "messages_around");
    }
    int above = 50;
    int below = 50;
    if (f.get("bounds") instanceof Map) {
      Map<?, ?> b = (Map<?, ?>) f.get("bounds");
      above =
          b.get("above") instanceof Double
              ? Math.min(200, ((Double) b.get("above")).intValue())
              : 50;
      below =
          b.get("below") instanceof Double
              ? Math.min(200, ((Double) b.get("below")).intValue())
              : 50;
    }
    int from = Math.max(0, idx - below);
    int to = Math.min(list.size(), idx + above + 1);
    List<Object> page = new ArrayList<>();
    for (Map<String, Object> m : list.subList(from, to)) {
      page.add(new LinkedHashMap<>(m));
    }
    Map<String, Object> range = new LinkedHashMap<>();
    range.put("start", from);
    range.put("end", to);
    return frame(
        "messages_around", "channel", channel, "thread_id", null, "messages", page, "range", range);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> slashRegister(FakeOcConnection c, Map<String, Object> f) {
    if (!(f.get("commands") instanceof List)) {
      return error("commands must be a list", "slash_register");
    }
    for (Map.Entry<String, List<Map<String, Object>>> e : state.slash.entrySet()) {
      if (!e.getKey().equals(c.id)
          && !e.getValue().isEmpty()
          && c.username().equals(e.getValue().get(0).get("registeredBy"))) {
        return error(
            "You already have slash commands registered from another session", "slash_register");
      }
    }
    List<Map<String, Object>> mine = new ArrayList<>();
    for (Object o : (List<Object>) f.get("commands")) {
      if (!(o instanceof Map) || !(((Map<String, Object>) o).get("name") instanceof String)) {
        return error("Invalid slash command", "slash_register");
      }
      Map<String, Object> cmd = new LinkedHashMap<>((Map<String, Object>) o);
      cmd.putIfAbsent("options", Collections.emptyList());
      cmd.putIfAbsent("whitelistRoles", null);
      cmd.putIfAbsent("blacklistRoles", null);
      cmd.putIfAbsent("ephemeral", false);
      cmd.put("registeredBy", c.username());
      mine.add(cmd);
    }
    state.slash.put(c.id, mine);
    for (FakeOcConnection o : state.conns) {
      if (o.authed()) {
        o.send(frame("slash_add", "commands", new ArrayList<Object>(mine)));
      }
    }
    return frame("slash_register", "val", mine.size() + " commands registered successfully");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> slashCall(FakeOcConnection c, Map<String, Object> f) {
    String name = str(f, "command");
    String channel = str(f, "channel");
    for (Map.Entry<String, List<Map<String, Object>>> e : state.slash.entrySet()) {
      for (Map<String, Object> def : e.getValue()) {
        if (name == null || !name.equals(def.get("name"))) {
          continue;
        }
        Map<String, Object> args =
            f.get("args") instanceof Map
                ? (Map<String, Object>) f.get("args")
                : Collections.<String, Object>emptyMap();
        if (def.get("options") instanceof List) {
          for (Object op : (List<Object>) def.get("options")) {
            Map<String, Object> opt = (Map<String, Object>) op;
            boolean required = !Boolean.FALSE.equals(opt.get("required"));
            if (required && !args.containsKey(opt.get("name"))) {
              return error("Missing required argument: " + opt.get("name"), "slash_call");
            }
          }
        }
        Map<String, Object> val = new LinkedHashMap<>();
        val.put("command", name);
        val.put("args", args);
        val.put("commander", def.get("registeredBy"));
        Map<String, Object> call =
            frame(
                "slash_call",
                "val",
                val,
                "invoker",
                c.userId(),
                "invokerUsername",
                c.username(),
                "channel",
                channel);
        // the reference queues this one object for the bot, then adds the caller's listener to
        // it before replying: the bot receives the caller's listener too (protocol ref 17.14)
        Map<String, Object> forwarded = new LinkedHashMap<>(call);
        if (f.get("listener") instanceof String) {
          forwarded.put("listener", f.get("listener"));
        }
        for (FakeOcConnection o : state.conns) {
          if (o.id.equals(e.getKey()) && o != c) {
            o.send(forwarded);
          }
        }
        return call;
      }
    }
    return error("Command not found", "slash_call");
  }
}

package io.github.chatwire.examples.originchats;

import io.github.chatwire.originchats.model.Channel;
import io.github.chatwire.originchats.model.Message;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.originchats.model.User;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns OriginChats model objects into the plain field maps the tool prints ({@link
 * io.github.chatwire.examples.cli.Output}). The login frames' secrets (the {@code ready} frame's
 * validator, the handshake's per-connection {@code validator_key}) are never copied; frames without
 * a dedicated mapping are printed from their JSON with such keys removed. Stateless.
 */
public final class OriginChatsFields {
  /** Keys never printed from a raw frame: login material. */
  private static final Set<String> SECRET_KEYS =
      new HashSet<>(Arrays.asList("validator", "validator_key", "token", "password"));

  private OriginChatsFields() {}

  /**
   * A message's main fields.
   *
   * @param m the message; may be null
   * @return the fields, or null
   */
  public static Map<String, Object> message(Message m) {
    if (m == null) {
      return null;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", m.id());
    f.put("user", m.user());
    f.put("content", m.content());
    f.put("timestamp", m.timestamp());
    f.put("edited", m.edited());
    if (m.replyTo() != null) {
      f.put("reply_to", m.replyTo().id());
    }
    if (m.interaction() != null) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("command", m.interaction().command());
      i.put("username", m.interaction().username());
      f.put("interaction", i);
    }
    if (!m.reactions().isEmpty()) {
      f.put("reactions", new LinkedHashMap<>(m.reactions()));
    }
    if (!m.attachments().isEmpty()) {
      List<Object> atts = new ArrayList<>();
      m.attachments().forEach(a -> atts.add(a.id()));
      f.put("attachments", atts);
    }
    return f;
  }

  /**
   * Several messages.
   *
   * @param messages never null
   * @return the list of field maps
   */
  public static List<Object> messages(List<Message> messages) {
    List<Object> l = new ArrayList<>();
    for (Message m : messages) {
      l.add(message(m));
    }
    return l;
  }

  /**
   * A user's main fields.
   *
   * @param u the user; may be null
   * @return the fields, or null
   */
  public static Map<String, Object> user(User u) {
    if (u == null) {
      return null;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("username", u.username());
    f.put("nickname", u.nickname());
    f.put("roles", u.roles());
    f.put("status", u.status() == null ? null : u.status().status());
    f.put("cracked", u.cracked());
    return f;
  }

  /**
   * A channel's main fields.
   *
   * @param c the channel; never null
   * @return the fields
   */
  public static Map<String, Object> channel(Channel c) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", c.name());
    f.put("type", c.type());
    f.put("description", c.description());
    return f;
  }

  /**
   * The decoded fields of a frame (without {@code cmd}).
   *
   * @param frame the frame; never null
   * @return the fields; never contains login secrets
   */
  public static Map<String, Object> frame(ServerFrame frame) {
    Map<String, Object> f = new LinkedHashMap<>();
    if (frame instanceof ServerFrame.MessageNew) {
      ServerFrame.MessageNew e = (ServerFrame.MessageNew) frame;
      f.put("channel", e.channel());
      f.put("thread_id", e.threadId());
      f.put("message", message(e.message()));
    } else if (frame instanceof ServerFrame.MessageEdit) {
      ServerFrame.MessageEdit e = (ServerFrame.MessageEdit) frame;
      f.put("channel", e.channel());
      f.put("thread_id", e.threadId());
      f.put("id", e.id());
      f.put("content", e.content());
    } else if (frame instanceof ServerFrame.MessageDelete) {
      ServerFrame.MessageDelete e = (ServerFrame.MessageDelete) frame;
      f.put("channel", e.channel());
      f.put("thread_id", e.threadId());
      f.put("id", e.id());
    } else if (frame instanceof ServerFrame.Reaction) {
      ServerFrame.Reaction e = (ServerFrame.Reaction) frame;
      f.put("channel", e.channel());
      f.put("thread_id", e.threadId());
      f.put("id", e.id());
      f.put("emoji", e.emoji());
      f.put("from", e.from());
    } else if (frame instanceof ServerFrame.Typing) {
      ServerFrame.Typing e = (ServerFrame.Typing) frame;
      f.put("channel", e.channel());
      f.put("thread_id", e.threadId());
      f.put("user", e.user());
    } else if (frame instanceof ServerFrame.UserPresence) {
      f.put("user", user(((ServerFrame.UserPresence) frame).user()));
    } else if (frame instanceof ServerFrame.UserGone) {
      f.put("username", ((ServerFrame.UserGone) frame).username());
    } else if (frame instanceof ServerFrame.SlashCall) {
      ServerFrame.SlashCall e = (ServerFrame.SlashCall) frame;
      f.put("command", e.command());
      f.put("args", e.args());
      f.put("invoker_username", e.invokerUsername());
      f.put("channel", e.channel());
    } else if (frame instanceof ServerFrame.RateLimit) {
      ServerFrame.RateLimit e = (ServerFrame.RateLimit) frame;
      f.put("reason", e.reason());
      f.put("length_ms", e.lengthMs());
    } else if (frame instanceof ServerFrame.Disconnect) {
      f.put("reason", ((ServerFrame.Disconnect) frame).reason());
    } else if (frame instanceof ServerFrame.Handshake) {
      ServerFrame.Handshake h = (ServerFrame.Handshake) frame;
      f.put("server", h.server() == null ? null : h.server().name());
      f.put("version", h.version());
      f.put("auth_mode", h.authMode());
      f.put("post_content_limit", h.limits() == null ? null : h.limits().postContent());
    } else if (frame instanceof ServerFrame.AuthResult) {
      f.put("text", ((ServerFrame.AuthResult) frame).text());
    } else if (frame instanceof ServerFrame.Ready) {
      f.put("user", user(((ServerFrame.Ready) frame).user())); // never the frame's validator
    } else if (frame instanceof ServerFrame.Heartbeat) {
      return f;
    } else {
      f.putAll(withoutSecrets(frame.raw()));
      f.remove("cmd");
    }
    return f;
  }

  /**
   * A JSON tree without login secrets at any depth.
   *
   * @param raw the tree; never null
   * @return a copy
   */
  static Map<String, Object> withoutSecrets(Map<String, Object> raw) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      if (!SECRET_KEYS.contains(e.getKey())) {
        m.put(e.getKey(), clean(e.getValue()));
      }
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Object clean(Object v) {
    if (v instanceof Map) {
      return withoutSecrets((Map<String, Object>) v);
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object o : (List<Object>) v) {
        l.add(clean(o));
      }
      return l;
    }
    return v;
  }
}

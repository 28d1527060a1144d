package io.github.chatwire.originchats.codec;

import io.github.chatwire.core.internal.json.JsonCursor;
import io.github.chatwire.core.internal.json.JsonFormatException;
import io.github.chatwire.core.internal.json.JsonNames;
import io.github.chatwire.core.internal.json.JsonObjectView;
import io.github.chatwire.core.internal.json.JsonTree;
import io.github.chatwire.originchats.model.Attachment;
import io.github.chatwire.originchats.model.Message;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The streaming path of {@link FrameDecoder} for the frames that arrive most often (message events,
 * typing, heartbeats): fields are selected by index straight from the text, no tree is built, and
 * every {@code raw()} is a {@link JsonObjectView} over the source text, parsed only if read. The
 * field rules are exactly those of {@link JsonFields} (the tree path); the differential test holds
 * the two side by side.
 *
 * <p>Returns null, rather than failing, whenever the frame is not one it handles or anything is
 * wrong with it: the tree path then decodes it or raises the error, so both paths fail alike.
 */
final class StreamingDecoder {
  // message fields: the same indices in a message object and at the top of a flat message_new
  private static final int M_ID = 0;
  private static final int M_USER = 1;
  private static final int M_CONTENT = 2;
  private static final int M_TIMESTAMP = 3;
  private static final int M_TYPE = 4;
  private static final int M_PINNED = 5;
  private static final int M_EDITED = 6;
  private static final int M_REPLY_TO = 7;
  private static final int M_INTERACTION = 8;
  private static final int M_REACTIONS = 9;
  private static final int M_EMBEDS = 10;
  private static final int M_ATTACHMENTS = 11;
  private static final int M_WEBHOOK = 12;
  private static final int M_PINGS = 13;
  private static final int M_POLL_ID = 14;
  private static final String[] MESSAGE_FIELDS = {
    "id",
    "user",
    "content",
    "timestamp",
    "type",
    "pinned",
    "edited",
    "reply_to",
    "interaction",
    "reactions",
    "embeds",
    "attachments",
    "webhook",
    "pings",
    "poll_id"
  };
  private static final JsonNames MESSAGE = JsonNames.of(MESSAGE_FIELDS);

  // top-level fields of the frames handled here (message fields first, for flat message_new)
  private static final int T_CMD = 15;
  private static final int T_MESSAGE = 16;
  private static final int T_CHANNEL = 17;
  private static final int T_THREAD_ID = 18;
  private static final int T_USERNAME = 19;
  private static final int T_EMOJI = 20;
  private static final int T_FROM = 21;
  private static final int T_LISTENER = 22;
  private static final JsonNames TOP =
      JsonNames.of(
          concat(
              MESSAGE_FIELDS,
              "cmd",
              "message",
              "channel",
              "thread_id",
              "username",
              "emoji",
              "from",
              "listener"));

  private static final JsonNames CMD = JsonNames.of("cmd");
  private static final int C_MESSAGE_NEW = 0;
  private static final int C_MESSAGE_EDIT = 1;
  private static final int C_MESSAGE_DELETE = 2;
  private static final int C_REACT_ADD = 3;
  private static final int C_REACT_REMOVE = 4;
  private static final int C_TYPING = 5;
  private static final int C_PING = 6;
  private static final int C_PONG = 7;
  private static final int C_USER_DISCONNECT = 8;
  private static final JsonNames COMMANDS =
      JsonNames.of(
          "message_new",
          "message_edit",
          "message_delete",
          "message_react_add",
          "message_react_remove",
          "typing",
          "ping",
          "pong",
          "user_disconnect");

  private static final JsonNames REPLY_TO = JsonNames.of("id", "user");
  private static final JsonNames INTERACTION = JsonNames.of("command", "username");
  private static final JsonNames PINGS = JsonNames.of("users", "roles", "replies");
  private static final JsonNames WEBHOOK = JsonNames.of("name");
  private static final JsonNames USERNAME = JsonNames.of("username");
  private static final JsonNames ATTACHMENT =
      JsonNames.of("id", "name", "mime_type", "size", "url", "expires_at", "permanent");

  private final String text;
  private final JsonCursor c;
  // offsets of the top-level values of the frame (-1: absent), the first of a repeated name
  private int atId = -1;
  private int atUser = -1;
  private int atContent = -1;
  private int atMessage = -1;
  private int atChannel = -1;
  private int atThreadId = -1;
  private int atUsername = -1;
  private int atEmoji = -1;
  private int atFrom = -1;
  private int atListener = -1;

  private StreamingDecoder(String text) {
    this.text = text;
    this.c = new JsonCursor(text);
  }

  /**
   * Decodes a frame on the streaming path.
   *
   * @param text the frame; never null
   * @return the frame, or null to let the tree path decode it (another command, or any error)
   */
  static @Nullable ServerFrame decode(String text) {
    try {
      return new StreamingDecoder(text).frame();
    } catch (JsonFormatException | IllegalArgumentException e) {
      return null; // the tree path reports it, with cmd and listener
    }
  }

  private @Nullable ServerFrame frame() {
    if (c.peek() != JsonCursor.OBJECT) {
      return null;
    }
    int start = c.valueStart();
    // servers put cmd first; a frame that does not is left to the tree path
    c.beginObject();
    if (!c.hasMember() || c.name(CMD) != 0 || c.peek() != JsonCursor.STRING) {
      return null;
    }
    int command = c.stringIn(COMMANDS);
    if (command < 0) {
      return null;
    }
    String cmd = COMMANDS.name(command);
    // index the top level (the first of a repeated name counts); the message of
    // message_new/message_edit is decoded where it stands
    int seen = 1 << T_CMD;
    boolean inline = command == C_MESSAGE_NEW || command == C_MESSAGE_EDIT;
    Message message = null;
    while (c.hasMember()) {
      int n = c.name(TOP);
      if (n < 0 || (seen & (1 << n)) != 0) {
        c.skipValue();
        continue;
      }
      seen |= 1 << n;
      int at = c.valueStart();
      switch (n) {
        case M_ID:
          atId = at;
          break;
        case M_USER:
          atUser = at;
          break;
        case M_CONTENT:
          atContent = at;
          break;
        case T_MESSAGE:
          atMessage = at;
          break;
        case T_CHANNEL:
          atChannel = at;
          break;
        case T_THREAD_ID:
          atThreadId = at;
          break;
        case T_USERNAME:
          atUsername = at;
          break;
        case T_EMOJI:
          atEmoji = at;
          break;
        case T_FROM:
          atFrom = at;
          break;
        case T_LISTENER:
          atListener = at;
          break;
        default: // the other message fields: read again by flatMessage if the frame is flat
      }
      if (n == T_MESSAGE && inline && c.peek() == JsonCursor.OBJECT) {
        message = messageHere();
      } else {
        c.skipValue();
      }
    }
    int end = c.position();
    c.end();
    JsonObjectView raw = view(start, end);
    // ServerFrame.listener() reads raw().get("listener") for every frame: answer it without a parse
    int l = atListener;
    if (l < 0) {
      raw.know("listener", null);
    } else {
      c.seek(l);
      int kind = c.peek();
      if (kind == JsonCursor.STRING || kind == JsonCursor.NULL) {
        raw.know("listener", kind == JsonCursor.NULL ? null : c.string());
      }
    }
    switch (command) {
      case C_MESSAGE_NEW:
        return messageNew(cmd, message, start, raw);
      case C_MESSAGE_EDIT:
        {
          Message m =
              message != null || atMessage < 0 || nullAt(atMessage)
                  ? message
                  : message(obj(atMessage, "message"));
          return new ServerFrame.MessageEdit(
              cmd,
              id(atId, "id"),
              str(atContent, "content"),
              m,
              str(atChannel, "channel"),
              str(atThreadId, "thread_id"),
              raw);
        }
      case C_MESSAGE_DELETE:
        return new ServerFrame.MessageDelete(
            cmd, id(atId, "id"), str(atChannel, "channel"), str(atThreadId, "thread_id"), raw);
      case C_REACT_ADD:
      case C_REACT_REMOVE:
        return new ServerFrame.Reaction(
            cmd,
            id(atId, "id"),
            str(atEmoji, "emoji"),
            str(atChannel, "channel"),
            str(atThreadId, "thread_id"),
            str(atFrom, "from"),
            raw);
      case C_TYPING:
        return new ServerFrame.Typing(
            cmd,
            str(atChannel, "channel"),
            userField(atUser, "user"),
            str(atThreadId, "thread_id"),
            raw);
      case C_PING:
      case C_PONG:
        return new ServerFrame.Heartbeat(cmd, raw);
      case C_USER_DISCONNECT:
        return new ServerFrame.UserGone(cmd, str(atUsername, "username"), raw);
      default:
        return null;
    }
  }

  private ServerFrame messageNew(
      String cmd, @Nullable Message inline, int start, JsonObjectView raw) {
    int m = atMessage;
    if (inline != null || (m >= 0 && !nullAt(m))) {
      Message message = inline != null ? inline : message(obj(m, "message"));
      return new ServerFrame.MessageNew(
          cmd, message, str(atChannel, "channel"), str(atThreadId, "thread_id"), false, raw);
    }
    // flat form (polls, some plugins): the message fields sit at the top level
    Message message = flatMessage(start, raw);
    return new ServerFrame.MessageNew(
        cmd, message, str(atChannel, "channel"), str(atThreadId, "thread_id"), true, raw);
  }

  /** Reads the message object at an offset (checked to be an object), in one pass. */
  private Message message(int start) {
    c.seek(start);
    return messageHere();
  }

  /** Reads the message object at the cursor, in one pass (a repeated name: the first counts). */
  private Message messageHere() {
    int start = c.valueStart();
    c.beginObject();
    MessageParts parts = new MessageParts();
    int seen = 0;
    while (c.hasMember()) {
      int n = c.name(MESSAGE);
      if (n < 0 || (seen & (1 << n)) != 0) {
        c.skipValue();
        continue;
      }
      seen |= 1 << n;
      parts.read(n);
    }
    return parts.build(view(start, c.position()));
  }

  /**
   * The flat form: the message fields at the top level of the frame that starts at {@code start}
   * (the first of a repeated name counts, as everywhere).
   */
  private Message flatMessage(int start, Map<String, Object> raw) {
    c.seek(start);
    c.beginObject();
    MessageParts parts = new MessageParts();
    int seen = 0;
    while (c.hasMember()) {
      int n = c.name(TOP);
      if (n < 0 || n >= MESSAGE_FIELDS.length || (seen & (1 << n)) != 0) {
        c.skipValue();
        continue;
      }
      seen |= 1 << n;
      parts.read(n);
    }
    return parts.build(raw);
  }

  /** The fields of a message as they are read, in any order; the rules of FrameDecoder.message. */
  private final class MessageParts {
    private @Nullable String id;
    private @Nullable String user;
    private @Nullable String content;
    private @Nullable Double timestamp;
    private @Nullable String type;
    private @Nullable Boolean pinned;
    private boolean edited;
    private Message.@Nullable ReplyRef replyTo;
    private Message.@Nullable Interaction interaction;
    private Map<String, List<String>> reactions = Collections.emptyMap();
    private List<Map<String, Object>> embeds = Collections.emptyList();
    private List<Attachment> attachments = Collections.emptyList();
    private @Nullable String webhookName;
    private Message.@Nullable Pings pings;
    private @Nullable String pollId;

    /** Reads field {@code n} at the cursor. */
    void read(int n) {
      switch (n) {
        case M_ID:
          id = idHere("id");
          break;
        case M_USER:
          user = userFieldHere("user");
          break;
        case M_CONTENT:
          content = strHere("content");
          break;
        case M_TIMESTAMP:
          timestamp = numHere("timestamp");
          break;
        case M_TYPE:
          type = strHere("type");
          break;
        case M_PINNED:
          pinned = flagHere("pinned");
          break;
        case M_EDITED:
          {
            Boolean e = flagHere("edited");
            edited = e != null && e;
            break;
          }
        case M_REPLY_TO:
          if (!nullOrObject("reply_to")) {
            String[] f = fields(REPLY_TO, "id", "user");
            replyTo = new Message.ReplyRef(f[0], f[1]);
          }
          break;
        case M_INTERACTION:
          if (!nullOrObject("interaction")) {
            String[] f = fields(INTERACTION, "command", "username");
            interaction = new Message.Interaction(f[0], f[1]);
          }
          break;
        case M_REACTIONS:
          reactions = reactionsHere();
          break;
        case M_EMBEDS:
          embeds = objectsHere("embeds");
          break;
        case M_ATTACHMENTS:
          attachments = attachmentsHere();
          break;
        case M_WEBHOOK:
          if (!nullOrObject("webhook")) {
            webhookName = fields(WEBHOOK, "name")[0];
          }
          break;
        case M_PINGS:
          if (!nullOrObject("pings")) {
            pings = pingsHere();
          }
          break;
        case M_POLL_ID:
        default:
          pollId = idHere("poll_id");
      }
    }

    Message build(Map<String, Object> raw) {
      return new Message(
          id,
          user,
          content,
          timestamp,
          type,
          pinned,
          edited,
          replyTo,
          interaction,
          reactions,
          embeds,
          attachments,
          webhookName,
          pings,
          pollId,
          raw);
    }
  }

  /** Consumes a null and returns true, or checks that an object follows and returns false. */
  private boolean nullOrObject(String key) {
    if (c.nextIsNull()) {
      return true;
    }
    int kind = c.peek();
    if (kind != JsonCursor.OBJECT) {
      throw wrong(key, "object", kind);
    }
    return false;
  }

  /**
   * Reads the object at the cursor whose members of interest are strings or user references (the
   * last key of a set named "user"/"username" is a user reference, the others strings or ids).
   */
  private String[] fields(JsonNames names, String... keys) {
    String[] out = new String[keys.length];
    int seen = 0;
    c.beginObject();
    while (c.hasMember()) {
      int n = c.name(names);
      if (n < 0 || (seen & (1 << n)) != 0) {
        c.skipValue();
        continue;
      }
      seen |= 1 << n;
      String key = keys[n];
      out[n] =
          key.equals("id")
              ? idHere(key)
              : key.startsWith("user") ? userFieldHere(key) : strHere(key);
    }
    return out;
  }

  private Message.Pings pingsHere() {
    List<String> users = Collections.emptyList();
    List<String> roles = Collections.emptyList();
    List<String> replies = Collections.emptyList();
    int seen = 0;
    c.beginObject();
    while (c.hasMember()) {
      int n = c.name(PINGS);
      if (n < 0 || (seen & (1 << n)) != 0) {
        c.skipValue();
        continue;
      }
      seen |= 1 << n;
      List<String> l = stringsHere(PINGS.name(n));
      if (n == 0) {
        users = l;
      } else if (n == 1) {
        roles = l;
      } else {
        replies = l;
      }
    }
    return new Message.Pings(users, roles, replies);
  }

  private Map<String, List<String>> reactionsHere() {
    if (nullOrObject("reactions")) {
      return Collections.emptyMap();
    }
    c.beginObject();
    Map<String, List<String>> out = new LinkedHashMap<>();
    while (c.hasMember()) {
      String emoji = c.nameString();
      if (out.containsKey(emoji)) {
        c.skipValue();
      } else {
        out.put(emoji, stringsHere(emoji));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private List<Attachment> attachmentsHere() {
    if (c.nextIsNull()) {
      return Collections.emptyList();
    }
    int k = c.peek();
    if (k != JsonCursor.ARRAY) {
      throw wrong("attachments", "array", k);
    }
    c.beginArray();
    List<Attachment> out = null;
    while (c.hasElement()) {
      if (c.nextIsNull()) {
        continue;
      }
      int e = c.peek();
      if (e != JsonCursor.OBJECT) {
        throw wrong("attachments[]", "object", e);
      }
      if (out == null) {
        out = new ArrayList<>();
      }
      out.add(attachmentHere());
    }
    return out == null ? Collections.emptyList() : Collections.unmodifiableList(out);
  }

  private Attachment attachmentHere() {
    int start = c.valueStart();
    String id = null;
    String name = null;
    String mime = null;
    Double size = null;
    String url = null;
    Double expiresAt = null;
    Boolean permanent = null;
    int seen = 0;
    c.beginObject();
    while (c.hasMember()) {
      int n = c.name(ATTACHMENT);
      if (n < 0 || (seen & (1 << n)) != 0) {
        c.skipValue();
        continue;
      }
      seen |= 1 << n;
      switch (n) {
        case 0:
          id = idHere("id");
          break;
        case 1:
          name = strHere("name");
          break;
        case 2:
          mime = strHere("mime_type");
          break;
        case 3:
          size = numHere("size");
          break;
        case 4:
          url = strHere("url");
          break;
        case 5:
          expiresAt = numHere("expires_at");
          break;
        default:
          permanent = flagHere("permanent");
      }
    }
    return new Attachment(
        id,
        name,
        mime,
        size == null ? null : (long) size.doubleValue(),
        url,
        expiresAt,
        permanent,
        view(start, c.position()));
  }

  // ---- the rules of JsonFields: at an offset (-1: absent), or "Here" at the cursor

  /** Moves the cursor to an offset; always true, to read a value there in one expression. */
  private boolean seek(int at) {
    c.seek(at);
    return true;
  }

  private boolean nullAt(int at) {
    c.seek(at);
    return c.peek() == JsonCursor.NULL;
  }

  /** The offset of an object value; the value must be an object (null was checked). */
  private int obj(int at, String key) {
    c.seek(at);
    int kind = c.peek();
    if (kind != JsonCursor.OBJECT) {
      throw wrong(key, "object", kind);
    }
    return at;
  }

  private @Nullable String str(int at, String key) {
    return at >= 0 && seek(at) ? strHere(key) : null;
  }

  private @Nullable String strHere(String key) {
    int kind = c.peek();
    if (kind == JsonCursor.NULL) {
      c.nextIsNull();
      return null;
    }
    if (kind == JsonCursor.STRING) {
      return c.string();
    }
    throw wrong(key, "string", kind);
  }

  private @Nullable String id(int at, String key) {
    return at >= 0 && seek(at) ? idHere(key) : null;
  }

  private @Nullable String idHere(String key) {
    if (c.peek() == JsonCursor.NUMBER) {
      double d = c.number();
      return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
    }
    return strHere(key); // (the message of an error here does not matter: the tree path reports it)
  }

  private @Nullable String userField(int at, String key) {
    return at >= 0 && seek(at) ? userFieldHere(key) : null;
  }

  private @Nullable String userFieldHere(String key) {
    if (c.peek() != JsonCursor.OBJECT) {
      return idHere(key);
    }
    c.beginObject();
    String name = null;
    boolean seen = false;
    while (c.hasMember()) {
      if (c.name(USERNAME) == 0 && !seen) {
        seen = true;
        name = strHere("username");
      } else {
        c.skipValue();
      }
    }
    return name;
  }

  private @Nullable Double numHere(String key) {
    int kind = c.peek();
    if (kind == JsonCursor.NULL) {
      c.nextIsNull();
      return null;
    }
    if (kind == JsonCursor.NUMBER) {
      return c.number();
    }
    throw wrong(key, "number", kind);
  }

  private @Nullable Boolean flagHere(String key) {
    int kind = c.peek();
    if (kind == JsonCursor.NULL) {
      c.nextIsNull();
      return null;
    }
    if (kind == JsonCursor.BOOLEAN) {
      return c.bool();
    }
    throw wrong(key, "boolean", kind);
  }

  private List<String> stringsHere(String key) {
    int kind = c.peek();
    if (kind == JsonCursor.NULL) {
      c.nextIsNull();
      return Collections.emptyList();
    }
    if (kind != JsonCursor.ARRAY) {
      throw wrong(key, "array", kind);
    }
    c.beginArray();
    List<String> out = null;
    while (c.hasElement()) {
      int k = c.peek();
      String s;
      if (k == JsonCursor.STRING) {
        s = c.string();
      } else if (k == JsonCursor.NUMBER) {
        s = idHere(key);
      } else if (k == JsonCursor.NULL) {
        c.nextIsNull();
        continue;
      } else {
        throw wrong(key + "[]", "string", k);
      }
      if (out == null) {
        out = new ArrayList<>();
      }
      out.add(s);
    }
    return out == null ? Collections.emptyList() : Collections.unmodifiableList(out);
  }

  private List<Map<String, Object>> objectsHere(String key) {
    if (c.nextIsNull()) {
      return Collections.emptyList();
    }
    int k = c.peek();
    if (k != JsonCursor.ARRAY) {
      throw wrong(key, "array", k);
    }
    c.beginArray();
    List<Map<String, Object>> out = null;
    while (c.hasElement()) {
      int e = c.peek();
      if (e == JsonCursor.NULL) {
        c.nextIsNull();
        continue;
      }
      if (e != JsonCursor.OBJECT) {
        throw wrong(key + "[]", "object", e);
      }
      int start = c.valueStart();
      c.skipValue();
      if (out == null) {
        out = new ArrayList<>();
      }
      out.add(view(start, c.position()));
    }
    return out == null ? Collections.emptyList() : Collections.unmodifiableList(out);
  }

  private JsonObjectView view(int start, int end) {
    return new JsonObjectView(text, start, end, JsonTree.DOUBLES);
  }

  private static IllegalArgumentException wrong(String key, String expected, int kind) {
    return new IllegalArgumentException(
        "field '" + key + "': expected " + expected + ", got " + kindName(kind));
  }

  private static String kindName(int kind) {
    switch (kind) {
      case JsonCursor.OBJECT:
        return "object";
      case JsonCursor.ARRAY:
        return "array";
      case JsonCursor.STRING:
        return "string";
      case JsonCursor.NUMBER:
        return "number";
      case JsonCursor.BOOLEAN:
        return "boolean";
      default:
        return "null";
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

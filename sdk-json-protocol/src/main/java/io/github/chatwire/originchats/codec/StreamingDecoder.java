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

/**
 * The streaming path of {@link FrameDecoder} for the frames that arrive most often (message
 * events, typing, heartbeats): fields are selected by index straight from the text, no tree is
 * built, and every {@code raw()} is a {@link JsonObjectView} over the source text, parsed only if
 * read. The field rules are exactly those of {@link JsonFields} (the tree path); the differential
 * test holds the two side by side.
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
    private static final String[] MESSAGE_FIELDS = {"id", "user", "content", "timestamp", "type", "pinned", "edited",
        "reply_to", "interaction", "reactions", "embeds", "attachments", "webhook", "pings", "poll_id"};
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
    private static final JsonNames TOP = JsonNames.of(concat(MESSAGE_FIELDS,
            "cmd", "message", "channel", "thread_id", "username", "emoji", "from", "listener"));

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
    private static final JsonNames COMMANDS = JsonNames.of("message_new", "message_edit", "message_delete",
            "message_react_add", "message_react_remove", "typing", "ping", "pong", "user_disconnect");

    private static final JsonNames REPLY_TO = JsonNames.of("id", "user");
    private static final JsonNames INTERACTION = JsonNames.of("command", "username");
    private static final JsonNames PINGS = JsonNames.of("users", "roles", "replies");
    private static final JsonNames WEBHOOK = JsonNames.of("name");
    private static final JsonNames USERNAME = JsonNames.of("username");
    private static final JsonNames ATTACHMENT = JsonNames.of("id", "name", "mime_type", "size", "url", "expires_at",
            "permanent");

    private final String text;
    private final JsonCursor c;

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
    static ServerFrame decode(String text) {
        try {
            return new StreamingDecoder(text).frame();
        } catch (JsonFormatException | IllegalArgumentException e) {
            return null; // the tree path reports it, with cmd and listener
        }
    }

    private ServerFrame frame() {
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
        int[] at = index(TOP, true);
        int end = c.position();
        c.end();
        JsonObjectView raw = view(start, end);
        // ServerFrame.listener() reads raw().get("listener") for every frame: answer it without a parse
        int l = at[T_LISTENER];
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
                return messageNew(cmd, at, raw);
            case C_MESSAGE_EDIT: {
                Message m = at[T_MESSAGE] < 0 || nullAt(at[T_MESSAGE]) ? null : message(obj(at[T_MESSAGE], "message"));
                return new ServerFrame.MessageEdit(cmd, id(at[M_ID], "id"), str(at[M_CONTENT], "content"), m,
                        str(at[T_CHANNEL], "channel"), str(at[T_THREAD_ID], "thread_id"), raw);
            }
            case C_MESSAGE_DELETE:
                return new ServerFrame.MessageDelete(cmd, id(at[M_ID], "id"), str(at[T_CHANNEL], "channel"),
                        str(at[T_THREAD_ID], "thread_id"), raw);
            case C_REACT_ADD:
            case C_REACT_REMOVE:
                return new ServerFrame.Reaction(cmd, id(at[M_ID], "id"), str(at[T_EMOJI], "emoji"),
                        str(at[T_CHANNEL], "channel"), str(at[T_THREAD_ID], "thread_id"), str(at[T_FROM], "from"), raw);
            case C_TYPING:
                return new ServerFrame.Typing(cmd, str(at[T_CHANNEL], "channel"), userField(at[M_USER], "user"),
                        str(at[T_THREAD_ID], "thread_id"), raw);
            case C_PING:
            case C_PONG:
                return new ServerFrame.Heartbeat(cmd, raw);
            case C_USER_DISCONNECT:
                return new ServerFrame.UserGone(cmd, str(at[T_USERNAME], "username"), raw);
            default:
                return null;
        }
    }

    private ServerFrame messageNew(String cmd, int[] at, JsonObjectView raw) {
        int m = at[T_MESSAGE];
        if (m >= 0 && !nullAt(m)) {
            Message message = message(obj(m, "message"));
            return new ServerFrame.MessageNew(cmd, message, str(at[T_CHANNEL], "channel"),
                    str(at[T_THREAD_ID], "thread_id"), false, raw);
        }
        // flat form (polls, some plugins): the message fields sit at the top level
        Message message = message(at, raw);
        return new ServerFrame.MessageNew(cmd, message, str(at[T_CHANNEL], "channel"),
                str(at[T_THREAD_ID], "thread_id"), true, raw);
    }

    /** Reads the message object at the cursor (already checked to be an object). */
    private Message message(int start) {
        c.seek(start);
        c.beginObject();
        int[] at = index(MESSAGE, false);
        return message(at, view(start, c.position()));
    }

    private Message message(int[] at, Map<String, Object> raw) {
        Message.ReplyRef replyTo = null;
        int r = at[M_REPLY_TO];
        if (r >= 0 && !nullAt(r)) {
            int[] f = object(obj(r, "reply_to"), REPLY_TO);
            replyTo = new Message.ReplyRef(id(f[0], "id"), userField(f[1], "user"));
        }
        Message.Interaction interaction = null;
        int i = at[M_INTERACTION];
        if (i >= 0 && !nullAt(i)) {
            int[] f = object(obj(i, "interaction"), INTERACTION);
            interaction = new Message.Interaction(str(f[0], "command"), userField(f[1], "username"));
        }
        Map<String, List<String>> reactions = reactions(at[M_REACTIONS]);
        List<Attachment> attachments = attachments(at[M_ATTACHMENTS]);
        String webhookName = null;
        int w = at[M_WEBHOOK];
        if (w >= 0 && !nullAt(w)) {
            webhookName = str(object(obj(w, "webhook"), WEBHOOK)[0], "name");
        }
        Message.Pings pings = null;
        int p = at[M_PINGS];
        if (p >= 0 && !nullAt(p)) {
            int[] f = object(obj(p, "pings"), PINGS);
            pings = new Message.Pings(strings(f[0], "users"), strings(f[1], "roles"), strings(f[2], "replies"));
        }
        Boolean pinned = null;
        int pi = at[M_PINNED];
        if (pi >= 0 && !nullAt(pi)) {
            c.seek(pi);
            if (c.peek() != JsonCursor.BOOLEAN) {
                throw new IllegalArgumentException("field 'pinned': expected boolean");
            }
            pinned = c.bool();
        }
        return new Message(id(at[M_ID], "id"), userField(at[M_USER], "user"), str(at[M_CONTENT], "content"),
                num(at[M_TIMESTAMP], "timestamp"), str(at[M_TYPE], "type"), pinned, bool(at[M_EDITED], "edited", false),
                replyTo, interaction, reactions, objects(at[M_EMBEDS], "embeds"), attachments, webhookName, pings,
                id(at[M_POLL_ID], "poll_id"), raw);
    }

    private Map<String, List<String>> reactions(int at) {
        if (at < 0 || nullAt(at)) {
            return Collections.emptyMap();
        }
        c.seek(obj(at, "reactions"));
        c.beginObject();
        Map<String, Integer> offsets = new LinkedHashMap<>();
        while (c.hasMember()) {
            String emoji = c.nameString();
            int v = c.valueStart();
            offsets.putIfAbsent(emoji, v);
            c.skipValue();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : offsets.entrySet()) {
            out.put(e.getKey(), strings(e.getValue(), e.getKey()));
        }
        return Collections.unmodifiableMap(out);
    }

    private List<Attachment> attachments(int at) {
        if (at < 0 || nullAt(at)) {
            return Collections.emptyList();
        }
        List<Integer> starts = elements(at, "attachments", JsonCursor.OBJECT, "object");
        if (starts.isEmpty()) {
            return Collections.emptyList();
        }
        List<Attachment> out = new ArrayList<>(starts.size());
        for (int start : starts) {
            int[] f = object(start, ATTACHMENT);
            JsonObjectView raw = view(start, c.position());
            out.add(new Attachment(id(f[0], "id"), str(f[1], "name"), str(f[2], "mime_type"), lng(f[3], "size"),
                    str(f[4], "url"), num(f[5], "expires_at"), flag(f[6], "permanent"), raw));
        }
        return Collections.unmodifiableList(out);
    }

    // ---- the rules of JsonFields, on offsets (-1: absent)

    /**
     * Indexes the members of the object the cursor is in: the offset of the first value of each
     * known name, -1 where absent. Later repeats of a name are skipped (the tree keeps the first).
     */
    private int[] index(JsonNames names, boolean afterFirst) {
        int[] at = new int[names.size()];
        Arrays.fill(at, -1);
        if (afterFirst) {
            at[T_CMD] = 0; // the member already read
        }
        while (c.hasMember()) {
            int n = c.name(names);
            if (n >= 0 && at[n] < 0) {
                at[n] = c.valueStart();
            }
            c.skipValue();
        }
        return at;
    }

    /** Indexes the object at an offset; leaves the cursor behind it. */
    private int[] object(int start, JsonNames names) {
        c.seek(start);
        c.beginObject();
        return index(names, false);
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

    private String str(int at, String key) {
        if (at < 0) {
            return null;
        }
        c.seek(at);
        int kind = c.peek();
        if (kind == JsonCursor.NULL) {
            return null;
        }
        if (kind == JsonCursor.STRING) {
            return c.string();
        }
        throw wrong(key, "string", kind);
    }

    private String id(int at, String key) {
        if (at < 0) {
            return null;
        }
        c.seek(at);
        return idHere(key);
    }

    private String idHere(String key) {
        int kind = c.peek();
        if (kind == JsonCursor.NULL) {
            c.nextIsNull();
            return null;
        }
        if (kind == JsonCursor.STRING) {
            return c.string();
        }
        if (kind == JsonCursor.NUMBER) {
            double d = c.number();
            return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
        }
        throw wrong(key, "string or number", kind);
    }

    private String userField(int at, String key) {
        if (at < 0) {
            return null;
        }
        c.seek(at);
        if (c.peek() == JsonCursor.OBJECT) {
            return str(object(at, USERNAME)[0], "username");
        }
        return idHere(key);
    }

    private Double num(int at, String key) {
        if (at < 0) {
            return null;
        }
        c.seek(at);
        int kind = c.peek();
        if (kind == JsonCursor.NULL) {
            return null;
        }
        if (kind == JsonCursor.NUMBER) {
            return c.number();
        }
        throw wrong(key, "number", kind);
    }

    private Long lng(int at, String key) {
        Double d = num(at, key);
        return d == null ? null : (long) d.doubleValue();
    }

    private boolean bool(int at, String key, boolean dflt) {
        if (at < 0) {
            return dflt;
        }
        c.seek(at);
        int kind = c.peek();
        if (kind == JsonCursor.NULL) {
            return dflt;
        }
        if (kind == JsonCursor.BOOLEAN) {
            return c.bool();
        }
        throw wrong(key, "boolean", kind);
    }

    private Boolean flag(int at, String key) {
        if (at < 0) {
            return null;
        }
        c.seek(at);
        int kind = c.peek();
        if (kind == JsonCursor.NULL) {
            return null;
        }
        if (kind == JsonCursor.BOOLEAN) {
            return c.bool();
        }
        throw wrong(key, "boolean", kind);
    }

    private List<String> strings(int at, String key) {
        if (at < 0) {
            return Collections.emptyList();
        }
        c.seek(at);
        int kind = c.peek();
        if (kind == JsonCursor.NULL) {
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

    /** Offsets of the elements of an array of {@code kind} (nulls dropped). */
    private List<Integer> elements(int at, String key, int kind, String kindName) {
        c.seek(at);
        int k = c.peek();
        if (k != JsonCursor.ARRAY) {
            throw wrong(key, "array", k);
        }
        c.beginArray();
        List<Integer> out = new ArrayList<>();
        while (c.hasElement()) {
            int e = c.peek();
            if (e == JsonCursor.NULL) {
                c.nextIsNull();
                continue;
            }
            if (e != kind) {
                throw wrong(key + "[]", kindName, e);
            }
            out.add(c.valueStart());
            c.skipValue();
        }
        return out;
    }

    private List<Map<String, Object>> objects(int at, String key) {
        if (at < 0 || nullAt(at)) {
            return Collections.emptyList();
        }
        c.seek(at);
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
        return new IllegalArgumentException("field '" + key + "': expected " + expected + ", got " + kindName(kind));
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

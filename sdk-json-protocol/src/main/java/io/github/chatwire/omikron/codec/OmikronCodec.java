package io.github.chatwire.omikron.codec;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.github.chatwire.omikron.model.JsonNumber;
import io.github.chatwire.omikron.model.LogInfo;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads and writes Omikron envelopes. Pure functions: no I/O, threads or clocks; thread-safe.
 *
 * <p>Reading is lenient across every era: {@code id} as a string or number; {@code type} matched
 * ignoring case and underscores; routing as {@code sender}/{@code receiver} or
 * {@code sender_id}/{@code receiver_id}, each a number, a numeric string or a UUID string (0 or
 * empty means none); an optional {@code log}; unknown top-level fields and unknown {@code data}
 * keys are kept. Writing uses the {@link WireShape} the peer expects.
 */
public final class OmikronCodec {
    private static final JsonReader.Options ENVELOPE = JsonReader.Options.of(
            "id", "type", "sender", "receiver", "data", "sender_id", "receiver_id", "log");
    private static final JsonReader.Options LOG = JsonReader.Options.of("message", "log_level");

    private OmikronCodec() {}

    /**
     * Decodes one message.
     *
     * @param json the text of one WebSocket message; never null
     * @return the message
     * @throws OmikronFormatException if it is not a JSON object, has no {@code type}, or a
     *     field has an impossible type (the message names the place, never the value)
     */
    public static OmikronMessage decode(String json) {
        JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
        try {
            if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
                throw new OmikronFormatException("message is not a JSON object");
            }
            String id = null;
            String type = null;
            OmikronId sender = null;
            OmikronId receiver = null;
            OmikronData data = OmikronData.EMPTY;
            LogInfo log = null;
            Map<String, Object> extras = null;
            reader.beginObject();
            while (reader.hasNext()) {
                switch (reader.selectName(ENVELOPE)) {
                    case 0:
                        id = readId(reader);
                        break;
                    case 1:
                        if (reader.peek() != JsonReader.Token.STRING) {
                            throw new OmikronFormatException("'type' is not a string at " + reader.getPath());
                        }
                        type = reader.nextString();
                        break;
                    case 2:
                    case 5:
                        sender = readRouting(reader);
                        break;
                    case 3:
                    case 6:
                        receiver = readRouting(reader);
                        break;
                    case 4:
                        data = readData(reader);
                        break;
                    case 7:
                        log = readLog(reader);
                        break;
                    default:
                        String name = reader.nextName();
                        if (extras == null) {
                            extras = new LinkedHashMap<>();
                        }
                        extras.put(name, readValue(reader));
                }
            }
            reader.endObject();
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new OmikronFormatException("trailing content after the message");
            }
            if (type == null) {
                throw new OmikronFormatException("message has no 'type'");
            }
            return new OmikronMessage(id, MessageType.of(type), sender, receiver, data, log, extras);
        } catch (OmikronFormatException e) {
            throw e;
        } catch (IOException | JsonDataException | IllegalArgumentException | ArithmeticException e) {
            throw new OmikronFormatException("malformed message at " + reader.getPath(), e);
        }
    }

    /**
     * Decodes any JSON object (for example an Omega HTTP body) into the tree of
     * {@link OmikronData}.
     *
     * @param json the text; never null
     * @return the object
     * @throws OmikronFormatException if it is not exactly one JSON object
     */
    @SuppressWarnings("unchecked")
    public static OmikronData decodeObject(String json) {
        JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
        try {
            if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
                throw new OmikronFormatException("body is not a JSON object");
            }
            Object v = readValue(reader);
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new OmikronFormatException("trailing content after the object");
            }
            return OmikronData.of((Map<String, Object>) v);
        } catch (OmikronFormatException e) {
            throw e;
        } catch (IOException | JsonDataException | IllegalArgumentException | ArithmeticException e) {
            throw new OmikronFormatException("malformed JSON at " + reader.getPath(), e);
        }
    }

    private static String readId(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case STRING:
            case NUMBER:
                String s = reader.nextString();
                return s.isEmpty() ? null : s;
            case NULL:
                return reader.nextNull();
            default:
                throw new OmikronFormatException("'id' is not a string or number at " + reader.getPath());
        }
    }

    /** Lenient like the real server: anything that is not a usable id reads as "none". */
    private static OmikronId readRouting(JsonReader reader) throws IOException {
        JsonReader.Token token = reader.peek();
        if (token == JsonReader.Token.NUMBER) {
            JsonNumber n = JsonNumber.of(reader.nextString());
            try {
                long v = n.longValueExact();
                return v == 0 ? null : OmikronId.of(v);
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (token == JsonReader.Token.STRING) {
            String s = reader.nextString().trim();
            return s.isEmpty() || s.equals("0") ? null : OmikronId.of(s);
        }
        reader.skipValue();
        return null;
    }

    @SuppressWarnings("unchecked")
    private static OmikronData readData(JsonReader reader) throws IOException {
        JsonReader.Token token = reader.peek();
        if (token == JsonReader.Token.NULL) {
            reader.nextNull();
            return OmikronData.EMPTY;
        }
        if (token != JsonReader.Token.BEGIN_OBJECT) {
            throw new OmikronFormatException("'data' is not an object at " + reader.getPath());
        }
        return OmikronData.of((Map<String, Object>) readValue(reader));
    }

    private static LogInfo readLog(JsonReader reader) throws IOException {
        if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
            reader.skipValue();
            return null;
        }
        String message = "";
        int level = 0;
        reader.beginObject();
        while (reader.hasNext()) {
            switch (reader.selectName(LOG)) {
                case 0:
                    Object m = readValue(reader);
                    message = m == null ? "" : m.toString();
                    break;
                case 1:
                    Object l = readValue(reader);
                    try {
                        level = l == null ? 0 : Integer.parseInt(l.toString().trim());
                    } catch (NumberFormatException e) {
                        level = 0;
                    }
                    break;
                default:
                    reader.skipName();
                    reader.skipValue();
            }
        }
        reader.endObject();
        return new LogInfo(message, level);
    }

    /**
     * Reads any JSON value into the tree types of {@link OmikronData}.
     *
     * @param reader the reader, positioned at a value
     * @return the value
     * @throws IOException on malformed JSON
     */
    static Object readValue(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    map.put(name, readValue(reader));
                }
                reader.endObject();
                return Collections.unmodifiableMap(map);
            }
            case BEGIN_ARRAY: {
                List<Object> list = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    list.add(readValue(reader));
                }
                reader.endArray();
                return Collections.unmodifiableList(list);
            }
            case STRING:
                return reader.nextString();
            case NUMBER:
                return JsonNumber.of(reader.nextString());
            case BOOLEAN:
                return reader.nextBoolean();
            case NULL:
                return reader.nextNull();
            default:
                throw new OmikronFormatException("unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }

    /**
     * Encodes a message in the reference shape.
     *
     * @param message the message; never null
     * @return the JSON text
     */
    public static String encode(OmikronMessage message) {
        return encode(message, WireShape.REFERENCE);
    }

    /**
     * Encodes a message in the given shape. A null {@code id} is left out (the newer spec's Iota
     * messages have none). Unknown top-level fields of the message are written back.
     *
     * @param message the message; never null
     * @param shape the shape; never null
     * @return the JSON text
     */
    public static String encode(OmikronMessage message, WireShape shape) {
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            w.setSerializeNulls(true);
            w.beginObject();
            if (message.id() != null) {
                w.name("id").value(message.id());
            }
            w.name("type").value(message.type().wireName());
            String senderKey = shape == WireShape.REFERENCE ? "sender" : "sender_id";
            String receiverKey = shape == WireShape.REFERENCE ? "receiver" : "receiver_id";
            if (message.sender() != null) {
                writeId(w.name(senderKey), message.sender());
            }
            if (message.receiver() != null) {
                writeId(w.name(receiverKey), message.receiver());
            }
            if (shape == WireShape.SPEC_WITH_LOG) {
                LogInfo log = message.log();
                if (log == null) {
                    boolean ping = message.type().equals(MessageType.PING) || message.type().equals(MessageType.PONG);
                    log = new LogInfo("", ping ? -1 : 0);
                }
                w.name("log").beginObject()
                        .name("message").value(log.message())
                        .name("log_level").value(log.logLevel())
                        .endObject();
            }
            for (Map.Entry<String, Object> e : message.extras().entrySet()) {
                w.name(e.getKey());
                writeValue(w, e.getValue());
            }
            w.name("data");
            writeValue(w, message.data().asMap());
            w.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a memory buffer failed", e);
        }
        return buffer.readUtf8();
    }

    private static void writeId(JsonWriter w, OmikronId id) throws IOException {
        if (id.isNumeric()) {
            w.value(id.asLong());
        } else {
            w.value(id.value());
        }
    }

    private static void writeValue(JsonWriter w, Object v) throws IOException {
        if (v == null) {
            w.nullValue();
        } else if (v instanceof String) {
            w.value((String) v);
        } else if (v instanceof Boolean) {
            w.value((Boolean) v);
        } else if (v instanceof Number) {
            w.value((Number) v);
        } else if (v instanceof Map) {
            w.beginObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                w.name(String.valueOf(e.getKey()));
                writeValue(w, e.getValue());
            }
            w.endObject();
        } else if (v instanceof List) {
            w.beginArray();
            for (Object o : (List<?>) v) {
                writeValue(w, o);
            }
            w.endArray();
        } else {
            w.value(v.toString());
        }
    }
}

package io.github.chatwire.tauri.codec;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.tauri.model.TauriMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import okio.Buffer;

/**
 * Converts Tauri push messages between JSON text and {@link TauriMessage} records: the
 * {@code {"type": ..., "data": {...}}} envelope of the Tauri spec, with an optional {@code id}.
 *
 * <p>Decoding is lenient where the spec is vague: ids may be JSON strings or numbers (numbers keep
 * their decimal text), {@code last_ping} may be a number or a numeric string, unknown fields are
 * ignored, and unknown types are kept as {@link TauriMessage.Unknown}. Encoding writes compact JSON
 * (no line breaks, so it is safe for newline-delimited framing) with ids as JSON strings, as the
 * spec shows them.
 *
 * <p>Pure: no I/O, threads or clocks. Stateless and thread-safe.
 */
public final class TauriMessageCodec {
    private static final JsonReader.Options ENVELOPE = JsonReader.Options.of("type", "id", "data");

    private TauriMessageCodec() {}

    /**
     * Decodes one message.
     *
     * @param json one complete JSON message; never null
     * @return the message; never null ({@link TauriMessage.Unknown} for an unknown type)
     * @throws ProtocolException if the text is not a JSON object, has no string {@code type}, or a
     *     known type lacks a required field or has one of the wrong kind
     */
    public static TauriMessage decode(String json) {
        String type = null;
        String id = null;
        Map<String, String> data = null;
        try {
            JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
            if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
                throw new ProtocolException("Tauri message is not a JSON object");
            }
            reader.beginObject();
            while (reader.hasNext()) {
                switch (reader.selectName(ENVELOPE)) {
                    case 0:
                        if (reader.peek() != JsonReader.Token.STRING) {
                            throw new ProtocolException("Tauri message 'type' is not a string");
                        }
                        type = reader.nextString();
                        break;
                    case 1:
                        id = scalar(reader);
                        break;
                    case 2:
                        data = readData(reader);
                        break;
                    default:
                        reader.skipName();
                        reader.skipValue();
                }
            }
            reader.endObject();
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new ProtocolException("trailing data after the Tauri message");
            }
        } catch (JsonDataException | JsonEncodingException e) {
            throw new ProtocolException("malformed Tauri message: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ProtocolException("malformed Tauri message: " + e.getMessage(), e);
        }
        if (type == null) {
            throw new ProtocolException("Tauri message has no 'type'");
        }
        switch (type) {
            case TauriMessage.Identification.TYPE:
                return new TauriMessage.Identification(required(type, data, "user_id"));
            case TauriMessage.Success.TYPE:
                return new TauriMessage.Success(id);
            case TauriMessage.Ping.TYPE:
                return new TauriMessage.Ping(longField(type, data, "last_ping"));
            case TauriMessage.Pong.TYPE:
                return new TauriMessage.Pong(longField(type, data, "last_ping"));
            case TauriMessage.PushNotification.TYPE:
                return new TauriMessage.PushNotification(required(type, data, "sender_id"));
            case TauriMessage.ReadNotification.TYPE:
                return new TauriMessage.ReadNotification(required(type, data, "sender_id"));
            default:
                return new TauriMessage.Unknown(type, json);
        }
    }

    /**
     * Encodes one message as compact JSON.
     *
     * @param message the message; never null
     * @return the JSON text, without a line break; for {@link TauriMessage.Unknown} its raw JSON
     */
    public static String encode(TauriMessage message) {
        if (message instanceof TauriMessage.Unknown) {
            return ((TauriMessage.Unknown) message).json();
        }
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            w.beginObject();
            w.name("type").value(message.type());
            if (message instanceof TauriMessage.Success) {
                String id = ((TauriMessage.Success) message).id();
                if (id != null) {
                    w.name("id").value(id);
                }
            } else {
                w.name("data").beginObject();
                if (message instanceof TauriMessage.Identification) {
                    w.name("user_id").value(((TauriMessage.Identification) message).userId());
                } else if (message instanceof TauriMessage.Ping) {
                    w.name("last_ping").value(((TauriMessage.Ping) message).lastPing());
                } else if (message instanceof TauriMessage.Pong) {
                    w.name("last_ping").value(((TauriMessage.Pong) message).lastPing());
                } else if (message instanceof TauriMessage.PushNotification) {
                    w.name("sender_id").value(((TauriMessage.PushNotification) message).senderId());
                } else if (message instanceof TauriMessage.ReadNotification) {
                    w.name("sender_id").value(((TauriMessage.ReadNotification) message).senderId());
                } else {
                    throw new IllegalArgumentException("unsupported message " + message.getClass().getName());
                }
                w.endObject();
            }
            w.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a memory buffer failed", e);
        }
        return buffer.readUtf8();
    }

    /** Reads the data object into field name to scalar text; nested values are skipped. */
    private static Map<String, String> readData(JsonReader reader) throws IOException {
        if (reader.peek() == JsonReader.Token.NULL) {
            reader.nextNull();
            return null;
        }
        if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
            throw new ProtocolException("Tauri message 'data' is not an object");
        }
        Map<String, String> data = new HashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            JsonReader.Token t = reader.peek();
            if (t == JsonReader.Token.BEGIN_OBJECT || t == JsonReader.Token.BEGIN_ARRAY) {
                reader.skipValue();
                data.put(name, null);
            } else {
                data.put(name, scalar(reader));
            }
        }
        reader.endObject();
        return data;
    }

    /** A string, number (as its text), boolean (as text) or null. */
    private static String scalar(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case NULL:
                return reader.nextNull();
            case BOOLEAN:
                return Boolean.toString(reader.nextBoolean());
            case STRING:
            case NUMBER:
                return reader.nextString();
            default:
                reader.skipValue();
                return null;
        }
    }

    private static String required(String type, Map<String, String> data, String field) {
        String v = data == null ? null : data.get(field);
        if (v == null) {
            throw new ProtocolException("Tauri '" + type + "' has no data." + field);
        }
        return v;
    }

    private static long longField(String type, Map<String, String> data, String field) {
        String v = required(type, data, field);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            try {
                return new BigDecimal(v.trim()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e2) {
                throw new ProtocolException("Tauri '" + type + "' data." + field + " is not an integer", e2);
            }
        }
    }
}

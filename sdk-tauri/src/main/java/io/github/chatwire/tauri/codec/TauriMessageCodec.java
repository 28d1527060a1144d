package io.github.chatwire.tauri.codec;

import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.internal.json.JsonCursor;
import io.github.chatwire.core.internal.json.JsonFormatException;
import io.github.chatwire.core.internal.json.JsonNames;
import io.github.chatwire.core.internal.json.JsonText;
import io.github.chatwire.tauri.model.TauriMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Converts Tauri push messages between JSON text and {@link TauriMessage} records: the {@code
 * {"type": ..., "data": {...}}} envelope of the Tauri spec, with an optional {@code id}.
 *
 * <p>Decoding is lenient where the spec is vague: ids may be JSON strings or numbers (numbers keep
 * their decimal text), {@code last_ping} may be a number or a numeric string, unknown fields are
 * ignored, and unknown types are kept as {@link TauriMessage.Unknown}. Ids from the server ({@code
 * sender_id}, the {@code id} of {@code success}) are bounded: 1 to {@value #MAX_ID_LENGTH}
 * characters from {@code A-Z a-z 0-9 . _ : -}, which covers the int64 and UUID ids Tensamin uses;
 * anything else fails that message with a {@link TauriDecodeException}. Encoding writes compact
 * JSON (no line breaks, so it is safe for newline-delimited framing) with ids as JSON strings, as
 * the spec shows them.
 *
 * <p>The JSON rules are those of every chatwire decoder (sdk-core's shared cursor): strict JSON, at
 * most {@link JsonCursor#MAX_DEPTH} levels of nesting, numbers kept as their literal (of any
 * magnitude, as Omikron's decoder keeps them; a field read as an integer must fit 64 bits), a
 * repeated name keeps its first value, nothing but white space after the object, and text kept
 * exactly as received (a lone surrogate is not replaced). Error messages name the offset and the
 * field, never the content.
 *
 * <p>Pure: no I/O, threads or clocks. Stateless and thread-safe.
 */
public final class TauriMessageCodec {
  /** The longest id accepted from the server, in characters. */
  public static final int MAX_ID_LENGTH = 64;

  private static final JsonNames ENVELOPE = JsonNames.of("type", "id", "data");

  private TauriMessageCodec() {}

  /**
   * Decodes one message.
   *
   * @param json one complete JSON message; never null
   * @return the message; never null ({@link TauriMessage.Unknown} for an unknown type)
   * @throws TauriDecodeException (a {@link ProtocolException}) if the text is not one well-formed
   *     JSON object within the shared limits, has no string {@code type}, or a known type lacks a
   *     required field, has one of the wrong kind, or carries an id that is not a valid id
   */
  public static TauriMessage decode(String json) {
    Objects.requireNonNull(json, "json");
    String type = null;
    Object id = null;
    Map<String, Object> data = null;
    JsonCursor c = new JsonCursor(json).keepAnyNumber();
    try {
      if (c.peek() != JsonCursor.OBJECT) {
        throw new TauriDecodeException("Tauri message is not a JSON object", null, null, null);
      }
      c.beginObject();
      int seen = 0;
      while (c.hasMember()) {
        int field = c.name(ENVELOPE);
        if (field < 0 || (seen & (1 << field)) != 0) {
          c.skipValue(); // unknown, or repeated: the first value counts
          continue;
        }
        seen |= 1 << field;
        switch (field) {
          case 0:
            if (c.peek() != JsonCursor.STRING) {
              throw new TauriDecodeException(
                  "Tauri message 'type' is not a string", null, "type", null);
            }
            type = c.string();
            break;
          case 1:
            id = TauriJson.scalar(c);
            break;
          default:
            data = readData(c);
        }
      }
      c.end();
    } catch (JsonFormatException e) {
      throw new TauriDecodeException("malformed Tauri message: " + e.getMessage(), type, null, e);
    }
    if (type == null) {
      throw new TauriDecodeException("Tauri message has no 'type'", null, "type", null);
    }
    switch (type) {
      case TauriMessage.Identification.TYPE:
        return new TauriMessage.Identification(
            id(type, "data.user_id", required(type, data, "user_id")));
      case TauriMessage.Success.TYPE:
        return new TauriMessage.Success(id == null ? null : id(type, "id", id));
      case TauriMessage.Ping.TYPE:
        return new TauriMessage.Ping(longField(type, data, "last_ping"));
      case TauriMessage.Pong.TYPE:
        return new TauriMessage.Pong(longField(type, data, "last_ping"));
      case TauriMessage.PushNotification.TYPE:
        return new TauriMessage.PushNotification(
            id(type, "data.sender_id", required(type, data, "sender_id")));
      case TauriMessage.ReadNotification.TYPE:
        return new TauriMessage.ReadNotification(
            id(type, "data.sender_id", required(type, data, "sender_id")));
      default:
        return new TauriMessage.Unknown(type, json);
    }
  }

  /**
   * Encodes one message as compact JSON.
   *
   * @param message the message; never null
   * @return the JSON text, without a line break; for {@link TauriMessage.Unknown} its raw JSON
   * @throws IllegalArgumentException for a {@link TauriMessage} of a type this codec does not know
   */
  public static String encode(TauriMessage message) {
    Objects.requireNonNull(message, "message");
    if (message instanceof TauriMessage.Unknown) {
      return ((TauriMessage.Unknown) message).json();
    }
    StringBuilder out = new StringBuilder(64).append("{\"type\":");
    JsonText.string(message.type(), out);
    if (message instanceof TauriMessage.Success) {
      String id = ((TauriMessage.Success) message).id();
      if (id != null) {
        out.append(",\"id\":");
        JsonText.string(id, out);
      }
      return out.append('}').toString();
    }
    out.append(",\"data\":{");
    if (message instanceof TauriMessage.Identification) {
      out.append("\"user_id\":");
      JsonText.string(((TauriMessage.Identification) message).userId(), out);
    } else if (message instanceof TauriMessage.Ping) {
      out.append("\"last_ping\":").append(((TauriMessage.Ping) message).lastPing());
    } else if (message instanceof TauriMessage.Pong) {
      out.append("\"last_ping\":").append(((TauriMessage.Pong) message).lastPing());
    } else if (message instanceof TauriMessage.PushNotification) {
      out.append("\"sender_id\":");
      JsonText.string(((TauriMessage.PushNotification) message).senderId(), out);
    } else if (message instanceof TauriMessage.ReadNotification) {
      out.append("\"sender_id\":");
      JsonText.string(((TauriMessage.ReadNotification) message).senderId(), out);
    } else {
      throw new IllegalArgumentException("unsupported message " + message.getClass().getName());
    }
    return out.append("}}").toString();
  }

  /** Reads the data object into field name to scalar; nested values are skipped (as null). */
  private static @Nullable Map<String, Object> readData(JsonCursor c) {
    int token = c.peek();
    if (token == JsonCursor.NULL) {
      c.nextIsNull();
      return null;
    }
    if (token != JsonCursor.OBJECT) {
      throw new TauriDecodeException("Tauri message 'data' is not an object", null, "data", null);
    }
    Map<String, Object> data = new HashMap<>();
    c.beginObject();
    while (c.hasMember()) {
      String name = c.nameString();
      if (data.containsKey(name)) {
        c.skipValue(); // repeated: the first value counts
      } else {
        data.put(name, TauriJson.scalar(c));
      }
    }
    return data;
  }

  private static Object required(String type, @Nullable Map<String, Object> data, String field) {
    Object v = data == null ? null : data.get(field);
    if (v == null) {
      throw new TauriDecodeException(
          "Tauri '" + type + "' has no data." + field, type, "data." + field, null);
    }
    return v;
  }

  /** Checks an id: a string or number of 1 to MAX_ID_LENGTH characters from [A-Za-z0-9._:-]. */
  private static String id(String type, String field, Object value) {
    if (!(value instanceof String)) {
      throw new TauriDecodeException(
          "Tauri '" + type + "' " + field + " is not a string or number", type, field, null);
    }
    String v = (String) value;
    if (v.isEmpty() || v.length() > MAX_ID_LENGTH) {
      throw new TauriDecodeException(
          "Tauri '"
              + type
              + "' "
              + field
              + " has "
              + v.length()
              + " characters; an id has 1 to "
              + MAX_ID_LENGTH,
          type,
          field,
          null);
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == ':';
      if (!ok) {
        throw new TauriDecodeException(
            "Tauri '"
                + type
                + "' "
                + field
                + " holds a character no id has (U+"
                + String.format("%04X", (int) c)
                + " at "
                + i
                + ")",
            type,
            field,
            null);
      }
    }
    return v;
  }

  private static long longField(String type, @Nullable Map<String, Object> data, String field) {
    Object value = required(type, data, field);
    if (!(value instanceof String)) {
      throw new TauriDecodeException(
          "Tauri '" + type + "' data." + field + " is not an integer", type, "data." + field, null);
    }
    String v = ((String) value).trim();
    if (v.length() > TauriJson.MAX_INTEGER_LENGTH) {
      throw new TauriDecodeException(
          "Tauri '"
              + type
              + "' data."
              + field
              + " has "
              + v.length()
              + " characters; not a 64-bit integer",
          type,
          "data." + field,
          null);
    }
    try {
      return TauriJson.integer(v);
    } catch (NumberFormatException e) {
      throw new TauriDecodeException(
          "Tauri '" + type + "' data." + field + " is not an integer", type, "data." + field, e);
    }
  }
}

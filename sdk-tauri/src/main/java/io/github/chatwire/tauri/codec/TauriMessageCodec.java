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
 * <p>Pure: no I/O, threads or clocks. Stateless and thread-safe.
 */
public final class TauriMessageCodec {
  /** The longest id accepted from the server, in characters. */
  public static final int MAX_ID_LENGTH = 64;

  private static final JsonReader.Options ENVELOPE = JsonReader.Options.of("type", "id", "data");

  private TauriMessageCodec() {}

  /**
   * Decodes one message.
   *
   * @param json one complete JSON message; never null
   * @return the message; never null ({@link TauriMessage.Unknown} for an unknown type)
   * @throws TauriDecodeException (a {@link ProtocolException}) if the text is not a JSON object,
   *     has no string {@code type}, or a known type lacks a required field, has one of the wrong
   *     kind, or carries an id that is not a valid id
   */
  public static TauriMessage decode(String json) {
    String type = null;
    Object id = null;
    Map<String, Object> data = null;
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new TauriDecodeException("Tauri message is not a JSON object", null, null, null);
      }
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(ENVELOPE)) {
          case 0:
            if (reader.peek() != JsonReader.Token.STRING) {
              throw new TauriDecodeException(
                  "Tauri message 'type' is not a string", null, "type", null);
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
        throw new TauriDecodeException("trailing data after the Tauri message", type, null, null);
      }
    } catch (JsonDataException | JsonEncodingException e) {
      throw new TauriDecodeException("malformed Tauri message: " + e.getMessage(), type, null, e);
    } catch (IOException e) {
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

  /** Reads the data object into field name to scalar; nested values are skipped. */
  private static Map<String, Object> readData(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return null;
    }
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new TauriDecodeException("Tauri message 'data' is not an object", null, "data", null);
    }
    Map<String, Object> data = new HashMap<>();
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

  /** A string, number (as its text), boolean (as a {@link Boolean}) or null. */
  private static Object scalar(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case NULL:
        return reader.nextNull();
      case BOOLEAN:
        return reader.nextBoolean();
      case STRING:
      case NUMBER:
        return reader.nextString();
      default:
        reader.skipValue();
        return null;
    }
  }

  private static Object required(String type, Map<String, Object> data, String field) {
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

  private static long longField(String type, Map<String, Object> data, String field) {
    Object value = required(type, data, field);
    if (!(value instanceof String)) {
      throw new TauriDecodeException(
          "Tauri '" + type + "' data." + field + " is not an integer", type, "data." + field, null);
    }
    String v = ((String) value).trim();
    if (v.length()
        > MAX_ID_LENGTH) { // no integer of 64 bits needs more, and BigDecimal would parse it all
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
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      try {
        return new BigDecimal(v).longValueExact();
      } catch (NumberFormatException | ArithmeticException e2) {
        throw new TauriDecodeException(
            "Tauri '" + type + "' data." + field + " is not an integer", type, "data." + field, e2);
      }
    }
  }
}

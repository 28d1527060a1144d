package io.github.chatwire.omikron.codec;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
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
 * TEST REFERENCE: OmikronCodec's decoder as it was before issue 12, on Moshi's JsonReader, with the
 * one documented rule change applied (a repeated name keeps its first value; it was the last). The
 * differential test holds the new decoder against it.
 */
final class ReferenceOmikronDecoder {
  private static final JsonReader.Options ENVELOPE =
      JsonReader.Options.of(
          "id", "type", "sender", "receiver", "data", "sender_id", "receiver_id", "log");
  private static final JsonReader.Options LOG = JsonReader.Options.of("message", "log_level");

  private ReferenceOmikronDecoder() {}

  /**
   * Decodes one message.
   *
   * @param json the text of one WebSocket message; never null
   * @return the message
   * @throws OmikronFormatException if it is not a JSON object, has no {@code type}, or a field has
   *     an impossible type (the message names the place, never the value)
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
      int seen = 0;
      while (reader.hasNext()) {
        int field = reader.selectName(ENVELOPE);
        int bit = field < 0 ? 0 : 1 << (field == 5 ? 2 : field == 6 ? 3 : field);
        if ((seen & bit) != 0) {
          readValue(reader);
          continue;
        }
        seen |= bit;
        switch (field) {
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
            Object value = readValue(reader);
            if (!extras.containsKey(name)) {
              extras.put(name, value);
            }
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
   * Decodes any JSON object (for example an Omega HTTP body) into the tree of {@link OmikronData}.
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
    readValue(reader);
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
      readValue(reader);
      return null;
    }
    String message = "";
    int level = 0;
    reader.beginObject();
    int seen = 0;
    while (reader.hasNext()) {
      int field = reader.selectName(LOG);
      if (field >= 0 && (seen & (1 << field)) != 0) {
        readValue(reader, 2);
        continue;
      }
      if (field >= 0) {
        seen |= 1 << field;
      }
      switch (field) {
        case 0:
          Object m = readValue(reader, 2);
          message = m == null ? "" : m.toString();
          break;
        case 1:
          Object l = readValue(reader, 2);
          try {
            level = l == null ? 0 : Integer.parseInt(l.toString().trim());
          } catch (NumberFormatException e) {
            level = 0;
          }
          break;
        default:
          reader.skipName();
          readValue(reader, 2);
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
    return readValue(reader, 1);
  }

  static Object readValue(JsonReader reader, int depth) throws IOException {
    if (depth > 64) {
      throw new OmikronFormatException("nested deeper than 64");
    }
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          reader.beginObject();
          while (reader.hasNext()) {
            String name = reader.nextName();
            Object value = readValue(reader, depth + 1);
            if (!map.containsKey(name)) {
              map.put(name, value);
            }
          }
          reader.endObject();
          return Collections.unmodifiableMap(map);
        }
      case BEGIN_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          reader.beginArray();
          while (reader.hasNext()) {
            list.add(readValue(reader, depth + 1));
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
}

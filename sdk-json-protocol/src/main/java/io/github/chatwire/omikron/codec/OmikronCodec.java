package io.github.chatwire.omikron.codec;

import com.squareup.moshi.JsonWriter;
import io.github.chatwire.core.internal.json.JsonCursor;
import io.github.chatwire.core.internal.json.JsonFormatException;
import io.github.chatwire.core.internal.json.JsonNames;
import io.github.chatwire.core.internal.json.JsonTree;
import io.github.chatwire.omikron.model.JsonNumber;
import io.github.chatwire.omikron.model.LogInfo;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes Omikron envelopes. Pure functions: no I/O, threads or clocks; thread-safe.
 *
 * <p>Reading is lenient across every era: {@code id} as a string or number; {@code type} matched
 * ignoring case and underscores; routing as {@code sender}/{@code receiver} or {@code
 * sender_id}/{@code receiver_id}, each a number, a numeric string or a UUID string (0 or empty
 * means none); an optional {@code log}; unknown top-level fields and unknown {@code data} keys are
 * kept. Writing uses the {@link WireShape} the peer expects.
 *
 * <p>Decoding reads the text directly with chatwire's shared JSON scanner (sdk-core): envelope
 * fields are selected by index, {@code data} becomes its tree in one pass. One set of JSON rules
 * for every protocol: at most 64 levels of nesting, numbers in the JSON grammar (kept as their
 * literal, {@link JsonNumber}, of any magnitude), a repeated name keeps its first value.
 */
public final class OmikronCodec {
  private static final JsonNames ENVELOPE =
      JsonNames.of("id", "type", "sender", "receiver", "data", "sender_id", "receiver_id", "log");
  private static final JsonNames LOG = JsonNames.of("message", "log_level");

  /**
   * The known types by exact wire name, matched in place (other spellings go through
   * MessageType.of).
   */
  private static final MessageType[] TYPES = MessageType.knownTypes().toArray(new MessageType[0]);

  private static final JsonNames TYPE_NAMES = typeNames();

  private static JsonNames typeNames() {
    String[] names = new String[TYPES.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = TYPES[i].wireName();
    }
    return JsonNames.of(names);
  }

  /** The number rule of Omikron trees: the literal kept exactly, as a {@link JsonNumber}. */
  private static final JsonTree.Numbers NUMBERS = c -> JsonNumber.of(c.numberText());

  private OmikronCodec() {}

  /**
   * Decodes one message.
   *
   * @param json the text of one WebSocket message; never null
   * @return the message
   * @throws OmikronFormatException if it is not a JSON object, has no {@code type}, or a field has
   *     an impossible type (the message names the place, never the value)
   */
  public static OmikronMessage decode(String json) {
    JsonCursor c = new JsonCursor(json).keepAnyNumber();
    try {
      if (c.peek() != JsonCursor.OBJECT) {
        throw new OmikronFormatException("message is not a JSON object");
      }
      String id = null;
      MessageType type = null;
      OmikronId sender = null;
      OmikronId receiver = null;
      OmikronData data = OmikronData.EMPTY;
      LogInfo log = null;
      Map<String, @Nullable Object> extras = null;
      int seen = 0;
      c.beginObject();
      while (c.hasMember()) {
        int field = c.name(ENVELOPE);
        // a repeated name keeps its first value, as in every chatwire JSON tree
        int bit = field < 0 ? 0 : 1 << (field == 5 ? 2 : field == 6 ? 3 : field);
        if ((seen & bit) != 0) {
          c.skipValue();
          continue;
        }
        seen |= bit;
        switch (field) {
          case 0:
            id = readId(c);
            break;
          case 1:
            if (c.peek() != JsonCursor.STRING) {
              throw new OmikronFormatException("'type' is not a string at offset " + c.position());
            }
            int known = c.stringIn(TYPE_NAMES);
            type = known >= 0 ? TYPES[known] : MessageType.of(c.lastName());
            break;
          case 2:
          case 5:
            sender = readRouting(c);
            break;
          case 3:
          case 6:
            receiver = readRouting(c);
            break;
          case 4:
            data = readData(c);
            break;
          case 7:
            log = readLog(c);
            break;
          default:
            String name = c.lastName();
            if (extras == null) {
              extras = new LinkedHashMap<>();
            }
            if (extras.containsKey(name)) {
              c.skipValue();
            } else {
              extras.put(name, JsonTree.read(c, NUMBERS));
            }
        }
      }
      c.end();
      if (type == null) {
        throw new OmikronFormatException("message has no 'type'");
      }
      return new OmikronMessage(
          id, type, sender, receiver, data, log, extras == null ? Map.of() : extras);
    } catch (OmikronFormatException e) {
      throw e;
    } catch (JsonFormatException | IllegalArgumentException | ArithmeticException e) {
      throw new OmikronFormatException("malformed message near offset " + c.position(), e);
    }
  }

  /**
   * Decodes any JSON object (for example an Omega HTTP body) into the tree of {@link OmikronData}.
   *
   * @param json the text; never null
   * @return the object
   * @throws OmikronFormatException if it is not exactly one JSON object
   */
  public static OmikronData decodeObject(String json) {
    JsonCursor c = new JsonCursor(json);
    try {
      if (c.peek() != JsonCursor.OBJECT) {
        throw new OmikronFormatException("body is not a JSON object");
      }
    } catch (JsonFormatException e) { // empty, white space only, or no value at all
      throw new OmikronFormatException("body is not a JSON object", e);
    }
    return OmikronData.fromJson(json);
  }

  private static @Nullable String readId(JsonCursor c) {
    switch (c.peek()) {
      case JsonCursor.STRING:
        String s = c.string();
        return s.isEmpty() ? null : s;
      case JsonCursor.NUMBER:
        return c.numberText();
      case JsonCursor.NULL:
        c.nextIsNull();
        return null;
      default:
        throw new OmikronFormatException(
            "'id' is not a string or number at offset " + c.position());
    }
  }

  /** Lenient like the real server: anything that is not a usable id reads as "none". */
  private static @Nullable OmikronId readRouting(JsonCursor c) {
    int token = c.peek();
    if (token == JsonCursor.NUMBER) {
      JsonNumber n = JsonNumber.of(c.numberText());
      try {
        long v = n.longValueExact();
        return v == 0 ? null : OmikronId.of(v);
      } catch (ArithmeticException e) {
        return null;
      }
    }
    if (token == JsonCursor.STRING) {
      String s = c.string().trim();
      return s.isEmpty() || s.equals("0") ? null : OmikronId.of(s);
    }
    c.skipValue();
    return null;
  }

  private static OmikronData readData(JsonCursor c) {
    int token = c.peek();
    if (token == JsonCursor.NULL) {
      c.nextIsNull();
      return OmikronData.EMPTY;
    }
    if (token != JsonCursor.OBJECT || !(JsonTree.read(c, NUMBERS) instanceof Map<?, ?> tree)) {
      throw new OmikronFormatException("'data' is not an object at offset " + c.position());
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> object = (Map<String, ?>) tree;
    return OmikronData.of(object); // kept as it is, no copy: see OmikronData.of
  }

  private static @Nullable LogInfo readLog(JsonCursor c) {
    if (c.peek() != JsonCursor.OBJECT) {
      c.skipValue();
      return null;
    }
    String message = "";
    int level = 0;
    int seen = 0;
    c.beginObject();
    while (c.hasMember()) {
      int field = c.name(LOG);
      if (field < 0 || (seen & (1 << field)) != 0) {
        c.skipValue();
        continue;
      }
      seen |= 1 << field;
      Object v = JsonTree.read(c, NUMBERS);
      if (field == 0) {
        message = v == null ? "" : v.toString();
      } else {
        try {
          level = v == null ? 0 : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
          level = 0;
        }
      }
    }
    return new LogInfo(message, level);
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
          boolean ping =
              message.type().equals(MessageType.PING) || message.type().equals(MessageType.PONG);
          log = new LogInfo("", ping ? -1 : 0);
        }
        w.name("log")
            .beginObject()
            .name("message")
            .value(log.message())
            .name("log_level")
            .value(log.logLevel())
            .endObject();
      }
      for (Map.Entry<String, @Nullable Object> e : message.extras().entrySet()) {
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

  private static void writeValue(JsonWriter w, @Nullable Object v) throws IOException {
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

package io.github.chatwire.originchats.codec;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import io.github.chatwire.core.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * TEST REFERENCE: a plain Moshi tree (strict {@link JsonReader}, numbers as {@code nextDouble}),
 * with the documented rules of chatwire's trees: at most 64 levels of nesting, a repeated name
 * keeps its first value. Independent of sdk-core's JsonCursor, so the differential test checks that
 * scanner against Moshi's.
 */
final class MoshiTree {
  private MoshiTree() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      Object value = read(reader, 0);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new ProtocolException("trailing data after the JSON value");
      }
      if (!(value instanceof Map)) {
        throw new ProtocolException("expected a JSON object");
      }
      return (Map<String, Object>) value;
    } catch (JsonEncodingException | JsonDataException e) {
      throw new ProtocolException("malformed JSON: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ProtocolException("unreadable JSON: " + e.getMessage(), e);
    }
  }

  private static Object read(JsonReader r, int depth) throws IOException {
    if (depth > 64) {
      throw new ProtocolException("JSON nested deeper than 64");
    }
    switch (r.peek()) {
      case BEGIN_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          r.beginObject();
          while (r.hasNext()) {
            String name = r.nextName();
            Object v = read(r, depth + 1);
            if (!m.containsKey(name)) {
              m.put(name, v);
            }
          }
          r.endObject();
          return Collections.unmodifiableMap(m);
        }
      case BEGIN_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          r.beginArray();
          while (r.hasNext()) {
            l.add(read(r, depth + 1));
          }
          r.endArray();
          return Collections.unmodifiableList(l);
        }
      case STRING:
        return r.nextString();
      case NUMBER:
        return r.nextDouble();
      case BOOLEAN:
        return r.nextBoolean();
      case NULL:
        return r.nextNull();
      default:
        throw new ProtocolException("unexpected " + r.peek());
    }
  }
}

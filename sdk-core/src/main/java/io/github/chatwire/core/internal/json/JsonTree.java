package io.github.chatwire.core.internal.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON tree reader: unmodifiable {@code Map<String, Object>} (wire order) and {@code
 * List<Object>}, {@code String}, {@code Boolean}, null, and numbers as the caller's {@link Numbers}
 * rule makes them. One depth limit ({@link JsonCursor#MAX_DEPTH}); numbers follow the JSON grammar
 * and must be finite as a {@code double}; a name repeated in one object keeps its first value
 * (later ones are validated and skipped), so a streaming decoder that reads the first occurrence of
 * a field and a tree agree. Stateless and thread-safe.
 */
public final class JsonTree {
  /** How a tree holds a number. */
  public interface Numbers {
    /**
     * Reads the number at the cursor.
     *
     * @param cursor positioned at a number
     * @return the value for the tree; never null
     */
    Object read(JsonCursor cursor);
  }

  /** Numbers as {@link Double} (the OriginChats trees). */
  public static final Numbers DOUBLES = JsonCursor::number;

  private JsonTree() {}

  /**
   * Parses a whole text as one JSON value.
   *
   * @param text the text; never null
   * @param numbers the number rule; never null
   * @return the tree; null for JSON null
   * @throws JsonFormatException if the text is not exactly one well-formed JSON value
   */
  public static @Nullable Object parse(String text, Numbers numbers) {
    JsonCursor c = new JsonCursor(text);
    Object v = read(c, numbers);
    c.end();
    return v;
  }

  @SuppressWarnings("NullAway") // keys and values are null only while n == 0
  private static Map<String, Object> readMembers(JsonCursor c, Numbers numbers) {
    // small objects (most on the wire) in two arrays; a hash map beyond SmallJsonObject.MAX_SIZE
    String[] keys = null;
    Object[] values = null;
    int n = 0;
    Map<String, Object> map = null;
    while (c.hasMember()) {
      String name = c.nameString();
      if (map != null) {
        if (map.containsKey(name)) {
          c.skipValue();
        } else {
          map.put(name, read(c, numbers));
        }
        continue;
      }
      boolean repeated = false;
      for (int i = 0; i < n && !repeated; i++) {
        repeated = keys[i].equals(name);
      }
      if (repeated) {
        c.skipValue();
        continue;
      }
      Object value = read(c, numbers);
      if (keys == null) {
        keys = new String[4];
        values = new Object[4];
      } else if (n == keys.length && n < SmallJsonObject.MAX_SIZE) {
        keys = java.util.Arrays.copyOf(keys, SmallJsonObject.MAX_SIZE);
        values = java.util.Arrays.copyOf(values, SmallJsonObject.MAX_SIZE);
      }
      if (n == SmallJsonObject.MAX_SIZE) {
        map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          map.put(keys[i], values[i]);
        }
        map.put(name, value);
      } else {
        keys[n] = name;
        values[n++] = value;
      }
    }
    if (map != null) {
      return new LargeJsonObject((LinkedHashMap<String, Object>) map);
    }
    return n == 0 ? Collections.emptyMap() : new SmallJsonObject(keys, values, n);
  }

  /**
   * Whether a value is a tree this class built (or a leaf): deeply unmodifiable, held by no one
   * else, so that it can be kept without a copy. Walks the whole tree without allocating.
   *
   * @param v the value; may be null
   * @param numbers the class every number in it must have
   * @return true if every object and array in it came from this reader and every number has that
   *     class; false for anything else (copy it then)
   */
  public static boolean isTree(Object v, Class<?> numbers) {
    if (v == null || v instanceof String || v instanceof Boolean) {
      return true;
    }
    if (v instanceof Number) {
      return numbers.isInstance(v);
    }
    if (v instanceof SmallJsonObject) {
      SmallJsonObject o = (SmallJsonObject) v;
      for (int i = 0, n = o.size(); i < n; i++) {
        if (!isTree(o.valueAt(i), numbers)) {
          return false;
        }
      }
      return true;
    }
    if (v instanceof LargeJsonObject || v == Collections.emptyMap()) {
      for (Object e : ((Map<?, ?>) v).values()) {
        if (!isTree(e, numbers)) {
          return false;
        }
      }
      return true;
    }
    if (v instanceof JsonArray || v == Collections.emptyList()) {
      List<?> l = (List<?>) v;
      for (int i = 0, n = l.size(); i < n; i++) {
        if (!isTree(l.get(i), numbers)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Reads the next value at a cursor into a tree.
   *
   * @param c the cursor; never null
   * @param numbers the number rule; never null
   * @return the tree; null for JSON null
   * @throws JsonFormatException if the value is malformed
   */
  @SuppressWarnings("NullAway") // an array's values are null only while n == 0
  public static @Nullable Object read(JsonCursor c, Numbers numbers) {
    switch (c.peek()) {
      case JsonCursor.OBJECT:
        {
          c.beginObject();
          return readMembers(c, numbers);
        }
      case JsonCursor.ARRAY:
        {
          c.beginArray();
          Object[] values = null;
          int n = 0;
          while (c.hasElement()) {
            Object v = read(c, numbers);
            if (values == null) {
              values = new Object[4];
            } else if (n == values.length) {
              values = java.util.Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
          }
          return n == 0 ? Collections.emptyList() : new JsonArray(values, n);
        }
      case JsonCursor.STRING:
        return c.string();
      case JsonCursor.NUMBER:
        return numbers.read(c);
      case JsonCursor.BOOLEAN:
        return c.bool();
      default:
        c.nextIsNull();
        return null;
    }
  }
}

package io.github.chatwire.originchats.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Lenient, typed reads of fields from a decoded JSON object (see {@link OcJson}). Every field is
 * optional: an absent field or JSON null reads as null (or the given default). A field that is
 * present with a type that cannot mean the asked-for value fails with {@link
 * IllegalArgumentException} naming the field (never its value); the decoder turns that into a
 * {@link FrameDecodeException}. Stateless and thread-safe.
 */
public final class JsonFields {
  private JsonFields() {}

  /**
   * A string field.
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return the string, or null if absent or null
   */
  public static @Nullable String str(@Nullable Map<String, Object> o, String key) {
    Object v = o == null ? null : o.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw wrong(key, "string", v);
  }

  /**
   * An identifier that servers send as a string or a number (emoji ids, for example); numbers are
   * rendered without a fraction.
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return the id as a string, or null if absent or null
   */
  public static @Nullable String id(@Nullable Map<String, Object> o, String key) {
    Object v = o == null ? null : o.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
    }
    throw wrong(key, "string or number", v);
  }

  /**
   * A number field.
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return the number, or null if absent or null
   */
  public static @Nullable Double num(@Nullable Map<String, Object> o, String key) {
    Object v = o == null ? null : o.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    throw wrong(key, "number", v);
  }

  /**
   * An integer field (a JSON number, truncated toward zero).
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return the value, or null if absent or null
   */
  public static @Nullable Long lng(@Nullable Map<String, Object> o, String key) {
    Double d = num(o, key);
    return d == null ? null : (long) d.doubleValue();
  }

  /**
   * A boolean field.
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @param dflt the value when absent or null
   * @return the value
   */
  public static boolean bool(@Nullable Map<String, Object> o, String key, boolean dflt) {
    Object v = o == null ? null : o.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw wrong(key, "boolean", v);
  }

  /**
   * A boolean field whose absence means "unknown" (issue 10: absent is not false).
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return the value, or null if absent or JSON null
   */
  public static @Nullable Boolean flag(@Nullable Map<String, Object> o, String key) {
    Object v = o == null ? null : o.get(key);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    throw wrong(key, "boolean", v);
  }

  /**
   * An object field.
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return the object, or null if absent or null
   */
  @SuppressWarnings("unchecked")
  public static @Nullable Map<String, Object> obj(@Nullable Map<String, Object> o, String key) {
    Object v = o == null ? null : o.get(key);
    if (v == null || v instanceof Map) {
      return (Map<String, Object>) v;
    }
    throw wrong(key, "object", v);
  }

  /**
   * An array field.
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return the list, or null if absent or null
   */
  @SuppressWarnings("unchecked")
  public static @Nullable List<Object> list(@Nullable Map<String, Object> o, String key) {
    Object v = o == null ? null : o.get(key);
    if (v == null || v instanceof List) {
      return (List<Object>) v;
    }
    throw wrong(key, "array", v);
  }

  /**
   * An array of strings (ids given as numbers are accepted and rendered as strings).
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return an immutable list; empty if absent or null
   */
  public static List<String> strings(@Nullable Map<String, Object> o, String key) {
    List<Object> l = list(o, key);
    if (l == null) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>(l.size());
    for (Object e : l) {
      if (e instanceof String) {
        out.add((String) e);
      } else if (e instanceof Number) {
        out.add(id(Collections.singletonMap(key, e), key));
      } else if (e != null) {
        throw wrong(key + "[]", "string", e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * An array of objects.
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return an immutable list; empty if absent or null
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> objects(@Nullable Map<String, Object> o, String key) {
    List<Object> l = list(o, key);
    if (l == null) {
      return Collections.emptyList();
    }
    List<Map<String, Object>> out = new ArrayList<>(l.size());
    for (Object e : l) {
      if (e instanceof Map) {
        out.add((Map<String, Object>) e);
      } else if (e != null) {
        throw wrong(key + "[]", "object", e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * An object whose values are all objects (keyed collections such as roles or emoji).
   *
   * @param o the object; may be null
   * @param key the field name; never null
   * @return an immutable map in wire order; empty if absent or null
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Map<String, Object>> objectMap(
      @Nullable Map<String, Object> o, String key) {
    Map<String, Object> m = obj(o, key);
    if (m == null) {
      return Collections.emptyMap();
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getValue() instanceof Map) {
        out.put(e.getKey(), (Map<String, Object>) e.getValue());
      } else if (e.getValue() != null) {
        throw wrong(key + "." + e.getKey(), "object", e.getValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static IllegalArgumentException wrong(String key, String expected, Object v) {
    return new IllegalArgumentException(
        "field '" + key + "': expected " + expected + ", got " + OcJson.typeName(v));
  }
}

package io.github.chatwire.originchats.codec;

import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.internal.json.JsonCursor;
import io.github.chatwire.core.internal.json.JsonText;
import io.github.chatwire.core.internal.json.JsonTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses JSON text into an immutable tree ({@code Map<String,Object>}, {@code List<Object>}, {@code
 * String}, {@code Double}, {@code Boolean}, null) and writes such trees back. Parsing uses
 * chatwire's one shared JSON reader (sdk-core's {@code JsonTree}: one depth limit, one number rule)
 * and its one writer ({@code JsonText}). Pure functions: no I/O, threads or clocks; safe from any
 * thread.
 *
 * <p>Numbers are read as {@link Double} (as JSON has no integer type) and must be finite; integral
 * values are written back without a fraction. A name repeated within one object keeps its first
 * value. The tree keeps every field, so unknown fields survive decoding.
 */
public final class OcJson {
  /** The deepest nesting accepted (the shared reader's limit). */
  public static final int MAX_DEPTH = JsonCursor.MAX_DEPTH;

  private OcJson() {}

  /**
   * Parses one JSON value.
   *
   * @param text the JSON text; never null
   * @return the immutable tree; null for JSON {@code null}
   * @throws ProtocolException if the text is not one well-formed JSON value
   */
  public static @Nullable Object parse(String text) {
    return JsonTree.parse(text, JsonTree.DOUBLES);
  }

  /**
   * Parses a JSON object.
   *
   * @param text the JSON text; never null
   * @return the immutable object; never null
   * @throws ProtocolException if the text is not a JSON object
   */
  public static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new ProtocolException("expected a JSON object, got " + typeName(value));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }

  /**
   * Writes a tree as compact JSON. Accepts maps with string keys, lists, strings, numbers, booleans
   * and null. Integral doubles are written without a fraction; other numbers as their {@code
   * toString()}.
   *
   * @param value the tree; may be null
   * @return the JSON text; never null
   * @throws IllegalArgumentException if the tree holds another kind of value
   */
  public static String write(Object value) {
    return JsonText.write(value, false);
  }

  /**
   * Makes an immutable deep copy of a tree that {@link #write} accepts (the form every decoded
   * model keeps its raw JSON in).
   *
   * @param value the tree; may be null
   * @return the frozen tree
   */
  public static Object freeze(Object value) {
    return freeze(value, 0);
  }

  private static Object freeze(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ProtocolException("JSON nested deeper than " + MAX_DEPTH);
    }
    if (v instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        copy.put(String.valueOf(e.getKey()), freeze(e.getValue(), depth + 1));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (v instanceof List) {
      List<Object> copy = new ArrayList<>(((List<?>) v).size());
      for (Object o : (List<?>) v) {
        copy.add(freeze(o, depth + 1));
      }
      return Collections.unmodifiableList(copy);
    }
    if (v instanceof Number && !(v instanceof Double)) {
      return ((Number) v).doubleValue();
    }
    return v;
  }

  /**
   * A short name of a tree value's JSON type, for error messages (never the value itself).
   *
   * @param v the value; may be null
   * @return "object", "array", "string", "number", "boolean" or "null"
   */
  public static String typeName(@Nullable Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "object";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    return v.getClass().getSimpleName();
  }
}

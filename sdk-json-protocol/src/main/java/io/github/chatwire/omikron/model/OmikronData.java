package io.github.chatwire.omikron.model;

import io.github.chatwire.core.internal.json.JsonCursor;
import io.github.chatwire.core.internal.json.JsonFormatException;
import io.github.chatwire.core.internal.json.JsonTree;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} object of an Omikron message, kept as a JSON tree so that fields this SDK does
 * not know survive. Values are {@link String}, {@link Boolean}, {@link JsonNumber}, {@code null},
 * unmodifiable {@code List<Object>} and unmodifiable {@code Map<String, Object>} of the same.
 *
 * <p>Accessors are lenient the way the real Omikron is: a key is found exactly or, failing that,
 * ignoring case and underscores; numbers may be JSON numbers or numeric strings; booleans may be
 * {@code true}/{@code false} or their string forms. An absent key or JSON {@code null} gives {@code
 * null}; a value of an incompatible type throws {@link OmikronFormatException}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} lists the keys only, never values (a {@code
 * challenge} or {@code private_key_hash} must not reach a log).
 */
public final class OmikronData {
  /** The empty object. */
  public static final OmikronData EMPTY = new OmikronData(Collections.emptyMap());

  private final Map<String, @Nullable Object> values;
  private volatile @Nullable Map<String, String> normalizedKeys;

  private OmikronData(Map<String, @Nullable Object> values) {
    this.values = values;
  }

  /**
   * Wraps a map, copying it and converting nested values to the tree's value types. A tree that
   * chatwire's own JSON reader built (deeply immutable, numbers as {@link JsonNumber}) is kept as
   * it is, without a copy.
   *
   * @param map the fields; never null
   * @return the data
   * @throws IllegalArgumentException if a value has a type that JSON cannot hold
   */
  @SuppressWarnings("unchecked")
  public static OmikronData of(Map<String, ?> map) {
    if (JsonTree.isTree(map, JsonNumber.class)) {
      // a tree from chatwire's JSON reader is deeply immutable and held by no one: keep it
      return map.isEmpty() ? EMPTY : new OmikronData((Map<String, Object>) map);
    }
    Builder b = builder();
    for (Map.Entry<String, ?> e : map.entrySet()) {
      b.put(e.getKey(), e.getValue());
    }
    return b.build();
  }

  /**
   * Parses a JSON object into data in one pass, without copying: numbers keep their literal ({@link
   * JsonNumber}), a name repeated in one object keeps its first value, nesting is limited to 64
   * levels.
   *
   * @param json the text of one JSON object; never null
   * @return the data
   * @throws OmikronFormatException if the text is not exactly one well-formed JSON object
   */
  public static OmikronData fromJson(String json) {
    return fromJson(json, 0, json.length());
  }

  /**
   * Parses the JSON object found in a part of a text (for example the {@code data} of an envelope),
   * as {@link #fromJson(String)} does.
   *
   * @param text the text; never null
   * @param start where the object starts
   * @param end the end of the part, exclusive; only white space may follow the object
   * @return the data
   * @throws OmikronFormatException if the part is not exactly one well-formed JSON object
   * @throws IndexOutOfBoundsException if the range is not within the text
   */
  @SuppressWarnings("unchecked")
  public static OmikronData fromJson(String text, int start, int end) {
    JsonCursor c = new JsonCursor(Objects.requireNonNull(text, "text"), start, end).keepAnyNumber();
    try {
      if (c.peek() != JsonCursor.OBJECT
          || !(JsonTree.read(c, JSON_NUMBERS) instanceof Map<?, ?> object)) {
        throw new OmikronFormatException("not a JSON object");
      }
      Map<String, @Nullable Object> tree = (Map<String, @Nullable Object>) object;
      c.end();
      return tree.isEmpty() ? EMPTY : new OmikronData(tree);
    } catch (JsonFormatException | IllegalArgumentException e) {
      throw new OmikronFormatException("malformed JSON object near offset " + c.position(), e);
    }
  }

  private static final JsonTree.Numbers JSON_NUMBERS = c -> JsonNumber.of(c.numberText());

  /**
   * Starts building data.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these fields, to add or change some.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(values);
    return b;
  }

  /**
   * The fields as an unmodifiable map, in their order of appearance.
   *
   * @return the map; never null
   */
  public Map<String, @Nullable Object> asMap() {
    return values;
  }

  /**
   * @return true if there are no fields
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Whether a field is present (JSON {@code null} counts as present).
   *
   * @param key the key, matched as the accessors do; never null
   * @return true if present
   */
  public boolean has(String key) {
    return findKey(key) != null;
  }

  /**
   * The raw value of a field.
   *
   * @param key the key; never null
   * @return the value, or null if absent or JSON null
   */
  public @Nullable Object get(String key) {
    String k = findKey(key);
    return k == null ? null : values.get(k);
  }

  private @Nullable String findKey(String key) {
    if (values.containsKey(key)) {
      return key;
    }
    if (values.size() <= 8) {
      // a few keys (most data objects): compare in place rather than build the index
      for (String k : values.keySet()) {
        if (sameNormalized(k, key)) {
          return k;
        }
      }
      return null;
    }
    Map<String, String> index = normalizedKeys;
    if (index == null) {
      // Built once, on the first inexact lookup; a benign race may build it twice.
      Map<String, String> m = new java.util.HashMap<>();
      for (String k : values.keySet()) {
        m.putIfAbsent(normalize(k), k);
      }
      normalizedKeys = index = m;
    }
    return index.get(normalize(key));
  }

  /**
   * Whether two keys are equal ignoring case and underscores, as {@link #normalize} compares them.
   */
  private static boolean sameNormalized(String a, String b) {
    int i = 0;
    int j = 0;
    while (true) {
      while (i < a.length() && a.charAt(i) == '_') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '_') {
        j++;
      }
      if (i == a.length() || j == b.length()) {
        return i == a.length() && j == b.length();
      }
      if (Character.toLowerCase(a.charAt(i++)) != Character.toLowerCase(b.charAt(j++))) {
        return false;
      }
    }
  }

  static String normalize(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '_') {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }

  /**
   * A string field; numbers and booleans are given in their JSON text.
   *
   * @param key the key; never null
   * @return the string, or null if absent
   * @throws OmikronFormatException if the value is an object or array
   */
  public @Nullable String getString(String key) {
    Object v = get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof JsonNumber || v instanceof Boolean) {
      return v.toString();
    }
    throw wrongType(key, "a string");
  }

  /**
   * An integer field, written as a JSON number or a numeric string.
   *
   * @param key the key; never null
   * @return the value, or null if absent (or an empty string)
   * @throws OmikronFormatException if the value is not an integer
   */
  public @Nullable Long getLong(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    try {
      if (v instanceof JsonNumber) {
        return ((JsonNumber) v).longValueExact();
      }
      if (v instanceof String) {
        String s = ((String) v).trim();
        if (s.isEmpty()) {
          return null;
        }
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException e) {
          return new BigDecimal(s).longValueExact();
        }
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw wrongType(key, "an integer");
    }
    throw wrongType(key, "an integer");
  }

  /**
   * A boolean field: {@code true}/{@code false}, their string forms, or 0/1.
   *
   * @param key the key; never null
   * @return the value, or null if absent
   * @throws OmikronFormatException if the value is none of these
   */
  public @Nullable Boolean getBoolean(String key) {
    Object v = get(key);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("1")) {
      return Boolean.TRUE;
    }
    if (s.equals("false") || s.equals("0")) {
      return Boolean.FALSE;
    }
    throw wrongType(key, "a boolean");
  }

  /**
   * An id field: a JSON number, a numeric string or a UUID string.
   *
   * @param key the key; never null
   * @return the id, or null if absent, empty, or 0 (the protocol's "none")
   * @throws OmikronFormatException if the value is not a number or string
   */
  public @Nullable OmikronId getId(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonNumber) {
      try {
        long l = ((JsonNumber) v).longValueExact();
        return l == 0 ? null : OmikronId.of(l);
      } catch (ArithmeticException e) {
        throw wrongType(key, "an id");
      }
    }
    if (v instanceof String) {
      String s = ((String) v).trim();
      return s.isEmpty() || s.equals("0") ? null : OmikronId.of(s);
    }
    throw wrongType(key, "an id");
  }

  /**
   * A list of ids: a JSON array of numbers or strings, or a comma-separated string (the older
   * protocol's {@code "<id>,<id>,"}, empty parts skipped).
   *
   * @param key the key; never null
   * @return the ids (unmodifiable), or null if absent
   * @throws OmikronFormatException if the value is neither form, or a number in it is not an exact
   *     int64 (a fraction or an out-of-range number is refused, never truncated)
   */
  public @Nullable List<OmikronId> getIdList(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    List<OmikronId> out = new ArrayList<>();
    if (v instanceof String) {
      for (String part : ((String) v).split(",", -1)) {
        String p = part.trim();
        if (!p.isEmpty()) {
          out.add(OmikronId.of(p));
        }
      }
    } else if (v instanceof JsonNumber) {
      out.add(exactId(key, (JsonNumber) v));
    } else if (v instanceof List) {
      for (Object o : (List<?>) v) {
        if (o instanceof JsonNumber) {
          out.add(exactId(key, (JsonNumber) o));
        } else if (o instanceof String && !((String) o).trim().isEmpty()) {
          out.add(OmikronId.of(((String) o).trim()));
        } else if (o != null) {
          throw wrongType(key, "a list of ids");
        }
      }
    } else {
      throw wrongType(key, "a list of ids");
    }
    return Collections.unmodifiableList(out);
  }

  /** A numeric id, refused (as by {@link #getId}) unless it is an exact int64. */
  private static OmikronId exactId(String key, JsonNumber n) {
    try {
      return OmikronId.of(n.longValueExact());
    } catch (ArithmeticException e) {
      throw wrongType(key, "a list of ids");
    }
  }

  /**
   * An object field.
   *
   * @param key the key; never null
   * @return the object, or null if absent
   * @throws OmikronFormatException if the value is not an object
   */
  @SuppressWarnings("unchecked")
  public @Nullable OmikronData getObject(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map) {
      return new OmikronData((Map<String, Object>) v);
    }
    throw wrongType(key, "an object");
  }

  /**
   * An array field.
   *
   * @param key the key; never null
   * @return the unmodifiable list, or null if absent
   * @throws OmikronFormatException if the value is not an array
   */
  @SuppressWarnings("unchecked")
  public @Nullable List<@Nullable Object> getList(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List) {
      return (List<Object>) v;
    }
    throw wrongType(key, "an array");
  }

  /**
   * An array of objects.
   *
   * @param key the key; never null
   * @return the objects (unmodifiable), or null if absent
   * @throws OmikronFormatException if the value is not an array of objects
   */
  @SuppressWarnings("unchecked")
  public @Nullable List<OmikronData> getObjectList(String key) {
    List<Object> list = getList(key);
    if (list == null) {
      return null;
    }
    List<OmikronData> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof Map)) {
        throw wrongType(key, "an array of objects");
      }
      out.add(new OmikronData((Map<String, Object>) o));
    }
    return Collections.unmodifiableList(out);
  }

  private static OmikronFormatException wrongType(String key, String expected) {
    return new OmikronFormatException("field '" + key + "' is not " + expected);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OmikronData && values.equals(((OmikronData) o).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /**
   * @return the keys only, never the values
   */
  @Override
  public String toString() {
    return "OmikronData" + values.keySet();
  }

  /** Builds {@link OmikronData}. Not thread-safe. */
  public static final class Builder {
    private final LinkedHashMap<String, @Nullable Object> values = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets a field. Accepted values: null, String, Boolean, any integral {@link Number} (Integer,
     * Long, {@link JsonNumber}), {@link OmikronId} (numeric ids become JSON numbers), {@link
     * OmikronData}, Map and Iterable of these. A null value writes JSON null.
     *
     * @param key the key; never null
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException for an unsupported value type
     */
    public Builder put(String key, @Nullable Object value) {
      values.put(Objects.requireNonNull(key, "key"), convert(value));
      return this;
    }

    /**
     * Sets a field unless the value is null.
     *
     * @param key the key; never null
     * @param value the value; null skips the field
     * @return this builder
     */
    public Builder putIfNotNull(String key, @Nullable Object value) {
      if (value != null) {
        put(key, value);
      }
      return this;
    }

    /**
     * Removes a field.
     *
     * @param key the exact key; never null
     * @return this builder
     */
    public Builder remove(String key) {
      values.remove(key);
      return this;
    }

    /**
     * @return the data
     */
    public OmikronData build() {
      return new OmikronData(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    static @Nullable Object convert(@Nullable Object v) {
      if (v == null || v instanceof String || v instanceof Boolean || v instanceof JsonNumber) {
        return v;
      }
      if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return JsonNumber.of(((Number) v).longValue());
      }
      if (v instanceof Number) {
        return JsonNumber.of(v.toString());
      }
      if (v instanceof OmikronId) {
        OmikronId id = (OmikronId) v;
        return id.isNumeric() ? JsonNumber.of(id.value()) : id.value();
      }
      if (v instanceof OmikronData) {
        return ((OmikronData) v).values;
      }
      if (v instanceof Enum<?>) {
        return v.toString();
      }
      if (v instanceof Map) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          m.put(String.valueOf(e.getKey()), convert(e.getValue()));
        }
        return Collections.unmodifiableMap(m);
      }
      if (v instanceof Iterable) {
        List<Object> l = new ArrayList<>();
        for (Object o : (Iterable<?>) v) {
          l.add(convert(o));
        }
        return Collections.unmodifiableList(l);
      }
      if (v instanceof OpenValue) {
        return ((OpenValue) v).wireName();
      }
      throw new IllegalArgumentException("unsupported JSON value type " + v.getClass().getName());
    }
  }
}

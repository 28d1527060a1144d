package io.github.chatwire.core.internal.json;

import java.util.Map;

/**
 * The one JSON tree writer: compact text from maps, lists (any {@code Iterable}), strings,
 * booleans, numbers and null, with one number rule and one depth limit. Stateless, thread-safe.
 *
 * <p>Numbers: a {@code Double} or {@code Float} with an integral value below 10^15 is written
 * without a fraction ({@code 2.0} as {@code 2}; JSON has no integer type), other doubles in their
 * shortest Java form; NaN and infinities are refused. Every other {@link Number} is written as its
 * {@code toString()} (longs, {@code BigDecimal}, Omikron's literal-keeping numbers). Strings are
 * escaped as Moshi escapes them: quote, backslash, control characters, U+2028 and U+2029.
 */
public final class JsonText {
  private JsonText() {}

  /**
   * Writes a tree as compact JSON.
   *
   * @param value the tree; may be null
   * @param lenient false: a map key that is not a string or a value of another type is an error;
   *     true: both are written as their {@code String.valueOf} (for diagnostics output)
   * @return the text; never null
   * @throws IllegalArgumentException for a value JSON cannot hold (NaN, infinity, nesting deeper
   *     than {@link JsonCursor#MAX_DEPTH}, or, unless lenient, another type)
   */
  public static String write(Object value, boolean lenient) {
    StringBuilder out = new StringBuilder(64);
    write(value, lenient, out, 0);
    return out.toString();
  }

  /**
   * Appends a tree as compact JSON, as {@link #write(Object, boolean)} writes it.
   *
   * @param value the tree; may be null
   * @param lenient see {@link #write(Object, boolean)}
   * @param out where to append; never null
   * @throws IllegalArgumentException as {@link #write(Object, boolean)}
   */
  public static void append(Object value, boolean lenient, StringBuilder out) {
    write(value, lenient, out, 0);
  }

  private static void write(Object v, boolean lenient, StringBuilder out, int depth) {
    if (depth > JsonCursor.MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nested deeper than " + JsonCursor.MAX_DEPTH);
    }
    if (v == null) {
      out.append("null");
    } else if (v instanceof String) {
      string((String) v, out);
    } else if (v instanceof Boolean) {
      out.append(((Boolean) v).booleanValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON forbids NaN and infinities");
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.append((long) d);
      } else {
        out.append(d);
      }
    } else if (v instanceof Number) {
      out.append(v);
    } else if (v instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!(e.getKey() instanceof String) && !lenient) {
          throw new IllegalArgumentException("JSON object keys must be strings");
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        string(String.valueOf(e.getKey()), out);
        out.append(':');
        write(e.getValue(), lenient, out, depth + 1);
      }
      out.append('}');
    } else if (v instanceof Iterable) {
      out.append('[');
      boolean first = true;
      for (Object o : (Iterable<?>) v) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(o, lenient, out, depth + 1);
      }
      out.append(']');
    } else if (lenient) {
      string(String.valueOf(v), out);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  /**
   * Appends a string as a JSON string literal.
   *
   * @param s the string; never null
   * @param out where to append
   */
  public static void string(String s, StringBuilder out) {
    out.append('"');
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape;
      if (c == '"') {
        escape = "\\\"";
      } else if (c == '\\') {
        escape = "\\\\";
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        switch (c) {
          case '\b':
            escape = "\\b";
            break;
          case '\t':
            escape = "\\t";
            break;
          case '\n':
            escape = "\\n";
            break;
          case '\f':
            escape = "\\f";
            break;
          case '\r':
            escape = "\\r";
            break;
          default:
            escape = String.format("\\u%04x", (int) c);
        }
      } else {
        continue;
      }
      out.append(s, run, i).append(escape);
      run = i + 1;
    }
    out.append(s, run, s.length()).append('"');
  }
}

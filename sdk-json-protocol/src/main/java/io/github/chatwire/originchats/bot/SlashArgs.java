package io.github.chatwire.originchats.bot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of one slash command call, converted to the types the command declared. The server
 * does not enforce argument types, so conversion happens here: {@link SlashBot} answers a call with
 * bad arguments itself. Immutable.
 */
public final class SlashArgs {
  private final Map<String, Object> values;

  private SlashArgs(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Converts raw arguments by a definition.
   *
   * @param def the command; never null
   * @param raw the call's args; never null
   * @return the typed arguments
   * @throws IllegalArgumentException naming the first bad or missing argument
   */
  public static SlashArgs parse(SlashCommand def, Map<String, Object> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (SlashCommand.Option o : def.options()) {
      Object v = raw.get(o.name());
      if (v == null) {
        if (o.required()) {
          throw new IllegalArgumentException("missing argument '" + o.name() + "'");
        }
        continue;
      }
      out.put(o.name(), convert(o, v));
    }
    return new SlashArgs(out);
  }

  private static Object convert(SlashCommand.Option o, Object v) {
    String bad = "argument '" + o.name() + "' must be " + o.type().wire();
    switch (o.type()) {
      case INT:
        if (v instanceof Number) {
          double d = ((Number) v).doubleValue();
          if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(bad);
          }
          return (long) d;
        }
        try {
          return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(bad);
        }
      case FLOAT:
        if (v instanceof Number) {
          return ((Number) v).doubleValue();
        }
        try {
          return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(bad);
        }
      case BOOL:
        if (v instanceof Boolean) {
          return v;
        }
        if ("true".equalsIgnoreCase(String.valueOf(v))) {
          return true;
        }
        if ("false".equalsIgnoreCase(String.valueOf(v))) {
          return false;
        }
        throw new IllegalArgumentException(bad);
      case ENUM:
        if (!o.choices().contains(String.valueOf(v))) {
          throw new IllegalArgumentException(
              "argument '" + o.name() + "' must be one of " + o.choices());
        }
        return String.valueOf(v);
      default:
        if (v instanceof Map || v instanceof java.util.List) {
          throw new IllegalArgumentException(bad);
        }
        return v instanceof Double && (Double) v == Math.rint((Double) v)
            ? Long.toString(((Double) v).longValue())
            : String.valueOf(v);
    }
  }

  /**
   * Whether an argument was given.
   *
   * @param name the option name; never null
   * @return true if present
   */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * A string or enum argument.
   *
   * @param name the option name; never null
   * @return the value; null if not given
   */
  public @Nullable String string(String name) {
    return (String) values.get(name);
  }

  /**
   * An int argument.
   *
   * @param name the option name; never null
   * @return the value; null if not given
   */
  public @Nullable Long integer(String name) {
    return (Long) values.get(name);
  }

  /**
   * A float argument.
   *
   * @param name the option name; never null
   * @return the value; null if not given
   */
  public @Nullable Double number(String name) {
    return (Double) values.get(name);
  }

  /**
   * A bool argument.
   *
   * @param name the option name; never null
   * @return the value; null if not given
   */
  public @Nullable Boolean bool(String name) {
    return (Boolean) values.get(name);
  }

  /**
   * All converted arguments.
   *
   * @return an immutable map; never null
   */
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return "SlashArgs" + values;
  }
}

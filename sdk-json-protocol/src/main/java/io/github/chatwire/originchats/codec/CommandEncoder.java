package io.github.chatwire.originchats.codec;

import io.github.chatwire.core.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Encodes client commands: {@code {"cmd": ..., <fields>, "listener": ...}} as one compact JSON
 * object, in that field order, and checks it against the server's frame limit. The field map is
 * built with {@link #fields(Object...)}, which leaves out null values (the server treats an absent
 * optional field and a missing one alike, but not always a JSON null). Pure functions; safe from
 * any thread.
 */
public final class CommandEncoder {
  /** The reference server's frame limit (aiohttp's default): larger frames close the socket. */
  public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;

  private CommandEncoder() {}

  /**
   * Builds a field map from name/value pairs, skipping pairs whose value is null. A value that is
   * itself a {@code Map} under the name {@code ""} is merged in (used for a channel-or-thread
   * target, which contributes {@code channel} or {@code thread_id}).
   *
   * @param namesAndValues alternating names (String) and values (JSON trees or null)
   * @return a new mutable, ordered map; never null
   * @throws IllegalArgumentException if the count is odd or a name is not a string
   */
  public static Map<String, Object> fields(@Nullable Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("fields need name/value pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!(namesAndValues[i] instanceof String)) {
        throw new IllegalArgumentException("field name at " + i + " is not a string");
      }
      String name = (String) namesAndValues[i];
      Object v = namesAndValues[i + 1];
      if (v == null) {
        continue;
      }
      if (name.isEmpty() && v instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) v;
        m.putAll(merged);
      } else {
        m.put(name, v);
      }
    }
    return m;
  }

  /**
   * Encodes one command.
   *
   * @param cmd the command; never null
   * @param fields the other fields (JSON trees); never null; {@code cmd} and {@code listener} in it
   *     are overridden
   * @param listener the correlation key; null for none (login commands)
   * @return the JSON text; never null
   * @throws IllegalArgumentException if a field is not a JSON tree
   * @throws ProtocolException if the frame exceeds {@link #MAX_FRAME_BYTES} (the message names the
   *     command, never the content)
   */
  public static String encode(String cmd, Map<String, ?> fields, @Nullable String listener) {
    Objects.requireNonNull(cmd, "cmd");
    Objects.requireNonNull(fields, "fields");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cmd", cmd);
    m.putAll(fields);
    m.remove("listener");
    m.put("cmd", cmd);
    if (listener != null) {
      m.put("listener", listener);
    }
    String json = OcJson.write(m);
    if (json.length() > MAX_FRAME_BYTES / 4
        && json.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
      throw new ProtocolException(cmd + " frame exceeds the server's 4 MiB frame limit");
    }
    return json;
  }
}

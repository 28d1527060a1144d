package io.github.chatwire.omikron.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Shared reading helpers of the model records. */
final class Records {
  private Records() {}

  /**
   * A list of strings (numbers and booleans in their JSON text); a JSON null element is skipped, as
   * {@link OmikronData#getIdList} skips it.
   */
  static @Nullable List<String> strings(OmikronData d, String key) {
    List<@Nullable Object> list = d.getList(key);
    if (list == null) {
      return null;
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (o instanceof Map || o instanceof List) {
        throw new OmikronFormatException("field '" + key + "' is not a list of strings");
      }
      if (o != null) {
        out.add(o.toString());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** A map of id to number, values as numbers or numeric strings. */
  static @Nullable Map<OmikronId, @Nullable Long> idToLong(OmikronData d, String key) {
    OmikronData o = d.getObject(key);
    if (o == null) {
      return null;
    }
    Map<OmikronId, @Nullable Long> out = new LinkedHashMap<>();
    for (String k : o.asMap().keySet()) {
      if (!k.isEmpty()) {
        out.put(OmikronId.of(k), o.getLong(k));
      }
    }
    return Collections.unmodifiableMap(out);
  }
}

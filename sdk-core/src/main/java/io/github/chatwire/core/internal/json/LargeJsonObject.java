package io.github.chatwire.core.internal.json;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An unmodifiable view of a map nobody else holds: the objects of {@link JsonTree} above a few
 * members.
 */
@SuppressWarnings("NonApiType") // LinkedHashMap, not Map: the members keep their wire order
final class LargeJsonObject extends AbstractMap<String, Object> {
  private final LinkedHashMap<String, Object> map;
  private final Set<Map.Entry<String, Object>> entries;

  LargeJsonObject(LinkedHashMap<String, Object> map) {
    this.map = map;
    this.entries = Collections.unmodifiableSet(map.entrySet());
  }

  @Override
  public @Nullable Object get(Object key) {
    return map.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return map.containsKey(key);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return entries;
  }
}

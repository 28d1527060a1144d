package io.github.chatwire.core.internal.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An unmodifiable map of a few members in wire order, in two arrays: what {@link JsonTree} builds
 * for small objects (most objects on the wire), at a fraction of a {@code LinkedHashMap}'s size.
 * Lookups are linear, so it is only used up to {@link #MAX_SIZE} members.
 */
final class SmallJsonObject extends AbstractMap<String, Object> {
  /** The most members kept this way; larger objects use a hash map. */
  static final int MAX_SIZE = 8;

  private final String[] keys;
  private final Object[] values;
  private final int size;

  SmallJsonObject(String[] keys, Object[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** The value at a position, for walks that must not allocate entries. */
  Object valueAt(int i) {
    return values[i];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public @Nullable Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<Map.Entry<String, Object>>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<Map.Entry<String, Object>>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}

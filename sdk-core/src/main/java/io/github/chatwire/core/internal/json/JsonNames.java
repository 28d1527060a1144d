package io.github.chatwire.core.internal.json;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A fixed set of field names, matched against the input in place by {@link JsonCursor#name} without
 * allocating a string (the idea of Moshi's {@code JsonReader.Options}). Immutable and thread-safe;
 * build one per object shape, once, as a constant.
 */
public final class JsonNames {
  private final String[] names;
  private final int[] table; // open addressing: index + 1, 0 = empty
  private final int mask;
  private final Map<String, Integer> byName = new HashMap<>();

  private JsonNames(String[] names) {
    this.names = names.clone();
    int size = Integer.highestOneBit(Math.max(4, names.length * 4));
    table = new int[size];
    mask = size - 1;
    for (int i = 0; i < names.length; i++) {
      if (byName.put(names[i], i) != null) {
        throw new IllegalArgumentException("duplicate name " + names[i]);
      }
      int slot = names[i].hashCode() & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = i + 1;
    }
  }

  /**
   * Builds the set.
   *
   * @param names the names in index order; never null, no duplicates
   * @return the set
   */
  public static JsonNames of(String... names) {
    return new JsonNames(names);
  }

  /**
   * The name at an index.
   *
   * @param index from 0
   * @return the name
   */
  public String name(int index) {
    return names[index];
  }

  /**
   * @return how many names
   */
  public int size() {
    return names.length;
  }

  /** Index of the name in {@code s[start, end)} with hash {@code hash}, or -1. */
  int find(String s, int start, int end, int hash) {
    int len = end - start;
    int slot = hash & mask;
    for (int e; (e = table[slot]) != 0; slot = (slot + 1) & mask) {
      String n = names[e - 1];
      if (n.length() == len && n.hashCode() == hash && s.regionMatches(start, n, 0, len)) {
        return e - 1;
      }
    }
    return -1;
  }

  /** Index of a decoded (escaped) name, or -1. */
  int find(String name) {
    Integer i = byName.get(name);
    return i == null ? -1 : i;
  }

  @Override
  public String toString() {
    return "JsonNames" + Arrays.toString(names);
  }
}

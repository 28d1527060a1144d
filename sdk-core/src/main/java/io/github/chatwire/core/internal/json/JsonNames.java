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
  /** Names up to this long, of chars up to U+00FF, are matched by their packed chars alone. */
  static final int PACKED_MAX = 16;

  private final String[] names;
  // Short Latin-1 names: the chars packed 8 bits each into two longs (the last 8 in lo, the 8
  // before in hi), exact for up to 16 chars, so a match needs no string comparison.
  private final long[] packedLo;
  private final long[] packedHi;
  private final int[] lengths;
  private final int[] packedTable; // open addressing: index + 1, 0 = empty
  private final int packedMask;
  // Other names (longer, or with a char above U+00FF): by String hash and regionMatches.
  private final int[] hashes;
  private final int[] table; // open addressing: index + 1, 0 = empty
  private final int mask;
  private final Map<String, Integer> byName = new HashMap<>();

  private JsonNames(String[] names) {
    this.names = names.clone();
    int size = Integer.highestOneBit(Math.max(4, names.length * 4));
    packedLo = new long[names.length];
    packedHi = new long[names.length];
    lengths = new int[names.length];
    hashes = new int[names.length];
    packedTable = new int[size];
    packedMask = size - 1;
    table = new int[size];
    mask = size - 1;
    for (int i = 0; i < names.length; i++) {
      String n = names[i];
      if (byName.put(n, i) != null) {
        throw new IllegalArgumentException("duplicate name " + n);
      }
      lengths[i] = n.length();
      hashes[i] = n.hashCode();
      long lo = 0;
      long hi = 0;
      int wide = 0;
      for (int k = 0; k < n.length(); k++) {
        char c = n.charAt(k);
        wide |= c;
        hi = (hi << 8) | (lo >>> 56);
        lo = (lo << 8) | c;
      }
      packedLo[i] = lo;
      packedHi[i] = hi;
      boolean packed = isPacked(n.length(), wide);
      int[] t = packed ? packedTable : table;
      int m = packed ? packedMask : mask;
      int slot = (packed ? packedHash(lo, hi, n.length()) : hashes[i]) & m;
      while (t[slot] != 0) {
        slot = (slot + 1) & m;
      }
      t[slot] = i + 1;
    }
  }

  /** Whether a name of this length and these chars (or-ed together) is matched packed. */
  static boolean isPacked(int length, int wide) {
    return length <= PACKED_MAX && wide <= 0xFF;
  }

  private static int packedHash(long lo, long hi, int length) {
    long x = (lo ^ (hi * 31) ^ length) * 0x9E3779B97F4A7C15L;
    return (int) (x >>> 40);
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

  /**
   * Index of the name in {@code s[start, end)}, or -1; {@code lo} and {@code hi} are its chars
   * packed as in the constructor and {@code wide} all its chars or-ed together.
   */
  int find(String s, int start, int end, long lo, long hi, int wide) {
    int len = end - start;
    if (isPacked(len, wide)) {
      // equal length and equal packed chars (each at most 8 bits) is equal text
      for (int slot = packedHash(lo, hi, len) & packedMask, e;
          (e = packedTable[slot]) != 0;
          slot = (slot + 1) & packedMask) {
        int i = e - 1;
        if (packedLo[i] == lo && packedHi[i] == hi && lengths[i] == len) {
          return i;
        }
      }
      return -1; // a packed text can only equal a packed name
    }
    int hash = 0;
    for (int k = start; k < end; k++) {
      hash = 31 * hash + s.charAt(k);
    }
    for (int slot = hash & mask, e; (e = table[slot]) != 0; slot = (slot + 1) & mask) {
      int i = e - 1;
      if (lengths[i] == len && hashes[i] == hash && s.regionMatches(start, names[i], 0, len)) {
        return i;
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

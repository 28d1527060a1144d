package io.github.chatwire.omikron.codec.ttp;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ordered list of wire names whose positions are the wire numbers, with the name matching of the
 * reference codecs (case and underscores ignored), aliases, and a numbered form ({@code
 * <prefix><n>}) for numbers the list does not have. Immutable after construction.
 */
final class NameTable {
  private final String[] names;
  private final String unknownPrefix;
  private final Map<String, Integer> byNormalizedName = new HashMap<>();

  NameTable(String unknownPrefix, String... names) {
    this.unknownPrefix = unknownPrefix;
    this.names = names.clone();
    for (int i = 0; i < names.length; i++) {
      if (byNormalizedName.put(normalize(names[i]), i) != null) {
        throw new IllegalStateException("duplicate name " + names[i]);
      }
    }
  }

  void alias(String name, int code) {
    byNormalizedName.put(normalize(name), code);
  }

  int size() {
    return names.length;
  }

  List<String> names() {
    return Collections.unmodifiableList(Arrays.asList(names));
  }

  String name(int code) {
    if (code < 0 || code > 0xFF) {
      throw new IllegalArgumentException("wire number must be 0..255: " + code);
    }
    return code < names.length ? names[code] : unknownPrefix + code;
  }

  int code(String name) {
    Integer c = byNormalizedName.get(normalize(name));
    if (c != null) {
      return c;
    }
    if (name.length() > unknownPrefix.length()
        && name.length() <= unknownPrefix.length() + 3
        && name.regionMatches(true, 0, unknownPrefix, 0, unknownPrefix.length())) {
      int n = 0;
      for (int i = unknownPrefix.length(); i < name.length(); i++) {
        char ch = name.charAt(i);
        if (ch < '0' || ch > '9') {
          return -1;
        }
        n = n * 10 + (ch - '0');
      }
      return n <= 0xFF ? n : -1;
    }
    return -1;
  }

  static String normalize(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '_') {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}

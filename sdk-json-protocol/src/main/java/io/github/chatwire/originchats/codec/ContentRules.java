package io.github.chatwire.originchats.codec;

/**
 * The server's rules for message text: whitespace is stripped from both ends (as Python's {@code
 * str.strip()} does) and the length is counted in Unicode code points, not UTF-16 units. Pure; safe
 * from any thread.
 */
public final class ContentRules {
  private ContentRules() {}

  /**
   * Strips leading and trailing whitespace (Unicode whitespace, code point by code point).
   *
   * @param s the text; never null
   * @return the stripped text; never null
   */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (!isSpace(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || cp == 0x1c
        || cp == 0x1d
        || cp == 0x1e
        || cp == 0x1f
        || cp == 0x85;
  }

  /**
   * The length the server checks: code points of the stripped text.
   *
   * @param s the text; never null
   * @return the count
   */
  public static int serverLength(String s) {
    String t = strip(s);
    return t.codePointCount(0, t.length());
  }
}

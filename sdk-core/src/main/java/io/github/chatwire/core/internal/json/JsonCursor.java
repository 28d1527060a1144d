package io.github.chatwire.core.internal.json;

import org.jspecify.annotations.Nullable;

/**
 * A forward-only, allocation-light JSON scanner over a {@code String}: what OkHttp hands over for a
 * text message, so no copy into a byte buffer and no UTF-8 round trip. Decoders pull values in wire
 * order, select field names by index with {@link JsonNames}, and {@link #skipValue() skip} what
 * they do not model, which still validates it; the source offsets of any value can be kept (see
 * {@link JsonObjectView}) instead of building a tree.
 *
 * <p>The grammar is strict JSON as Moshi's strict reader accepts it, so that a tree built here and
 * one built by Moshi agree (the differential tests hold them side by side): the literals {@code
 * true}, {@code false} and {@code null} match each letter in either case, escapes are those of JSON
 * plus {@code \'} and an escaped line feed, control characters inside strings are kept as they are,
 * and numbers follow the JSON grammar and must be finite as a {@code double} (unless {@link
 * #keepAnyNumber()}: for trees that keep the literal).
 *
 * <p>Limits: no value may be nested inside more than {@link #MAX_DEPTH} arrays and objects. A
 * string or array can be no longer than the text it is read from (the connection bounds every
 * message's size before it reaches a decoder), and nothing is allocated for a skipped value.
 *
 * <p>Not thread-safe: one cursor per decode. Every malformed input fails with {@link
 * JsonFormatException} naming the offset, never the content.
 */
public final class JsonCursor {
  /** The deepest nesting of a value: the number of arrays and objects around it. */
  public static final int MAX_DEPTH = 64;

  /** {@link #peek()}: an object. */
  public static final int OBJECT = 1;

  /** {@link #peek()}: an array. */
  public static final int ARRAY = 2;

  /** {@link #peek()}: a string. */
  public static final int STRING = 3;

  /** {@link #peek()}: a number. */
  public static final int NUMBER = 4;

  /** {@link #peek()}: {@code true} or {@code false}. */
  public static final int BOOLEAN = 5;

  /** {@link #peek()}: {@code null}. */
  public static final int NULL = 6;

  private final String s;
  private final int limit;
  private int pos;
  private int depth;
  // per open container, by level (depth - 1): whether it has a member already, whether it is an
  // object
  private long membersLo;
  private long membersHi;
  private long objectsLo;
  private long objectsHi;
  private boolean anyNumber;
  private int numberEnd;
  private int nameStart;
  private int nameEnd;
  private @Nullable String lastName;
  private boolean numberIsLong;
  private boolean numberHasExponent;
  // No backslash in [escapesFrom, nextBackslash): strings there end at their first quote.
  private int escapesFrom;
  private int nextBackslash = -1;

  /**
   * A cursor over all of a text.
   *
   * @param text the JSON text; never null
   */
  public JsonCursor(String text) {
    this(text, 0, text.length());
  }

  /**
   * A cursor over a part of a text.
   *
   * @param text the text; never null
   * @param start the first character, inclusive
   * @param end the end, exclusive
   */
  public JsonCursor(String text, int start, int end) {
    if (start < 0 || end > text.length() || start > end) {
      throw new IndexOutOfBoundsException("range " + start + ".." + end + " of " + text.length());
    }
    this.s = text;
    this.pos = start;
    this.limit = end;
  }

  /**
   * Lets {@link #skipValue()} and {@link #numberText()} accept numbers beyond the range of a {@code
   * double}, for trees that keep a number's literal (Omikron's). By default they refuse them, so
   * that a text this cursor accepted can always be read into a tree of doubles.
   *
   * @return this cursor
   */
  public JsonCursor keepAnyNumber() {
    anyNumber = true;
    return this;
  }

  /**
   * @return the text this cursor reads
   */
  public String text() {
    return s;
  }

  /**
   * The offset of the next character (after a value: just behind it).
   *
   * @return the offset in {@link #text()}
   */
  public int position() {
    return pos;
  }

  /**
   * Skips white space and gives the offset where the next value starts.
   *
   * @return the offset in {@link #text()}
   * @throws JsonFormatException if a value here would be nested too deep
   */
  public int valueStart() {
    startValue();
    return pos;
  }

  /**
   * Moves to an offset where a value starts (one found earlier with {@link #valueStart()}), to read
   * it again; the value is read as if at the top level.
   *
   * @param position the offset in {@link #text()}
   */
  public void seek(int position) {
    if (position < 0 || position > limit) {
      throw new IndexOutOfBoundsException("position " + position);
    }
    pos = position;
    depth = 0;
  }

  /**
   * Reads a string and selects it from a set without allocating (for command names); for a string
   * not in the set, {@link #lastName()} gives it.
   *
   * @param names the strings to match; never null
   * @return the index in {@code names}, or -1 for another string
   * @throws JsonFormatException if the next value is not a string
   */
  public int stringIn(JsonNames names) {
    if (startValue() != '"') {
      throw expected("a string");
    }
    return select(names);
  }

  /**
   * @return how many arrays and objects are open
   */
  public int depth() {
    return depth;
  }

  /**
   * The kind of the next value, without consuming it.
   *
   * @return {@link #OBJECT}, {@link #ARRAY}, {@link #STRING}, {@link #NUMBER}, {@link #BOOLEAN} or
   *     {@link #NULL}
   * @throws JsonFormatException if no value starts here
   */
  public int peek() {
    int c = startValue();
    switch (c) {
      case '{':
        return OBJECT;
      case '[':
        return ARRAY;
      case '"':
        return STRING;
      case 't':
      case 'T':
      case 'f':
      case 'F':
        return BOOLEAN;
      case 'n':
      case 'N':
        return NULL;
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        return NUMBER;
      default:
        throw expected("a value");
    }
  }

  /**
   * Consumes a {@code null} if one is next.
   *
   * @return true if it was null (consumed), false otherwise (nothing consumed)
   */
  public boolean nextIsNull() {
    int c = startValue();
    if (c == 'n' || c == 'N') {
      keyword("null", "NULL");
      return true;
    }
    return false;
  }

  /**
   * Opens an object.
   *
   * @throws JsonFormatException if the next value is not an object, or is nested too deep
   */
  public void beginObject() {
    if (startValue() != '{') {
      throw expected("an object");
    }
    open(true);
  }

  /**
   * Opens an array.
   *
   * @throws JsonFormatException if the next value is not an array, or is nested too deep
   */
  public void beginArray() {
    if (startValue() != '[') {
      throw expected("an array");
    }
    open(false);
  }

  /**
   * Moves to the next member of the open object.
   *
   * @return true if a member follows (read its name next); false if the object ended (it is then
   *     closed)
   */
  public boolean hasMember() {
    if (!hasNext('}')) {
      return false;
    }
    if (skipWs() != '"') {
      throw expected("a name");
    }
    return true;
  }

  /**
   * Moves to the next element of the open array.
   *
   * @return true if an element follows; false if the array ended (it is then closed)
   */
  public boolean hasElement() {
    return hasNext(']');
  }

  /** Steps over the comma before a member or element; false (and closed) at the closing bracket. */
  private boolean hasNext(char close) {
    int level = depth - 1;
    int c = skipWs();
    if (c == close) {
      pos++;
      depth--;
      return false;
    }
    if (bit(level, true)) {
      if (c != ',') {
        throw expected("',' or '" + close + "'");
      }
      pos++;
    } else {
      setBit(level, true, true);
    }
    return true;
  }

  /**
   * Reads a member's name and its colon, selecting it from a set without allocating.
   *
   * @param names the names this object knows; never null
   * @return the name's index in {@code names}, or -1 for any other name
   */
  public int name(JsonNames names) {
    int index = select(names);
    colon();
    return index;
  }

  /** Reads the string at pos (its opening quote) and selects it from names. */
  private int select(JsonNames names) {
    int start = ++pos;
    long lo = 0;
    long hi = 0;
    int wide = 0;
    lastName = null;
    for (int i = start; i < limit; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        pos = i + 1;
        nameStart = start;
        nameEnd = i;
        return names.find(s, start, i, lo, hi, wide);
      }
      if (c == '\\') {
        pos = start - 1;
        lastName = readString();
        return names.find(lastName);
      }
      // the chars packed as JsonNames packs its names: the last 8 in lo, the 8 before in hi
      wide |= c;
      hi = (hi << 8) | (lo >>> 56);
      lo = (lo << 8) | c;
    }
    throw error("unterminated string");
  }

  /**
   * The name (or string) last read by {@link #name(JsonNames)} or {@link #stringIn(JsonNames)}, for
   * one it did not know.
   *
   * @return the name; never null after a call of {@code name}
   */
  public String lastName() {
    return lastName != null ? lastName : s.substring(nameStart, nameEnd);
  }

  /**
   * Reads a member's name and its colon.
   *
   * @return the name; never null
   */
  public String nameString() {
    String name = readString();
    colon();
    return name;
  }

  /** Skips a member's name and its colon. */
  public void skipName() {
    skipString();
    colon();
  }

  /**
   * Reads a string.
   *
   * @return the string; never null
   * @throws JsonFormatException if the next value is not a string
   */
  public String string() {
    if (startValue() != '"') {
      throw expected("a string");
    }
    return readString();
  }

  /**
   * Reads a boolean.
   *
   * @return the value
   * @throws JsonFormatException if the next value is not a boolean
   */
  public boolean bool() {
    int c = startValue();
    if (c == 't' || c == 'T') {
      keyword("true", "TRUE");
      return true;
    }
    if (c == 'f' || c == 'F') {
      keyword("false", "FALSE");
      return false;
    }
    throw expected("a boolean");
  }

  /**
   * Reads a number as a {@code double}.
   *
   * @return the value, never NaN or infinite
   * @throws JsonFormatException if the next value is not a number, or is out of range
   */
  public double number() {
    int start = scanNumber();
    return toDouble(start);
  }

  /**
   * Reads a number's literal text (for lossless trees).
   *
   * @return the literal; never null
   * @throws JsonFormatException if the next value is not a number, or is out of range
   */
  public String numberText() {
    int start = scanNumber();
    checkRange(start);
    return s.substring(start, numberEnd);
  }

  /**
   * Skips the next value, whatever it is, validating it (grammar, depth, number range) without
   * allocating.
   */
  public void skipValue() {
    int c = startValue();
    if (c != '{' && c != '[') {
      skipScalar(c);
      return;
    }
    int base = depth;
    open(c == '{');
    while (depth > base) {
      boolean object = bit(depth - 1, false);
      if (!(object ? hasMember() : hasElement())) {
        continue;
      }
      if (object) {
        skipName();
      }
      c = startValue();
      if (c == '{' || c == '[') {
        open(c == '{');
      } else {
        skipScalar(c);
      }
    }
  }

  /**
   * Requires that nothing but white space follows.
   *
   * @throws JsonFormatException if something does
   */
  public void end() {
    if (skipWs() != -1) {
      throw error("trailing data after the JSON value");
    }
  }

  // ---- internals

  private void skipScalar(int c) {
    switch (c) {
      case '"':
        skipString();
        return;
      case 't':
      case 'T':
        keyword("true", "TRUE");
        return;
      case 'f':
      case 'F':
        keyword("false", "FALSE");
        return;
      case 'n':
      case 'N':
        keyword("null", "NULL");
        return;
      default:
        checkRange(scanNumber());
    }
  }

  private void checkRange(int start) {
    if (!anyNumber && (numberHasExponent || numberEnd - start > 300)) {
      toDouble(start);
    }
  }

  private void open(boolean object) {
    pos++;
    int level = depth++;
    setBit(level, true, false);
    setBit(level, false, object);
  }

  private boolean bit(int level, boolean members) {
    long word = level < 64 ? (members ? membersLo : objectsLo) : (members ? membersHi : objectsHi);
    return (word & (1L << (level & 63))) != 0;
  }

  private void setBit(int level, boolean members, boolean value) {
    long mask = 1L << (level & 63);
    if (level < 64) {
      if (members) {
        membersLo = value ? membersLo | mask : membersLo & ~mask;
      } else {
        objectsLo = value ? objectsLo | mask : objectsLo & ~mask;
      }
    } else if (members) {
      membersHi = value ? membersHi | mask : membersHi & ~mask;
    } else {
      objectsHi = value ? objectsHi | mask : objectsHi & ~mask;
    }
  }

  private int startValue() {
    if (depth > MAX_DEPTH) {
      throw error("JSON nested deeper than " + MAX_DEPTH);
    }
    return skipWs();
  }

  private int skipWs() {
    int p = pos;
    while (p < limit) {
      char c = s.charAt(p);
      // every JSON white space char is at most ' '; most chars here are not white space
      if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
        pos = p;
        return c;
      }
      p++;
    }
    pos = p;
    return -1;
  }

  private void colon() {
    if (skipWs() != ':') {
      throw expected("':'");
    }
    pos++;
  }

  private String readString() {
    int start = ++pos;
    int quote = plainStringEnd(start);
    if (quote >= 0) {
      pos = quote + 1;
      return s.substring(start, quote);
    }
    for (int i = start; i < limit; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        pos = i + 1;
        return s.substring(start, i);
      }
      if (c == '\\') {
        StringBuilder sb = new StringBuilder(i - start + 16);
        sb.append(s, start, i);
        pos = i;
        while (pos < limit) {
          char d = s.charAt(pos++);
          if (d == '"') {
            return sb.toString();
          }
          sb.append(d == '\\' ? escape() : d);
        }
        break;
      }
    }
    throw error("unterminated string");
  }

  private void skipString() {
    int quote = plainStringEnd(pos + 1);
    if (quote >= 0) {
      pos = quote + 1;
      return;
    }
    int i = pos + 1;
    while (i < limit) {
      char c = s.charAt(i);
      if (c == '"') {
        pos = i + 1;
        return;
      }
      if (c == '\\') {
        pos = i + 1;
        escape();
        i = pos;
      } else {
        i++;
      }
    }
    throw error("unterminated string");
  }

  /**
   * The closing quote of a string whose chars start at {@code start}, if no backslash comes before
   * it (found with the JDK's vectorised {@code indexOf}); otherwise, or when it is not closed
   * within the limit, -1 (the caller then reads it char by char).
   */
  private int plainStringEnd(int start) {
    if (start < escapesFrom) {
      return -1; // (after a seek back) not known to be free of backslashes
    }
    if (nextBackslash < start) {
      nextBackslash = findBackslash(start);
      escapesFrom = start;
    }
    int quote = indexWithinLimit('"', start);
    return quote >= 0 && quote < nextBackslash ? quote : -1;
  }

  /** The first backslash at or after {@code from} within the limit, or the limit. */
  private int findBackslash(int from) {
    int b = indexWithinLimit('\\', from);
    return b < 0 ? limit : b;
  }

  /**
   * The first {@code c} in {@code [from, limit)}, or -1. A cursor over a window of a larger text
   * (every lazy view) must not look past its window: reading each of N views of one frame would
   * cost N times the frame. The JDK's vectorised {@code indexOf} (which has no end bound before
   * Java 21) serves a cursor that reaches the end of its text.
   */
  private int indexWithinLimit(char c, int from) {
    if (limit == s.length()) {
      return s.indexOf(c, from);
    }
    for (int i = from; i < limit; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private char escape() {
    if (pos >= limit) {
      throw error("unterminated escape sequence");
    }
    char e = s.charAt(pos++);
    switch (e) {
      case 'u':
        if (pos + 4 > limit) {
          throw error("unterminated escape sequence");
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
          char h = s.charAt(pos++);
          int d =
              h >= '0' && h <= '9'
                  ? h - '0'
                  : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
          if (d < 0) {
            throw error("bad \\u escape");
          }
          v = (v << 4) | d;
        }
        return (char) v;
      case 't':
        return '\t';
      case 'b':
        return '\b';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      case '\n':
      case '\'':
      case '"':
      case '\\':
      case '/':
        return e;
      default:
        throw error("invalid escape sequence");
    }
  }

  private void keyword(String lower, String upper) {
    int n = lower.length();
    if (pos + n > limit) {
      throw expected("a value");
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(pos + i);
      if (c != lower.charAt(i) && c != upper.charAt(i)) {
        throw expected("a value");
      }
    }
    pos += n;
    requireDelimiter();
  }

  /** After a literal or number: the end, or a character that cannot continue it. */
  private void requireDelimiter() {
    if (pos >= limit) {
      return;
    }
    char c = s.charAt(pos);
    if (c == ',' || c == '}') {
      return; // the usual case
    }
    switch (c) {
      case '{':
      case '}':
      case '[':
      case ']':
      case ':':
      case ',':
      case ' ':
      case '\t':
      case '\f':
      case '\r':
      case '\n':
        return;
      default:
        throw expected("a value");
    }
  }

  /** Scans a number at pos; returns its start, leaves pos (and numberEnd) behind it. */
  private int scanNumber() {
    int start = pos;
    int i = start;
    boolean negative = false;
    if (i < limit && s.charAt(i) == '-') {
      negative = true;
      i++;
    }
    int intStart = i;
    while (i < limit && isDigit(s.charAt(i))) {
      i++;
    }
    int intDigits = i - intStart;
    if (intDigits == 0 || (intDigits > 1 && s.charAt(intStart) == '0')) {
      throw expected("a value");
    }
    boolean fraction = false;
    boolean exponent = false;
    if (i < limit && s.charAt(i) == '.') {
      int f = ++i;
      while (i < limit && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == f) {
        throw expected("a value");
      }
      fraction = true;
    }
    if (i < limit && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < limit && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int e = i;
      while (i < limit && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == e) {
        throw expected("a value");
      }
      exponent = true;
    }
    pos = i;
    requireDelimiter();
    numberEnd = i;
    numberHasExponent = exponent;
    // what fits a long exactly, as Moshi's reader sees it ("-0" is not one: it is -0.0)
    numberIsLong =
        !fraction
            && !exponent
            && intDigits <= 18
            && !(negative && intDigits == 1 && s.charAt(intStart) == '0');
    return start;
  }

  private double toDouble(int start) {
    if (numberIsLong) {
      long v = 0;
      int i = start;
      boolean negative = s.charAt(i) == '-';
      if (negative) {
        i++;
      }
      for (; i < numberEnd; i++) {
        v = v * 10 + (s.charAt(i) - '0');
      }
      return negative ? -v : v;
    }
    if (!numberHasExponent) {
      double fast = FastDecimal.parse(s, start, numberEnd);
      if (!Double.isNaN(fast)) { // decided, and proven equal to what parseDouble returns
        return fast;
      }
    }
    double d = Double.parseDouble(s.substring(start, numberEnd));
    if (Double.isInfinite(d)) {
      pos = start;
      throw error("number out of range");
    }
    return d;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private JsonFormatException expected(String what) {
    return error(pos >= limit ? "end of input, expected " + what : "expected " + what);
  }

  private JsonFormatException error(String message) {
    return new JsonFormatException("malformed JSON at offset " + pos + ": " + message);
  }
}

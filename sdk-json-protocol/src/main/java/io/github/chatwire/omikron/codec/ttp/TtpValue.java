package io.github.chatwire.omikron.codec.ttp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One TTP data value: a boolean, an i64, a UTF-8 string, an array of values, a nested {@link
 * TtpContainer}, or null. The value keeps the kind it has on the wire.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the kind and size only, never the content
 * (a string may be a challenge or key material).
 */
public final class TtpValue {
  /** What {@code ref} holds for the kinds without one (null, bool, i64), so it is never null. */
  private static final Object NO_REF = "";

  /** The null value. */
  public static final TtpValue NULL = new TtpValue(TtpKind.NULL, 0, NO_REF);

  /** The boolean {@code true}. */
  public static final TtpValue TRUE = new TtpValue(TtpKind.BOOL, 1, NO_REF);

  /** The boolean {@code false}. */
  public static final TtpValue FALSE = new TtpValue(TtpKind.BOOL, 0, NO_REF);

  private static final TtpValue EMPTY_STRING = new TtpValue(TtpKind.STRING, 0, "");

  private final TtpKind kind;
  private final long number;

  /** The string, list or container; {@link #NO_REF} for the other kinds. */
  private final Object ref;

  private TtpValue(TtpKind kind, long number, Object ref) {
    this.kind = kind;
    this.number = number;
    this.ref = ref;
  }

  /**
   * A boolean value.
   *
   * @param value the boolean
   * @return {@link #TRUE} or {@link #FALSE}
   */
  public static TtpValue of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /**
   * An i64 value.
   *
   * @param value the number
   * @return the value
   */
  public static TtpValue of(long value) {
    return new TtpValue(TtpKind.INT64, value, NO_REF);
  }

  /**
   * A string value.
   *
   * @param value the text; never null (use {@link #NULL} for null)
   * @return the value
   * @throws NullPointerException if {@code value} is null
   */
  public static TtpValue of(String value) {
    Objects.requireNonNull(value, "value");
    return value.isEmpty() ? EMPTY_STRING : new TtpValue(TtpKind.STRING, 0, value);
  }

  /**
   * A container value.
   *
   * @param value the container; never null
   * @return the value
   * @throws NullPointerException if {@code value} is null
   */
  public static TtpValue of(TtpContainer value) {
    return new TtpValue(TtpKind.CONTAINER, 0, Objects.requireNonNull(value, "value"));
  }

  /**
   * An array value; the list is copied.
   *
   * @param elements the elements; never null, no null elements (use {@link #NULL})
   * @return the value
   * @throws NullPointerException if the list or an element is null
   */
  public static TtpValue ofArray(List<TtpValue> elements) {
    Objects.requireNonNull(elements, "elements");
    List<TtpValue> copy = new ArrayList<>(elements.size());
    for (TtpValue v : elements) {
      copy.add(Objects.requireNonNull(v, "element"));
    }
    return new TtpValue(TtpKind.ARRAY, 0, Collections.unmodifiableList(copy));
  }

  /** For the decoder: wraps a list it owns and will not change. */
  static TtpValue ownedArray(List<TtpValue> elements) {
    return new TtpValue(TtpKind.ARRAY, 0, Collections.unmodifiableList(elements));
  }

  /**
   * The kind of this value.
   *
   * @return the kind; never null
   */
  public TtpKind kind() {
    return kind;
  }

  /**
   * Whether this is the null value.
   *
   * @return true for {@link TtpKind#NULL}
   */
  public boolean isNull() {
    return kind == TtpKind.NULL;
  }

  /**
   * The boolean.
   *
   * @return the value
   * @throws IllegalStateException if this is not a {@link TtpKind#BOOL}
   */
  public boolean asBoolean() {
    check(TtpKind.BOOL);
    return number != 0;
  }

  /**
   * The number.
   *
   * @return the value
   * @throws IllegalStateException if this is not an {@link TtpKind#INT64}
   */
  public long asLong() {
    check(TtpKind.INT64);
    return number;
  }

  /**
   * The string.
   *
   * @return the text; never null
   * @throws IllegalStateException if this is not a {@link TtpKind#STRING}
   */
  public String asString() {
    check(TtpKind.STRING);
    return (String) ref;
  }

  /**
   * The array's elements.
   *
   * @return an unmodifiable list; never null
   * @throws IllegalStateException if this is not an {@link TtpKind#ARRAY}
   */
  @SuppressWarnings("unchecked")
  public List<TtpValue> asList() {
    check(TtpKind.ARRAY);
    return (List<TtpValue>) ref;
  }

  /**
   * The nested container.
   *
   * @return the container; never null
   * @throws IllegalStateException if this is not a {@link TtpKind#CONTAINER}
   */
  public TtpContainer asContainer() {
    check(TtpKind.CONTAINER);
    return (TtpContainer) ref;
  }

  private void check(TtpKind expected) {
    if (kind != expected) {
      throw new IllegalStateException("value is " + kind + ", not " + expected);
    }
  }

  /**
   * @return true for a value of the same kind and content
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TtpValue)) {
      return false;
    }
    TtpValue v = (TtpValue) o;
    return kind == v.kind && number == v.number && Objects.equals(ref, v.ref);
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + Long.hashCode(number)) * 31 + Objects.hashCode(ref);
  }

  /**
   * @return the kind and, for strings, arrays and containers, the size; never the content
   */
  @Override
  public String toString() {
    switch (kind) {
      case STRING:
        return "TtpValue[STRING, " + ((String) ref).length() + " chars]";
      case ARRAY:
        return "TtpValue[ARRAY, " + asList().size() + " elements]";
      case CONTAINER:
        return "TtpValue[" + ref + "]";
      default:
        return "TtpValue[" + kind + "]";
    }
  }
}

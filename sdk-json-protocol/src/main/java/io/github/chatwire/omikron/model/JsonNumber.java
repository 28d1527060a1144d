package io.github.chatwire.omikron.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number kept exactly as it was written, so that int64 ids survive a round trip without
 * passing through {@code double}. Immutable and thread-safe.
 */
public final class JsonNumber extends Number {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** The longest number literal accepted. */
  public static final int MAX_LITERAL_LENGTH = 400;

  /** The literal. */
  private final String literal;

  private JsonNumber(String literal) {
    this.literal = literal;
  }

  /**
   * Wraps a number literal.
   *
   * @param literal the literal as written in JSON; never null
   * @return the number
   * @throws NumberFormatException if it is not a number, or longer than {@value
   *     #MAX_LITERAL_LENGTH} characters (parsing huge literals costs quadratic time)
   */
  public static JsonNumber of(String literal) {
    Objects.requireNonNull(literal, "literal");
    if (literal.length() > MAX_LITERAL_LENGTH) {
      throw new NumberFormatException(
          "number literal longer than " + MAX_LITERAL_LENGTH + " characters");
    }
    new BigDecimal(literal); // validates
    return new JsonNumber(literal);
  }

  /**
   * A number from a long.
   *
   * @param value the value
   * @return the number
   */
  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  /**
   * The literal as it was written.
   *
   * @return the literal; never null
   */
  public String literal() {
    return literal;
  }

  /**
   * The value as a long if it is integral and in range.
   *
   * @return the value
   * @throws ArithmeticException if it has a fraction or does not fit a long
   */
  public long longValueExact() {
    try {
      return Long.parseLong(literal);
    } catch (NumberFormatException e) {
      return new BigDecimal(literal).longValueExact();
    }
  }

  @Override
  public int intValue() {
    return (int) longValue();
  }

  @Override
  public long longValue() {
    try {
      return Long.parseLong(literal);
    } catch (NumberFormatException e) {
      return new BigDecimal(literal).longValue();
    }
  }

  @Override
  public float floatValue() {
    return Float.parseFloat(literal);
  }

  @Override
  public double doubleValue() {
    return Double.parseDouble(literal);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonNumber
        && new BigDecimal(literal).compareTo(new BigDecimal(((JsonNumber) o).literal)) == 0;
  }

  @Override
  public int hashCode() {
    return new BigDecimal(literal).stripTrailingZeros().hashCode();
  }

  /**
   * @return the literal
   */
  @Override
  public String toString() {
    return literal;
  }
}

package io.github.chatwire.omikron.model;

/**
 * The state and identity shared by the open-set value types ({@link CallState}, {@link
 * MessageState}, {@link UserState}, {@link MessageType}): a wire name and whether it is one of the
 * declared constants. Two values are equal when they are of the same type and have the same wire
 * name (an unknown value is never equal to a known constant, whose name differs).
 *
 * <p>Package-private on purpose: the public API is each concrete type. Immutable and thread-safe.
 */
abstract class AbstractOpenValue implements OpenValue {
  private final String wireName;
  private final boolean known;

  AbstractOpenValue(String wireName, boolean known) {
    this.wireName = wireName;
    this.known = known;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  @Override
  public boolean isKnown() {
    return known;
  }

  /**
   * Whether {@code o} is a value of the same type with the same wire name.
   *
   * @param o any object; may be null
   * @return true if equal
   */
  @Override
  @SuppressWarnings("EqualsGetClass") // subclasses are distinct types: same wire name, not equal
  public boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && ((AbstractOpenValue) o).wireName.equals(wireName);
  }

  /**
   * @return the wire name's hash code
   */
  @Override
  public int hashCode() {
    return wireName.hashCode();
  }

  /**
   * @return the wire name
   */
  @Override
  public String toString() {
    return wireName;
  }
}

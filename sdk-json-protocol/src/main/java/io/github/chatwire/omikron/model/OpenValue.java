package io.github.chatwire.omikron.model;

/**
 * A protocol value from an open set (a state name, a message type): known values have constants,
 * unknown ones are kept as received instead of being dropped.
 */
public interface OpenValue {
  /**
   * The value as written on the wire.
   *
   * @return the wire name; never null
   */
  String wireName();

  /**
   * Whether this SDK knows the value.
   *
   * @return true for one of the declared constants
   */
  boolean isKnown();
}

package io.github.chatwire.omikron.internal;

/** The three kinds of Omikron connection. */
public enum Role {
  /** A logged-in user ({@code /ws/client}). */
  CLIENT,
  /** A user's home server ({@code /ws/iota}). */
  IOTA,
  /** An anonymous call guest ({@code /ws/anonymous_client}). */
  GUEST
}

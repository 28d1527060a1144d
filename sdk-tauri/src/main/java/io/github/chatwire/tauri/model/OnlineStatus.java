package io.github.chatwire.tauri.model;

import java.util.Objects;

/**
 * A user's online status as Omega reports it ({@code online_status}). Values the SDK does not know
 * are kept as they came, with {@link Kind#OTHER}.
 *
 * @param wireValue the value as sent by the server, e.g. {@code user_online}; never null
 */
public record OnlineStatus(String wireValue) {
  /** The status {@code user_online}. */
  public static final OnlineStatus ONLINE = new OnlineStatus("user_online");

  /** The status {@code user_offline}. */
  public static final OnlineStatus OFFLINE = new OnlineStatus("user_offline");

  /** The status {@code user_invisible}. */
  public static final OnlineStatus INVISIBLE = new OnlineStatus("user_invisible");

  /** The statuses the spec names, and {@link #OTHER} for any other value. */
  public enum Kind {
    /** {@code user_online}. */
    ONLINE,
    /** {@code user_offline}. */
    OFFLINE,
    /** {@code user_invisible}. */
    INVISIBLE,
    /** Any other value; see {@link OnlineStatus#wireValue()}. */
    OTHER
  }

  /**
   * Validates the components.
   *
   * @param wireValue the value as sent by the server, e.g. {@code user_online}; never null
   */
  public OnlineStatus {
    Objects.requireNonNull(wireValue, "wireValue");
  }

  /**
   * The kind of this status.
   *
   * @return the kind; never null
   */
  public Kind kind() {
    switch (wireValue) {
      case "user_online":
        return Kind.ONLINE;
      case "user_offline":
        return Kind.OFFLINE;
      case "user_invisible":
        return Kind.INVISIBLE;
      default:
        return Kind.OTHER;
    }
  }
}

package io.github.chatwire.omikron.model;

/**
 * A user's or Iota's presence state ({@code user_state}, {@code online_status}). {@code
 * user_invisible} is in the spec only (no public server implements it).
 *
 * <p>An open set: {@link #of(String)} returns the constant for a known name (matched ignoring case
 * and underscores, and the pre-2026 names without prefix) and keeps any other name as an unknown
 * value. Immutable and thread-safe; compare with {@code equals}.
 */
public final class UserState extends AbstractOpenValue {
  private static final OpenValueSet<UserState> VALUES = new OpenValueSet<>(UserState::new);

  /** {@code user_online}. */
  public static final UserState USER_ONLINE = VALUES.known("user_online");

  /** {@code user_offline}. */
  public static final UserState USER_OFFLINE = VALUES.known("user_offline");

  /** {@code user_dnd} — do not disturb. */
  public static final UserState USER_DND = VALUES.known("user_dnd");

  /** {@code user_idle}. */
  public static final UserState USER_IDLE = VALUES.known("user_idle");

  /** {@code user_wc} — away. */
  public static final UserState USER_WC = VALUES.known("user_wc");

  /** {@code user_invisible} — spec only; others see {@code user_offline}. */
  public static final UserState USER_INVISIBLE = VALUES.known("user_invisible");

  /** {@code user_borked}. */
  public static final UserState USER_BORKED = VALUES.known("user_borked");

  /** {@code iota_offline} — the user's home server is offline or the state is unknown. */
  public static final UserState IOTA_OFFLINE = VALUES.known("iota_offline");

  /** {@code iota_online}. */
  public static final UserState IOTA_ONLINE = VALUES.known("iota_online");

  /** {@code iota_borked}. */
  public static final UserState IOTA_BORKED = VALUES.known("iota_borked");

  static {
    VALUES.alias("online", USER_ONLINE);
    VALUES.alias("offline", USER_OFFLINE);
    VALUES.alias("dnd", USER_DND);
    VALUES.alias("idle", USER_IDLE);
    VALUES.alias("wc", USER_WC);
    VALUES.alias("invisible", USER_INVISIBLE);
    VALUES.alias("borked", USER_BORKED);
  }

  private UserState(String wireName, boolean known) {
    super(wireName, known);
  }

  /**
   * The value for a wire name.
   *
   * @param name the name as received; never null
   * @return the known constant, or an unknown value holding {@code name}
   */
  public static UserState of(String name) {
    return VALUES.of(name);
  }
}

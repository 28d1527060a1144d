package io.github.chatwire.omikron.model;

/**
 * A participant's state in a call ({@code call_state}) as the older spec lists them.
 *
 * <p>An open set: {@link #of(String)} returns the constant for a known name (matched ignoring case
 * and underscores) and keeps any other name as an unknown value. Immutable and thread-safe; compare
 * with {@code equals}.
 */
public final class CallState extends AbstractOpenValue {
  private static final OpenValueSet<CallState> VALUES = new OpenValueSet<>(CallState::new);

  /** {@code active}. */
  public static final CallState ACTIVE = VALUES.known("active");

  /** {@code streaming}. */
  public static final CallState STREAMING = VALUES.known("streaming");

  /** {@code muted}. */
  public static final CallState MUTED = VALUES.known("muted");

  /** {@code deafed} — deafened; spelling as in the spec. */
  public static final CallState DEAFED = VALUES.known("deafed");

  private CallState(String wireName, boolean known) {
    super(wireName, known);
  }

  /**
   * The value for a wire name.
   *
   * @param name the name as received; never null
   * @return the known constant, or an unknown value holding {@code name}
   */
  public static CallState of(String name) {
    return VALUES.of(name);
  }
}

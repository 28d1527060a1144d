package io.github.chatwire.omikron.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A user's or Iota's presence state ({@code user_state}, {@code online_status}). {@code user_invisible} is in the spec only (no public server implements it).
 *
 * <p>An open set: {@link #of(String)} returns the constant for a known name (matched ignoring case
 * and underscores, and the pre-2026 names without prefix) and keeps any other
 * name as an unknown value. Immutable and thread-safe; compare with {@code equals}.
 */
public final class UserState implements OpenValue {
    private static final Map<String, UserState> KNOWN = new HashMap<>();
    private static final Map<String, UserState> ALIASES = new HashMap<>();

    /** {@code user_online}. */
    public static final UserState USER_ONLINE = known("user_online");
    /** {@code user_offline}. */
    public static final UserState USER_OFFLINE = known("user_offline");
    /** {@code user_dnd} — do not disturb. */
    public static final UserState USER_DND = known("user_dnd");
    /** {@code user_idle}. */
    public static final UserState USER_IDLE = known("user_idle");
    /** {@code user_wc} — away. */
    public static final UserState USER_WC = known("user_wc");
    /** {@code user_invisible} — spec only; others see {@code user_offline}. */
    public static final UserState USER_INVISIBLE = known("user_invisible");
    /** {@code user_borked}. */
    public static final UserState USER_BORKED = known("user_borked");
    /** {@code iota_offline} — the user's home server is offline or the state is unknown. */
    public static final UserState IOTA_OFFLINE = known("iota_offline");
    /** {@code iota_online}. */
    public static final UserState IOTA_ONLINE = known("iota_online");
    /** {@code iota_borked}. */
    public static final UserState IOTA_BORKED = known("iota_borked");

    static {
        ALIASES.put("online", USER_ONLINE);
        ALIASES.put("offline", USER_OFFLINE);
        ALIASES.put("dnd", USER_DND);
        ALIASES.put("idle", USER_IDLE);
        ALIASES.put("wc", USER_WC);
        ALIASES.put("invisible", USER_INVISIBLE);
        ALIASES.put("borked", USER_BORKED);
    }

    private final String wireName;
    private final boolean known;

    private UserState(String wireName, boolean known) {
        this.wireName = wireName;
        this.known = known;
    }

    private static UserState known(String name) {
        UserState v = new UserState(name, true);
        KNOWN.put(normalize(name), v);
        return v;
    }

    private static String normalize(String s) {
        return s.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The value for a wire name.
     *
     * @param name the name as received; never null
     * @return the known constant, or an unknown value holding {@code name}
     */
    public static UserState of(String name) {
        Objects.requireNonNull(name, "name");
        String n = normalize(name);
        UserState v = KNOWN.get(n);
        if (v == null) {
            v = ALIASES.get(n);
        }
        return v != null ? v : new UserState(name, false);
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public boolean isKnown() {
        return known;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserState && (((UserState) o).wireName.equals(wireName));
    }

    @Override
    public int hashCode() {
        return wireName.hashCode();
    }

    /** @return the wire name */
    @Override
    public String toString() {
        return wireName;
    }
}

package io.github.chatwire.omikron.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A participant's state in a call ({@code call_state}) as the older spec lists them.
 *
 * <p>An open set: {@link #of(String)} returns the constant for a known name (matched ignoring case
 * and underscores) and keeps any other
 * name as an unknown value. Immutable and thread-safe; compare with {@code equals}.
 */
public final class CallState implements OpenValue {
    private static final Map<String, CallState> KNOWN = new HashMap<>();
    private static final Map<String, CallState> ALIASES = new HashMap<>();

    /** {@code active}. */
    public static final CallState ACTIVE = known("active");
    /** {@code streaming}. */
    public static final CallState STREAMING = known("streaming");
    /** {@code muted}. */
    public static final CallState MUTED = known("muted");
    /** {@code deafed} — deafened; spelling as in the spec. */
    public static final CallState DEAFED = known("deafed");

    static {

    }

    private final String wireName;
    private final boolean known;

    private CallState(String wireName, boolean known) {
        this.wireName = wireName;
        this.known = known;
    }

    private static CallState known(String name) {
        CallState v = new CallState(name, true);
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
    public static CallState of(String name) {
        Objects.requireNonNull(name, "name");
        String n = normalize(name);
        CallState v = KNOWN.get(n);
        if (v == null) {
            v = ALIASES.get(n);
        }
        return v != null ? v : new CallState(name, false);
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
        return o instanceof CallState && (((CallState) o).wireName.equals(wireName));
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

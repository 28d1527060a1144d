package io.github.chatwire.omikron.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The delivery state of a direct message ({@code message_state}).
 *
 * <p>An open set: {@link #of(String)} returns the constant for a known name (matched ignoring case
 * and underscores) and keeps any other
 * name as an unknown value. Immutable and thread-safe; compare with {@code equals}.
 */
public final class MessageState implements OpenValue {
    private static final Map<String, MessageState> KNOWN = new HashMap<>();
    private static final Map<String, MessageState> ALIASES = new HashMap<>();

    /** {@code sending}. */
    public static final MessageState SENDING = known("sending");
    /** {@code sent}. */
    public static final MessageState SENT = known("sent");
    /** {@code received}. */
    public static final MessageState RECEIVED = known("received");
    /** {@code read}. */
    public static final MessageState READ = known("read");

    static {

    }

    private final String wireName;
    private final boolean known;

    private MessageState(String wireName, boolean known) {
        this.wireName = wireName;
        this.known = known;
    }

    private static MessageState known(String name) {
        MessageState v = new MessageState(name, true);
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
    public static MessageState of(String name) {
        Objects.requireNonNull(name, "name");
        String n = normalize(name);
        MessageState v = KNOWN.get(n);
        if (v == null) {
            v = ALIASES.get(n);
        }
        return v != null ? v : new MessageState(name, false);
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
        return o instanceof MessageState && (((MessageState) o).wireName.equals(wireName));
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

package io.github.chatwire.core.connection;

import java.util.Objects;

/**
 * One message to send: text or binary, with an optional tag that names its kind (for example a
 * command name) for an {@link OutboundThrottle}. Immutable; {@link #toString()} shows the tag and
 * size only, never the content (which may hold secrets).
 */
public final class Outbound {
    private final String text;
    private final byte[] bytes;
    private final String tag;

    private Outbound(String text, byte[] bytes, String tag) {
        this.text = text;
        this.bytes = bytes;
        this.tag = tag;
    }

    /**
     * A text message.
     *
     * @param text the content; never null
     * @param tag the kind of message for throttling; may be null
     * @return the message
     */
    public static Outbound text(String text, String tag) {
        return new Outbound(Objects.requireNonNull(text, "text"), null, tag);
    }

    /**
     * A text message without a tag.
     *
     * @param text the content; never null
     * @return the message
     */
    public static Outbound text(String text) {
        return text(text, null);
    }

    /**
     * A binary message. The array is copied.
     *
     * @param bytes the content; never null
     * @param tag the kind of message for throttling; may be null
     * @return the message
     */
    public static Outbound binary(byte[] bytes, String tag) {
        return new Outbound(null, Objects.requireNonNull(bytes, "bytes").clone(), tag);
    }

    /**
     * Whether this is a text message.
     *
     * @return true for text, false for binary
     */
    public boolean isText() {
        return text != null;
    }

    /**
     * The text content.
     *
     * @return the text; null for a binary message
     */
    public String text() {
        return text;
    }

    /**
     * A copy of the binary content.
     *
     * @return the bytes; null for a text message
     */
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    byte[] bytesUnsafe() {
        return bytes;
    }

    /**
     * The kind of message, as given when it was made.
     *
     * @return the tag; may be null
     */
    public String tag() {
        return tag;
    }

    @Override
    public String toString() {
        return "Outbound[" + (tag == null ? "" : tag + ", ")
                + (isText() ? text.length() + " chars" : bytes.length + " bytes") + "]";
    }
}

package io.github.chatwire.core.connection;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message to send: text or binary, with an optional tag that names its kind (for example a
 * command name) for an {@link OutboundThrottle}, and whether repeating it is harmless ({@link
 * #idempotent()}). Immutable; {@link #toString()} shows the tag and size only, never the content
 * (which may hold secrets).
 */
@SuppressWarnings("NullAway") // exactly one of text and bytes is set; isText() says which
public final class Outbound {
  private final @Nullable String text;
  private final byte @Nullable [] bytes;
  private final @Nullable String tag;
  private final boolean idempotent;

  private Outbound(
      @Nullable String text, byte @Nullable [] bytes, @Nullable String tag, boolean idempotent) {
    this.text = text;
    this.bytes = bytes;
    this.tag = tag;
    this.idempotent = idempotent;
  }

  private Outbound(@Nullable String text, byte @Nullable [] bytes, @Nullable String tag) {
    this(text, bytes, tag, false);
  }

  /**
   * This message marked idempotent: sending it twice has the same effect as once (a read, a ping, a
   * "set" to a fixed value). A request so marked that times out or is lost in flight fails with a
   * retryable exception; an unmarked one with a non-retryable one, because the server may have
   * acted on it.
   *
   * @return a copy marked idempotent
   */
  public Outbound idempotent() {
    return new Outbound(text, bytes, tag, true);
  }

  /**
   * Whether this message was marked {@link #idempotent()}.
   *
   * @return true if repeating it is harmless
   */
  public boolean isIdempotent() {
    return idempotent;
  }

  /**
   * The size on the wire in bytes (for text, its UTF-8 length).
   *
   * @return the size
   */
  public long sizeBytes() {
    if (bytes != null) {
      return bytes.length;
    }
    int n = text.length();
    long utf8 = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        utf8++;
      } else if (c < 0x800) {
        utf8 += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        utf8 += 4;
        i++;
      } else {
        utf8 += 3;
      }
    }
    return utf8;
  }

  /**
   * Whether the message is larger than the limit, cheaply: text is only measured when its length
   * could exceed it.
   */
  boolean exceeds(long limitBytes) {
    if (bytes != null) {
      return bytes.length > limitBytes;
    }
    // A Java char is at most 3 UTF-8 bytes.
    return (long) text.length() * 3 > limitBytes && sizeBytes() > limitBytes;
  }

  /**
   * A text message.
   *
   * @param text the content; never null
   * @param tag the kind of message for throttling; may be null
   * @return the message
   */
  public static Outbound text(String text, @Nullable String tag) {
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
  public @Nullable String text() {
    return text;
  }

  /**
   * A copy of the binary content.
   *
   * @return the bytes; null for a text message
   */
  public byte @Nullable [] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  byte @Nullable [] bytesUnsafe() {
    return bytes;
  }

  /**
   * The kind of message, as given when it was made.
   *
   * @return the tag; may be null
   */
  public @Nullable String tag() {
    return tag;
  }

  @Override
  public String toString() {
    return "Outbound["
        + (tag == null ? "" : tag + ", ")
        + (isText() ? text.length() + " chars" : bytes.length + " bytes")
        + "]";
  }
}

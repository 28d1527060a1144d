package io.github.chatwire.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One frame a client sent to a {@link FakeServer}, as the server read it off the wire: text or
 * binary, and which connection carried it. Immutable and thread-safe.
 */
public final class ReceivedFrame {
  private final int connection;

  /** The frame: a String for a text frame, a byte[] (owned) for a binary one. */
  private final Object payload;

  private ReceivedFrame(int connection, Object payload) {
    this.connection = connection;
    this.payload = payload;
  }

  /**
   * A text frame.
   *
   * @param connection the 0-based number of the connection, in order of arrival at the server
   * @param text the frame; never null
   * @return the frame; never null
   */
  public static ReceivedFrame text(int connection, String text) {
    return new ReceivedFrame(connection, Objects.requireNonNull(text, "text"));
  }

  /**
   * A binary frame.
   *
   * @param connection the 0-based number of the connection, in order of arrival at the server
   * @param bytes the frame; never null; copied
   * @return the frame; never null
   */
  public static ReceivedFrame binary(int connection, byte[] bytes) {
    return new ReceivedFrame(connection, Objects.requireNonNull(bytes, "bytes").clone());
  }

  /**
   * Which connection carried the frame: 0 for the first the server accepted, 1 for the next (a
   * reconnect, or a second client), and so on.
   *
   * @return the 0-based connection number
   */
  public int connection() {
    return connection;
  }

  /**
   * Whether this is a text frame.
   *
   * @return true for text, false for binary
   */
  public boolean isText() {
    return payload instanceof String;
  }

  /**
   * The text of a text frame.
   *
   * @return the text; null for a binary frame
   */
  public @Nullable String text() {
    return payload instanceof String ? (String) payload : null;
  }

  /**
   * The bytes of the frame; for a text frame its UTF-8 encoding.
   *
   * @return a copy; never null
   */
  public byte[] bytes() {
    return payload instanceof String
        ? ((String) payload).getBytes(StandardCharsets.UTF_8)
        : ((byte[]) payload).clone();
  }

  /**
   * Shows the connection and the kind and size of the frame, not its content (it may hold secrets).
   */
  @Override
  public String toString() {
    return "ReceivedFrame{connection="
        + connection
        + ", "
        + (payload instanceof String
            ? "text, " + ((String) payload).length() + " chars"
            : "binary, " + ((byte[]) payload).length + " bytes")
        + "}";
  }
}

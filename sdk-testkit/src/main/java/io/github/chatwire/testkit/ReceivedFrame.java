package io.github.chatwire.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One frame a client sent to a {@link FakeServer}, as the server read it off the wire: text or
 * binary, and which connection carried it. Immutable and thread-safe.
 */
public final class ReceivedFrame {
  private final int connection;
  private final String text;
  private final byte[] bytes;

  private ReceivedFrame(int connection, String text, byte[] bytes) {
    this.connection = connection;
    this.text = text;
    this.bytes = bytes;
  }

  /**
   * A text frame.
   *
   * @param connection the 0-based number of the connection, in order of arrival at the server
   * @param text the frame; never null
   * @return the frame; never null
   */
  public static ReceivedFrame text(int connection, String text) {
    return new ReceivedFrame(connection, Objects.requireNonNull(text, "text"), null);
  }

  /**
   * A binary frame.
   *
   * @param connection the 0-based number of the connection, in order of arrival at the server
   * @param bytes the frame; never null; copied
   * @return the frame; never null
   */
  public static ReceivedFrame binary(int connection, byte[] bytes) {
    return new ReceivedFrame(connection, null, Objects.requireNonNull(bytes, "bytes").clone());
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
    return text != null;
  }

  /**
   * The text of a text frame.
   *
   * @return the text; null for a binary frame
   */
  public String text() {
    return text;
  }

  /**
   * The bytes of the frame; for a text frame its UTF-8 encoding.
   *
   * @return a copy; never null
   */
  public byte[] bytes() {
    return text != null ? text.getBytes(StandardCharsets.UTF_8) : bytes.clone();
  }

  /**
   * Shows the connection and the kind and size of the frame, not its content (it may hold secrets).
   */
  @Override
  public String toString() {
    return "ReceivedFrame{connection="
        + connection
        + ", "
        + (text != null
            ? "text, " + text.length() + " chars"
            : "binary, " + bytes.length + " bytes")
        + "}";
  }
}

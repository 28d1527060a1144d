package io.github.chatwire.webtransport;

import io.github.chatwire.core.ConnectionLostException;
import java.time.Duration;
import java.util.Objects;

/**
 * A WebTransport stream operation took longer than its limit (TTP's upstream limits: 2 s to open a
 * stream or write a frame, 30 s to read a frame body once its length has arrived). The connection
 * was closed; it is retryable like any lost connection.
 */
public class WebTransportTimeoutException extends ConnectionLostException {
  private static final long serialVersionUID = 1L;

  /** Which operation timed out. */
  public enum Stage {
    /** Opening the outgoing unidirectional stream. */
    OPEN_STREAM,
    /** Writing a frame on the outgoing stream (the peer gave no flow-control credit). */
    WRITE,
    /** Reading a frame body on an incoming stream after its length arrived. */
    READ_FRAME
  }

  /** Which operation timed out. */
  private final Stage stage;

  /** The limit that was exceeded. */
  private final Duration limit;

  /**
   * Creates the exception.
   *
   * @param stage which operation timed out; never null
   * @param limit the limit that was exceeded; never null
   */
  public WebTransportTimeoutException(Stage stage, Duration limit) {
    super(describe(stage, limit));
    this.stage = Objects.requireNonNull(stage, "stage");
    this.limit = limit;
  }

  private static String describe(Stage stage, Duration limit) {
    Objects.requireNonNull(limit, "limit");
    switch (Objects.requireNonNull(stage, "stage")) {
      case OPEN_STREAM:
        return "opening the outgoing WebTransport stream took longer than "
            + limit.toMillis()
            + " ms";
      case WRITE:
        return "writing a TTP frame took longer than " + limit.toMillis() + " ms";
      default:
        return "a TTP frame body did not arrive within " + limit.toMillis() + " ms of its length";
    }
  }

  /**
   * Which operation timed out.
   *
   * @return the stage; never null
   */
  public Stage stage() {
    return stage;
  }

  /**
   * The limit that was exceeded.
   *
   * @return the configured timeout; never null
   */
  public Duration limit() {
    return limit;
  }
}

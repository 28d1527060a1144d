package io.github.chatwire.originchats;

import io.github.chatwire.core.ServerErrorException;
import org.jspecify.annotations.Nullable;

/**
 * The OriginChats server answered a request with {@code error} (or an HTTP route with an error
 * body). The server's text is kept verbatim in {@link #getMessage()}-compatible form in {@link
 * #text()}; OriginChats has no error codes. Not retryable.
 */
public class OriginChatsServerException extends ServerErrorException {
  private static final long serialVersionUID = 1L;

  /** The src (serialized). */
  private final @Nullable String src;

  /** The text (serialized). */
  private final @Nullable String text;

  /**
   * Creates the exception.
   *
   * @param src the failed command as the server named it; may be null (the server omits it on some
   *     paths)
   * @param text the server's text; may be null
   */
  public OriginChatsServerException(@Nullable String src, @Nullable String text) {
    super(src, text, false);
    this.src = src;
    this.text = text;
  }

  /**
   * The command the server says failed.
   *
   * @return the src; may be null
   */
  public @Nullable String src() {
    return src;
  }

  /**
   * The server's error text, verbatim.
   *
   * @return the text; may be null
   */
  public @Nullable String text() {
    return text;
  }
}

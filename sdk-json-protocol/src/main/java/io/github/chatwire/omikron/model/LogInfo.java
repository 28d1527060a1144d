package io.github.chatwire.omikron.model;

/**
 * The older spec's {@code log} object ({@code {"message": "...", "log_level": n}}); no server since
 * October 2025 reads or writes it.
 *
 * @param message the log text; may be empty, never null
 * @param logLevel the level (2 important, 1 normal, 0 debug, -1 none, -2 debug only)
 */
public record LogInfo(String message, int logLevel) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param message see {@link #message()}
   * @param logLevel see {@link #logLevel()}
   */
  public LogInfo {
    message = message == null ? "" : message;
  }
}

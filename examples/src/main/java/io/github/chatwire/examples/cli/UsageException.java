package io.github.chatwire.examples.cli;

/** The command line is wrong; the tool prints the message and the usage and exits with 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong; never null
   */
  public UsageException(String message) {
    super(message);
  }

  /**
   * The file named by an option cannot be read. The message names the option, the path and the
   * exception's type only (never its message, which may quote the file).
   *
   * @param option the option, e.g. {@code --trust}; never null
   * @param path the path as given; never null
   * @param cause why it cannot be read; never null
   * @return the exception to throw
   */
  public static UsageException unreadableFile(String option, String path, Exception cause) {
    return new UsageException(
        "cannot read the "
            + option
            + " file '"
            + path
            + "' ("
            + cause.getClass().getSimpleName()
            + ")");
  }
}

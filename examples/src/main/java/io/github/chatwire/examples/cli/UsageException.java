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
}

package io.github.chatwire.examples.cli;

/**
 * {@code --help} was asked for: the tool prints the subcommand's help to standard output and exits
 * with 0. Thrown by {@link Args#parse}, which knows every option the subcommand accepts.
 */
public final class HelpRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the request.
   *
   * @param optionsHelp the options part of the help text; never null
   */
  public HelpRequest(String optionsHelp) {
    super(optionsHelp, null, false, false);
  }

  /**
   * The options part of the help text.
   *
   * @return the text; never null
   */
  public String optionsHelp() {
    return getMessage();
  }
}

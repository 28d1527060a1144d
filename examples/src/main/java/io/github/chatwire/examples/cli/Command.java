package io.github.chatwire.examples.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of the {@code chatwire} tool. */
public interface Command {
  /**
   * The subcommand's name, as typed.
   *
   * @return the name
   */
  String name();

  /**
   * One line for the tool's usage text: the subcommand with its options.
   *
   * @return the usage line
   */
  String usage();

  /**
   * A few sentences for {@code chatwire NAME --help}, shown between the usage line and the options.
   *
   * @return the description; never null
   */
  default String description() {
    return "";
  }

  /**
   * Runs the subcommand.
   *
   * @param args the words after the subcommand's name
   * @param out standard output
   * @param err standard error
   * @return the exit status, one of {@link ExitCode}'s
   * @throws UsageException if the words are wrong
   * @throws Exception on any other failure (exit status 1)
   */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}

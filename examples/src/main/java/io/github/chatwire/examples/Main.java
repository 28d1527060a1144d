package io.github.chatwire.examples;

import io.github.chatwire.examples.binary.BinaryCommand;
import io.github.chatwire.examples.cli.Command;
import io.github.chatwire.examples.cli.Environment;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.examples.cli.HelpRequest;
import io.github.chatwire.examples.cli.UsageException;
import io.github.chatwire.examples.demo.DemoCommand;
import io.github.chatwire.examples.omikron.OmikronCommand;
import io.github.chatwire.examples.originchats.OriginChatsCommand;
import io.github.chatwire.examples.tauri.TauriCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code chatwire} command-line tool: {@code java -jar examples/target/chatwire.jar <command>}.
 * Exit statuses are in {@link ExitCode}.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the tool and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int status = run(Arrays.asList(args), System.out, System.err);
    System.exit(status);
  }

  /**
   * Runs the tool without exiting the JVM (for tests and embedding).
   *
   * @param args the command line
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return runCommand(args, out, err);
  }

  /**
   * Runs the tool with the given environment variables instead of the process's (for tests of
   * {@code CHATWIRE_PASSWORD} and the like).
   *
   * @param args the command line
   * @param out standard output
   * @param err standard error
   * @param environment the environment variables the run sees; never null
   * @return the exit status
   */
  public static int run(
      List<String> args, PrintStream out, PrintStream err, Map<String, String> environment) {
    try {
      return Environment.with(environment, () -> runCommand(args, out, err));
    } catch (Exception e) {
      throw new IllegalStateException(e); // runCommand reports every failure as a status
    }
  }

  /**
   * The tool's version, from the build.
   *
   * @return the version, e.g. {@code 0.1.0}; "unknown" when run outside a build
   */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // reported as unknown below
    }
    return p.getProperty("version", "unknown");
  }

  private static int runCommand(List<String> args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = new LinkedHashMap<>();
    for (Command c :
        List.<Command>of(
            new DemoCommand(),
            new OriginChatsCommand(),
            new OmikronCommand(),
            new BinaryCommand(),
            new TauriCommand())) {
      commands.put(c.name(), c);
    }
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      usage(commands, args.isEmpty() ? err : out);
      return args.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
    }
    if (args.get(0).equals("--version") || args.get(0).equals("version")) {
      out.println("chatwire " + version());
      return ExitCode.OK;
    }
    Command command = commands.get(args.get(0));
    if (command == null) {
      err.println("chatwire: unknown command '" + args.get(0) + "'");
      usage(commands, err);
      return ExitCode.USAGE;
    }
    try {
      return command.run(args.subList(1, args.size()), out, err);
    } catch (HelpRequest help) {
      out.println("usage: chatwire " + command.usage());
      if (!command.description().isEmpty()) {
        out.println();
        out.println(command.description());
      }
      out.println();
      out.print(help.optionsHelp());
      out.println();
      out.print(ExitCode.help());
      return ExitCode.OK;
    } catch (UsageException e) {
      err.println("chatwire " + command.name() + ": " + e.getMessage());
      err.println("usage: chatwire " + command.usage());
      return ExitCode.USAGE;
    } catch (Exception e) {
      err.println("chatwire " + command.name() + ": " + e);
      return ExitCode.FAILED;
    }
  }

  private static void usage(Map<String, Command> commands, PrintStream to) {
    to.println("usage:");
    for (Command c : commands.values()) {
      to.println("  chatwire " + c.usage());
    }
    to.println("  chatwire --version");
    to.println();
    to.println(
        "'chatwire COMMAND --help' lists a command's options, their defaults and the exit statuses.");
  }
}

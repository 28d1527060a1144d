package io.github.chatwire.examples.demo;

import io.github.chatwire.examples.cli.Args;
import io.github.chatwire.examples.cli.Command;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.examples.cli.Output;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code chatwire demo}: starts the testkit's fake servers in-process on loopback and runs a short
 * scenario against each with the SDK, then prints a one-screen summary. Exits 0 only if every
 * scenario succeeded. Works offline.
 */
public final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String usage() {
    return "demo [--json]";
  }

  @Override
  public String description() {
    return "Starts the testkit's fake servers in this process (loopback only, no network) and runs a short\n"
        + "scenario against each protocol: handshake, requests, events, a forced disconnect and the\n"
        + "reconnect. Prints a summary; exits 0 only if every scenario passed.";
  }

  /**
   * The scenarios, in the order they run.
   *
   * @return the scenarios
   */
  static List<Scenario> scenarios() {
    return List.of(
        new EngineScenario(),
        new OriginChatsScenario(),
        new OmikronScenario(),
        new BinaryScenario(),
        new TauriScenario());
  }

  @Override
  public int run(List<String> words, PrintStream out, PrintStream err) {
    Args args =
        new Args()
            .option(
                "--json",
                "",
                "one JSON object per line, each with an \"event\" field (default: text)")
            .parse(words);
    Output output = new Output(out, args.has("--json"), System.console() != null);
    Map<String, List<String>> summaries = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    for (Scenario s : scenarios()) {
      output.info("=== " + s.name() + " ===");
      try {
        summaries.put(s.name(), s.run(output));
      } catch (Exception e) {
        failed.add(s.name());
        output.error(e.getClass().getSimpleName(), s.name() + " failed: " + e.getMessage());
        summaries.put(s.name(), List.of("FAILED: " + e));
      }
    }
    output.info("=== summary ===");
    for (Map.Entry<String, List<String>> e : summaries.entrySet()) {
      output.info((failed.contains(e.getKey()) ? "[FAIL] " : "[ OK ] ") + e.getKey());
      for (String line : e.getValue()) {
        output.info("       " + line);
      }
    }
    return failed.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
  }
}

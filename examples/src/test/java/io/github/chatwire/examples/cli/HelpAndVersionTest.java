package io.github.chatwire.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.examples.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chatwire SUB --help} and {@code chatwire --version}. Before: "unknown option --help", exit
 * 2.
 */
class HelpAndVersionTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "originchats", "omikron", "binary", "tauri"})
  void everySubcommandExplainsEveryOptionItsDefaultsAndTheExitCodes(String command) {
    assertEquals(ExitCode.OK, run(command, "--help"), err.toString(StandardCharsets.UTF_8));
    String help = stdout();
    assertTrue(help.startsWith("usage: chatwire " + command), help);
    assertFalse(
        help.contains("(undocumented)"),
        "every option the parser accepts has a help line:\n" + help);
    // every option the usage line names is explained on a line of its own
    String usage = help.substring(0, help.indexOf('\n'));
    Matcher m = Pattern.compile("--[a-z][a-z0-9-]*").matcher(usage);
    int named = 0;
    while (m.find()) {
      named++;
      assertTrue(
          Pattern.compile("(?m)^  (-h, )?" + Pattern.quote(m.group()) + "\\b").matcher(help).find(),
          m.group() + " has no help line:\n" + help);
    }
    assertTrue(named > 0);
    assertTrue(help.contains("-h, --help"));
    for (String status : new String[] {"  0  ", "  1  ", "  2  ", "  3  ", "  4  "}) {
      assertTrue(help.contains(status), "exit status " + status.trim() + " is explained:\n" + help);
    }
    assertEquals("", err.toString(StandardCharsets.UTF_8), "help is not an error");
  }

  @Test
  void optionsWithADefaultSayWhichInTheHelp() {
    run("omikron", "--help");
    assertTrue(
        stdout()
            .matches("(?s).*--auth MODE +challenge or private-key-hash \\(default: challenge\\).*"),
        stdout());
    out.reset();
    run("tauri", "-h");
    assertTrue(stdout().contains("(default: 10)"), stdout());
    assertTrue(stdout().contains("(default: tauri)"), stdout());
  }

  @Test
  void helpWinsOverMissingOptionsButNotOverAMessageText() {
    assertEquals(ExitCode.OK, run("binary", "--url", "ws://x/api/ws", "--help"));
    assertTrue(stdout().startsWith("usage: chatwire binary"));
    // "--help" as the TEXT of --send is a value, not a request for help
    out.reset();
    assertEquals(ExitCode.USAGE, run("originchats", "--send", "general", "--help"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("--url is required"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void versionIsTheBuildsVersion() {
    String expected = System.getProperty("chatwire.expectedVersion");
    assertNotNull(expected, "surefire passes the project version");
    assertEquals(ExitCode.OK, run("--version"));
    assertEquals("chatwire " + expected, stdout().trim());
  }

  @Test
  void theToolsUsageTellsAboutPerCommandHelp() {
    assertEquals(ExitCode.OK, run("--help"));
    assertTrue(stdout().contains("chatwire COMMAND --help"));
    assertTrue(stdout().contains("chatwire --version"));
  }
}

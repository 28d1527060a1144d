package io.github.chatwire.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets that do not show in {@code ps}: a file option or an environment variable. */
class ArgsSecretTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

  private static Args args(String... words) {
    return new Args()
        .option("--password", "PW", "inline")
        .option("--password-file", "FILE", "file")
        .parse(List.of(words));
  }

  private Secret resolve(Args args, Map<String, String> env) throws Exception {
    return Environment.with(
        env, () -> args.secret("--password", "--password-file", "CHATWIRE_PASSWORD", errStream));
  }

  @Test
  void aFileLosesItsFinalLineBreakOnly() throws Exception {
    Path f = dir.resolve("pw");
    Files.writeString(f, " two words \r\n");
    assertEquals(" two words ", resolve(args("--password-file", f.toString()), Map.of()).reveal());
    Files.writeString(f, "pw\n\n");
    assertEquals("pw\n", resolve(args("--password-file", f.toString()), Map.of()).reveal());
    assertEquals("", err.toString(StandardCharsets.UTF_8), "no warning for a file");
  }

  @Test
  void theEnvironmentVariableIsTheFallback() throws Exception {
    assertEquals("from-env", resolve(args(), Map.of("CHATWIRE_PASSWORD", "from-env")).reveal());
    assertNull(resolve(args(), Map.of()));
    assertNull(resolve(args(), Map.of("CHATWIRE_PASSWORD", "")), "empty means unset");
    Path f = dir.resolve("pw");
    Files.writeString(f, "from-file");
    assertEquals(
        "from-file",
        resolve(args("--password-file", f.toString()), Map.of("CHATWIRE_PASSWORD", "from-env"))
            .reveal(),
        "an option beats the environment");
  }

  @Test
  void anInlineSecretWorksButWarnsWithoutShowingIt() throws Exception {
    assertEquals("inline-pw-77", resolve(args("--password", "inline-pw-77"), Map.of()).reveal());
    String warning = err.toString(StandardCharsets.UTF_8);
    assertTrue(
        warning.contains("--password-file") && warning.contains("CHATWIRE_PASSWORD"), warning);
    assertFalse(warning.contains("inline-pw-77"));
  }

  @Test
  void badFilesAreUsageErrorsThatNameThePathButNeverTheContent() throws Exception {
    Path missing = dir.resolve("missing");
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> resolve(args("--password-file", missing.toString()), Map.of()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    assertTrue(
        assertThrows(
                UsageException.class,
                () -> resolve(args("--password-file", empty.toString()), Map.of()))
            .getMessage()
            .contains("is empty"));
    Path big = dir.resolve("big");
    Files.write(big, new byte[Args.MAX_SECRET_FILE_BYTES + 1]);
    assertTrue(
        assertThrows(
                UsageException.class,
                () -> resolve(args("--password-file", big.toString()), Map.of()))
            .getMessage()
            .contains("larger than"));
    Path f = dir.resolve("pw");
    Files.writeString(f, "file-pw-88");
    UsageException both =
        assertThrows(
            UsageException.class,
            () ->
                resolve(
                    args("--password", "inline-pw-77", "--password-file", f.toString()), Map.of()));
    assertFalse(both.getMessage().contains("inline-pw-77"));
  }

  @Test
  void everyDeclaredOptionWithoutHelpIsReported() {
    Args a = new Args().option("--documented", "X", "has help").option("--bare", 1, false);
    assertEquals(List.of("--bare"), a.undocumented());
    assertTrue(a.helpText().contains("--bare VALUE"));
  }
}

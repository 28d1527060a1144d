package io.github.chatwire.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.examples.Main;
import io.github.chatwire.testkit.binary.FakeBinaryWsServer;
import io.github.chatwire.testkit.originchats.FakeOriginChatsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every subcommand with a secret takes it from a file or the environment, against the fakes. */
class SecretsEndToEndTest {
  private static final String KEY = "c2VjcmV0LWtleS1mb3ItdGVzdHM";
  private static final String PASSWORD = "carol-secret-pw";
  private static final String TOKEN = "rotur-token-of-alice-0123";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env);
  }

  private String all() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  private Path file(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  @Test
  void binaryAccessKeyFromAFileOrTheEnvironment() throws Exception {
    try (FakeBinaryWsServer server = FakeBinaryWsServer.builder().accessKey(KEY).build().start()) {
      Path f = file("key", KEY + "\n");
      assertEquals(
          ExitCode.OK,
          run(Map.of(), "binary", "--url", server.url(), "--access-key-file", f.toString()),
          all());
      assertEquals(
          ExitCode.OK,
          run(Map.of("CHATWIRE_ACCESS_KEY", KEY), "binary", "--url", server.url()),
          all());
      assertFalse(all().contains(KEY), "the key is never printed");
      assertFalse(all().contains("warning"), "no ps warning without an inline secret");
      assertEquals(ExitCode.USAGE, run(Map.of(), "binary", "--url", server.url()));
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("an access key is required"));
    }
  }

  @Test
  void originChatsPasswordAndTokenFromFilesOrTheEnvironment() throws Exception {
    try (FakeOriginChatsServer server = FakeOriginChatsServer.builder().build().start()) {
      server.addAccount("carol", PASSWORD);
      server.addRoturUser(TOKEN, "USR:alice0001", "alice");
      Path pw = file("pw", PASSWORD + "\r\n");
      assertEquals(
          ExitCode.OK,
          run(
              Map.of(),
              "originchats",
              "--url",
              server.wsUrl(),
              "--login",
              "carol",
              "--password-file",
              pw.toString()),
          all());
      assertEquals(
          ExitCode.OK,
          run(
              Map.of("CHATWIRE_PASSWORD", PASSWORD),
              "originchats",
              "--url",
              server.wsUrl(),
              "--login",
              "carol"),
          all());
      // the password variable does not turn a token login into a local one, nor the other way round
      assertEquals(
          ExitCode.OK,
          run(
              Map.of("CHATWIRE_TOKEN", TOKEN, "CHATWIRE_PASSWORD", PASSWORD),
              "originchats",
              "--url",
              server.wsUrl(),
              "--rotur-url",
              server.httpUrl()),
          all());
      Path token = file("token", TOKEN);
      assertEquals(
          ExitCode.OK,
          run(
              Map.of(),
              "originchats",
              "--url",
              server.wsUrl(),
              "--token-file",
              token.toString(),
              "--rotur-url",
              server.httpUrl()),
          all());
      assertFalse(all().contains(PASSWORD));
      assertFalse(all().contains(TOKEN));
      assertEquals(
          ExitCode.USAGE,
          run(Map.of(), "originchats", "--url", server.wsUrl(), "--login", "carol"));
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("CHATWIRE_PASSWORD"));
    }
  }
}

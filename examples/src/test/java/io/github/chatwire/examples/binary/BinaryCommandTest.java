package io.github.chatwire.examples.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.binary.codec.SettingRegistry;
import io.github.chatwire.binary.codec.ValueCodecs;
import io.github.chatwire.binary.model.SettingKey;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.examples.Main;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.testkit.binary.FakeBinaryWsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class BinaryCommandTest {
  private static final String KEY = "c2VjcmV0LWtleS1mb3ItdGVzdHM"; // unpadded base64
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<Map<?, ?>> jsonLines() throws Exception {
    List<Map<?, ?>> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add((Map<?, ?>) JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue());
      }
    }
    return lines;
  }

  @Test
  void sendsASettingAndPrintsJsonLines() throws Exception {
    SettingKey<Integer> volume = new SettingKey<>(1, "volume", Integer.class);
    SettingRegistry registry = SettingRegistry.builder().register(volume, ValueCodecs.INT).build();
    try (FakeBinaryWsServer server =
        FakeBinaryWsServer.builder().accessKey(KEY).settings(registry).build().start()) {
      int status =
          run("binary", "--url", server.url(), "--access-key", KEY, "--setting", "1=7", "--json");
      assertEquals(ExitCode.OK, status, err.toString(StandardCharsets.UTF_8));
      FakeBinaryWsServer.Session s = server.awaitSession(0, Duration.ofSeconds(5));
      Settings received =
          (Settings)
              s.received().stream().filter(p -> p instanceof Settings).findFirst().orElseThrow();
      assertEquals(7, received.get(volume));
      List<Map<?, ?>> lines = jsonLines();
      assertTrue(lines.stream().allMatch(l -> l.get("event") != null));
      assertTrue(
          lines.stream()
              .anyMatch(l -> "state".equals(l.get("event")) && "READY".equals(l.get("state"))));
      assertTrue(
          lines.stream()
              .anyMatch(
                  l -> "reply".equals(l.get("event")) && "settings".equals(l.get("request"))));
      assertFalse(
          out.toString(StandardCharsets.UTF_8).contains(KEY),
          "the access key never reaches the output");
    }
  }

  @Test
  void refusedKeyExitsWith3() throws Exception {
    try (FakeBinaryWsServer server = FakeBinaryWsServer.builder().accessKey(KEY).build().start()) {
      int status = run("binary", "--url", server.url(), "--access-key", "d3Jvbmcta2V5", "--json");
      assertEquals(ExitCode.AUTH_REFUSED, status);
      assertTrue(jsonLines().stream().anyMatch(l -> "CLOSED".equals(l.get("state"))));
    }
  }

  @Test
  void unreachableServerExitsWith4() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int status = run("binary", "--url", "ws://127.0.0.1:" + port + "/api/ws", "--access-key", KEY);
    assertEquals(ExitCode.UNREACHABLE, status);
  }

  @Test
  void badSettingIsAUsageError() {
    assertEquals(
        ExitCode.USAGE,
        run("binary", "--url", "ws://localhost/api/ws", "--access-key", KEY, "--setting", "x=1"));
    assertEquals(ExitCode.USAGE, run("binary", "--access-key", KEY));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--url is required"));
  }
}

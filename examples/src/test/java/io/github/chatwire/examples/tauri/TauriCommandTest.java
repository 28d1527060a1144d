package io.github.chatwire.examples.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.examples.Main;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.tauri.model.TauriMessage;
import io.github.chatwire.testkit.tauri.FakeOmegaQuicServer;
import io.github.chatwire.testkit.tauri.FakeTauriConnection;
import io.github.chatwire.testkit.tauri.TestCertificate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TauriCommandTest {
  static {
    // Before any kwik class is initialised: kwik 0.10.9's spurious assert kills its receiver under
    // -ea.
    FakeOmegaQuicServer.disableKwikAssertions();
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final TestCertificate device = TestCertificate.selfSignedClient("device-1");

  private int run(List<String> args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private CompletableFuture<Integer> runInBackground(List<String> args) {
    return CompletableFuture.supplyAsync(() -> run(args));
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  /** The command line for a fake server, without --listen / --json. */
  private List<String> args(FakeOmegaQuicServer server) throws Exception {
    List<String> a =
        new ArrayList<>(
            List.of(
                "tauri",
                "--host",
                server.host(),
                "--port",
                String.valueOf(server.port()),
                "--user-id",
                "user-1",
                "--cert",
                write("device.pem", device.certificatePem()).toString(),
                "--key",
                write("device.key", device.privateKeyPem()).toString(),
                "--trust",
                write("server.pem", server.certificate().certificatePem()).toString(),
                "--alpn",
                server.alpn()));
    return a;
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

  private void awaitOutput(String text) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!out.toString(StandardCharsets.UTF_8).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no '" + text + "' in the output: " + out.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(20);
    }
  }

  private void assertKeyNeverPrinted() {
    String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    for (String line : device.privateKeyPem().split("\n")) {
      if (!line.startsWith("-----") && !line.isEmpty()) {
        assertFalse(all.contains(line), "a line of the private key was printed");
      }
    }
  }

  @Test
  void identifiesAnswersAPingAndPrintsNotificationsAsJsonLines() throws Exception {
    try (FakeOmegaQuicServer server = FakeOmegaQuicServer.builder().start()) {
      List<String> a = args(server);
      a.addAll(List.of("--listen", "6", "--json"));
      CompletableFuture<Integer> status = runInBackground(a);
      FakeTauriConnection conn = server.awaitIdentified(WAIT);
      assertEquals("user-1", conn.userId());
      awaitOutput("\"event\":\"success\"");
      conn.ping(1_700_000_000_123L);
      conn.awaitReceived(m -> m.equals(new TauriMessage.Pong(1_700_000_000_123L)), WAIT);
      conn.push("alice");
      conn.read("alice");
      awaitOutput("\"event\":\"read_notification\"");
      assertEquals(
          ExitCode.OK,
          status.get(WAIT.toSeconds(), TimeUnit.SECONDS),
          err.toString(StandardCharsets.UTF_8));

      List<Map<?, ?>> lines = jsonLines();
      assertTrue(lines.stream().allMatch(l -> l.get("event") != null), "every line has an event");
      assertTrue(
          lines.stream()
              .anyMatch(l -> "state".equals(l.get("event")) && "READY".equals(l.get("state"))));
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      "ping".equals(l.get("event"))
                          && ((Number) l.get("last_ping")).longValue() == 1_700_000_000_123L));
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      "push_notification".equals(l.get("event"))
                          && "alice".equals(l.get("sender_id"))));
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      "read_notification".equals(l.get("event"))
                          && "alice".equals(l.get("sender_id"))));
      assertTrue(
          lines.stream()
              .anyMatch(l -> "state".equals(l.get("event")) && "CLOSED".equals(l.get("state"))),
          "the run ends with the client closed");
      assertKeyNeverPrinted();
    }
  }

  @Test
  void lengthPrefixedFramingAndHumanOutput() throws Exception {
    try (FakeOmegaQuicServer server =
        FakeOmegaQuicServer.builder()
            .framing(io.github.chatwire.tauri.codec.TauriFraming.LENGTH_PREFIXED)
            .start()) {
      List<String> a = args(server);
      a.addAll(List.of("--framing", "length"));
      assertEquals(ExitCode.OK, run(a), err.toString(StandardCharsets.UTF_8));
      assertEquals("user-1", server.awaitIdentified(WAIT).userId());
      String text = out.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("tauri READY"), text);
      assertFalse(text.trim().startsWith("{"), "human lines without --json");
      assertKeyNeverPrinted();
    }
  }

  @Test
  void refusedIdentificationExitsWith3() throws Exception {
    try (FakeOmegaQuicServer server = FakeOmegaQuicServer.builder().start()) {
      server.acceptIdentification(false);
      List<String> a = args(server);
      a.addAll(List.of("--auth-close-code", "4401", "--json"));
      CompletableFuture<Integer> status = runInBackground(a);
      FakeTauriConnection conn = server.awaitConnection(WAIT);
      conn.awaitReceived(m -> m instanceof TauriMessage.Identification, WAIT);
      conn.close(4401, "device unknown");
      assertEquals(ExitCode.AUTH_REFUSED, status.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertTrue(
          jsonLines().stream()
              .anyMatch(
                  l ->
                      "CLOSED".equals(l.get("state"))
                          && String.valueOf(l.get("cause")).startsWith("AuthenticationException")),
          out.toString(StandardCharsets.UTF_8));
      assertFalse(jsonLines().stream().anyMatch(l -> "READY".equals(l.get("state"))));
    }
  }

  @Test
  void anUntrustedServerCertificateExitsWith1() throws Exception {
    try (FakeOmegaQuicServer server = FakeOmegaQuicServer.builder().start()) {
      List<String> a = args(server);
      int trust = a.indexOf("--trust");
      a.remove(trust + 1);
      a.remove(trust); // the JDK's default trust does not know the fake's self-signed certificate
      a.add("--json");
      assertEquals(ExitCode.FAILED, run(a), out.toString(StandardCharsets.UTF_8));
      assertTrue(
          jsonLines().stream()
              .anyMatch(
                  l ->
                      "CLOSED".equals(l.get("state"))
                          && String.valueOf(l.get("cause")).startsWith("TauriTlsException")),
          out.toString(StandardCharsets.UTF_8));
      assertKeyNeverPrinted();
    }
  }

  @Test
  void trustingTheCaThatIssuedAnEcdsaServerCertificateConnects() throws Exception {
    // The issue's report: --trust ca.pem with a public-CA-style P-256 certificate
    // (key usage digitalSignature only) was refused with alert 42.
    TestCertificate ca = TestCertificate.certificateAuthority("Omega Test CA");
    try (FakeOmegaQuicServer server =
        FakeOmegaQuicServer.builder().certificate(ca.issueServer("localhost").issue()).start()) {
      List<String> a = args(server);
      a.set(a.indexOf("--trust") + 1, write("ca.pem", ca.certificatePem()).toString());
      a.add("--json");
      assertEquals(ExitCode.OK, run(a), out.toString(StandardCharsets.UTF_8));
      assertEquals("user-1", server.awaitIdentified(WAIT).userId());
    }
  }

  @Test
  void unreachableServerExitsWith4() throws Exception {
    int port;
    try (DatagramSocket s =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = s.getLocalPort();
    }
    List<String> a =
        new ArrayList<>(
            List.of(
                "tauri",
                "--host",
                "localhost",
                "--port",
                String.valueOf(port),
                "--user-id",
                "user-1",
                "--cert",
                write("device.pem", device.certificatePem()).toString(),
                "--key",
                write("device.key", device.privateKeyPem()).toString(),
                "--connect-timeout",
                "1",
                "--json"));
    assertEquals(ExitCode.UNREACHABLE, run(a), err.toString(StandardCharsets.UTF_8));
    assertTrue(jsonLines().stream().anyMatch(l -> "CLOSED".equals(l.get("state"))));
    assertKeyNeverPrinted();
  }

  @Test
  void usageErrorsExitWith2() throws Exception {
    String cert = write("device.pem", device.certificatePem()).toString();
    String key = write("device.key", device.privateKeyPem()).toString();
    List<String> base =
        List.of("tauri", "--host", "localhost", "--user-id", "u", "--cert", cert, "--key", key);

    assertEquals(ExitCode.USAGE, run(base));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--port is required"));

    List<String> badFraming = new ArrayList<>(base);
    badFraming.addAll(List.of("--port", "9189", "--framing", "xml"));
    assertEquals(ExitCode.USAGE, run(badFraming));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--framing must be ndjson or length"));

    List<String> badPort = new ArrayList<>(base);
    badPort.addAll(List.of("--port", "70000"));
    assertEquals(ExitCode.USAGE, run(badPort));

    assertEquals(
        ExitCode.USAGE,
        run(
            List.of(
                "tauri",
                "--host",
                "localhost",
                "--port",
                "9189",
                "--user-id",
                "u",
                "--cert",
                cert,
                "--key",
                dir.resolve("missing.key").toString())));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read the --key file"));

    // A certificate where the key should be: refused without echoing the file.
    assertEquals(
        ExitCode.USAGE,
        run(
            List.of(
                "tauri",
                "--host",
                "localhost",
                "--port",
                "9189",
                "--user-id",
                "u",
                "--cert",
                cert,
                "--key",
                cert)));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad --cert/--key"));

    assertEquals(
        ExitCode.USAGE,
        run(
            List.of(
                "tauri",
                "--host",
                "localhost",
                "--port",
                "9189",
                "--user-id",
                "u",
                "--cert",
                cert,
                "--key",
                key,
                "--listen")));
    assertKeyNeverPrinted();
  }
}

package io.github.chatwire.examples.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.examples.Main;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.omikron.AnswerEncoding;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.codec.MessageCipher;
import io.github.chatwire.omikron.codec.MessageScheme;
import io.github.chatwire.omikron.codec.SharedSecret;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.testkit.omikron.FakeIota;
import io.github.chatwire.testkit.omikron.FakeOmikron;
import io.github.chatwire.testkit.omikron.UserRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OmikronCommandTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final OmikronId IOTA = OmikronId.of(1_733_600_000_100L);
  private static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);
  private static final OmikronId BOB = OmikronId.of(1_733_600_000_002L);

  private final OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(RANDOM);
  private final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(RANDOM);
  private final OmikronPrivateKey bobKey = OmikronPrivateKey.generate(RANDOM);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @TempDir Path tmp;

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private int run(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<Map<?, ?>> jsonLines() throws Exception {
    List<Map<?, ?>> lines = new ArrayList<>();
    for (String line : stdout().split("\n")) {
      if (!line.isEmpty()) {
        Object parsed = JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue();
        assertTrue(parsed instanceof Map, "not a JSON object: " + line);
        assertNotNull(((Map<?, ?>) parsed).get("event"), "no event field: " + line);
        lines.add((Map<?, ?>) parsed);
      }
    }
    return lines;
  }

  private static String b64(OmikronPrivateKey key) {
    return Base64.getEncoder().encodeToString(key.raw());
  }

  private FakeOmikron fake(FakeOmikron.Builder b) throws Exception {
    FakeOmikron f = b.build().start();
    closeables.add(f);
    f.registerIota(IOTA, iotaKey.publicKey());
    f.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    f.registerUser(UserRecord.of(BOB, "bob", bobKey, IOTA));
    return f;
  }

  private FakeIota iota(FakeOmikron f) throws Exception {
    FakeIota iota = new FakeIota(f.iotaUrl(), IOTA, iotaKey, Set.of(ALICE, BOB), null, null);
    closeables.add(iota);
    iota.connect().get(10, TimeUnit.SECONDS);
    return iota;
  }

  private void assertNoSecret(String... secrets) {
    for (String s : secrets) {
      assertFalse(stdout().contains(s), "a secret reached standard output");
      assertFalse(
          err.toString(StandardCharsets.UTF_8).contains(s), "a secret reached standard error");
    }
  }

  @Test
  void clientRunsRequestsAndPrintsJsonLines() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    FakeIota iota = iota(f);
    String key = b64(aliceKey);
    int status =
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            key,
            "--get-user",
            BOB.value(),
            "--ping-count",
            "2",
            "--send-message",
            BOB.value(),
            "hello bob",
            "--json");
    assertEquals(ExitCode.OK, status, err.toString(StandardCharsets.UTF_8) + stdout());
    List<Map<?, ?>> lines = jsonLines();
    assertTrue(
        lines.stream()
            .anyMatch(l -> "state".equals(l.get("event")) && "READY".equals(l.get("state"))));
    assertTrue(lines.stream().anyMatch(l -> "identification_response".equals(l.get("event"))));
    Map<?, ?> user =
        lines.stream()
            .filter(l -> "reply".equals(l.get("event")) && "get_user_data".equals(l.get("request")))
            .findFirst()
            .orElseThrow();
    assertEquals("bob", user.get("username"));
    assertEquals((double) BOB.asLong(), ((Number) user.get("user_id")).doubleValue());
    long pings =
        lines.stream()
            .filter(
                l ->
                    "reply".equals(l.get("event"))
                        && "ping".equals(l.get("request"))
                        && ((Number) l.get("rtt_ms")).doubleValue() >= 0)
            .count();
    assertEquals(2, pings);
    assertTrue(
        lines.stream()
            .anyMatch(
                l -> "reply".equals(l.get("event")) && "message_send".equals(l.get("request"))));
    // The message really went through the Omikron to the Iota, encrypted (web scheme by default).
    String stored = iota.messages(ALICE, BOB).get(0).content();
    assertFalse(stored.contains("hello"), "the Iota stored ciphertext");
    assertEquals(
        "hello bob",
        MessageCipher.webClient(RANDOM).decrypt(bobSecret(), stored),
        "bob can read it");
    assertTrue(lines.get(lines.size() - 1).get("state") != null, "ends with the CLOSED state line");
    assertNoSecret(key, aliceKey.privateKeyHash());
  }

  /**
   * Waits up to 10 s for the tool's connection to reach the fake (the run then goes on regardless).
   */
  private static void awaitUp(java.util.function.BooleanSupplier connected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!connected.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private SharedSecret bobSecret() throws Exception {
    return SharedSecret.agree(bobKey.raw(), aliceKey.publicKey().raw());
  }

  @Test
  void cipherOptionChoosesTheSchemeAndLossyTextIsRefused() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    FakeIota iota = iota(f);
    String key = b64(aliceKey);
    assertEquals(
        ExitCode.OK,
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            key,
            "--cipher",
            "hkdf-gcm",
            "--send-message",
            BOB.value(),
            "grüße 😀",
            "--json"),
        stdout());
    assertEquals(
        MessageCipher.hkdfGcm().encrypt(bobSecret(), "grüße 😀"),
        iota.messages(ALICE, BOB).get(0).content(),
        "the newer client's deterministic HKDF/AES-GCM content");
    assertEquals(
        ExitCode.OK,
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            key,
            "--cipher",
            "plain",
            "--send-message",
            BOB.value(),
            "in clear",
            "--json"),
        stdout());
    assertEquals("in clear", iota.messages(ALICE, BOB).get(1).content());

    int refused =
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            key,
            "--send-message",
            BOB.value(),
            "costs 5 €",
            "--json");
    assertTrue(refused != ExitCode.OK, "the web scheme would turn € into ¬: refused");
    assertEquals(2, iota.messages(ALICE, BOB).size(), "nothing was sent");
    assertTrue(stdout().contains("LossyTextException"), stdout());
    assertEquals(
        ExitCode.OK,
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            key,
            "--send-message",
            BOB.value(),
            "costs 5 €",
            "--allow-lossy",
            "--json"),
        stdout());
    assertEquals(
        "costs 5 ¬",
        MessageCipher.webClient(RANDOM)
            .decrypt(bobSecret(), iota.messages(ALICE, BOB).get(2).content()));
    assertEquals(
        ExitCode.USAGE,
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            key,
            "--cipher",
            "rot13",
            "--json"));
  }

  @Test
  void listenPrintsLiveMessagesDecrypted() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    iota(f);
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    "omikron",
                    "--url",
                    f.clientUrl(),
                    "--user-id",
                    ALICE.value(),
                    "--private-key",
                    b64(aliceKey),
                    "--listen",
                    "3",
                    "--json"));
    awaitUp(() -> f.clientConnections(ALICE) > 0);
    OmikronClient bob =
        OmikronClient.builder().url(f.clientUrl()).userId(BOB).privateKey(bobKey).build();
    closeables.add(bob);
    bob.connect().get(10, TimeUnit.SECONDS);
    bob.sendMessage(ALICE, "hi from bob").get(10, TimeUnit.SECONDS);
    bob.sendMessage(ALICE, "and in GCM ✓", MessageScheme.HKDF_GCM).get(10, TimeUnit.SECONDS);
    f.pushToUser(
        ALICE,
        MessageType.MESSAGE_LIVE,
        OmikronData.builder()
            .put("send_time", "1")
            .put("message", "%%")
            .put("sender_id", BOB)
            .build());
    assertEquals(
        ExitCode.OK, status.get(20, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    List<Map<?, ?>> lines = jsonLines();
    List<Map<?, ?>> dms = new ArrayList<>();
    lines.stream().filter(l -> "direct_message".equals(l.get("event"))).forEach(dms::add);
    assertEquals(2, dms.size(), stdout());
    assertEquals("hi from bob", dms.get(0).get("text"));
    assertEquals("web", dms.get(0).get("scheme"));
    assertEquals("and in GCM ✓", dms.get(1).get("text"));
    assertEquals("hkdf-gcm", dms.get(1).get("scheme"));
    Map<?, ?> bad =
        lines.stream()
            .filter(l -> "undecryptable_message".equals(l.get("event")))
            .findFirst()
            .orElseThrow();
    assertEquals("%%", bad.get("content"));
    assertTrue(
        String.valueOf(bad.get("reason")).contains("not base64"),
        String.valueOf(bad.get("reason")));
  }

  @Test
  void listensForPresenceAndLiveMessagesAsProtocolEvents() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    iota(f);
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    "omikron",
                    "--url",
                    f.clientUrl(),
                    "--user-id",
                    ALICE.value(),
                    "--private-key",
                    b64(aliceKey),
                    "--listen",
                    "3",
                    "--json"));
    awaitUp(() -> f.clientConnections(ALICE) > 0);
    f.pushToUser(
        ALICE,
        MessageType.CLIENT_CHANGED,
        OmikronData.builder().put("user_id", BOB).put("user_state", "user_dnd").build());
    f.pushToUser(
        ALICE, MessageType.of("totally_new_type"), OmikronData.builder().put("k", 1L).build());
    assertEquals(
        ExitCode.OK, status.get(20, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    List<Map<?, ?>> lines = jsonLines();
    Map<?, ?> presence =
        lines.stream()
            .filter(l -> "client_changed".equals(l.get("event")))
            .findFirst()
            .orElseThrow();
    assertEquals("user_dnd", presence.get("user_state"));
    assertEquals((double) BOB.asLong(), ((Number) presence.get("user_id")).doubleValue());
    assertTrue(
        lines.stream()
            .anyMatch(
                l -> "message".equals(l.get("event")) && "totally_new_type".equals(l.get("type"))));
  }

  @Test
  void iotaRoleIdentifiesAndAsksForAUser() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    String key = b64(iotaKey);
    int status =
        run(
            "omikron",
            "--iota",
            "--iota-id",
            IOTA.value(),
            "--private-key",
            key,
            "--url",
            f.iotaUrl(),
            "--get-user",
            ALICE.value(),
            "--ping-count",
            "1",
            "--json");
    assertEquals(ExitCode.OK, status, err.toString(StandardCharsets.UTF_8) + stdout());
    List<Map<?, ?>> lines = jsonLines();
    Map<?, ?> ident =
        lines.stream()
            .filter(l -> "identification_response".equals(l.get("event")))
            .findFirst()
            .orElseThrow();
    assertEquals(ALICE.value() + "," + BOB.value(), ident.get("accepted_ids"));
    assertTrue(
        lines.stream()
            .anyMatch(l -> "reply".equals(l.get("event")) && "alice".equals(l.get("username"))));
    assertTrue(
        lines.stream()
            .anyMatch(l -> "reply".equals(l.get("event")) && "ping".equals(l.get("request"))));
    assertEquals(1, f.identificationCount(IOTA));
    assertNoSecret(key);
  }

  @Test
  void iotaRoleListensAndShowsItsUsersRequests() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    "omikron",
                    "--iota",
                    "--iota-id",
                    IOTA.value(),
                    "--private-key",
                    b64(iotaKey),
                    "--url",
                    f.iotaUrl(),
                    "--listen",
                    "5",
                    "--json"));
    awaitUp(() -> f.isIotaConnected(IOTA));
    OmikronClient alice =
        OmikronClient.builder().url(f.clientUrl()).userId(ALICE).privateKey(aliceKey).build();
    closeables.add(alice);
    alice.connect().get(10, TimeUnit.SECONDS);
    alice.send(MessageType.GET_CHATS, OmikronData.EMPTY).get(10, TimeUnit.SECONDS);
    assertEquals(
        ExitCode.OK, status.get(20, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    List<Map<?, ?>> lines = jsonLines();
    assertTrue(
        lines.stream()
            .anyMatch(
                l -> "omikron-iota".equals(l.get("protocol")) && "READY".equals(l.get("state"))));
    Map<?, ?> connected =
        lines.stream()
            .filter(l -> "client_connected".equals(l.get("event")))
            .findFirst()
            .orElseThrow();
    assertEquals((double) ALICE.asLong(), ((Number) connected.get("user_id")).doubleValue());
    Map<?, ?> request =
        lines.stream().filter(l -> "get_chats".equals(l.get("event"))).findFirst().orElseThrow();
    assertEquals((double) ALICE.asLong(), ((Number) request.get("sender")).doubleValue());
  }

  @Test
  void keyFileWithPlainAnswers() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder().clientAnswerEncoding(AnswerEncoding.PLAIN));
    iota(f);
    String content = ALICE.value() + "::" + b64(aliceKey) + "\n";
    Path file = Files.write(tmp.resolve("alice.tu"), content.getBytes(StandardCharsets.UTF_8));
    int status =
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--key-file",
            file.toString(),
            "--answer",
            "plain",
            "--json");
    assertEquals(ExitCode.OK, status, err.toString(StandardCharsets.UTF_8));
    assertEquals(1, f.identificationCount(ALICE));
    assertNoSecret(b64(aliceKey), content.trim());
  }

  @Test
  void privateKeyHashIdentification() throws Exception {
    FakeOmikron f =
        fake(
            FakeOmikron.builder()
                .identificationMode(FakeOmikron.IdentificationMode.PRIVATE_KEY_HASH));
    iota(f);
    assertEquals(
        ExitCode.OK,
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            b64(aliceKey),
            "--auth",
            "private-key-hash"),
        err.toString(StandardCharsets.UTF_8));
    assertEquals(1, f.identificationCount(ALICE));
    // The hash of the key is as secret as the key: neither is printed.
    assertNoSecret(b64(aliceKey), aliceKey.privateKeyHash());
  }

  @Test
  void discoversTheOmikronThroughOmega() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    iota(f);
    OmikronPrivateKey iota2Key = OmikronPrivateKey.generate(RANDOM);
    f.registerIota(OmikronId.of(1_733_600_000_200L), iota2Key.publicKey());
    MockWebServer omega = new MockWebServer();
    closeables.add(omega::shutdown);
    String hostPort = f.clientUrl().replaceFirst("^ws://", "").replaceFirst("/ws/client/$", "");
    omega.enqueue(
        new MockResponse()
            .setBody(
                "{\"id\":1700000000000,\"public_key\":\""
                    + f.publicKey().base64()
                    + "\",\"ip_address\":\""
                    + hostPort
                    + "\"}"));
    omega.start(java.net.InetAddress.getLoopbackAddress(), 0);
    int status =
        run(
            "omikron",
            "--omega",
            omega.url("/").toString(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            b64(aliceKey),
            "--json");
    assertEquals(ExitCode.OK, status, err.toString(StandardCharsets.UTF_8) + stdout());
    assertEquals("/api/get/omikron/" + ALICE.value(), omega.takeRequest().getPath());
    assertTrue(
        jsonLines().stream()
            .anyMatch(
                l ->
                    "reply".equals(l.get("event"))
                        && "discover".equals(l.get("request"))
                        && hostPort.equals(l.get("ip_address"))));
    assertEquals(1, f.identificationCount(ALICE));

    // The Iota role asks for its own id and connects to the Iota endpoint.
    omega.enqueue(
        new MockResponse().setBody("{\"id\":1700000000000,\"ip_address\":\"" + hostPort + "\"}"));
    assertEquals(
        ExitCode.OK,
        run(
            "omikron",
            "--iota",
            "--omega",
            omega.url("/").toString(),
            "--iota-id",
            "1733600000200",
            "--private-key",
            b64(iota2Key)),
        err.toString(StandardCharsets.UTF_8));
    assertEquals("/api/get/omikron/1733600000200", omega.takeRequest().getPath());
    assertEquals(1, f.identificationCount(OmikronId.of(1_733_600_000_200L)));
  }

  @Test
  void refusedIdentityExitsWith3() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    iota(f);
    // Bob's key for Alice's id: the challenge does not decrypt.
    String wrong = b64(bobKey);
    assertEquals(
        ExitCode.AUTH_REFUSED,
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            wrong,
            "--json"));
    assertTrue(jsonLines().stream().anyMatch(l -> "CLOSED".equals(l.get("state"))));
    assertNoSecret(wrong);
    // The server refuses outright.
    f.failIdentificationsWith(MessageType.ERROR_NOT_AUTHENTICATED);
    assertEquals(
        ExitCode.AUTH_REFUSED,
        run(
            "omikron",
            "--url",
            f.clientUrl(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            b64(aliceKey)));
    // An unknown Iota.
    f.failIdentificationsWith(null);
    assertEquals(
        ExitCode.AUTH_REFUSED,
        run(
            "omikron",
            "--iota",
            "--iota-id",
            "42",
            "--private-key",
            b64(iotaKey),
            "--url",
            f.iotaUrl()));
  }

  @Test
  void unreachableServerExitsWith4() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertEquals(
        ExitCode.UNREACHABLE,
        run(
            "omikron",
            "--url",
            "ws://127.0.0.1:" + port + "/ws/client/",
            "--user-id",
            ALICE.value(),
            "--private-key",
            b64(aliceKey),
            "--json"));
    assertTrue(stdout().contains("\"state\":\"CLOSED\""));
    out.reset();
    assertEquals(
        ExitCode.UNREACHABLE,
        run(
            "omikron",
            "--omega",
            "http://127.0.0.1:" + port + "/",
            "--user-id",
            ALICE.value(),
            "--private-key",
            b64(aliceKey),
            "--json"));
  }

  @Test
  void usageErrorsExitWith2WithoutShowingTheKey() {
    String key = b64(aliceKey);
    String url = "ws://127.0.0.1:1/ws/client/";
    String[][] bad = {
      {"omikron", "--user-id", "1", "--private-key", key},
      {"omikron", "--url", url, "--omega", "http://x/", "--user-id", "1", "--private-key", key},
      {"omikron", "--url", url, "--private-key", key},
      {"omikron", "--url", url, "--user-id", "1"},
      {
        "omikron",
        "--url",
        url,
        "--user-id",
        "1",
        "--private-key",
        key,
        "--key-file",
        "/nonexistent"
      },
      {"omikron", "--url", url, "--user-id", "1", "--private-key", "bm90IGEga2V5"},
      {"omikron", "--url", url, "--user-id", "alice", "--private-key", key},
      {"omikron", "--url", url, "--user-id", "1", "--private-key", key, "--answer", "hex"},
      {"omikron", "--url", url, "--user-id", "1", "--private-key", key, "--auth", "password"},
      {
        "omikron",
        "--url",
        url,
        "--user-id",
        "1",
        "--private-key",
        key,
        "--auth",
        "private-key-hash",
        "--answer",
        "plain"
      },
      {"omikron", "--url", url, "--user-id", "1", "--private-key", key, "--ping-count", "-1"},
      {"omikron", "--url", url, "--user-id", "1", "--private-key", key, "--send-message", "2"},
      {"omikron", "--url", "http://x/", "--user-id", "1", "--private-key", key},
      {"omikron", "--iota", "--url", url, "--private-key", key},
      {
        "omikron",
        "--iota",
        "--iota-id",
        "5",
        "--url",
        url,
        "--private-key",
        key,
        "--send-message",
        "2",
        "hi"
      },
      {"omikron", "--url", url, "--iota-id", "5", "--user-id", "1", "--private-key", key},
      {"omikron", "--url", url, "--key-file", "/nonexistent/key.tu"},
    };
    for (String[] args : bad) {
      err.reset();
      assertEquals(ExitCode.USAGE, run(args), String.join(" ", args).replace(key, "KEY"));
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: chatwire omikron"));
    }
    assertNoSecret(key);
  }

  @Test
  void aKeyFileThatIsNotOneIsAUsageErrorThatDoesNotEchoIt() throws Exception {
    String content = "1733600000001::" + Base64.getEncoder().encodeToString(new byte[40]);
    Path file = Files.write(tmp.resolve("bad.tu"), content.getBytes(StandardCharsets.UTF_8));
    assertEquals(
        ExitCode.USAGE,
        run("omikron", "--url", "ws://127.0.0.1:1/ws/client/", "--key-file", file.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--key-file"));
    assertNoSecret(content.substring("1733600000001::".length()));
  }
}

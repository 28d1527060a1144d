package io.github.chatwire.examples.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.examples.Main;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.testkit.omikron.FakeOmikronQuirks;
import io.github.chatwire.testkit.omikron.FakeTtpOmikron;
import io.github.chatwire.testkit.omikron.UserRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chatwire omikron --ttp}: both roles against {@link FakeTtpOmikron} on real QUIC. */
class OmikronTtpCommandTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final OmikronId IOTA = OmikronId.of(1_733_600_000_100L);
  private static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);

  private final OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(RANDOM);
  private final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(RANDOM);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private FakeTtpOmikron omikron;
  private Path trust;

  @TempDir Path tmp;

  @BeforeEach
  void start() throws Exception {
    omikron = FakeTtpOmikron.builder().quirks(FakeOmikronQuirks.none()).start();
    omikron.registerIota(IOTA, iotaKey.publicKey());
    omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    trust = tmp.resolve("ca.pem");
    Files.writeString(trust, omikron.certificateAuthority().certificatePem());
  }

  @AfterEach
  void stop() {
    omikron.close();
  }

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

  private void assertReadyWithPings(List<Map<?, ?>> lines, int pings) {
    assertTrue(
        lines.stream()
            .anyMatch(l -> "state".equals(l.get("event")) && "READY".equals(l.get("state"))),
        lines.toString());
    assertTrue(lines.stream().anyMatch(l -> "identification_response".equals(l.get("event"))));
    assertEquals(
        pings,
        lines.stream()
            .filter(l -> "reply".equals(l.get("event")) && "ping".equals(l.get("request")))
            .count());
  }

  @Test
  void theClientRoleIdentifiesOverTtpAndPrintsTheSameJsonLines() throws Exception {
    String key = b64(aliceKey);
    int status =
        run(
            "omikron",
            "--ttp",
            omikron.url(),
            "--trust",
            trust.toString(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            key,
            "--ping-count",
            "2",
            "--json");
    assertEquals(ExitCode.OK, status, err.toString(StandardCharsets.UTF_8) + out);
    assertReadyWithPings(jsonLines(), 2);
    assertEquals(1, omikron.identificationCount(ALICE));
    assertFalse(out.toString(StandardCharsets.UTF_8).contains(key), "the key is never printed");
    assertFalse(err.toString(StandardCharsets.UTF_8).contains(key), "the key is never printed");
  }

  @Test
  void theIotaRoleIdentifiesOverTtp() throws Exception {
    int status =
        run(
            "omikron",
            "--ttp",
            omikron.url(),
            "--trust",
            trust.toString(),
            "--iota",
            "--iota-id",
            IOTA.value(),
            "--private-key",
            b64(iotaKey),
            "--ping-count",
            "1",
            "--json");
    assertEquals(ExitCode.OK, status, err.toString(StandardCharsets.UTF_8) + out);
    assertReadyWithPings(jsonLines(), 1);
    assertEquals(1, omikron.identificationCount(IOTA));
  }

  @Test
  void withoutTrustingTheFakesCaTheRunFailsOnTheCertificate() throws Exception {
    int status =
        run(
            "omikron",
            "--ttp",
            omikron.url(),
            "--user-id",
            ALICE.value(),
            "--private-key",
            b64(aliceKey),
            "--json");
    assertTrue(status != ExitCode.OK, out.toString());
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("TlsCertificateException"), out.toString());
    assertEquals(0, omikron.identificationCount(ALICE));
  }

  @Test
  void ttpExcludesTheOtherAddressesAndTrustNeedsIt() {
    assertEquals(
        ExitCode.USAGE,
        run("omikron", "--ttp", "https://x:959", "--url", "ws://x/ws/client/", "--user-id", "1"));
    assertEquals(
        ExitCode.USAGE,
        run("omikron", "--url", "ws://x/ws/client/", "--trust", "ca.pem", "--user-id", "1"));
    assertEquals(
        ExitCode.USAGE,
        run("omikron", "--ttp", "wss://x:959", "--user-id", "1", "--private-key", b64(aliceKey)));
  }
}

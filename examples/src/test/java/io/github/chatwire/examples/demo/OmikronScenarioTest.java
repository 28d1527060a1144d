package io.github.chatwire.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.examples.cli.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OmikronScenarioTest {
  @Test
  void identifiesPingsRelaysAMessageAndReidentifiesAfterTheDisconnect() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Output out = new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false);
    List<String> summary = new OmikronScenario().run(out);
    assertEquals(5, summary.size(), summary.toString());
    assertTrue(summary.get(4).contains("alice 2x"), summary.get(4));
    List<Map<?, ?>> lines = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add((Map<?, ?>) JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue());
    }
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    "omikron/alice".equals(l.get("protocol"))
                        && "RECONNECTING".equals(l.get("state"))),
        "the forced disconnect shows as RECONNECTING");
    long aliceReady =
        lines.stream()
            .filter(
                l -> "omikron/alice".equals(l.get("protocol")) && "READY".equals(l.get("state")))
            .count();
    assertTrue(aliceReady >= 2, "READY again after the reconnect");
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    String.valueOf(l.get("message")).startsWith("bob got a direct message from")
                        && String.valueOf(l.get("message")).endsWith(": demo: hello bob")),
        "bob decrypted alice's message");
  }
}

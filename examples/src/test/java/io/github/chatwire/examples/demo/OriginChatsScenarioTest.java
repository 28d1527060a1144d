package io.github.chatwire.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class OriginChatsScenarioTest {
  @Test
  void logsInSendsReactsPagesAndReconnectsAfterTheDrop() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Output out = new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false);
    List<String> summary = new OriginChatsScenario().run(out);
    assertEquals(4, summary.size(), summary.toString());
    assertTrue(summary.get(2).contains("4 messages"), summary.get(2)); // 3 seeded + "hello bob!"
    assertTrue(summary.get(3).contains("2 new handshakes"), summary.get(3));
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<Map<?, ?>> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      lines.add((Map<?, ?>) JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue());
    }
    assertTrue(
        lines.stream().anyMatch(l -> "RECONNECTING".equals(l.get("state"))),
        "the forced disconnect shows as RECONNECTING");
    assertTrue(
        lines.stream().filter(l -> "READY".equals(l.get("state"))).count() >= 2, "READY again");
    assertTrue(
        lines.stream()
            .anyMatch(l -> String.valueOf(l.get("message")).startsWith("bob sees message_new")));
    assertTrue(
        lines.stream()
            .anyMatch(l -> String.valueOf(l.get("message")).startsWith("alice re-synced after")));
    assertFalse(text.contains("demo-rotur-token-alice"));
    assertFalse(text.contains("demo-password-bob"));
  }
}

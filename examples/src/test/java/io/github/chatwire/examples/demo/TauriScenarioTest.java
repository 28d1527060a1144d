package io.github.chatwire.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.testkit.tauri.FakeOmegaQuicServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class TauriScenarioTest {
  static {
    FakeOmegaQuicServer.disableKwikAssertions();
  }

  @Test
  void identifiesAnswersPingsReceivesNotificationsAndReconnectsAfterTheServerClose()
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Output out = new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false);
    List<String> summary = new TauriScenario().run(out);
    assertEquals(4, summary.size(), summary.toString());
    assertTrue(summary.get(3).contains("2 connections"), summary.get(3));
    List<Map<?, ?>> lines = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add((Map<?, ?>) JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue());
    }
    assertTrue(
        lines.stream().anyMatch(l -> "RECONNECTING".equals(l.get("state"))),
        "the forced disconnect shows as RECONNECTING");
    assertTrue(
        lines.stream().filter(l -> "READY".equals(l.get("state"))).count() >= 2,
        "READY again after the reconnect");
    assertEquals(
        2,
        lines.stream()
            .filter(l -> String.valueOf(l.get("message")).startsWith("push_notification"))
            .count());
    assertTrue(
        lines.stream()
            .anyMatch(l -> String.valueOf(l.get("message")).startsWith("read_notification")));
    assertEquals(
        3,
        lines.stream()
            .filter(l -> String.valueOf(l.get("message")).matches("ping \\d answered.*"))
            .count());
  }
}

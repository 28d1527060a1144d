package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.originchats.model.ServerFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays every server frame of the recorded sessions T1–T4 through the decoder. */
class FixtureReplayTest {

  static List<Map<String, Object>> serverFrames(String file) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (InputStream in = FixtureReplayTest.class.getResourceAsStream("/originchats/" + file)) {
      assertNotNull(in, file);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.trim().isEmpty()) {
          continue;
        }
        Map<String, Object> rec = OcJson.parseObject(line);
        if (!"<-".equals(rec.get("dir")) || "http".equals(rec.get("who"))) {
          continue; // client frames and HTTP calls are not WebSocket server frames
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> frame = (Map<String, Object>) rec.get("frame");
        out.add(frame);
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01-core-flow.jsonl",
        "02-attachments-moderation.jsonl",
        "03-per-command-listener.jsonl",
        "04-custom-emoji.jsonl"
      })
  void everyRecordedServerFrameDecodesToAKnownType(String file) throws IOException {
    List<Map<String, Object>> frames = serverFrames(file);
    assertFalse(frames.isEmpty());
    Map<String, Integer> unknown = new HashMap<>();
    for (Map<String, Object> f : frames) {
      String text = OcJson.write(f);
      ServerFrame decoded = FrameDecoder.decode(text);
      assertEquals(f.get("cmd"), decoded.cmd());
      // nothing is dropped: the raw tree round-trips to the same JSON
      assertEquals(OcJson.parse(text), decoded.raw());
      assertEquals(
          f.get("listener") instanceof String ? f.get("listener") : null, decoded.listener());
      if (decoded instanceof ServerFrame.Unknown) {
        unknown.merge(decoded.cmd(), 1, Integer::sum);
      }
    }
    assertTrue(unknown.isEmpty(), "recorded commands without a typed model: " + unknown);
  }
}

package io.github.chatwire.examples.originchats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.originchats.codec.FrameDecoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The mapping of OriginChats frames to JSON lines, without a server. */
class OriginChatsPrinterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OriginChatsPrinter printer =
      new OriginChatsPrinter(
          new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false));

  private List<Map<?, ?>> lines() throws Exception {
    List<Map<?, ?>> lines = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add((Map<?, ?>) JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue());
      }
    }
    return lines;
  }

  private void frame(String json) {
    printer.onEvent(FrameDecoder.decode(json));
  }

  @Test
  void loginFramesNeverPrintTheirSecrets() throws Exception {
    frame(
        "{\"cmd\":\"handshake\",\"val\":{\"server\":{\"name\":\"S\"},\"version\":\"1.1.0\","
            + "\"validator_key\":\"KEY-123456\",\"auth_mode\":\"rotur\"}}");
    frame(
        "{\"cmd\":\"ready\",\"user\":{\"username\":\"alice\",\"roles\":[\"user\"]},\"validator\":\"VAL-98765\"}");
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(text.contains("KEY-123456"), text);
    assertFalse(text.contains("VAL-98765"), text);
    List<Map<?, ?>> lines = lines();
    assertEquals("handshake", lines.get(0).get("event"));
    assertEquals("S", lines.get(0).get("server"));
    assertEquals("rotur", lines.get(0).get("auth_mode"));
    assertEquals("ready", lines.get(1).get("event"));
    assertEquals("alice", ((Map<?, ?>) lines.get(1).get("user")).get("username"));
  }

  @Test
  void eventsCarryDecodedFieldsUnderTheirOwnNames() throws Exception {
    frame(
        "{\"cmd\":\"message_edit\",\"id\":\"m1\",\"content\":\"new text\",\"channel\":\"general\"}");
    frame(
        "{\"cmd\":\"message_react_add\",\"id\":\"m1\",\"emoji\":\"x\",\"channel\":\"general\",\"from\":\"bob\"}");
    List<Map<?, ?>> lines = lines();
    assertEquals("message_edit", lines.get(0).get("event"));
    assertEquals("new text", lines.get(0).get("content"));
    assertEquals("m1", lines.get(0).get("id"));
    assertEquals("message_react_add", lines.get(1).get("event"));
    assertEquals("bob", lines.get(1).get("from"));
  }

  @Test
  void unknownFramesKeepTheirFieldsMinusSecretsAndReservedNamesAreRenamed() throws Exception {
    frame("{\"cmd\":\"plugin_thing\",\"a\":1,\"nested\":{\"token\":\"TOK-555\",\"b\":\"c\"}}");
    frame("{\"cmd\":\"state\",\"x\":true}");
    List<Map<?, ?>> lines = lines();
    assertEquals("plugin_thing", lines.get(0).get("event"));
    assertEquals(1.0, lines.get(0).get("a"));
    assertEquals(Map.of("b", "c"), lines.get(0).get("nested"));
    assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("TOK-555"));
    assertEquals(
        "frame",
        lines.get(1).get("event"),
        "a server cmd named like a tool line is not confusable");
    assertEquals("state", lines.get(1).get("cmd"));
  }

  @Test
  void repliesAndErrorFramesAreLeftToTheCommandAndOnError() throws Exception {
    frame(
        "{\"cmd\":\"message_new\",\"listener\":\"cw-1\",\"channel\":\"general\","
            + "\"message\":{\"id\":\"m2\",\"user\":\"me\",\"content\":\"mine\"}}");
    frame("{\"cmd\":\"error\",\"val\":\"nope\"}");
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void listenEndsWithTheStatusOfATerminalClose() throws Exception {
    printer.onStateChange(
        new StateChange(
            ConnectionState.READY,
            ConnectionState.CLOSED,
            new AuthenticationException("disconnected by the server: banned"),
            0,
            null));
    assertEquals(ExitCode.AUTH_REFUSED, printer.listen(5));
    Map<?, ?> state = lines().get(0);
    assertEquals("CLOSED", state.get("state"));
    assertTrue(((String) state.get("cause")).contains("banned"));
  }
}

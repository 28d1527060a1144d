package io.github.chatwire.examples.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.omikron.OmikronAuthenticationException;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The mapping of Omikron events to JSON lines, without a server. */
class OmikronPrinterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OmikronPrinter printer =
      new OmikronPrinter(
          new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false), "omikron");

  private Map<?, ?> lastLine() throws Exception {
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    return (Map<?, ?>)
        JsonReader.of(new Buffer().writeUtf8(lines[lines.length - 1])).readJsonValue();
  }

  @Test
  void pongCarriesTheRoundTripAndTheServersFields() throws Exception {
    Map<String, Object> peers = new LinkedHashMap<>();
    peers.put("1733600000001", "7");
    printer.onPong(
        Pong.from(OmikronData.builder().put("ping_iota", 12L).put("ping_clients", peers).build())
            .withRoundTrip(Duration.ofNanos(2_500_000)));
    Map<?, ?> line = lastLine();
    assertEquals("pong", line.get("event"));
    assertEquals(2.5, line.get("rtt_ms"));
    assertEquals(12.0, line.get("ping_iota"));
    assertEquals(Map.of("1733600000001", 7.0), line.get("peer_pings"));
    printer.onPong(Pong.from(OmikronData.EMPTY));
    assertNull(lastLine().get("rtt_ms"), "a pong that matched no ping has no round trip");
  }

  @Test
  void messagesUseTheirTypeNameUnlessItClashesWithTheToolsOwnLines() throws Exception {
    printer.onIotaMessage(
        new OmikronMessage(
            "id-1",
            MessageType.MESSAGE_OTHER_IOTA,
            OmikronId.of(1),
            OmikronId.of(2),
            OmikronData.builder().put("content", "x").put("event", "clash").build(),
            null,
            null));
    Map<?, ?> line = lastLine();
    assertEquals("message_other_iota", line.get("event"));
    assertEquals(1.0, line.get("sender"));
    assertEquals("x", line.get("content"));
    assertEquals(
        "clash", line.get("data_event"), "a data key named event cannot replace the line's event");

    printer.onIotaMessage(
        new OmikronMessage(
            "id-2", MessageType.of("state"), null, null, OmikronData.EMPTY, null, null));
    line = lastLine();
    assertEquals("message", line.get("event"));
    assertEquals("state", line.get("type"));
  }

  @Test
  void listenEndsEarlyWithTheStatusOfATerminalClose() throws Exception {
    printer.onStateChange(
        new StateChange(
            ConnectionState.HANDSHAKING,
            ConnectionState.CLOSED,
            new OmikronAuthenticationException("refused", "error_not_authenticated", null),
            0,
            null));
    assertEquals(ExitCode.AUTH_REFUSED, printer.listen(30));
    Map<?, ?> line = lastLine();
    assertEquals("CLOSED", line.get("state"));
    assertEquals("omikron", line.get("protocol"));
  }
}

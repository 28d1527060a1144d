package io.github.chatwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.examples.cli.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertEquals(ExitCode.USAGE, run());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
  }

  @Test
  void unknownCommandAndUnknownOptionAreUsageErrors() {
    assertEquals(ExitCode.USAGE, run("frobnicate"));
    assertEquals(ExitCode.USAGE, run("demo", "--nope"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --nope"));
  }

  @Test
  void demoSucceedsAndItsJsonOutputParsesLineByLine() throws Exception {
    assertEquals(ExitCode.OK, run("demo", "--json"), err.toString(StandardCharsets.UTF_8));
    List<String> events = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      Object parsed = JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue();
      assertTrue(parsed instanceof Map, "not an object: " + line);
      events.add(String.valueOf(((Map<?, ?>) parsed).get("event")));
    }
    assertTrue(events.contains("state"));
    assertTrue(!events.contains("null"), "every line has an event field");
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("\"state\":\"RECONNECTING\""), "the forced disconnect shows");
    assertTrue(text.contains("[ OK ]"));
  }
}

package io.github.chatwire.examples.bots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.originchats.model.SlashCommandInfo;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OriginChatsSlashBotTest extends OriginChatsBotsTestSupport {
  private OriginChatsClient alice;

  private String call(String command, Map<String, Object> args) throws Exception {
    alice.callSlash("general", command, args).get(10, TimeUnit.SECONDS);
    ServerFrame.MessageNew answer = next();
    assertEquals(command, answer.message().interaction().command());
    assertEquals("USR:local_alice", answer.message().interaction().username());
    return answer.message().content();
  }

  @Test
  void registersTypedCommandsAndAnswersWithConvertedArguments() throws Exception {
    try (OriginChatsSlashBot bot = new OriginChatsSlashBot(botClient(), new Random(42))) {
      bot.start().get(10, TimeUnit.SECONDS);
      alice = alice();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!server.receivedCommands().contains("slash_register")
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      List<SlashCommandInfo> commands = alice.slashCommands().get(10, TimeUnit.SECONDS).commands();
      assertEquals(
          List.of("roll", "temp"),
          commands.stream().map(SlashCommandInfo::name).sorted().collect(Collectors.toList()));
      SlashCommandInfo roll =
          commands.stream().filter(c -> c.name().equals("roll")).findFirst().orElseThrow();
      assertEquals(
          List.of("int", "int", "bool"),
          roll.options().stream()
              .map(SlashCommandInfo.SlashOption::type)
              .collect(Collectors.toList()));

      // arguments arrive as text and are converted to the declared types
      Random expected = new Random(42);
      long a = 1 + expected.nextInt(6);
      long b = 1 + expected.nextInt(6);
      assertEquals(
          "USR:local_alice rolled 2d6: " + (a + b) + " (" + a + ", " + b + ")",
          call("roll", Map.of("sides", "6", "times", "2", "list", "true")));
      assertEquals("100.0 °C = 212.0 °F", call("temp", Map.of("value", "100", "to", "fahrenheit")));
      assertEquals("-40.0 °F = -40.0 °C", call("temp", Map.of("value", "-40", "to", "celsius")));

      // bad arguments: SlashBot answers, the handler is not called (the dice are not used)
      assertTrue(call("roll", Map.of("sides", "many")).startsWith("Invalid arguments"));
      assertTrue(
          call("temp", Map.of("value", "3", "to", "kelvin")).startsWith("Invalid arguments"));
      assertEquals("Dice need 2-1000 sides and 1-20 dice.", call("roll", Map.of("sides", "1")));
      long c = 1 + expected.nextInt(20);
      assertEquals("USR:local_alice rolled 1d20: " + c, call("roll", Map.of("sides", "20")));
    }
  }
}

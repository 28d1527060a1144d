package io.github.chatwire.examples.bots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.Target;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OriginChatsEchoBotTest extends OriginChatsBotsTestSupport {
  @Test
  void echoesMessagesInItsChannelAsRepliesAndNeverItsOwn() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (OriginChatsEchoBot bot = new OriginChatsEchoBot(botClient(), "general", log::add)) {
      bot.start().get(10, TimeUnit.SECONDS);
      OriginChatsClient alice = alice();

      // Another channel first: the bot handles events in order, so had it answered there,
      // that answer would reach the server before the echo below.
      alice.send(Target.channel("random"), "not for the bot").get(10, TimeUnit.SECONDS);
      String id =
          alice
              .send(Target.channel("general"), "hello bot")
              .get(10, TimeUnit.SECONDS)
              .message()
              .id();
      ServerFrame.MessageNew echo = next();
      assertEquals("echo: hello bot", echo.message().content());
      assertEquals("USR:local_bot", echo.message().user());
      assertEquals("general", echo.channel());
      assertEquals(id, echo.message().replyTo().id());
      assertEquals(1, server.messages("random").size(), "no answer in the other channel");

      // A second round: the echo above did not make the bot answer itself.
      alice.send(Target.channel("general"), "again").get(10, TimeUnit.SECONDS);
      assertEquals("echo: again", next().message().content());
      assertEquals(
          4, server.messages("general").size(), "two messages and two echoes, nothing more");
      assertTrue(
          log.stream().anyMatch(l -> l.startsWith("echoed USR:local_alice")), log.toString());
    }
  }
}

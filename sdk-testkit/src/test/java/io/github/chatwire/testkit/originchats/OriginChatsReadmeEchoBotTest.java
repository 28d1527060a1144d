package io.github.chatwire.testkit.originchats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chatwire.core.Secret;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.Target;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's OriginChats echo bot, verbatim but for the URL and password, against the fake. */
class OriginChatsReadmeEchoBotTest {
  @Test
  void theReadmeEchoBotAnswersOthersInTheirThreadOrChannelAndNeverItself() throws Exception {
    try (FakeOriginChatsServer server = FakeOriginChatsServer.builder().build().start()) {
      server.addAccount("echo-bot", "bot-password");
      server.addAccount("alice", "alice-password");
      String password = "bot-password";
      // ---- README begin
      OriginChatsClient client =
          OriginChatsClient.builder()
              .url(server.wsUrl())
              .password("echo-bot", Secret.of(password)) // or .roturToken(Secret.of(token))
              .build();
      client.on(
          ServerFrame.MessageNew.class,
          event -> {
            if (!client.isOwn(event)) { // its own sends come back too: skip them
              client.reply(event, "echo: " + event.message().content());
            }
          });
      client.connect().get(30, TimeUnit.SECONDS); // handshake, login, ready
      // ---- README end
      try (OriginChatsClient alice =
          OriginChatsClient.builder()
              .url(server.wsUrl())
              .password("alice", Secret.of("alice-password"))
              .build()) {
        java.util.concurrent.BlockingQueue<ServerFrame.MessageNew> seen =
            new java.util.concurrent.LinkedBlockingQueue<>();
        alice.on(
            ServerFrame.MessageNew.class,
            e -> {
              if (!alice.isOwn(e)) {
                seen.add(e);
              }
            });
        alice.connect().get(30, TimeUnit.SECONDS);
        String first =
            alice.send(Target.channel("general"), "one").get(10, TimeUnit.SECONDS).message().id();
        ServerFrame.MessageNew echo = seen.poll(10, TimeUnit.SECONDS);
        assertEquals("echo: one", echo.message().content());
        assertEquals(first, echo.message().replyTo().id());
        // the bot handles events in order: had it answered its own echo, that answer would
        // reach alice before the echo of her second message
        alice.send(Target.channel("general"), "two").get(10, TimeUnit.SECONDS);
        assertEquals("echo: two", seen.poll(10, TimeUnit.SECONDS).message().content());
        assertEquals(
            4, server.messages("general").size(), "two messages and two echoes, nothing more");
      } finally {
        client.close();
      }
    }
  }
}

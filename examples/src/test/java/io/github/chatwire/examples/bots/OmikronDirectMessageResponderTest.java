package io.github.chatwire.examples.bots;

import static io.github.chatwire.examples.bots.OmikronBotsTestSupport.ALICE;
import static io.github.chatwire.examples.bots.OmikronBotsTestSupport.BOB;
import static io.github.chatwire.examples.bots.OmikronBotsTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.omikron.DirectMessage;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.codec.MessageScheme;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.testkit.omikron.FakeOmikron;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OmikronDirectMessageResponderTest {
  @Test
  void answersADirectMessageAndMarksItRead() throws Exception {
    try (OmikronBotsTestSupport kit = new OmikronBotsTestSupport(FakeOmikron.builder())) {
      List<String> log = new CopyOnWriteArrayList<>();
      OmikronDirectMessageResponder bot =
          kit.track(
              new OmikronDirectMessageResponder(
                  kit.client(BOB, kit.bobKey), text -> "re: " + text, log::add));
      bot.start().get(10, TimeUnit.SECONDS);

      BlockingQueue<DirectMessage> aliceInbox = new LinkedBlockingQueue<>();
      OmikronClient alice =
          kit.track(
              kit.client(ALICE, kit.aliceKey)
                  .listener(
                      new OmikronListener() {
                        @Override
                        public void onDirectMessage(
                            DirectMessage message, OmikronMessage envelope) {
                          aliceInbox.add(message);
                        }
                      })
                  .build());
      alice.connect().get(10, TimeUnit.SECONDS);
      alice.sendMessage(BOB, "ping").get(10, TimeUnit.SECONDS);

      DirectMessage answer = aliceInbox.poll(10, TimeUnit.SECONDS);
      assertNotNull(answer, "alice got an answer: " + log);
      assertEquals(
          "re: ping", answer.text(), "the bot decrypted, answered and encrypted for alice");
      assertEquals(MessageScheme.WEB_CLIENT, answer.scheme());
      assertEquals(BOB, answer.partner());
      assertTrue(
          !kit.iota.messages(ALICE, BOB).get(0).content().contains("ping"),
          "the Iota saw ciphertext only");
      // The bot said "read" (not the automatic "received"), and the Iota recorded it for both
      // sides.
      await(
          () -> MessageState.READ.equals(kit.iota.messages(ALICE, BOB).get(0).messageState()),
          "read state");
      assertEquals(MessageState.READ, kit.iota.messages(BOB, ALICE).get(0).messageState());
      await(() -> log.contains("answered " + ALICE), "the bot's log: " + log);
      assertTrue(log.contains("message from " + ALICE + " (web): ping"), log.toString());
    }
  }
}

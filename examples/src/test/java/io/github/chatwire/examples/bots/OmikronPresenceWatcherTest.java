package io.github.chatwire.examples.bots;

import static io.github.chatwire.examples.bots.OmikronBotsTestSupport.ALICE;
import static io.github.chatwire.examples.bots.OmikronBotsTestSupport.BOB;
import static io.github.chatwire.examples.bots.OmikronBotsTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.codec.WireShape;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.UserState;
import io.github.chatwire.testkit.omikron.FakeOmikron;
import io.github.chatwire.testkit.omikron.FakeOmikronShape;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OmikronPresenceWatcherTest {
  @Test
  void reportsTheInitialStatusAndEveryPresenceChange() throws Exception {
    // The spec-shaped fake forwards a user's client_changed to the other connected users.
    try (OmikronBotsTestSupport kit =
        new OmikronBotsTestSupport(FakeOmikron.builder().shape(FakeOmikronShape.SPEC))) {
      OmikronClient alice =
          kit.track(kit.client(ALICE, kit.aliceKey).wireShape(WireShape.SPEC).build());
      alice.connect().get(10, TimeUnit.SECONDS);
      List<String> log = new CopyOnWriteArrayList<>();
      OmikronPresenceWatcher watcher =
          kit.track(
              new OmikronPresenceWatcher(
                  kit.client(BOB, kit.bobKey).wireShape(WireShape.SPEC), List.of(ALICE), log::add));
      Map<OmikronId, UserState> initial = watcher.start().get(10, TimeUnit.SECONDS);
      assertEquals(Map.of(ALICE, UserState.USER_ONLINE), initial);
      assertTrue(log.contains(ALICE + " (alice) is user_online"), log.toString());

      alice.setPresence(UserState.USER_DND).get(10, TimeUnit.SECONDS);
      await(() -> log.contains("presence " + ALICE + ": user_dnd"), "the dnd push: " + log);
      alice.setPresence(UserState.USER_IDLE).get(10, TimeUnit.SECONDS);
      await(() -> log.contains("presence " + ALICE + ": user_idle"), "the idle push: " + log);
      assertTrue(
          log.indexOf("presence " + ALICE + ": user_dnd")
              < log.indexOf("presence " + ALICE + ": user_idle"),
          "in order");
    }
  }

  @Test
  void printsPushesFromTheReferenceShapedServerToo() throws Exception {
    try (OmikronBotsTestSupport kit = new OmikronBotsTestSupport(FakeOmikron.builder())) {
      List<String> log = new CopyOnWriteArrayList<>();
      OmikronPresenceWatcher watcher =
          kit.track(new OmikronPresenceWatcher(kit.client(BOB, kit.bobKey), List.of(), log::add));
      assertEquals(Map.of(), watcher.start().get(10, TimeUnit.SECONDS));
      kit.omikron.pushToUser(
          BOB,
          MessageType.CLIENT_CHANGED,
          OmikronData.builder()
              .put("user_id", ALICE)
              .put("user_state", "user_wc")
              .put("call_state", "call_muted")
              .build());
      await(
          () -> log.stream().anyMatch(l -> l.startsWith("presence " + ALICE + ": user_wc (call ")),
          "the push: " + log);
    }
  }
}

package io.github.chatwire.examples.bots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.binary.codec.SettingRegistry;
import io.github.chatwire.binary.codec.ValueCodecs;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.core.Secret;
import io.github.chatwire.testkit.binary.FakeBinaryWsServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BinarySessionKeeperTest {
  @Test
  void authenticatesSendsTheSettingAndPings() throws Exception {
    String key = "ZXhhbXBsZS1rZXk=";
    SettingRegistry registry =
        SettingRegistry.builder().register(BinarySessionKeeper.VOLUME, ValueCodecs.INT).build();
    List<String> log = new CopyOnWriteArrayList<>();
    try (FakeBinaryWsServer server =
            FakeBinaryWsServer.builder().accessKey(key).settings(registry).build().start();
        BinarySessionKeeper keeper =
            new BinarySessionKeeper(server.url(), Secret.of(key), log::add)) {
      keeper.start().get(10, TimeUnit.SECONDS);
      FakeBinaryWsServer.Session session = server.awaitSession(0, Duration.ofSeconds(5));
      session.awaitAuthenticated(Duration.ofSeconds(5));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      Settings got = null;
      while (got == null && System.nanoTime() < deadline) {
        got =
            (Settings)
                session.received().stream()
                    .filter(p -> p instanceof Settings)
                    .findFirst()
                    .orElse(null);
        Thread.sleep(20);
      }
      assertEquals(7, got.get(BinarySessionKeeper.VOLUME));
      assertTrue(
          log.stream().anyMatch(l -> l.startsWith("pong")),
          "the authentication pong is reported: " + log);
    }
  }
}

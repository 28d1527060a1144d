package io.github.chatwire.examples.bots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.tauri.OmegaNotificationsApi;
import io.github.chatwire.tauri.TauriClientIdentity;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriTrust;
import io.github.chatwire.testkit.tauri.FakeOmegaNotificationHttpApi;
import io.github.chatwire.testkit.tauri.FakeOmegaQuicServer;
import io.github.chatwire.testkit.tauri.FakeTauriConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class TauriNotificationListenerTest {
  static {
    // Before any kwik class is initialised: kwik 0.10.9's spurious assert kills its receiver under
    // -ea.
    FakeOmegaQuicServer.disableKwikAssertions();
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void clearsTheBacklogThenPrintsAndClearsEachPush() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (FakeOmegaQuicServer quic = FakeOmegaQuicServer.builder().start();
        FakeOmegaNotificationHttpApi http = new FakeOmegaNotificationHttpApi()) {
      http.addNotifications(42, 7, 2); // arrived while the device was off
      http.addNotifications(42, 8, 1);
      http.addNotifications(43, 7, 5); // another user's: must stay
      TauriPushClient.Builder settings =
          TauriPushClient.builder()
              .host(quic.host())
              .port(quic.port())
              .alpn(quic.alpn())
              .clientIdentity(TauriClientIdentity.generateSelfSigned("bot-device"))
              .trust(TauriTrust.certificates(quic.certificate().certificate()));
      OmegaNotificationsApi api = OmegaNotificationsApi.builder().baseUrl(http.baseUrl()).build();
      try (TauriNotificationListener bot =
          new TauriNotificationListener("42", settings, api, log::add)) {
        bot.start().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(Map.of(), http.notificationsOf(42), "the backlog is cleared");
        assertEquals(Map.of(7L, 5L), http.notificationsOf(43));
        assertTrue(log.contains("pending: 2 message(s) from 7"), log.toString());
        assertTrue(log.contains("pending: 1 message(s) from 8"), log.toString());

        FakeTauriConnection conn = quic.awaitIdentified(WAIT);
        assertEquals("42", conn.userId());
        http.addNotifications(42, 9, 1);
        conn.push("9");
        await(() -> log.contains("cleared notifications from 9"), "the push to be cleared");
        assertTrue(log.contains("push: new message from 9"), log.toString());
        assertEquals(Map.of(), http.notificationsOf(42));

        conn.read("7");
        await(() -> log.contains("read elsewhere: badge for 7 removed"), "the read notification");

        RecordedRequest last = null;
        for (int i = http.requestCount(); i > 0; i--) {
          last = http.takeRequest(1000);
        }
        assertEquals("DELETE", last.getMethod());
        assertEquals("/api/delete/notifications/42/9", last.getPath());
      }
    }
  }
}

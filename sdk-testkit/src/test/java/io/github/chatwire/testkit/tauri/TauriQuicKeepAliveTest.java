package io.github.chatwire.testkit.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.model.TauriMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * QUIC keep-alive against a server whose idle timeout is shorter than its application ping interval
 * (quic-go and quinn both default to a 30 s idle timeout; a 30 s ping interval is as common). Real
 * QUIC on loopback with kwik's real idle timers on both sides, so the times are real: the issue's
 * scenario (idle 10 s, pings every 15 s, up for 2 minutes) is scaled down five times, all timeouts
 * alike: idle 2 s, pings every 3 s, up for 24 s (8 ping rounds).
 */
class TauriQuicKeepAliveTest extends TauriQuicTestBase {
  private static final int SERVER_IDLE_SECONDS = 2;
  private static final long PING_INTERVAL_MILLIS = 3_000;

  private FakeOmegaQuicServer server;

  private TauriPushClient.Builder client(RecordingListener listener) throws Exception {
    server = server(FakeOmegaQuicServer.builder().idleTimeoutSeconds(SERVER_IDLE_SECONDS));
    // The client asks for 60 s: the server's 2 s is what is negotiated.
    return client(server, listener).quicIdleTimeout(Duration.ofSeconds(60));
  }

  @Test
  void keepAliveIsOnByDefaultAndHoldsTheConnectionBetweenSlowPings() throws Exception {
    RecordingListener listener = new RecordingListener();
    TauriPushClient.Builder builder = client(listener);
    FakeTauriConnection conn = connected(server, builder);

    for (int round = 1; round <= 8; round++) {
      Thread.sleep(PING_INTERVAL_MILLIS);
      assertEquals(
          0,
          listener.count(ConnectionState.RECONNECTING),
          "dropped before ping " + round + ": " + listener.states);
      long value = round;
      conn.ping(value);
      conn.awaitReceived(m -> m.equals(new TauriMessage.Pong(value)), WAIT);
    }
    assertEquals(ConnectionState.READY, listener.states.get(listener.states.size() - 1).current());
    assertEquals(1, server.connections().size(), "one connection for the whole time");
    assertTrue(!conn.isEnded());
  }

  @Test
  void withoutKeepAliveTheSameServerDropsTheConnection() throws Exception {
    // The control: the scenario above really needs the keep-alive.
    RecordingListener listener = new RecordingListener();
    TauriPushClient.Builder builder = client(listener).quicKeepAlive(false);
    connected(server, builder);
    // kwik's client notices the silently vanished server only after its own idle timer and
    // probe timeouts (15-20 s measured on loopback), hence the longer wait.
    var dropped = listener.awaitState(ConnectionState.RECONNECTING, Duration.ofSeconds(60));
    assertTrue(dropped.cause().getMessage().contains("idle"), dropped.toString());
  }
}

package io.github.chatwire.testkit.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.tauri.TauriClientIdentity;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriTrust;
import io.github.chatwire.tauri.model.TauriMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * QUIC keep-alive against a server whose idle timeout is shorter than its application ping
 * interval (quic-go and quinn both default to a 30 s idle timeout; a 30 s ping interval is as
 * common). Real QUIC on loopback with kwik's real idle timers on both sides, so the times are
 * real: the scenario (idle 10 s, pings every 15 s, up for 2 minutes) is scaled down five
 * times, all timeouts alike: idle 2 s, pings every 3 s, up for 24 s (8 ping rounds).
 */
class TauriQuicKeepAliveTest {
    static {
        FakeOmegaQuicServer.disableKwikAssertions();
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SERVER_IDLE_SECONDS = 2;
    private static final long PING_INTERVAL_MILLIS = 3_000;

    private FakeOmegaQuicServer server;
    private TauriPushClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private TauriPushClient.Builder client(RecordingListener listener) throws Exception {
        server = FakeOmegaQuicServer.builder().idleTimeoutSeconds(SERVER_IDLE_SECONDS).start();
        return TauriPushClient.builder()
                .host(server.host())
                .port(server.port())
                .alpn(server.alpn())
                .userId("user-1")
                .clientIdentity(TauriClientIdentity.generateSelfSigned("device-1"))
                .trust(TauriTrust.certificates(server.certificate().certificate()))
                // The client asks for the default 60 s: the server's 2 s is what is negotiated.
                .quicIdleTimeout(Duration.ofSeconds(60))
                .options(ConnectionOptions.builder()
                        .reconnectPolicy(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100)).jitter(0).build())
                        .build())
                .listener(listener);
    }

    @Test
    void keepAliveIsOnByDefaultAndHoldsTheConnectionBetweenSlowPings() throws Exception {
        RecordingListener listener = new RecordingListener();
        client = client(listener).build();
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        FakeTauriConnection conn = server.awaitIdentified(WAIT);

        for (int round = 1; round <= 8; round++) {
            Thread.sleep(PING_INTERVAL_MILLIS);
            assertEquals(0, listener.count(ConnectionState.RECONNECTING), "dropped before ping " + round + ": " + listener.states);
            long value = round;
            conn.ping(value);
            conn.awaitReceived(m -> m.equals(new TauriMessage.Pong(value)), WAIT);
        }
        assertEquals(ConnectionState.READY, client.state());
        assertEquals(1, server.connections().size(), "one connection for the whole time");
        assertTrue(!conn.isEnded());
    }

    @Test
    void withoutKeepAliveTheSameServerDropsTheConnection() throws Exception {
        // The control: the scenario above really needs the keep-alive.
        RecordingListener listener = new RecordingListener();
        client = client(listener).quicKeepAlive(false).build();
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        server.awaitIdentified(WAIT);
        var dropped = listener.awaitState(ConnectionState.RECONNECTING, WAIT);
        assertTrue(dropped.cause().getMessage().contains("idle"), dropped.toString());
    }
}

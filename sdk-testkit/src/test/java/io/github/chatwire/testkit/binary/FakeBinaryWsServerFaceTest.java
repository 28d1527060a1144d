package io.github.chatwire.testkit.binary;

import io.github.chatwire.binary.BinaryWsClient;
import io.github.chatwire.binary.BinaryWsListener;
import io.github.chatwire.binary.PongEvent;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.FakeServerScenarios;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakeBinaryWsServer driven only through the common {@link FakeServer} face, with a real client. */
class FakeBinaryWsServerFaceTest {
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxA=";

    final VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
    final BlockingQueue<StateChange> changes = new LinkedBlockingQueue<>();
    final AtomicInteger pongs = new AtomicInteger();
    ChatwireRuntime runtime;
    FakeServer server;
    BinaryWsClient client;

    @BeforeEach
    void setUp() throws Exception {
        runtime = ChatwireRuntime.builder().scheduler(clock).build();
        server = FakeBinaryWsServer.builder().scheduler(clock).accessKey(KEY).build().start();
        client = BinaryWsClient.builder().url(server.url()).accessKey(Secret.of(KEY)).runtime(runtime)
                .options(ConnectionOptions.builder().reconnectPolicy(ReconnectPolicy.builder().jitter(0).build())
                        .build())
                .listener(new BinaryWsListener() {
                    @Override
                    public void onPong(PongEvent pong) {
                        pongs.incrementAndGet();
                    }

                    @Override
                    public void onStateChange(StateChange change) {
                        changes.add(change);
                    }
                }).build();
        client.connect().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        client.closeFuture().get(10, TimeUnit.SECONDS);
        server.close();
        runtime.close();
    }

    FakeServerScenarios.Client view() {
        return new FakeServerScenarios.Client(client::state, changes, pongs::get);
    }

    @Test
    void dropIsFollowedByAReconnect() throws Exception {
        FakeServerScenarios.dropIsFollowedByAReconnect(server, clock, view());
    }

    @Test
    void silenceWakesTheWatchdog() throws Exception {
        // Pings every 15 s; three intervals without anything received end the attempt.
        FakeServerScenarios.silenceWakesTheWatchdog(server, clock, view(), Duration.ofSeconds(45));
    }
}

package io.github.chatwire.testkit.originchats;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.OriginChatsListener;
import io.github.chatwire.originchats.RoturValidatorProvider;
import io.github.chatwire.originchats.model.ServerFrame;
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

/** FakeOriginChatsServer driven only through the common {@link FakeServer} face, with a real client. */
class FakeOriginChatsServerFaceTest {
    final VirtualScheduler clock = new VirtualScheduler();
    final BlockingQueue<StateChange> changes = new LinkedBlockingQueue<>();
    final AtomicInteger heartbeats = new AtomicInteger();
    ChatwireRuntime runtime;
    FakeServer server;
    OriginChatsClient client;

    @BeforeEach
    void setUp() throws Exception {
        runtime = ChatwireRuntime.builder().scheduler(clock).build();
        FakeOriginChatsServer oc = FakeOriginChatsServer.builder().scheduler(clock).build().start();
        oc.addRoturUser("tok-alice", "USR:alice0001", "alice");
        server = oc;
        client = OriginChatsClient.builder().url(server.url()).runtime(runtime)
                .options(OriginChatsClient.defaultOptions().toBuilder().random(() -> 0.5).build())
                .validatorProvider(RoturValidatorProvider.of(Secret.of("tok-alice"), oc.httpUrl()))
                .listener(new OriginChatsListener() {
                    @Override
                    public void onEvent(ServerFrame event) {
                        if (event instanceof ServerFrame.Heartbeat) {
                            heartbeats.incrementAndGet();
                        }
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
        return new FakeServerScenarios.Client(client::state, changes, heartbeats::get);
    }

    @Test
    void dropIsFollowedByAReconnect() throws Exception {
        FakeServerScenarios.dropIsFollowedByAReconnect(server, clock, view());
    }

    @Test
    void silenceWakesTheWatchdog() throws Exception {
        // The server pings every 30 s; the client gives up after 75 s without a frame.
        FakeServerScenarios.silenceWakesTheWatchdog(server, clock, view(), Duration.ofSeconds(75));
    }
}

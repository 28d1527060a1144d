package io.github.chatwire.testkit.omikron;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.FakeServerScenarios;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakeOmikron driven only through the common {@link FakeServer} face, with a real client. */
class FakeOmikronFaceTest {
    static final OmikronId IOTA = OmikronId.of(1_733_600_000_100L);
    static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);

    final SecureRandom random = new SecureRandom();
    final OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(random);
    final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(random);
    final VirtualScheduler clock = new VirtualScheduler();
    final BlockingQueue<StateChange> changes = new LinkedBlockingQueue<>();
    final AtomicInteger pongs = new AtomicInteger();
    ChatwireRuntime runtime;
    FakeServer server;
    FakeIota iota;
    OmikronClient client;

    @BeforeEach
    void setUp() throws Exception {
        runtime = ChatwireRuntime.builder().scheduler(clock).build();
        FakeOmikron omikron = FakeOmikron.builder().build().start();
        omikron.registerIota(IOTA, iotaKey.publicKey());
        omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
        server = omikron;
        iota = new FakeIota(omikron.iotaUrl(), IOTA, iotaKey, Set.of(ALICE), null, null);
        iota.connect().get(10, SECONDS);
        client = OmikronClient.builder().url(server.url()).userId(ALICE).privateKey(aliceKey).runtime(runtime)
                .options(OmikronClient.defaultOptions().toBuilder()
                        .reconnectPolicy(ReconnectPolicy.builder().jitter(0).build()).build())
                .listener(new OmikronListener() {
                    @Override
                    public void onPong(Pong pong) {
                        pongs.incrementAndGet();
                    }

                    @Override
                    public void onStateChange(StateChange change) {
                        changes.add(change);
                    }
                }).build();
        client.connect().get(10, SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        iota.close();
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
        // The client pings every 5 s and gives up after 20 s without a frame.
        FakeServerScenarios.silenceWakesTheWatchdog(server, clock, view(), Duration.ofSeconds(20));
    }
}

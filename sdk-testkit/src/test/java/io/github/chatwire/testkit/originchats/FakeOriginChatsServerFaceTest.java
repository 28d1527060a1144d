package io.github.chatwire.testkit.originchats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.OriginChatsListener;
import io.github.chatwire.originchats.Resync;
import io.github.chatwire.originchats.RoturValidatorProvider;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.FakeServerFaceTestBase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;

/**
 * FakeOriginChatsServer driven only through the common {@link FakeServer} face, with a real client.
 */
class FakeOriginChatsServerFaceTest extends FakeServerFaceTestBase {
  FakeServer server;
  OriginChatsClient client;
  final CountDownLatch resynced = new CountDownLatch(1);

  @BeforeEach
  void connect() throws Exception {
    FakeOriginChatsServer oc = FakeOriginChatsServer.builder().scheduler(clock).build().start();
    oc.addRoturUser("tok-alice", "USR:alice0001", "alice");
    server = oc;
    client =
        OriginChatsClient.builder()
            .url(server.url())
            .runtime(runtime)
            .options(OriginChatsClient.defaultOptions().toBuilder().random(() -> 0.5).build())
            .validatorProvider(RoturValidatorProvider.of(Secret.of("tok-alice"), oc.httpUrl()))
            .listener(
                new OriginChatsListener() {
                  @Override
                  public void onEvent(ServerFrame event) {
                    if (event instanceof ServerFrame.Heartbeat) {
                      liveness.incrementAndGet();
                    }
                  }

                  @Override
                  public void onResync(Resync resync) {
                    resynced.countDown();
                  }

                  @Override
                  public void onStateChange(StateChange change) {
                    changes.add(change);
                  }
                })
            .build();
    client.connect().get(10, TimeUnit.SECONDS);
    // READY comes before the client's re-sync requests are answered (on other threads, in real
    // time); the scenarios measure silence in virtual time, so they start once those replies are in
    assertTrue(resynced.await(10, TimeUnit.SECONDS), "the client re-synced after READY");
  }

  @Override
  protected FakeServer server() {
    return server;
  }

  @Override
  protected AutoCloseable client() {
    return client;
  }

  @Override
  protected ConnectionState clientState() {
    return client.state();
  }

  /** The server pings every 30 s; the client gives up after 75 s without a frame. */
  @Override
  protected Duration watchdog() {
    return Duration.ofSeconds(75);
  }
}

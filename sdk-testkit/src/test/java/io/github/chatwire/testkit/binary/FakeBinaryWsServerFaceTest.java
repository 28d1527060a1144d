package io.github.chatwire.testkit.binary;

import io.github.chatwire.binary.BinaryWsClient;
import io.github.chatwire.binary.BinaryWsListener;
import io.github.chatwire.binary.PongEvent;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.FakeServerFaceTestBase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;

/**
 * FakeBinaryWsServer driven only through the common {@link FakeServer} face, with a real client.
 */
class FakeBinaryWsServerFaceTest extends FakeServerFaceTestBase {
  static final String KEY = "AAECAwQFBgcICQoLDA0ODxA=";

  FakeServer server;
  BinaryWsClient client;

  @BeforeEach
  void connect() throws Exception {
    server = FakeBinaryWsServer.builder().scheduler(clock).accessKey(KEY).build().start();
    client =
        BinaryWsClient.builder()
            .url(server.url())
            .accessKey(Secret.of(KEY))
            .runtime(runtime)
            .options(
                ConnectionOptions.builder()
                    .reconnectPolicy(ReconnectPolicy.builder().jitter(0).build())
                    .build())
            .listener(
                new BinaryWsListener() {
                  @Override
                  public void onPong(PongEvent pong) {
                    liveness.incrementAndGet();
                  }

                  @Override
                  public void onStateChange(StateChange change) {
                    changes.add(change);
                  }
                })
            .build();
    client.connect().get(10, TimeUnit.SECONDS);
    // READY comes with the authentication Pong; its onPong may run just after connect() returns.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (liveness.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
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

  /** Pings every 15 s; three intervals without anything received end the attempt. */
  @Override
  protected Duration watchdog() {
    return Duration.ofSeconds(45);
  }
}

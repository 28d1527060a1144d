package io.github.chatwire.testkit.omikron;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.omikron.IotaConnection;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.FakeServerFaceTestBase;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** FakeOmikron driven only through the common {@link FakeServer} face, with a real client. */
class FakeOmikronFaceTest extends FakeServerFaceTestBase {
  static final OmikronId IOTA = OmikronId.of(1_733_600_000_100L);
  static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);

  final SecureRandom random = new SecureRandom();
  final OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(random);
  final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(random);
  FakeServer server;
  FakeIota iota;
  OmikronClient client;

  @BeforeEach
  void connect() throws Exception {
    FakeOmikron omikron = FakeOmikron.builder().build().start();
    omikron.registerIota(IOTA, iotaKey.publicKey());
    omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    server = omikron;
    // The Iota runs on the real clock: the default policy's first retry after drop()'s 1001
    // would come at a random moment in the first 10 s, half the scenario's real-time bound.
    iota =
        new FakeIota(
            omikron.iotaUrl(),
            IOTA,
            iotaKey,
            Set.of(ALICE),
            null,
            IotaConnection.defaultOptions().toBuilder()
                .reconnectPolicy(
                    ReconnectPolicy.builder()
                        .initialDelay(Duration.ofMillis(100))
                        .jitter(0)
                        .build())
                .build());
    iota.connect().get(10, SECONDS);
    client =
        OmikronClient.builder()
            .url(server.url())
            .userId(ALICE)
            .privateKey(aliceKey)
            .runtime(runtime)
            .options(
                OmikronClient.defaultOptions().toBuilder()
                    .reconnectPolicy(ReconnectPolicy.builder().jitter(0).build())
                    .build())
            .listener(
                new OmikronListener() {
                  @Override
                  public void onPong(Pong pong) {
                    liveness.incrementAndGet();
                  }

                  @Override
                  public void onStateChange(StateChange change) {
                    changes.add(change);
                  }
                })
            .build();
    client.connect().get(10, SECONDS);
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

  /** The client pings every 5 s and gives up after 20 s without a frame. */
  @Override
  protected Duration watchdog() {
    return Duration.ofSeconds(20);
  }

  @AfterEach
  void closeIota() {
    iota.close();
  }
}

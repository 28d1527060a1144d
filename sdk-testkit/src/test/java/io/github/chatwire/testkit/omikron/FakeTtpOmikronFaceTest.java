package io.github.chatwire.testkit.omikron;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronProtocol;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.FakeServerFaceTestBase;
import io.github.chatwire.webtransport.WebTransportTransport;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/**
 * The common fake-server scenarios for {@link FakeTtpOmikron}, with a TTP client in virtual time.
 */
class FakeTtpOmikronFaceTest extends FakeServerFaceTestBase {
  static final OmikronId ALICE = OmikronId.of(281_474_976_710_000L);
  static final OmikronId IOTA = OmikronId.of(1_750_000_000_001L);

  final SecureRandom random = new SecureRandom();
  final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(random);
  FakeTtpOmikron server;
  OmikronClient client;

  @BeforeEach
  void connect() throws Exception {
    // No Iota: the well-behaved fake identifies the client anyway (pongs say ping_iota -1).
    server = FakeTtpOmikron.builder().quirks(FakeOmikronQuirks.none()).start();
    server.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    client =
        OmikronClient.builder()
            .protocol(OmikronProtocol.TTP)
            .transport(
                WebTransportTransport.builder(server.url())
                    .trustCertificates(server.certificateAuthority().certificate())
                    .build())
            .userId(ALICE)
            .privateKey(aliceKey)
            .runtime(runtime)
            .options(
                OmikronClient.defaultOptions(OmikronProtocol.TTP).toBuilder()
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
    client.connect().get(20, SECONDS);
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

  /** TTP clients ping every 3 s and give up after 15 s without a message (docs/TTP.md). */
  @Override
  protected Duration watchdog() {
    return Duration.ofSeconds(15);
  }
}

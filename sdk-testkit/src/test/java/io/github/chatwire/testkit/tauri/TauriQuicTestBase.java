package io.github.chatwire.testkit.tauri;

import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.tauri.TauriClientIdentity;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriTrust;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * What the tests of the Tauri client against {@link FakeOmegaQuicServer} share: kwik's assertions
 * off, servers and clients closed after each test (last first), and a client builder aimed at a
 * fake (user {@code user-1}, fast reconnects).
 */
abstract class TauriQuicTestBase {
  static {
    // Before any kwik class is initialised: see FakeOmegaQuicServer.disableKwikAssertions().
    FakeOmegaQuicServer.disableKwikAssertions();
  }

  // Generous: on a loaded machine a QUIC handshake can time out (10 s) and be retried.
  static final Duration WAIT = Duration.ofSeconds(30);

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  /** Closes {@code c} after the test. */
  <T extends AutoCloseable> T track(T c) {
    cleanup.add(c);
    return c;
  }

  FakeOmegaQuicServer server(FakeOmegaQuicServer.Builder b) throws Exception {
    return track(b.start());
  }

  /** A client for the fake, trusting its certificate as a pinned one. */
  TauriPushClient.Builder client(FakeOmegaQuicServer server, RecordingListener listener) {
    return client(server, TauriTrust.certificates(server.certificate().certificate()), listener);
  }

  TauriPushClient.Builder client(
      FakeOmegaQuicServer server, TauriTrust trust, RecordingListener listener) {
    return TauriPushClient.builder()
        .host(server.host())
        .port(server.port())
        .alpn(server.alpn())
        .userId("user-1")
        .clientIdentity(TauriClientIdentity.generateSelfSigned("device-1"))
        .trust(trust)
        .options(
            ConnectionOptions.builder()
                .reconnectPolicy(
                    ReconnectPolicy.builder()
                        .initialDelay(Duration.ofMillis(100))
                        .jitter(0)
                        .build())
                .idleTimeout(Duration.ofSeconds(90))
                .build())
        .listener(listener);
  }

  /** Builds and connects a client for the fake and returns the server's side once identified. */
  FakeTauriConnection connected(FakeOmegaQuicServer server, TauriPushClient.Builder builder)
      throws Exception {
    TauriPushClient client = track(builder.build());
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return server.awaitIdentified(WAIT);
  }
}

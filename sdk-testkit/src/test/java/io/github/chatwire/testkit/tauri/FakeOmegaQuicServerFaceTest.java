package io.github.chatwire.testkit.tauri;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriPushListener;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.FakeServerScenarios;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * FakeOmegaQuicServer driven only through the common {@link FakeServer} face, with a real client.
 * Only the drop scenario: this fake sends no liveness traffic of its own (the test plays the
 * server's pings), so silence() cannot be told apart from an idle server here; the watchdog against
 * a silent server is {@code TauriQuicEndToEndTest.watchdogReconnectsWhenTheServerGoesSilent}.
 */
class FakeOmegaQuicServerFaceTest extends TauriQuicTestBase {
  @Test
  void dropIsFollowedByAReconnect() throws Exception {
    VirtualScheduler clock = new VirtualScheduler();
    ChatwireRuntime runtime = track(ChatwireRuntime.builder().scheduler(clock).build());
    FakeOmegaQuicServer fake = server(FakeOmegaQuicServer.builder());
    FakeServer server = fake;
    BlockingQueue<StateChange> changes = new LinkedBlockingQueue<>();
    TauriPushClient client =
        track(
            client(fake, new RecordingListener())
                .runtime(runtime)
                .listener(
                    new TauriPushListener() {
                      @Override
                      public void onStateChange(StateChange change) {
                        changes.add(change);
                      }
                    })
                .build());
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    FakeServerScenarios.dropIsFollowedByAReconnect(
        server, clock, new FakeServerScenarios.Client(client::state, changes, () -> 0));
  }
}

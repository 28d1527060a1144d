package io.github.chatwire.testkit.tauri;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.tauri.TauriPushClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The fake records an identification even when its answer can no longer be written. Under load the
 * client can read {@code success}, finish and close its connection while the fake's reader thread
 * is still between its write and its flush; kwik has aborted the stream by then, the flush throws,
 * and {@link FakeOmegaQuicServer#awaitIdentified} used to miss a client that did identify
 * (TauriCommandTest: "no client identified within 30 s" after the CLI exited OK).
 */
class FakeOmegaIdentificationTest extends TauriQuicTestBase {
  @Test
  void anIdentificationIsRecordedEvenIfTheAnswerCannotBeWritten() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    TauriPushClient client = track(client(server, new RecordingListener()).build());
    CompletableFuture<Void> unused = client.connect(); // not awaited: it ends without success
    FakeTauriConnection conn = server.awaitConnection(WAIT);
    // Holding the connection's monitor stops the fake's reader right after it has read the
    // identification (it records the frame, then needs the monitor), so the connection can end
    // before the answer is written: the order the race produced.
    synchronized (conn) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (server.receivedFrames().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(
          server.receivedFrames().get(0).text().contains("tauri_identification"),
          String.valueOf(server.receivedFrames()));
      client.close();
      conn.awaitConnectionEnd(WAIT);
      // kwik reports the end before it aborts the streams (the abort is what makes the write fail)
      Thread.sleep(500);
    }
    assertSame(conn, server.awaitIdentified(Duration.ofSeconds(10)));
  }
}

package io.github.chatwire.examples.demo;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.tauri.TauriClientIdentity;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriPushListener;
import io.github.chatwire.tauri.TauriTrust;
import io.github.chatwire.tauri.model.TauriMessage;
import io.github.chatwire.testkit.tauri.FakeOmegaQuicServer;
import io.github.chatwire.testkit.tauri.FakeTauriConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Omega's Tauri push channel over real QUIC (kwik) on loopback, against the testkit's fake Omega:
 * the device identifies, answers the server's pings, receives a push and a read notification, then
 * the server drops the connection (application close 4000) and the client reconnects and identifies
 * again by itself, after which pushes arrive again.
 */
final class TauriScenario implements Scenario {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String USER = "1733600000001";
  private static final String ALICE = "1733600000002";

  @Override
  public String name() {
    return "Tauri push (QUIC)";
  }

  @Override
  public List<String> run(Output out) throws Exception {
    // Before any kwik class initialises: kwik 0.10.9's spurious assert would kill its receiver
    // under -ea.
    FakeOmegaQuicServer.disableKwikAssertions();
    List<String> summary = new ArrayList<>();
    try (FakeOmegaQuicServer server = FakeOmegaQuicServer.builder().start()) {
      out.info(
          "fake Omega Tauri endpoint on quic://"
              + server.host()
              + ":"
              + server.port()
              + " (ALPN "
              + server.alpn()
              + ")");
      BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
      CompletableFuture<Void> reconnected = new CompletableFuture<>();
      AtomicInteger readies = new AtomicInteger();
      TauriClientIdentity device = TauriClientIdentity.generateSelfSigned("demo-device");
      out.info(
          "device certificate: "
              + device.certificate().getSubjectX500Principal().getName()
              + " (EC P-256, self-signed)");
      TauriPushClient client =
          TauriPushClient.builder()
              .host(server.host())
              .port(server.port())
              .alpn(server.alpn())
              .userId(USER)
              .clientIdentity(device)
              // Trust exactly the fake server's self-signed certificate (host name still checked).
              .trust(TauriTrust.certificates(server.certificate().certificate()))
              .options(
                  ConnectionOptions.builder()
                      .name("tauri-demo")
                      .idleTimeout(Duration.ofSeconds(90))
                      .reconnectPolicy(
                          ReconnectPolicy.builder().initialDelay(Duration.ofMillis(200)).build())
                      .build())
              .listener(
                  new TauriPushListener() {
                    @Override
                    public void onIdentified(String messageId) {
                      out.info("identified as user " + USER + " (success id " + messageId + ")");
                    }

                    @Override
                    public void onPushNotification(String senderId) {
                      out.info("push_notification: new message from " + senderId);
                      notifications.add("push:" + senderId);
                    }

                    @Override
                    public void onReadNotification(String senderId) {
                      out.info(
                          "read_notification: messages from "
                              + senderId
                              + " were read, clear the badge");
                      notifications.add("read:" + senderId);
                    }

                    @Override
                    public void onStateChange(StateChange change) {
                      out.state(
                          "tauri",
                          change.current().name(),
                          change.cause() == null ? null : change.cause().getMessage());
                      if (change.current() == ConnectionState.READY
                          && readies.incrementAndGet() == 2) {
                        reconnected.complete(null);
                      }
                    }

                    @Override
                    public void onError(ChatwireException error) {
                      out.error(error.getClass().getSimpleName(), error.getMessage());
                    }
                  })
              .build();
      try {
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        FakeTauriConnection conn = server.awaitIdentified(WAIT);

        // The server pings; the client answers each at once with a pong.
        double best = Double.MAX_VALUE;
        for (int i = 1; i <= 3; i++) {
          long value = System.currentTimeMillis();
          long start = System.nanoTime();
          conn.ping(value);
          conn.awaitReceived(m -> m.equals(new TauriMessage.Pong(value)), WAIT);
          double rtt = (System.nanoTime() - start) / 1_000_000.0;
          best = Math.min(best, rtt);
          out.info(
              String.format(
                  "ping %d answered with pong: rtt %.2f ms (seen by the server)", i, rtt));
        }

        conn.push(ALICE);
        expect(notifications, "push:" + ALICE);
        conn.read(ALICE);
        expect(notifications, "read:" + ALICE);

        out.info(
            "forcing a disconnect: the server closes the QUIC connection with code 4000 (maintenance)");
        conn.close(4000, "maintenance");
        reconnected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        FakeTauriConnection again = server.awaitIdentified(WAIT);
        out.info("reconnected and identified again as " + again.userId());
        again.push(ALICE);
        expect(notifications, "push:" + ALICE);

        summary.add(
            "QUIC + TLS 1.3, client certificate offered (the fake does not check it); READY on success");
        summary.add(String.format("3 pings answered, best rtt %.2f ms", best));
        summary.add("push_notification and read_notification from " + ALICE + " delivered");
        summary.add(
            "close 4000 -> reconnected and re-identified automatically ("
                + server.connections().size()
                + " connections); pushes flow again");
      } finally {
        client.close();
        client.closeFuture().get(5, TimeUnit.SECONDS);
      }
    }
    return summary;
  }

  private static void expect(BlockingQueue<String> notifications, String wanted)
      throws InterruptedException {
    String got = notifications.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (!wanted.equals(got)) {
      throw new IllegalStateException("expected " + wanted + ", got " + got);
    }
  }
}

package io.github.chatwire.examples.demo;

import io.github.chatwire.binary.BinaryWsClient;
import io.github.chatwire.binary.BinaryWsListener;
import io.github.chatwire.binary.PongEvent;
import io.github.chatwire.binary.codec.PacketCodecs;
import io.github.chatwire.binary.codec.PacketRegistry;
import io.github.chatwire.binary.codec.SettingRegistry;
import io.github.chatwire.binary.codec.ValueCodecs;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.SettingKey;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.testkit.binary.FakeBinaryWsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The binary /api/ws protocol against the testkit's fake server on loopback. */
final class BinaryScenario implements Scenario {
  private static final String ACCESS_KEY =
      "ZGVtby1hY2Nlc3Mta2V5LTAxMjM0NTY3"; // "demo-access-key-01234567"
  private static final SettingKey<Integer> VOLUME = new SettingKey<>(1, "volume", Integer.class);

  @Override
  public String name() {
    return "binary /api/ws";
  }

  @Override
  public List<String> run(Output out) throws Exception {
    SettingRegistry registry =
        SettingRegistry.defaults().toBuilder().register(VOLUME, ValueCodecs.INT).build();
    List<String> summary = new ArrayList<>();
    try (FakeBinaryWsServer server =
        FakeBinaryWsServer.builder()
            .accessKey(ACCESS_KEY)
            .settings(registry)
            .echoSettings(true)
            .build()
            .start()) {
      out.info("fake /api/ws server on " + server.url());
      CountDownLatch pongs = new CountDownLatch(3);
      CompletableFuture<Settings> echoed = new CompletableFuture<>();
      CompletableFuture<Void> reconnected = new CompletableFuture<>();
      AtomicInteger readies = new AtomicInteger();
      List<Double> rtts = new ArrayList<>();
      BinaryWsClient client =
          BinaryWsClient.builder()
              .url(server.url())
              .accessKey(Secret.of(ACCESS_KEY))
              .settings(registry)
              .clientboundPackets(
                  PacketRegistry.clientbound().toBuilder()
                      .register(PacketCodecs.settings(registry))
                      .build())
              .pingInterval(Duration.ofMillis(300))
              .options(
                  ConnectionOptions.builder()
                      .name("binary-demo")
                      .reconnectPolicy(
                          ReconnectPolicy.builder().initialDelay(Duration.ofMillis(200)).build())
                      .build())
              .listener(
                  new BinaryWsListener() {
                    @Override
                    public void onPong(PongEvent pong) {
                      double rtt = pong.roundTrip().toNanos() / 1_000_000.0;
                      synchronized (rtts) {
                        rtts.add(rtt);
                      }
                      out.info(
                          String.format(
                              "pong: rtt %.2f ms, server clock offset %d ms%s",
                              rtt,
                              pong.clockOffsetMillis(),
                              pong.authentication() ? " (authenticated)" : ""));
                      pongs.countDown();
                    }

                    @Override
                    public void onEvent(ClientboundPacket packet) {
                      if (packet instanceof Settings) {
                        echoed.complete((Settings) packet);
                      }
                    }

                    @Override
                    public void onStateChange(StateChange change) {
                      out.state(
                          "binary",
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
        client.connect().get(10, TimeUnit.SECONDS);
        if (!pongs.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("pings were not answered");
        }
        client.sendSettings(Settings.builder().set(VOLUME, 7).build()).get(5, TimeUnit.SECONDS);
        Settings echo = echoed.get(5, TimeUnit.SECONDS);
        out.info("setting volume=7 sent; server echoed volume=" + echo.get(VOLUME));
        out.info("forcing a disconnect: the server closes with 3005 (server error, retryable)");
        server.sessions().get(0).close(3005, "demo: server error");
        reconnected.get(15, TimeUnit.SECONDS);
        out.info("reconnected and re-authenticated on session " + server.sessions().size());
        double best;
        synchronized (rtts) {
          best = rtts.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }
        summary.add("authenticated with a 24-byte access key; READY on the first pong");
        summary.add(String.format("%d pongs, best rtt %.2f ms", rtts.size(), best));
        summary.add("setting volume=7 echoed back by the server");
        summary.add(
            "close 3005 -> reconnected automatically (" + server.sessions().size() + " sessions)");
      } finally {
        client.close();
        client.closeFuture().get(5, TimeUnit.SECONDS);
      }
    }
    return summary;
  }
}

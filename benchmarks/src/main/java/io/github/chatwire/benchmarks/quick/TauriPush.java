package io.github.chatwire.benchmarks.quick;

import io.github.chatwire.tauri.TauriClientIdentity;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriPushListener;
import io.github.chatwire.tauri.TauriTrust;
import io.github.chatwire.testkit.tauri.FakeOmegaQuicServer;
import io.github.chatwire.testkit.tauri.FakeTauriConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;

/**
 * Push latency over QUIC on loopback: from the fake Omega writing a {@code push_notification} to
 * the application seeing it, for the chatwire Tauri client (listener on the callback executor) and
 * for a hand-written raw kwik client (a line reader on its own thread), against one server.
 */
final class TauriPush {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private TauriPush() {}

  /**
   * The raw kwik client: identify, then read newline-delimited JSON and note each push's arrival.
   */
  static final class RawKwik implements AutoCloseable {
    final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    private final QuicClientConnection conn;

    RawKwik(FakeOmegaQuicServer server, String userId) throws Exception {
      TauriClientIdentity id = TauriClientIdentity.generateSelfSigned("raw-device");
      // Trust the server's certificate as the chatwire client does (no insecure shortcut).
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("omega", server.certificate().certificate());
      conn =
          QuicClientConnection.newBuilder()
              .host(server.host())
              .port(server.port())
              .applicationProtocol(server.alpn())
              .connectTimeout(WAIT)
              .customTrustStore(trust)
              .clientCertificate(id.certificate())
              .clientCertificateKey(id.privateKey())
              .build();
      conn.connect();
      QuicStream s = conn.createStream(true);
      OutputStream out = s.getOutputStream();
      out.write(
          ("{\"type\":\"tauri_identification\",\"data\":{\"user_id\":\"" + userId + "\"}}\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    if (line.contains("\"push_notification\"")) {
                      arrivals.add(System.nanoTime());
                    }
                  }
                } catch (Exception ignored) {
                  // closed
                }
              },
              "raw-kwik-reader");
      reader.setDaemon(true);
      reader.start();
    }

    @Override
    public void close() {
      conn.close();
    }
  }

  private static long[] block(FakeTauriConnection to, BlockingQueue<Long> arrivals, int n)
      throws Exception {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      to.push("sender-" + i);
      Long at = arrivals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (at == null) {
        throw new IllegalStateException("push " + i + " did not arrive");
      }
      t[i] = at - start;
    }
    return t;
  }

  static void run(Report report, boolean full) throws Exception {
    FakeOmegaQuicServer.disableKwikAssertions();
    int reps = full ? 7 : 5;
    int n = full ? 1000 : 300;
    try (FakeOmegaQuicServer server = FakeOmegaQuicServer.builder().start()) {
      BlockingQueue<Long> cwArrivals = new LinkedBlockingQueue<>();
      TauriPushClient client =
          TauriPushClient.builder()
              .host(server.host())
              .port(server.port())
              .alpn(server.alpn())
              .userId("cw-user")
              .clientIdentity(TauriClientIdentity.generateSelfSigned("cw-device"))
              .trust(TauriTrust.certificates(server.certificate().certificate()))
              .listener(
                  new TauriPushListener() {
                    @Override
                    public void onPushNotification(String senderId) {
                      cwArrivals.add(System.nanoTime());
                    }
                  })
              .build();
      try (RawKwik raw = new RawKwik(server, "raw-user")) {
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        FakeTauriConnection a = server.awaitIdentified(WAIT);
        FakeTauriConnection b = server.awaitIdentified(WAIT);
        FakeTauriConnection toCw = a.userId().equals("cw-user") ? a : b;
        FakeTauriConnection toRaw = toCw == a ? b : a;
        block(toCw, cwArrivals, n);
        block(toRaw, raw.arrivals, n);
        double[] p50r = new double[reps];
        double[] cw50 = new double[reps];
        double[] raw50 = new double[reps];
        double[] cw99 = new double[reps];
        double[] raw99 = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
          java.util.List<long[]> ab =
              Quick.abba(
                  rep, () -> block(toCw, cwArrivals, n), () -> block(toRaw, raw.arrivals, n));
          long[] x = ab.get(0);
          long[] y = ab.get(1);
          cw50[rep] = Report.quantile(x, 0.5);
          raw50[rep] = Report.quantile(y, 0.5);
          cw99[rep] = Report.quantile(x, 0.99);
          raw99[rep] = Report.quantile(y, 0.99);
          p50r[rep] = cw50[rep] / raw50[rep];
          report.data("tauri", "rep" + rep, "chatwire p50", cw50[rep] / 1e3, "us");
          report.data("tauri", "rep" + rep, "raw p50", raw50[rep] / 1e3, "us");
        }
        report.line(
            "Tauri push latency over QUIC (lower better)",
            String.format(
                Locale.ROOT,
                "p50 %s, p99 %s",
                Report.micros(Report.medianOf(cw50)),
                Report.micros(Report.medianOf(cw99))),
            String.format(
                Locale.ROOT,
                "raw kwik p50 %s, p99 %s",
                Report.micros(Report.medianOf(raw50)),
                Report.micros(Report.medianOf(raw99))),
            p50r,
            "(no target in the issue)",
            null);
      } finally {
        client.close();
      }
    }
  }
}

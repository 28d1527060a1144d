package io.github.chatwire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.transport.RawWsServer.Peer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Memory bounds of the WebSocket transport against peers that try to exhaust the heap. The client
 * runs in its own JVM with {@code -Xmx64m} ({@link MemoryProbe}), so an OutOfMemoryError fails the
 * test instead of the build; the hostile server runs here.
 */
class WebSocketMemoryTest {
  private static final long LIMIT = 1024 * 1024;

  /** What the probe printed, and its exit status. */
  private record Outcome(int exit, String output, int closeCode) {}

  /** Runs the probe against a server behaviour; the behaviour gets the upgraded peer. */
  private Outcome run(ServerBehaviour behaviour, String... probeArgs) throws Exception {
    try (RawWsServer server = new RawWsServer()) {
      List<String> cmd = new ArrayList<>();
      cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx64m");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(MemoryProbe.class.getName());
      cmd.add(server.url());
      cmd.add(Long.toString(LIMIT));
      cmd.addAll(List.of(probeArgs));
      File log = File.createTempFile("memory-probe", ".txt");
      log.deleteOnExit();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
      AtomicInteger closeCode = new AtomicInteger(-2);
      Thread serverThread =
          new Thread(
              () -> {
                try (Peer peer = server.accept(30_000).upgrade()) {
                  behaviour.run(peer, closeCode);
                } catch (IOException e) {
                  // the client went away: what the test waits for
                }
              },
              "hostile-server");
      serverThread.setDaemon(true);
      serverThread.start();
      boolean ended = p.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      serverThread.join(10_000);
      String out = new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8);
      System.out.println(
          behaviour
              + ": exit "
              + (ended ? p.exitValue() : -1)
              + ", "
              + out.trim().replace('\n', ';'));
      return new Outcome(ended ? p.exitValue() : -1, out, closeCode.get());
    }
  }

  private interface ServerBehaviour {
    void run(Peer peer, AtomicInteger closeCode) throws IOException;
  }

  /** Streams the payload in 64 KiB writes while a second thread reads the client's close code. */
  private static void stream(Peer peer, AtomicInteger closeCode, long bytes) throws IOException {
    Thread reader =
        new Thread(
            () -> {
              try {
                closeCode.set(peer.closeCode());
              } catch (IOException e) {
                closeCode.set(-1);
              }
            },
            "hostile-server-reader");
    reader.setDaemon(true);
    reader.start();
    byte[] zeros = new byte[64 * 1024];
    for (long sent = 0; sent < bytes; sent += zeros.length) {
      peer.out.write(zeros);
    }
    awaitQuietly(reader);
  }

  private static void awaitQuietly(Thread t) {
    try {
      t.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void assertBoundedTooLarge(Outcome o) {
    assertEquals(0, o.exit(), o.output());
    assertTrue(o.output().contains("TERMINAL MessageTooLargeException"), o.output());
    assertEquals(1009, o.closeCode(), "the server got a 1009 close frame; " + o.output());
  }

  @Test
  void frameDeclaring2To62BytesOfStreamedZerosEndsWith1009() throws Exception {
    Outcome o =
        run(
            (peer, code) -> {
              peer.raw(Peer.header(0x82, 1L << 62));
              stream(peer, code, Long.MAX_VALUE);
            });
    assertBoundedTooLarge(o);
  }

  @Test
  void oneMessageOf200MiBToA1MiBClientEndsWith1009() throws Exception {
    long size = 200L * 1024 * 1024;
    Outcome o =
        run(
            (peer, code) -> {
              peer.raw(Peer.header(0x82, size));
              stream(peer, code, size);
            });
    assertBoundedTooLarge(o);
  }

  @Test
  void twoHundredMiBInContinuationFramesEndsWith1009() throws Exception {
    Outcome o =
        run(
            (peer, code) -> {
              Thread reader =
                  new Thread(
                      () -> {
                        try {
                          code.set(peer.closeCode());
                        } catch (IOException e) {
                          code.set(-1);
                        }
                      });
              reader.setDaemon(true);
              reader.start();
              byte[] chunk = new byte[16 * 1024];
              int frames = (int) (200L * 1024 * 1024 / chunk.length);
              for (int i = 0; i < frames; i++) {
                int b0 = (i == 0 ? 0x02 : 0x00) | (i == frames - 1 ? 0x80 : 0);
                peer.raw(Peer.header(b0, chunk.length));
                peer.out.write(chunk);
              }
              awaitQuietly(reader);
            });
    assertBoundedTooLarge(o);
  }

  @Test
  void pingFloodFromAPeerThatNeverReadsEndsTheConnection() throws Exception {
    Outcome o =
        run(
            (peer, code) -> {
              byte[] ping = new byte[2 + 125];
              ping[0] = (byte) 0x89;
              ping[1] = 125;
              byte[] burst = new byte[ping.length * 512];
              for (int i = 0; i < 512; i++) {
                System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
              }
              // Never reads: the client's pongs pile up in the socket buffers until its writes
              // block.
              while (true) {
                peer.out.write(burst);
              }
            });
    assertEquals(0, o.exit(), o.output());
    assertTrue(o.output().contains("TERMINAL WebSocketProtocolException 1008"), o.output());
  }
}

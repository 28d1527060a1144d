package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3, memory: a listener taking 10 ms per event and a flood of small messages never
 * exhaust a 64 MiB heap. Runs {@link FloodMain} in a forked JVM so that an OutOfMemoryError fails
 * this test rather than the build. (On the old unbounded backlog the child died of OOM within about
 * a second.)
 */
class ListenerBacklogMemoryTest {
  @Test
  void floodIntoASlowListenerStaysWithinA64MiBHeap() throws Exception {
    runChild();
  }

  /**
   * The same through the real OkHttp transport over loopback: the server floods as fast as TCP lets
   * it; the client's reader thread waits for the listener, so TCP flow control holds the server
   * back.
   */
  @Test
  void floodOverAWebSocketStaysWithinA64MiBHeap() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      AtomicBoolean stop = new AtomicBoolean();
      String payload = "x".repeat(4000);
      server.enqueue(
          new MockResponse()
              .withWebSocketUpgrade(
                  new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket ws, Response response) {
                      Thread flood =
                          new Thread(
                              () -> {
                                long n = 0;
                                while (!stop.get()) {
                                  // OkHttp refuses sends past its 16 MiB queue: wait for the client
                                  // to read.
                                  if (!ws.send(payload + n)) {
                                    if (!sleep()) {
                                      return;
                                    }
                                  } else {
                                    n++;
                                  }
                                }
                              },
                              "flood-server");
                      flood.setDaemon(true);
                      flood.start();
                    }
                  }));
      server.start();
      try {
        runChild("ws://" + server.getHostName() + ":" + server.getPort() + "/flood");
      } finally {
        stop.set(true);
      }
    }
  }

  private static boolean sleep() {
    try {
      Thread.sleep(1);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static void runChild(String... extra) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    Path out = Files.createTempFile("flood", ".log");
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "-Xmx64m",
                  "-XX:+ExitOnOutOfMemoryError",
                  "-cp",
                  classpath,
                  FloodMain.class.getName(),
                  "6000"));
      command.addAll(List.of(extra));
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      boolean ended = p.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String log = Files.readString(out, StandardCharsets.UTF_8);
      System.out.println(log);
      assertTrue(ended, "the child did not end: " + log);
      assertEquals(
          0,
          p.exitValue(),
          "child failed (3 = OutOfMemoryError, 2 = backlog over the bound): " + log);
      assertTrue(log.contains("maxBacklog="), log);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}

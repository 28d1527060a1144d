package io.github.chatwire.testkit.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The open finding of 2026-12-01: a 50 KB frame from the kwik fake sometimes never reached the
 * client. Here 32 of them go out on one connection, each followed by a push that must arrive; if
 * one does not, the test says where the bytes are (the fake's kwik send buffer, read by reflection)
 * and whether a zero-length write, which only asks kwik's sender to run once more, lets them out.
 *
 * <p>Measured (loaded 2-core machine, kwik 0.10.9): at 11:22 and 11:25 UTC 0/32 rounds on one
 * connection and 0/40 on fresh connections stuck; at 11:48 and 11:58 round 0 stuck both times, the
 * same way: the client READY and silent (no decode error), and the fake's stream with 0 send
 * requests queued and 47,665 of the 50,106 written bytes still buffered (2,441 sent); the
 * zero-length write sent nothing within 10 s. So the bytes never left the server's kwik stream: not
 * our reader. kwik's {@code StreamOutputStreamImpl.sendStreamFrame} returns without queuing another
 * request in two cases: (a) a check-then-act race on {@code sendRequestsQueued} in {@code
 * scheduleSendStreamFrameRequest} (the writer queues the request before it counts it), (b) flow
 * control blocked at an offset already reported, until the peer's MAX_STREAM_DATA. That the extra
 * request sent nothing, and the identical byte count twice, point to (b). Disabled until resolved:
 * enable it to reproduce.
 */
@org.junit.jupiter.api.Disabled(
    "kwik: a 50 KB frame from the fake can stay in its send buffer (see the class comment)")
class TauriLargeFrameTest extends TauriQuicTestBase {
  static final int ROUNDS = 32;
  static final Duration PER_ROUND = Duration.ofSeconds(10);

  @Test
  void fiftyKilobyteFramesAndThePushesAfterThemAllArrive() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    RecordingListener listener = new RecordingListener();
    FakeTauriConnection conn = connected(server, client(server, listener));
    String big =
        "{\"type\":\"push_notification\",\"data\":{\"sender_id\":" + "7".repeat(50_000) + "}}";
    List<String> stuck = new ArrayList<>();
    for (int i = 0; i < ROUNDS && stuck.isEmpty(); i++) {
      conn.sendRaw(big);
      conn.push("p" + i);
      String e = nextPush(listener, PER_ROUND);
      if (e == null) {
        String where = kwikSendState(conn);
        conn.sendBytes(new byte[0]);
        String afterNudge = nextPush(listener, PER_ROUND);
        stuck.add(
            "round "
                + i
                + ": "
                + where
                + "; after a zero-length write: "
                + afterNudge
                + "; states "
                + listener.states
                + ", errors "
                + listener.errors.size());
      } else {
        assertEquals("push:p" + i, e);
      }
    }
    assertEquals(List.of(), stuck);
    assertTrue(listener.errors.size() >= ROUNDS, "each over-long id was a decode error");
  }

  /**
   * The next push, skipping nothing else (the over-long ids are errors, not events); null if none.
   */
  private static String nextPush(RecordingListener l, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      String e = l.events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null || e.startsWith("push:")) {
        return e;
      }
    }
  }

  /** kwik's view of the fake's stream output (reflection on kwik internals; a diagnosis only). */
  private static String kwikSendState(FakeTauriConnection conn) {
    try {
      Object stream = field(FakeTauriConnection.class, "stream").get(conn);
      Object out = stream.getClass().getMethod("getOutputStream").invoke(stream);
      Object queued = field(out.getClass(), "sendRequestsQueued").get(out);
      Object buffer = field(out.getClass(), "sendBuffer").get(out);
      Method bytes = buffer.getClass().getDeclaredMethod("getAvailableBytes");
      bytes.setAccessible(true);
      return "kwik send requests queued " + queued + ", bytes buffered " + bytes.invoke(buffer);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "kwik state unknown (" + e + ")";
    }
  }

  private static Field field(Class<?> c, String name) throws NoSuchFieldException {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      try {
        Field f = k.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(name);
  }
}

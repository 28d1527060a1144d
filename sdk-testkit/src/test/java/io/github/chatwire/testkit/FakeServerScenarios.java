package io.github.chatwire.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The scenarios every {@link FakeServer} must support, written against the common face only: the
 * test of each fake connects a real SDK client, then hands the fake, the client's state and a
 * virtual clock to these. Timers run in virtual time; the sockets are real, so waits on them are
 * bounded by a real-time deadline that only ends a test that would otherwise hang.
 */
public final class FakeServerScenarios {
  static final long REAL_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

  private FakeServerScenarios() {}

  /** The connected client, as the scenarios see it. */
  public static final class Client {
    final Supplier<ConnectionState> state;
    final BlockingQueue<StateChange> changes;
    final IntSupplier livenessAnswers;

    /**
     * @param state the client's current state
     * @param changes every state change of the client, in order
     * @param livenessAnswers how many liveness answers (pongs, server heartbeats) the client has
     *     received so far
     */
    public Client(
        Supplier<ConnectionState> state,
        BlockingQueue<StateChange> changes,
        IntSupplier livenessAnswers) {
      this.state = state;
      this.changes = changes;
      this.livenessAnswers = livenessAnswers;
    }
  }

  /** The highest connection number the server has read a frame from; -1 if none. */
  static int lastConnection(FakeServer server) {
    List<ReceivedFrame> frames = server.receivedFrames();
    int last = -1;
    for (ReceivedFrame f : frames) {
      last = Math.max(last, f.connection());
    }
    return last;
  }

  /**
   * drop() cuts the client's connection; the client notices, reconnects after its backoff, and
   * talks to the server on a new connection.
   */
  public static void dropIsFollowedByAReconnect(
      FakeServer server, VirtualScheduler clock, Client client) throws InterruptedException {
    assertEquals(ConnectionState.READY, client.state.get());
    int before = lastConnection(server);
    assertTrue(before >= 0, "the client sent frames before the drop: " + server.receivedFrames());
    client.changes.clear();
    server.drop();
    StateChange lost = awaitChange(client.changes, ConnectionState.RECONNECTING);
    assertTrue(lost.cause() != null, "a dropped connection has a cause");
    driveUntil(
        clock,
        () -> client.state.get() == ConnectionState.READY && lastConnection(server) > before,
        "ready again on a new connection",
        Duration.ofMillis(500),
        client);
  }

  /**
   * silence() stops the server's liveness traffic: the client gets no liveness answer any more, its
   * watchdog ends the connection within {@code watchdog} of virtual time, and after resume() it
   * reconnects and is ready again.
   */
  public static void silenceWakesTheWatchdog(
      FakeServer server, VirtualScheduler clock, Client client, Duration watchdog)
      throws InterruptedException {
    assertEquals(ConnectionState.READY, client.state.get());
    client.changes.clear();
    server.silence();
    int answers = client.livenessAnswers.getAsInt();
    long stepNanos = TimeUnit.SECONDS.toNanos(1);
    long budget = watchdog.toNanos() + stepNanos;
    long advanced = 0;
    int framesBefore = server.receivedFrames().size();
    // The watchdog ends the connection inside advance(), on this thread; listeners hear of it
    // later, on a callback thread. So the clock stops at the state, and the reported change is
    // awaited in real time after: a listener that is late on a loaded machine must not make the
    // loop move the clock past the budget.
    while (client.state.get() == ConnectionState.READY) {
      assertTrue(advanced <= budget, "the watchdog did not act within " + watchdog + " of silence");
      clock.advance(Duration.ofNanos(stepNanos));
      advanced += stepNanos;
      settle(server);
    }
    StateChange lost = awaitChange(client.changes, ConnectionState.RECONNECTING);
    assertTrue(lost.cause() != null, "the watchdog's end has a cause");
    assertEquals(
        answers,
        client.livenessAnswers.getAsInt(),
        "a silenced server answered the client's liveness");
    assertTrue(
        server.receivedFrames().size() >= framesBefore, "frames are still recorded while silent");
    server.resume();
    driveUntil(
        clock,
        () -> client.state.get() == ConnectionState.READY,
        "ready again after resume",
        Duration.ofMillis(500),
        client);
  }

  /** Lets the frames the client sent in this virtual step reach the server before the next step. */
  private static void settle(FakeServer server) throws InterruptedException {
    int n;
    int stable = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    do {
      n = server.receivedFrames().size();
      Thread.sleep(2);
      stable = server.receivedFrames().size() == n ? stable + 1 : 0;
    } while (stable < 3 && System.nanoTime() < deadline);
  }

  static StateChange awaitChange(BlockingQueue<StateChange> changes, ConnectionState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + REAL_DEADLINE_NANOS;
    while (true) {
      StateChange c = changes.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (c == null) {
        throw new AssertionError("no change to " + state);
      }
      if (c.current() == state) {
        return c;
      }
    }
  }

  /**
   * Advances virtual time by {@code step} while the client waits for its backoff (RECONNECTING);
   * otherwise lets the real sockets work, until {@code done}.
   */
  static void driveUntil(
      VirtualScheduler clock, BooleanSupplier done, String what, Duration step, Client client)
      throws InterruptedException {
    long deadline = System.nanoTime() + REAL_DEADLINE_NANOS;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out waiting until " + what + "; state " + client.state.get());
      }
      if (client.state.get() == ConnectionState.RECONNECTING) {
        clock.advance(step);
      } else {
        Thread.sleep(10);
      }
    }
  }
}

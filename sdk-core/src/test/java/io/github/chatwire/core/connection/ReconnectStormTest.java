package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.testing.ScriptedTransport.Session;
import io.github.chatwire.core.testing.TestProtocol;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 1,000 engine connections with the default policy, dropped by their server at the same moment, in
 * virtual time with a seeded random source: how the first retry wave spreads.
 */
class ReconnectStormTest {
  private static final int CLIENTS = 1_000;
  private static final Duration STEP = Duration.ofMillis(10);

  private final VirtualScheduler time = new VirtualScheduler();
  private final ChatwireRuntime runtime =
      ChatwireRuntime.builder().scheduler(time).callbackExecutor(Runnable::run).build();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final List<ManagedConnection> connections = new ArrayList<>();

  @AfterEach
  void tearDown() {
    connections.forEach(ManagedConnection::close);
    runtime.close();
  }

  /**
   * Runs the storm and returns, per 10 ms step since the drop, how many clients opened a socket.
   */
  private int[] storm(Consumer<Session> drop, Duration horizon) {
    Random seeded = new Random(20261201L);
    for (int i = 0; i < CLIENTS; i++) {
      ManagedConnection c =
          ManagedConnection.builder(transport, new TestProtocol())
              .options(ConnectionOptions.builder().name("c" + i).random(seeded::nextDouble).build())
              .runtime(runtime)
              .build();
      connections.add(c);
      c.connect();
      handshake(transport.last());
    }
    assertTrue(connections.stream().allMatch(c -> c.state() == ConnectionState.READY));
    List<Session> first = new ArrayList<>(transport.sessions());
    first.forEach(drop);
    assertTrue(connections.stream().allMatch(c -> c.state() == ConnectionState.RECONNECTING));

    int steps = (int) (horizon.toMillis() / STEP.toMillis());
    int[] opened = new int[steps];
    int seen = transport.opens();
    for (int s = 0; s < steps; s++) {
      time.advance(STEP);
      int now = transport.opens();
      opened[s] = now - seen;
      for (int k = seen; k < now; k++) {
        handshake(transport.sessions().get(k));
      }
      seen = now;
    }
    assertEquals(2 * CLIENTS, transport.opens(), "every client retried exactly once");
    assertTrue(
        connections.stream().allMatch(c -> c.state() == ConnectionState.READY), "all READY again");
    return opened;
  }

  private static void handshake(Session s) {
    s.accept();
    s.serverSends("welcome");
  }

  /** The most opens in any 100 ms (ten consecutive 10 ms steps). */
  private static int busiest100ms(int[] opened) {
    int best = 0;
    int sum = 0;
    for (int i = 0; i < opened.length; i++) {
      sum += opened[i];
      if (i >= 10) {
        sum -= opened[i - 10];
      }
      best = Math.max(best, sum);
    }
    return best;
  }

  @Test
  void anAbruptDropSpreadsTheFirstRetriesToAtMostFivePercentPerHundredMilliseconds() {
    // Failed before the full-jitter default: 0.5-1 s put about 20% into the busiest 100 ms.
    int[] opened =
        storm(s -> s.fail(new ConnectionLostException("connection reset")), Duration.ofSeconds(6));
    int busiest = busiest100ms(opened);
    assertTrue(busiest <= CLIENTS / 20, "busiest 100 ms held " + busiest + " of " + CLIENTS);
  }

  @Test
  void aServiceRestartCloseSpreadsTheWaveTwiceAsWide() {
    // Failed before ManagedConnection handed the close code to the policy: 1012 got the 5 s window.
    int[] opened = storm(s -> s.serverCloses(1012, "service restart"), Duration.ofSeconds(11));
    int busiest = busiest100ms(opened);
    assertTrue(
        busiest <= CLIENTS * 3 / 100,
        "busiest 100 ms after 1012 held " + busiest + " of " + CLIENTS);
    int inFirstFiveSeconds = 0;
    for (int i = 0; i < 500; i++) {
      inFirstFiveSeconds += opened[i];
    }
    assertTrue(
        inFirstFiveSeconds < CLIENTS * 6 / 10 && inFirstFiveSeconds > CLIENTS * 4 / 10,
        "about half of the wave after 5 s of the 10 s window: " + inFirstFiveSeconds);
  }

  @Test
  void aStalledSchedulerThreadDoesNotTurnTheWaveIntoABurst() {
    // Failed before late reconnect timers were spread again: the ~10% of the wave due during a
    // 500 ms stall all started in the same instant when it ended.
    StallingScheduler stalling = new StallingScheduler(time);
    ChatwireRuntime rt =
        ChatwireRuntime.builder().scheduler(stalling).callbackExecutor(Runnable::run).build();
    Random seeded = new Random(20261201L);
    List<ManagedConnection> cs = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        ManagedConnection c =
            ManagedConnection.builder(transport, new TestProtocol())
                .options(
                    ConnectionOptions.builder().name("s" + i).random(seeded::nextDouble).build())
                .runtime(rt)
                .build();
        cs.add(c);
        c.connect();
        handshake(transport.last());
      }
      List<Session> first = new ArrayList<>(transport.sessions());
      stalling.stalled = true;
      first.forEach(s -> s.fail(new ConnectionLostException("connection reset")));
      int seen = transport.opens();
      int[] opened = new int[1000];
      for (int step = 0; step < opened.length; step++) {
        time.advance(STEP);
        if (step == 49) {
          assertTrue(stalling.held.size() > CLIENTS / 20, "held: " + stalling.held.size());
          stalling.endStall(); // 500 ms late for the earliest
        }
        int now = transport.opens();
        opened[step] = now - seen;
        for (int k = seen; k < now; k++) {
          handshake(transport.sessions().get(k));
        }
        seen = now;
      }
      assertEquals(2 * CLIENTS, transport.opens(), "every client retried exactly once");
      assertTrue(cs.stream().allMatch(c -> c.state() == ConnectionState.READY), "all READY");
      int busiest = busiest100ms(opened);
      assertTrue(busiest <= CLIENTS / 20, "busiest 100 ms held " + busiest + " of " + CLIENTS);
    } finally {
      cs.forEach(ManagedConnection::close);
      rt.close();
    }
  }
}

package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review of wip/perf (089a728): a reconnect timer that fires L late waits another 3 L, with no
 * bound. One connection (no storm to spread), a policy capped at 2 s, a scheduler thread held up
 * for 20 s (a long GC pause, a debugger, a host that counts suspend in nanoTime): the retry then
 * comes a further 60 s later, 30 times the policy's cap, while the RECONNECTING state change said
 * "retry in 1 s".
 */
class LateReconnectTimerTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final StallingScheduler stalling = new StallingScheduler(time);
  private final ChatwireRuntime runtime =
      ChatwireRuntime.builder().scheduler(stalling).callbackExecutor(Runnable::run).build();
  private final ScriptedTransport transport = new ScriptedTransport();

  @AfterEach
  void tearDown() {
    runtime.close();
  }

  @Test
  void aRetryHeldUpByAStalledSchedulerStillComesWithinThePolicysCapAfterTheStall() {
    Duration cap = Duration.ofSeconds(2);
    ReconnectPolicy policy =
        ReconnectPolicy.builder()
            .initialDelay(Duration.ofSeconds(1))
            .maxDelay(cap)
            .jitter(0)
            .restartSpread(1)
            .build();
    ManagedConnection c =
        ManagedConnection.builder(transport, new io.github.chatwire.core.testing.TestProtocol())
            .options(ConnectionOptions.builder().reconnectPolicy(policy).build())
            .runtime(runtime)
            .build();
    c.connect();
    transport.last().accept();
    transport.last().serverSends("welcome");
    assertEquals(ConnectionState.READY, c.state());

    stalling.stalled = true;
    transport.last().fail(new ConnectionLostException("connection reset"));
    assertEquals(ConnectionState.RECONNECTING, c.state());
    time.advance(Duration.ofSeconds(21)); // the 1 s retry timer is held for 20 s
    assertEquals(1, transport.opens(), "nothing runs while the scheduler thread is stalled");
    stalling.endStall();
    time.advance(cap);

    assertEquals(
        2,
        transport.opens(),
        "the retry starts at the latest the policy's cap (" + cap + ") after the stall ended");
    c.close();
  }
}

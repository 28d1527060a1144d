package io.github.chatwire.testkit;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link FakeServerScenarios} as tests, for a fake whose client can be connected in virtual
 * time. A subclass starts its fake on {@link #clock}, connects a real client on {@link #runtime}
 * (in a {@code @BeforeEach}, which runs after this class's fields are set up), records the client's
 * state changes in {@link #changes} and counts its liveness answers in {@link #liveness}.
 */
public abstract class FakeServerFaceTestBase {
  protected final VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
  protected final ChatwireRuntime runtime = ChatwireRuntime.builder().scheduler(clock).build();
  protected final BlockingQueue<StateChange> changes = new LinkedBlockingQueue<>();
  protected final AtomicInteger liveness = new AtomicInteger();

  /**
   * @return the fake under test, started
   */
  protected abstract FakeServer server();

  /**
   * @return the connected client, closed after the test
   */
  protected abstract AutoCloseable client();

  /**
   * @return the client's state
   */
  protected abstract ConnectionState clientState();

  /**
   * @return how long the client's watchdog waits for a frame
   */
  protected abstract Duration watchdog();

  @AfterEach
  void closeAll() throws Exception {
    client().close();
    server().close();
    runtime.close();
  }

  private FakeServerScenarios.Client view() {
    return new FakeServerScenarios.Client(this::clientState, changes, liveness::get);
  }

  @Test
  void dropIsFollowedByAReconnect() throws Exception {
    FakeServerScenarios.dropIsFollowedByAReconnect(server(), clock, view());
  }

  @Test
  void silenceWakesTheWatchdog() throws Exception {
    FakeServerScenarios.silenceWakesTheWatchdog(server(), clock, view(), watchdog());
  }
}

package io.github.chatwire.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
  @Test
  void runsTasksInDueOrderAtTheirOwnTime() {
    VirtualScheduler s = new VirtualScheduler();
    List<String> log = new ArrayList<>();
    s.schedule(() -> log.add("b@" + s.nanoTime()), 2, TimeUnit.SECONDS);
    s.schedule(() -> log.add("a@" + s.nanoTime()), 1, TimeUnit.SECONDS);
    s.schedule(() -> log.add("a2@" + s.nanoTime()), 1, TimeUnit.SECONDS);
    s.advance(Duration.ofMillis(1500));
    assertEquals(List.of("a@1000000000", "a2@1000000000"), log);
    assertEquals(1_500_000_000L, s.nanoTime());
    s.advance(Duration.ofSeconds(1));
    assertEquals("b@2000000000", log.get(2));
  }

  @Test
  void tasksScheduledDuringAdvanceRunWithinTheWindow() {
    VirtualScheduler s = new VirtualScheduler();
    List<Long> runs = new ArrayList<>();
    Runnable[] tick = new Runnable[1];
    tick[0] =
        () -> {
          runs.add(s.nanoTime());
          s.schedule(tick[0], Duration.ofSeconds(10));
        };
    s.schedule(tick[0], Duration.ofSeconds(10));
    s.advance(Duration.ofSeconds(35));
    assertEquals(3, runs.size());
    assertEquals(Duration.ofSeconds(5), s.nextDelay());
  }

  @Test
  void cancelledTasksDoNotRun() {
    VirtualScheduler s = new VirtualScheduler();
    boolean[] ran = {false};
    Cancellable c = s.schedule(() -> ran[0] = true, Duration.ofSeconds(1));
    assertTrue(c.cancel());
    assertFalse(c.cancel());
    s.advance(Duration.ofSeconds(2));
    assertFalse(ran[0]);
    assertNull(s.nextDelay());
  }

  @Test
  void wallClockMovesWithVirtualTime() {
    VirtualScheduler s = new VirtualScheduler(1000);
    s.advance(Duration.ofMillis(250));
    assertEquals(1250, s.currentTimeMillis());
  }
}

package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Review of wip/perf (d7bcf33): the one-timer-per-table timeouts against a model, in virtual time:
 * random timeouts (so later requests often have earlier deadlines than the armed timer), replies,
 * cancels, connection losses, unsent requests sent later, close. Every request that times out does
 * so exactly at its own deadline, none earlier or later, and the scheduler never holds more than a
 * couple of timers. Passes on wip/perf (evidence for "no issue found"); a guard for later changes.
 */
class PendingRequestsTimeoutModelTest {

  private static final class Req {
    final String key;
    final CompletableFuture<Object> f;
    long deadline = Long.MIN_VALUE; // virtual nanos, once sent
    long doneAt = Long.MIN_VALUE;
    boolean expectTimeout;
    Throwable outcome;

    Req(String key, CompletableFuture<Object> f) {
      this.key = key;
      this.f = f;
    }
  }

  @Test
  void everyTimeoutFiresExactlyAtItsDeadline() {
    for (long seed = 1; seed <= 40; seed++) {
      run(seed);
    }
  }

  private void run(long seed) {
    VirtualScheduler time = new VirtualScheduler();
    PendingRequests table = new PendingRequests(time, Runnable::run, 1024);
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Req> live = new HashMap<>();
    List<Req> all = new ArrayList<>();
    int next = 0;
    int maxTimers = 0;
    for (int step = 0; step < 3000; step++) {
      int op = r.nextInt(100);
      if (op < 40 && live.size() < 1000) {
        String key = "k" + next++;
        long timeoutMs = 1 + r.nextInt(r.nextBoolean() ? 50 : 5000);
        CompletableFuture<Object> f =
            table.registerUnsent(key, "get", Duration.ofMillis(timeoutMs), r.nextBoolean());
        Req q = new Req(key, f);
        f.whenComplete(
            (v, e) -> {
              q.doneAt = time.nanoTime();
              q.outcome = e instanceof CompletionException ? e.getCause() : e;
            });
        live.put(key, q);
        all.add(q);
        if (r.nextInt(4) != 0) {
          table.markSent(key, f, step + 1);
          q.deadline = time.nanoTime() + Duration.ofMillis(timeoutMs).toNanos();
        } else {
          q.deadline = -timeoutMs; // unsent: remember the timeout (negative marks "unsent")
        }
      } else if (op < 55 && !live.isEmpty()) {
        Req q = pick(r, live);
        table.complete(q.key, "reply");
      } else if (op < 62 && !live.isEmpty()) {
        Req q = pick(r, live);
        q.f.cancel(false);
      } else if (op < 70 && !live.isEmpty()) {
        // an unsent one goes out now
        Req q = pick(r, live);
        if (q.deadline < 0 && q.deadline != Long.MIN_VALUE) {
          long timeoutMs = -q.deadline;
          table.markSent(q.key, q.f, step + 1);
          q.deadline = time.nanoTime() + Duration.ofMillis(timeoutMs).toNanos();
        }
      } else if (op < 71) {
        table.failSent(new ConnectionLostException("lost"), new ConnectionLostException("lost"));
      } else {
        time.advance(Duration.ofNanos(1 + r.nextLong(Duration.ofMillis(300).toNanos())));
      }
      live.values().removeIf(q -> q.f.isDone());
      maxTimers = Math.max(maxTimers, time.pendingDelays().size());
      // Nothing sent is overdue and still pending.
      for (Req q : live.values()) {
        if (q.deadline >= 0) {
          assertTrue(time.nanoTime() - q.deadline < 0, "seed " + seed + ": overdue " + q.key);
        }
      }
    }
    time.advance(Duration.ofSeconds(10));
    table.failAll(new ConnectionLostException("closed"));
    assertTrue(time.pendingDelays().isEmpty(), "seed " + seed + ": close leaves no timer");
    int timeouts = 0;
    for (Req q : all) {
      if (q.outcome instanceof RequestTimeoutException) {
        timeouts++;
      }
      assertTrue(q.f.isDone(), "seed " + seed + ": " + q.key + " ended");
      if (q.outcome instanceof RequestTimeoutException) {
        assertEquals(q.deadline, q.doneAt, "seed " + seed + ": " + q.key + " timed out on time");
      } else if (q.outcome == null || q.outcome instanceof CancellationException) {
        assertTrue(
            q.deadline < 0 || q.doneAt - q.deadline < 0,
            "seed " + seed + ": " + q.key + " settled before its deadline");
      }
    }
    assertTrue(timeouts > 50, "seed " + seed + ": the model exercises timeouts: " + timeouts);
    assertTrue(maxTimers <= 3, "seed " + seed + ": at most a few timers, saw " + maxTimers);
  }

  private static Req pick(SplittableRandom r, Map<String, Req> live) {
    List<Req> list = new ArrayList<>(live.values());
    return list.get(r.nextInt(list.size()));
  }
}

package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review of wip/perf (3eb240a): where every kind of dependent stage of a request future runs when
 * the reply (or failure) is settled from a thread named like the socket reader. Passes on wip/perf
 * (evidence for "no issue found" on this guarantee); a guard for later changes.
 */
class RequestFutureThreadsTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final LinkedBlockingQueue<Runnable> completerTasks = new LinkedBlockingQueue<>();
  private final PendingRequests table = new PendingRequests(time, completerTasks::add, 64);
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "reader"));
  private final ExecutorService completer =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "completer"));
  private final Map<String, String> ranOn = new ConcurrentHashMap<>();

  @AfterEach
  void tearDown() {
    reader.shutdownNow();
    completer.shutdownNow();
  }

  private void record(String stage) {
    ranOn.put(stage, Thread.currentThread().getName());
  }

  /** Attaches one of each kind of dependent stage under the prefix. */
  private void attachAll(String p, CompletableFuture<Object> f) {
    f.thenApply(
        v -> {
          record(p + "thenApply");
          return v;
        });
    f.thenAccept(v -> record(p + "thenAccept"));
    f.thenRun(() -> record(p + "thenRun"));
    f.whenComplete((v, e) -> record(p + "whenComplete"));
    f.handle(
        (v, e) -> {
          record(p + "handle");
          return v;
        });
    f.exceptionally(
        e -> {
          record(p + "exceptionally");
          return null;
        });
    f.thenCompose(
        v -> {
          record(p + "thenCompose");
          return CompletableFuture.completedFuture(v);
        });
    f.toCompletableFuture().whenComplete((v, e) -> record(p + "toCompletableFuture"));
    f.minimalCompletionStage().whenComplete((v, e) -> record(p + "minimalStage"));
    f.copy().whenComplete((v, e) -> record(p + "copy"));
    CompletableFuture.allOf(f).whenComplete((v, e) -> record(p + "allOf"));
    CompletableFuture.anyOf(f, new CompletableFuture<>())
        .whenComplete((v, e) -> record(p + "anyOf"));
    CompletableFuture.completedFuture(1)
        .thenCompose(x -> f)
        .whenComplete((v, e) -> record(p + "relay"));
    f.orTimeout(1, TimeUnit.HOURS).whenComplete((v, e) -> record(p + "orTimeout"));
  }

  private void settleOnReader(Runnable settle) throws Exception {
    reader.submit(settle).get(30, TimeUnit.SECONDS);
  }

  private void runCompleterTasks() throws Exception {
    List<Runnable> tasks = new ArrayList<>();
    completerTasks.drainTo(tasks);
    completer.submit(() -> tasks.forEach(Runnable::run)).get(30, TimeUnit.SECONDS);
  }

  private void check(BiConsumer<String, CompletableFuture<Object>> settleAndAttach)
      throws Exception {
    CompletableFuture<Object> f = table.registerUnsent("k", "get", Duration.ofSeconds(5), false);
    table.markSent("k", f, 1);
    attachAll("before:", f);
    CountDownLatch woke = new CountDownLatch(1);
    Thread joiner =
        new Thread(
            () -> {
              try {
                f.handle((v, e) -> v).join();
                f.join();
              } catch (RuntimeException e) {
                // failure path
              }
              record("joiner-after-join");
              woke.countDown();
            },
            "joiner");
    joiner.start();
    settleAndAttach.accept("", f);
    attachAll("window:", f); // decided, public side not completed yet
    runCompleterTasks();
    assertTrue(woke.await(30, TimeUnit.SECONDS), "joiner woke");
    attachAll("after:", f);
    for (Map.Entry<String, String> e : ranOn.entrySet()) {
      if (e.getKey().startsWith("after:") || e.getKey().equals("joiner-after-join")) {
        assertTrue(!e.getValue().equals("reader"), e.toString());
      } else {
        assertEquals("completer", e.getValue(), e.getKey() + " ran on " + e.getValue());
      }
    }
    assertTrue(ranOn.size() >= 3 * 9, "stages ran: " + ranOn.keySet());
  }

  @Test
  void noDependentRunsOnTheReaderWhenAReplyArrives() throws Exception {
    check(
        (p, f) -> {
          try {
            settleOnReader(() -> table.settleSent("k", "reply", null));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void noDependentRunsOnTheReaderWhenTheConnectionIsLost() throws Exception {
    check(
        (p, f) -> {
          try {
            settleOnReader(
                () ->
                    table.failSent(
                        new ConnectionLostException("lost"), new ConnectionLostException("lost")));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void obtrudingOrCompletingAfterTheReplyIsDecidedRunsNothingOnTheReader() throws Exception {
    CompletableFuture<Object> f = table.registerUnsent("k", "get", Duration.ofSeconds(5), false);
    table.markSent("k", f, 1);
    attachAll("before:", f);
    settleOnReader(() -> table.settleSent("k", "reply", null));
    f.obtrudeValue("obtruded"); // on this (test) thread: runs "before:" stages here
    f.completeExceptionally(new IllegalStateException("late"));
    runCompleterTasks();
    assertEquals("obtruded", f.join());
    assertEquals("obtruded", f.thenApply(v -> v).join());
    for (Map.Entry<String, String> e : ranOn.entrySet()) {
      assertTrue(!e.getValue().equals("reader"), e.toString());
    }
  }
}

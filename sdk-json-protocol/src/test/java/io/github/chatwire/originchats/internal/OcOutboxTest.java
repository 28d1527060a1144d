package io.github.chatwire.originchats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.QueueFullException;
import io.github.chatwire.core.SendTimeoutException;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.originchats.RateLimits;
import io.github.chatwire.originchats.model.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox's keys and rate limit against the reference server's exact rule, in virtual time. */
class OcOutboxTest {
  static final long S = TimeUnit.SECONDS.toNanos(1);

  final VirtualScheduler clock = new VirtualScheduler();
  final ChatwireRuntime runtime =
      ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
  final List<Long> sendTimes = new ArrayList<>();
  final List<String> sentCmds = new ArrayList<>();

  OcOutbox outbox(RateLimits limits, int capacity, Duration maxWait) {
    return new OcOutbox(
        limits,
        () -> runtime,
        (key, message, timeout) -> {
          sendTimes.add(clock.nanoTime());
          sentCmds.add(message.tag());
          return new CompletableFuture<>();
        },
        capacity,
        maxWait);
  }

  OcOutbox loggedIn(RateLimits limits) {
    OcOutbox o = outbox(limits, 1000, Duration.ofMinutes(20));
    o.up();
    return o;
  }

  static CompletableFuture<ServerFrame> submit(OcOutbox o, String cmd) {
    return o.submit(o.newKey(), cmd, "{}", ServerFrame.class, Duration.ofSeconds(10));
  }

  /**
   * The reference server's limiter as measured (protocol reference section 12): a cooldown blocks;
   * the per-minute count blocks; with {@code burst} accepted inside the last window the attempt is
   * refused and the cooldown starts then. Returns how many attempts it refuses.
   */
  static int refusals(List<Long> times, RateLimits r) {
    List<Long> accepted = new ArrayList<>();
    long cooldownUntil = Long.MIN_VALUE;
    int refused = 0;
    for (long t : times) {
      if (t < cooldownUntil) {
        refused++;
        continue;
      }
      accepted.removeIf(a -> t - a >= 60 * S);
      if (accepted.size() >= r.perMinute()) {
        refused++;
        continue;
      }
      long recent = accepted.stream().filter(a -> t - a < r.burstWindow().toNanos()).count();
      if (recent >= r.burst()) {
        refused++;
        cooldownUntil = t + r.cooldown().toNanos();
        continue;
      }
      accepted.add(t);
    }
    return refused;
  }

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  @Test
  void fiftyMessagesGoTenPerWindowWithoutARefusalWithin42Seconds() {
    OcOutbox o = loggedIn(RateLimits.DEFAULTS);
    for (int i = 0; i < 50; i++) {
      submit(o, "message_new");
    }
    clock.advance(Duration.ofSeconds(60));
    assertEquals(50, sendTimes.size());
    assertEquals(0, refusals(sendTimes, RateLimits.DEFAULTS));
    assertEquals(0L, sendTimes.get(9), "the first ten go at once");
    assertTrue(sendTimes.get(10) >= 10 * S, "the eleventh waits for the first to leave the window");
    assertTrue(
        sendTimes.get(49) <= 42 * S, "50 sends within 42 s, took " + sendTimes.get(49) / 1e9);
    // the reference refuses the eleventh one nanosecond earlier: the schedule is as tight as
    // allowed
    List<Long> tighter = new ArrayList<>(sendTimes.subList(0, 11));
    tighter.set(10, 10 * S - 1);
    assertEquals(1, refusals(tighter, RateLimits.DEFAULTS));
  }

  @Test
  void twoHundredMessagesRespectThePerMinuteLimitToo() {
    RateLimits tight = new RateLimits(20, 10, Duration.ofSeconds(10), Duration.ofSeconds(30));
    OcOutbox o = loggedIn(tight);
    clock.advance(Duration.ofSeconds(5));
    for (int i = 0; i < 200; i++) {
      submit(o, "message_new");
    }
    clock.advance(Duration.ofMinutes(12));
    assertEquals(200, sendTimes.size());
    assertEquals(0, refusals(sendTimes, tight));
    long span = sendTimes.get(199) - sendTimes.get(0);
    assertTrue(span >= 9 * 60 * S, "at most 20 per minute: " + span / S);
  }

  @Test
  void otherCommandsAreNotHeldAndTypingSharesTheBudget() {
    OcOutbox o = loggedIn(RateLimits.DEFAULTS);
    for (int i = 0; i < 100; i++) {
      submit(o, "channels_get");
    }
    assertEquals(100, sendTimes.size());
    for (int i = 0; i < 5; i++) {
      assertNotNull(
          o.submitIfFree(o.newKey(), "typing", "{}", ServerFrame.class, Duration.ofSeconds(10)));
    }
    for (int i = 0; i < 5; i++) {
      submit(o, "message_edit");
    }
    assertEquals(110, sendTimes.size());
    submit(o, "message_new");
    assertEquals(110, sendTimes.size(), "ten limited actions fill the burst budget");
    assertNull(
        o.submitIfFree(o.newKey(), "typing", "{}", ServerFrame.class, Duration.ofSeconds(10)),
        "typing is skipped, not queued");
    submit(o, "ping");
    assertEquals(
        "ping", sentCmds.get(sentCmds.size() - 1), "other commands are not held behind it");
    assertEquals(1, o.heldCount());
  }

  @Test
  void aServerCooldownHoldsLimitedRequestsForItsLength() {
    OcOutbox o = loggedIn(RateLimits.NONE);
    o.serverCooldown(30 * S);
    submit(o, "message_new");
    submit(o, "users_list");
    assertEquals(List.of("users_list"), sentCmds);
    clock.advance(Duration.ofNanos(30 * S - 1));
    assertEquals(1, sentCmds.size());
    clock.advance(Duration.ofNanos(1));
    assertEquals(List.of("users_list", "message_new"), sentCmds);
  }

  @Test
  void limitedRequestsWaitForTheLoginAndFailAfterTheQueuesMaximumWait() {
    OcOutbox o = outbox(RateLimits.DEFAULTS, 2, Duration.ofSeconds(30));
    CompletableFuture<ServerFrame> first = submit(o, "message_new");
    submit(o, "message_new");
    ExecutionException full =
        assertThrows(ExecutionException.class, () -> submit(o, "message_new").get());
    assertInstanceOf(QueueFullException.class, full.getCause());
    clock.advance(Duration.ofSeconds(5));
    assertTrue(sendTimes.isEmpty(), "nothing goes before the login");
    o.up();
    assertEquals(2, sendTimes.size());
    assertFalse(first.isDone(), "handed to the engine, which now owns its timeout");
    o.down();
    CompletableFuture<ServerFrame> late = submit(o, "message_new");
    clock.advance(Duration.ofSeconds(30));
    ExecutionException expired = assertThrows(ExecutionException.class, late::get);
    assertInstanceOf(SendTimeoutException.class, expired.getCause());
    assertEquals(2, sendTimes.size());
  }

  @Test
  void keysAreUniqueWithinAndAcrossOutboxes() {
    OcOutbox a = loggedIn(RateLimits.DEFAULTS);
    OcOutbox b = loggedIn(RateLimits.DEFAULTS);
    String k1 = a.newKey();
    String k2 = a.newKey();
    String other = b.newKey();
    assertFalse(k1.equals(k2));
    assertFalse(k1.equals(other), "the random part differs per client");
    assertTrue(k1.startsWith("cw-") && k1.endsWith("-1"), k1);
  }

  @Test
  void aPendingRequestAcceptsOnlyItsReplyKindErrorsAndRateLimits() {
    OcOutbox o = loggedIn(RateLimits.DEFAULTS);
    String key = o.newKey();
    o.submit(key, "channels_get", "{}", ServerFrame.Channels.class, Duration.ofSeconds(10));
    Map<String, Object> raw = Map.of();
    assertTrue(o.accepts(key, new ServerFrame.Channels("channels_get", List.of(), raw)));
    assertTrue(o.accepts(key, new ServerFrame.Error("error", "x", null, raw)));
    assertTrue(o.accepts(key, new ServerFrame.RateLimit("rate_limit", null, 1, raw)));
    assertFalse(
        o.accepts(
            key,
            new ServerFrame.SlashCall("slash_call", "roll", raw, null, null, null, null, raw)));
    assertFalse(
        o.accepts("cw-7", new ServerFrame.Channels("channels_get", List.of(), raw)), "not ours");
  }

  @Test
  void aHugeServerCooldownHoldsLimitedRequestsInsteadOfOverflowing() {
    // rate_limit {"length": 1e300} decodes to Long.MAX_VALUE ms, which saturates to Long.MAX_VALUE
    // ns
    OcOutbox o = loggedIn(RateLimits.DEFAULTS);
    clock.advance(Duration.ofSeconds(1));
    o.serverCooldown(TimeUnit.MILLISECONDS.toNanos(Long.MAX_VALUE));
    submit(o, "message_new");
    submit(o, "users_list");
    clock.advance(Duration.ofHours(1));
    assertEquals(
        List.of("users_list"), sentCmds, "the cooldown holds the message, it does not wrap around");
    assertTrue(o.allowedAt(clock.nanoTime()) - clock.nanoTime() > 0);
  }

  @Test
  void withoutAPerMinuteLimitTheBurstLimitStillHolds() {
    RateLimits burstOnly =
        new RateLimits(Integer.MAX_VALUE, 10, Duration.ofSeconds(10), Duration.ofSeconds(30));
    OcOutbox o = loggedIn(burstOnly);
    for (int i = 0; i < 30; i++) {
      submit(o, "message_new");
    }
    clock.advance(Duration.ofSeconds(40));
    assertEquals(30, sendTimes.size());
    assertEquals(0, refusals(sendTimes, burstOnly), "ten per window, as with the default limits");
    assertTrue(sendTimes.get(29) >= 20 * S, "the third ten wait for the second window");
  }

  @Test
  void whatTheLimiterRemembersStaysBounded() {
    OcOutbox none = loggedIn(RateLimits.NONE);
    for (int i = 0; i < 10_000; i++) {
      submit(none, "message_new");
    }
    assertEquals(10_000, sendTimes.size());
    assertEquals(0, none.trackedSends(), "with no limit nothing needs remembering");
    RateLimits burstOnly =
        new RateLimits(Integer.MAX_VALUE, 10, Duration.ofSeconds(10), Duration.ofSeconds(30));
    OcOutbox o = loggedIn(burstOnly);
    for (int i = 0; i < 600; i++) {
      submit(o, "message_new");
      clock.advance(Duration.ofSeconds(2));
    }
    assertTrue(
        o.trackedSends() <= 70,
        "only sends inside the longest window are kept: " + o.trackedSends());
  }

  @Test
  void aSendMadeWhileHeldOnesAreHandedOffDoesNotOvertakeThem() {
    // The release timer hands held messages to the engine outside the outbox's lock; a send
    // made by another thread in that moment (simulated here from inside the engine call) must
    // still reach the engine after every message queued before it.
    List<String> order = new ArrayList<>();
    OcOutbox[] box = new OcOutbox[1];
    box[0] =
        new OcOutbox(
            RateLimits.DEFAULTS,
            () -> runtime,
            (key, message, timeout) -> {
              order.add(message.text());
              if (message.text().equals("m10")) {
                box[0].submit(
                    box[0].newKey(),
                    "message_new",
                    "late",
                    ServerFrame.class,
                    Duration.ofSeconds(10));
              }
              return new CompletableFuture<>();
            },
            1000,
            Duration.ofMinutes(20));
    OcOutbox o = box[0];
    o.up();
    for (int i = 0; i < 12; i++) {
      o.submit(o.newKey(), "message_new", "m" + i, ServerFrame.class, Duration.ofSeconds(10));
    }
    assertEquals(10, order.size());
    clock.advance(Duration.ofSeconds(11));
    assertEquals(List.of("m10", "m11", "late"), order.subList(10, order.size()), "call order kept");
  }
}

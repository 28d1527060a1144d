package io.github.chatwire.originchats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.originchats.RateLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client-side mirror of the server's rate limiter, in virtual nanoseconds. */
class OcRateLimiterTest {
    static final long S = TimeUnit.SECONDS.toNanos(1);
    static final Outbound MSG = Outbound.text("{}", "message_new");

    /** Drives the throttle like the engine: ask, wait as told, ask again. */
    static List<Long> sendTimes(OcRateLimiter l, Outbound m, int n, long start) {
        List<Long> times = new ArrayList<>();
        long now = start;
        while (times.size() < n) {
            long d = l.delayNanos(m, now);
            if (d == 0) {
                times.add(now);
            } else {
                now += d;
            }
        }
        return times;
    }

    /** The reference algorithm: does any action in this schedule get refused? */
    static boolean serverWouldRefuse(List<Long> times, RateLimits r) {
        List<Long> accepted = new ArrayList<>();
        long cooldownUntil = Long.MIN_VALUE;
        for (long t : times) {
            if (t < cooldownUntil) {
                return true;
            }
            accepted.removeIf(a -> t - a >= 60 * S);
            if (accepted.size() >= r.perMinute()) {
                return true;
            }
            accepted.add(t);
            long recent = accepted.stream().filter(a -> t - a < r.burstWindow().toNanos()).count();
            if (recent >= r.burst()) {
                cooldownUntil = t + r.cooldown().toNanos();
            }
        }
        return false;
    }

    @Test
    void fiftyMessagesNeverTripTheReferenceLimiter() {
        OcRateLimiter l = new OcRateLimiter(RateLimits.DEFAULTS);
        List<Long> times = sendTimes(l, MSG, 50, 0);
        assertTrue(!serverWouldRefuse(times, RateLimits.DEFAULTS));
        assertEquals(0L, times.get(8), "the first nine go at once");
        assertTrue(times.get(9) >= 10 * S, "the tenth waits for the burst window");
    }

    @Test
    void twoHundredMessagesRespectThePerMinuteLimitToo() {
        RateLimits tight = new RateLimits(20, 10, Duration.ofSeconds(10), Duration.ofSeconds(30));
        List<Long> times = sendTimes(new OcRateLimiter(tight), MSG, 200, 5 * S);
        assertTrue(!serverWouldRefuse(times, tight));
        long span = times.get(199) - times.get(0);
        assertTrue(span >= 9 * 60 * S, "at most 19 per minute: " + span / S);
    }

    @Test
    void otherCommandsAreNotThrottledAndTypingSharesTheBudget() {
        OcRateLimiter l = new OcRateLimiter(RateLimits.DEFAULTS);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, l.delayNanos(Outbound.text("{}", "channels_get"), 0));
        }
        sendTimes(l, Outbound.text("{}", "typing"), 5, 0);
        sendTimes(l, Outbound.text("{}", "message_edit"), 4, 0);
        assertTrue(l.delayNanos(MSG, 0) > 0, "nine limited actions fill the burst budget");
    }

    @Test
    void serverCooldownHoldsLimitedMessages() {
        OcRateLimiter l = new OcRateLimiter(RateLimits.NONE);
        l.serverCooldown(0, 30 * S);
        assertEquals(30 * S, l.delayNanos(MSG, 0));
        assertEquals(30 * S, l.pauseRemaining(0));
        assertEquals(30 * S, l.reserve(0));
        assertEquals(0, l.delayNanos(MSG, 30 * S));
        assertEquals(0, l.pauseRemaining(30 * S));
    }

    @Test
    void reservationsPredictTheThrottlesSendTimes() {
        OcRateLimiter planner = new OcRateLimiter(RateLimits.DEFAULTS);
        List<Long> planned = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            planned.add(planner.reserve(0));
        }
        List<Long> actual = sendTimes(planner, MSG, 30, 0);
        assertEquals(planned, actual);
    }

    @Test
    void reserveIfFreeNeverQueues() {
        OcRateLimiter l = new OcRateLimiter(RateLimits.DEFAULTS);
        for (int i = 0; i < 9; i++) {
            assertTrue(l.reserveIfFree(0));
            assertEquals(0, l.delayNanos(MSG, 0));
        }
        assertTrue(!l.reserveIfFree(0), "the burst budget is spent");
        assertTrue(l.reserveIfFree(11 * S));
    }
}

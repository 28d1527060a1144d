package io.github.chatwire.originchats.internal;

import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.OutboundThrottle;
import io.github.chatwire.originchats.RateLimits;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Client-side mirror of the reference server's rate limiter (handlers/rate_limiter.py): one budget
 * for message_new, typing and message_edit. The server accepts an action unless the per-minute count
 * is reached, and starts a cooldown once {@code burst} accepted actions fall within the burst window;
 * so this throttle lets at most {@code burst - 1} actions into any window (plus a safety margin for
 * the server receiving later than we send) and at most {@code perMinute - 1} into any minute.
 * A server cooldown reported with rate_limit is honoured too.
 *
 * <p>Called by the engine with the connection lock held; {@link #serverCooldown} may be called from
 * the protocol handler (same lock). Synchronized anyway, since it is cheap.
 */
public final class OcRateLimiter implements OutboundThrottle {
    /** Extra spacing so that transit time never lets the server see a full burst window. */
    static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long MINUTE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final RateLimits limits;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    private final ArrayDeque<Long> planned = new ArrayDeque<>();
    private long cooldownUntil;
    private boolean cooldownActive;

    /**
     * Creates a limiter.
     *
     * @param limits the server's numbers; never null
     */
    public OcRateLimiter(RateLimits limits) {
        this.limits = limits;
    }

    /**
     * Whether a command counts against the shared budget.
     *
     * @param cmd the command; may be null
     * @return true for message_new, typing and message_edit
     */
    public static boolean isLimited(String cmd) {
        return "message_new".equals(cmd) || "typing".equals(cmd) || "message_edit".equals(cmd);
    }

    @Override
    public synchronized long delayNanos(Outbound message, long now) {
        if (!isLimited(message.tag())) {
            return 0;
        }
        if (cooldownActive && now - cooldownUntil < 0) {
            return cooldownUntil - now;
        }
        cooldownActive = false;
        if (limits.perMinute() == Integer.MAX_VALUE) {
            return 0;
        }
        prune(sent, now);
        long wait = waitFor(sent, now);
        if (wait > 0) {
            return wait;
        }
        sent.addLast(now);
        if (!planned.isEmpty()) {
            planned.pollFirst();
        }
        return 0;
    }

    /**
     * Plans a limited message queued now: when will the throttle let it go, given what was sent
     * and what is queued before it? Used to stretch the request timeout by the queueing time, so a
     * burst of sends does not time out while it waits for its turn.
     *
     * @param now the scheduler's time
     * @return the expected wait before sending, in nanoseconds; 0 if it goes at once
     */
    public synchronized long reserve(long now) {
        if (limits.perMinute() == Integer.MAX_VALUE) {
            return pauseRemaining(now);
        }
        prune(sent, now);
        // a plan a minute overdue belongs to a message that was never sent (it failed or was cancelled)
        while (!planned.isEmpty() && now - planned.peekFirst() > MINUTE_NANOS) {
            planned.pollFirst();
        }
        ArrayDeque<Long> all = new ArrayDeque<>(sent);
        long t = now;
        if (cooldownActive && t - cooldownUntil < 0) {
            t = cooldownUntil;
        }
        for (long p : planned) {
            all.addLast(Math.max(p, now));
            t = Math.max(t, p);
        }
        while (true) {
            long w = waitFor(all, t);
            if (w <= 0) {
                break;
            }
            t += w;
        }
        planned.addLast(t);
        return t - now;
    }

    /**
     * Reserves a slot for a limited action only if it could go at once.
     *
     * @param now the scheduler's time
     * @return true if reserved (send now); false if it would have to wait (nothing reserved)
     */
    public synchronized boolean reserveIfFree(long now) {
        if (limits.perMinute() == Integer.MAX_VALUE) {
            return pauseRemaining(now) == 0;
        }
        if (pauseRemaining(now) > 0) {
            return false;
        }
        prune(sent, now);
        ArrayDeque<Long> all = new ArrayDeque<>(sent);
        for (long p : planned) {
            if (p - now > 0) {
                return false; // messages are waiting for their turn: typing would jump the queue
            }
            all.addLast(p);
        }
        if (waitFor(all, now) > 0) {
            return false;
        }
        planned.addLast(now);
        return true;
    }

    /**
     * How long the pause after a server rate_limit still lasts.
     *
     * @param now the scheduler's time
     * @return nanoseconds; 0 when not paused
     */
    public synchronized long pauseRemaining(long now) {
        return cooldownActive && now - cooldownUntil < 0 ? cooldownUntil - now : 0;
    }

    private static void prune(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= MINUTE_NANOS + MARGIN_NANOS) {
            times.pollFirst();
        }
    }

    /** How long from {@code now} until one more action fits among {@code times} (ascending). */
    private long waitFor(ArrayDeque<Long> times, long now) {
        long wait = 0;
        int inMinute = 0;
        for (Iterator<Long> it = times.descendingIterator(); it.hasNext(); ) {
            long t = it.next();
            if (now - t >= MINUTE_NANOS + MARGIN_NANOS) {
                break;
            }
            inMinute++;
        }
        int maxMinute = Math.max(1, limits.perMinute() - 1);
        if (inMinute >= maxMinute) {
            wait = Math.max(wait, nthNewest(times, maxMinute) + MINUTE_NANOS + MARGIN_NANOS - now);
        }
        long window = limits.burstWindow().toNanos() + MARGIN_NANOS;
        int maxBurst = limits.burst() - 1;
        int inWindow = 0;
        for (Iterator<Long> it = times.descendingIterator(); it.hasNext(); ) {
            if (now - it.next() >= window) {
                break;
            }
            inWindow++;
        }
        if (inWindow >= maxBurst) {
            // wait until the maxBurst-th newest action has left the window
            wait = Math.max(wait, nthNewest(times, maxBurst) + window - now);
        }
        return wait;
    }

    private static long nthNewest(ArrayDeque<Long> times, int n) {
        int i = 0;
        for (Iterator<Long> it = times.descendingIterator(); it.hasNext(); ) {
            long t = it.next();
            if (++i == n) {
                return t;
            }
        }
        return Long.MIN_VALUE / 4;
    }

    /**
     * The server said rate-limited: hold limited actions until its cooldown has passed.
     *
     * @param now the scheduler's time
     * @param lengthNanos the server's length
     */
    public synchronized void serverCooldown(long now, long lengthNanos) {
        long until = now + lengthNanos;
        if (!cooldownActive || until - cooldownUntil > 0) {
            cooldownUntil = until;
            cooldownActive = true;
        }
    }
}

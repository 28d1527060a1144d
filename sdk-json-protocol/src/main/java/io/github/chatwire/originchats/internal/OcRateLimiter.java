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
        if (!isLimited(message.tag()) || limits.perMinute() == Integer.MAX_VALUE) {
            return 0;
        }
        if (cooldownActive && now - cooldownUntil < 0) {
            return cooldownUntil - now;
        }
        cooldownActive = false;
        while (!sent.isEmpty() && now - sent.peekFirst() >= MINUTE_NANOS + MARGIN_NANOS) {
            sent.pollFirst();
        }
        long wait = 0;
        if (sent.size() >= limits.perMinute() - 1 && limits.perMinute() > 1) {
            wait = Math.max(wait, sent.peekFirst() + MINUTE_NANOS + MARGIN_NANOS - now);
        }
        long window = limits.burstWindow().toNanos() + MARGIN_NANOS;
        int inWindow = 0;
        long oldestInWindow = 0;
        for (Iterator<Long> it = sent.descendingIterator(); it.hasNext(); ) {
            long t = it.next();
            if (now - t >= window) {
                break;
            }
            inWindow++;
            oldestInWindow = t;
        }
        if (inWindow >= limits.burst() - 1) {
            // wait until enough of the window has slid past: the (burst-1)-th newest must leave it
            int skip = inWindow - (limits.burst() - 2);
            long t = oldestInWindow;
            Iterator<Long> it = sent.iterator();
            // find the skip-th oldest entry within the window
            int seen = 0;
            while (it.hasNext()) {
                long s = it.next();
                if (now - s >= window) {
                    continue;
                }
                seen++;
                if (seen == skip) {
                    t = s;
                    break;
                }
            }
            wait = Math.max(wait, t + window - now);
        }
        if (wait > 0) {
            return wait;
        }
        sent.addLast(now);
        return 0;
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

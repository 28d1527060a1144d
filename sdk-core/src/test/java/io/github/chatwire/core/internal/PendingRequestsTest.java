package io.github.chatwire.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.QueueFullException;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {
    private final VirtualScheduler time = new VirtualScheduler();
    private final PendingRequests table = new PendingRequests(time, Runnable::run, 2);

    @Test
    void cancellingAFutureFreesItsSlotAndTimer() {
        CompletableFuture<String> f = table.register("a", "get", Duration.ofSeconds(5));
        f.cancel(false);
        assertEquals(0, table.size());
        assertFalse(table.complete("a", "late"));
        assertTrue(time.pendingDelays().isEmpty(), "the timeout timer is cancelled too");
    }

    @Test
    void failSentKeepsRequestsThatNeverWentOut() {
        CompletableFuture<Object> sent = table.register("a", null, Duration.ofSeconds(5));
        CompletableFuture<Object> queued = table.register("b", null, Duration.ofSeconds(5));
        table.markSent("a");
        table.failSent(new ConnectionLostException("lost"));
        assertTrue(sent.isCompletedExceptionally());
        assertFalse(queued.isDone());
        assertTrue(table.contains("b"));
    }

    @Test
    void boundedAndRefusesDuplicates() {
        table.register("a", null, Duration.ofSeconds(5));
        assertThrows(IllegalArgumentException.class, () -> table.register("a", null, Duration.ofSeconds(5)));
        table.register("b", null, Duration.ofSeconds(5));
        assertThrows(QueueFullException.class, () -> table.register("c", null, Duration.ofSeconds(5)));
    }
}

package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    @Test
    void defaultsGrowFromOneSecondToTheCap() {
        ReconnectPolicy p = ReconnectPolicy.defaults();
        assertEquals(Duration.ofSeconds(1), p.delayFor(1, 0.0));
        assertEquals(Duration.ofMillis(500), p.delayFor(1, 1.0));
        assertEquals(Duration.ofSeconds(32), p.delayFor(6, 0.0));
        assertEquals(Duration.ofSeconds(60), p.delayFor(7, 0.0));
        assertEquals(Duration.ofSeconds(60), p.delayFor(1000, 0.0), "no overflow on huge attempt numbers");
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().jitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().multiplier(0.5));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxAttempts(-1));
        assertThrows(IllegalArgumentException.class,
                () -> ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(10)).maxDelay(Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.defaults().delayFor(0, 0.0));
    }
}

package io.github.chatwire.binary;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A Pong received, with what it tells about the link: the round-trip time of the Ping it answers
 * and the offset of the server's clock from the local one.
 *
 * @param serverTimeMillis the server's clock in the Pong, Unix milliseconds
 * @param roundTrip the time from sending the Ping (or, for the first Pong, the authentication
 *     message) to receiving this Pong; null if no Ping was waiting for an answer
 * @param clockOffsetMillis the server clock minus the local clock, estimated as {@code serverTime -
 *     (sendTime + roundTrip / 2)}; with no round trip known, against the receive time
 * @param authentication true for the Pong that completed authentication
 */
public record PongEvent(
    long serverTimeMillis,
    @Nullable Duration roundTrip,
    long clockOffsetMillis,
    boolean authentication) {}

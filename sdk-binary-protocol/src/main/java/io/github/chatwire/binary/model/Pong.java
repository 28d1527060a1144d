package io.github.chatwire.binary.model;

/**
 * Client-bound Pong ({@code 0x00}): the answer to a {@link Ping}, and the sign of a successful
 * authentication.
 *
 * @param serverTimeMillis the server's clock, Unix milliseconds (a signed 8-byte long)
 */
public record Pong(long serverTimeMillis) implements ClientboundPacket {}

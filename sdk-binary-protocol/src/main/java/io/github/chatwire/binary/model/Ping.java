package io.github.chatwire.binary.model;

/**
 * Server-bound Ping ({@code 0x00}, no arguments). The server answers with a {@link Pong}; a client
 * must send one at least every 30 seconds or the server closes with 3003.
 */
public record Ping() implements ServerboundPacket {
  /** The one instance worth having. */
  public static final Ping INSTANCE = new Ping();
}

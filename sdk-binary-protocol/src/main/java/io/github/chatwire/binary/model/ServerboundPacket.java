package io.github.chatwire.binary.model;

/**
 * A packet the client sends to the server. Open for extension: new packets are records that
 * implement this interface and are registered with a codec in {@link
 * io.github.chatwire.binary.codec.PacketRegistry}. Implementations are immutable.
 */
public interface ServerboundPacket {}

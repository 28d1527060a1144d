package io.github.chatwire.binary.model;

/**
 * A packet the server sends to the client. Open for extension: new packets are records that
 * implement this interface and are registered with a codec in {@link
 * io.github.chatwire.binary.codec.PacketRegistry}. Implementations are immutable.
 */
public interface ClientboundPacket {}

package io.github.chatwire.binary;

import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.StateChange;

/**
 * Receives a {@link BinaryWsClient}'s events. Every method has a no-op default; override what you
 * need.
 *
 * <p>Callbacks run on the runtime's callback executor, one at a time and in order for each
 * client, never on the socket reader thread. A slow listener delays later events of the same
 * client but not its pings.
 */
public interface BinaryWsListener {
    /**
     * A Pong arrived: the first one after authentication, then one per Ping.
     *
     * @param pong the Pong with round-trip time and clock offset; never null
     */
    default void onPong(PongEvent pong) {}

    /**
     * Any other registered client-bound packet arrived (for example a Settings echo, if the
     * client-bound registry has a Settings codec, or packets of later protocol versions).
     *
     * @param packet the packet; never null
     */
    default void onPacket(ClientboundPacket packet) {}

    /**
     * The connection's state changed. A terminal change ({@link StateChange#isTerminal()}) carries
     * the cause: for closes by the server a {@link ServerClose} exception with code and reason.
     *
     * @param change the change; never null
     */
    default void onStateChange(StateChange change) {}

    /**
     * Bad input that did not end the connection: an unknown packet id (a
     * {@link io.github.chatwire.binary.codec.UnknownPacketException} with id and offset; the rest
     * of that message was skipped), a truncated packet, a text frame.
     *
     * @param error the error; never null
     */
    default void onError(ChatwireException error) {}
}

package io.github.chatwire.omikron;

import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import java.time.Duration;

/**
 * Events of an {@link IotaConnection}. Every method has a no-op default. State changes and
 * non-fatal errors come through the inherited {@link ConnectionListener} methods.
 *
 * <p>Callbacks run on the runtime's callback executor, one at a time and in arrival order, never
 * on the socket reader thread. Arguments are never null unless stated.
 */
public interface IotaListener extends ConnectionListener {
    /**
     * Identification succeeded (after every connect and reconnect).
     *
     * @param response the answer; {@code acceptedIds()} lists the users served (E3)
     */
    default void onIdentified(IdentificationResponse response) {}

    /**
     * A user's client sent a request through the Omikron (top-level {@code sender} set). Answer
     * with {@link IotaRequest#reply}.
     *
     * @param request the request
     */
    default void onClientRequest(IotaRequest request) {}

    /**
     * A message from another Iota ({@code message_other_iota}, {@code send_chat},
     * {@code message_state}) or another message with a sender that is not a request of one of
     * this Iota's users.
     *
     * @param message the message
     */
    default void onIotaMessage(OmikronMessage message) {}

    /**
     * One of this Iota's users connected ({@code client_connected}).
     *
     * @param connected the event
     */
    default void onClientConnected(ClientConnected connected) {}

    /**
     * A pong arrived; {@code pong.peerPings()} has the clients' pings.
     *
     * @param pong the pong
     * @param roundTrip the measured round trip; null if it matched no ping
     */
    default void onPong(Pong pong, Duration roundTrip) {}

    /**
     * Any other message that answers no pending request.
     *
     * @param message the message
     */
    default void onMessage(OmikronMessage message) {}
}

package io.github.chatwire.omikron;

import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.omikron.model.CallInvite;
import io.github.chatwire.omikron.model.ClientChanged;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.Notifications;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.omikron.model.UserStates;
import java.time.Duration;

/**
 * Events of an {@link OmikronClient} (and of a {@link CallGuestConnection}). Every method has a
 * no-op default; override what you need. State changes and non-fatal errors come through the
 * inherited {@link ConnectionListener} methods.
 *
 * <p>Callbacks run on the runtime's callback executor, one at a time and in arrival order, never
 * on the socket reader thread. Arguments are never null unless stated.
 */
public interface OmikronListener extends ConnectionListener {
    /**
     * Identification succeeded (after every connect and reconnect).
     *
     * @param response the server's answer
     */
    default void onIdentified(IdentificationResponse response) {}

    /**
     * A user's presence or call state changed ({@code client_changed}).
     *
     * @param change the change
     */
    default void onPresence(ClientChanged change) {}

    /**
     * A user connected ({@code client_connected}, e.g. to a call).
     *
     * @param connected the event
     */
    default void onClientConnected(ClientConnected connected) {}

    /**
     * A direct message arrived live ({@code message_live}). Unless automatic acknowledgement is
     * off, the client has already answered {@code received}; call
     * {@link OmikronClient#acknowledgeLiveMessage} with {@code read} when the user read it.
     *
     * @param envelope the message as received (its id identifies the message for the reply)
     * @param message its data
     */
    default void onLiveMessage(OmikronMessage envelope, MessageLive message) {}

    /**
     * Someone invited this user to a call ({@code call_invite}).
     *
     * @param invite the invitation
     */
    default void onCallInvite(CallInvite invite) {}

    /**
     * Notification counters were pushed ({@code get_notifications} or {@code push_notification}
     * without a pending request).
     *
     * @param notifications the counters; empty for a {@code push_notification}
     * @param envelope the message as received
     */
    default void onNotifications(Notifications notifications, OmikronMessage envelope) {}

    /**
     * Presence of several users ({@code get_states}).
     *
     * @param states the states
     */
    default void onUserStates(UserStates states) {}

    /**
     * A pong arrived.
     *
     * @param pong the pong
     * @param roundTrip the measured round trip of the matching ping; null if it matched none
     */
    default void onPong(Pong pong, Duration roundTrip) {}

    /**
     * The own Iota is not connected ({@code error_no_iota} outside a request): relayed requests
     * will not be answered until it is back.
     *
     * @param envelope the error message
     */
    default void onIotaOffline(OmikronMessage envelope) {}

    /**
     * Any other message that answers no pending request: unknown types, relayed messages this SDK
     * does not model, late replies.
     *
     * @param message the message
     */
    default void onMessage(OmikronMessage message) {}
}

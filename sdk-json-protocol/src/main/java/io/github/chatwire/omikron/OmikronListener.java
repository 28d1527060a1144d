package io.github.chatwire.omikron;

import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.omikron.model.CallInvite;
import io.github.chatwire.omikron.model.ClientChanged;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.ErrorReply;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.Notifications;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.omikron.model.UserStates;

/**
 * Events of an {@link OmikronClient} (and of a {@link CallGuestConnection}). Every method has a
 * no-op default; override what you need. State changes and non-fatal errors come through the
 * inherited {@link ConnectionListener} methods.
 *
 * <p>For every inbound message that answers no request, {@link #onEvent} is called first, then the
 * one specific method for its type ({@link #onUnknown} for types this SDK does not model).
 * Arguments are the event first, the envelope after. Decrypted direct messages ({@link
 * #onDirectMessage}, {@link #onUndecryptableMessage}) follow their {@code message_live} once the
 * sender's key is known, in arrival order among themselves.
 *
 * <p>Callbacks run on the runtime's callback executor, one at a time and in arrival order, never on
 * the socket reader thread; a listener that throws is logged and the others still run. Arguments
 * are never null unless stated.
 */
public interface OmikronListener extends ConnectionListener {
  /**
   * Any inbound message that answers no pending request (pongs and unknown types included), before
   * its specific method.
   *
   * @param message the message as received
   */
  default void onEvent(OmikronMessage message) {}

  /**
   * A message this SDK does not model: an unknown type, a relayed message, a late reply.
   *
   * @param message the message as received (its {@code data} keeps every field)
   */
  default void onUnknown(OmikronMessage message) {}

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
   * @param envelope the message as received
   */
  default void onPresence(ClientChanged change, OmikronMessage envelope) {}

  /**
   * A user connected ({@code client_connected}, e.g. to a call).
   *
   * @param connected the event
   * @param envelope the message as received
   */
  default void onClientConnected(ClientConnected connected, OmikronMessage envelope) {}

  /**
   * A direct message arrived live ({@code message_live}), still encrypted; the decrypted form
   * follows in {@link #onDirectMessage} or {@link #onUndecryptableMessage}. Unless automatic
   * acknowledgement is off, the client has already answered {@code received}; call {@link
   * OmikronClient#acknowledgeLiveMessage} with {@code read} when the user read it.
   *
   * @param message its data
   * @param envelope the message as received (its id identifies the message for the reply)
   */
  default void onLiveMessage(MessageLive message, OmikronMessage envelope) {}

  /**
   * A live direct message, decrypted (of an {@link OmikronClient}; a guest connection has no key
   * and never calls this).
   *
   * @param message the text, the partner and the scheme that opened it
   * @param envelope the {@code message_live} it came in
   */
  default void onDirectMessage(DirectMessage message, OmikronMessage envelope) {}

  /**
   * A live direct message that no scheme could open (bad base64, too short, a key this user does
   * not share with the sender even after refetching it, or no key available). Delivered instead of
   * dropped; the connection is unaffected.
   *
   * @param message the raw content and the reason
   * @param envelope the {@code message_live} it came in
   */
  default void onUndecryptableMessage(UndecryptableMessage message, OmikronMessage envelope) {}

  /**
   * Someone invited this user to a call ({@code call_invite}).
   *
   * @param invite the invitation
   * @param envelope the message as received
   */
  default void onCallInvite(CallInvite invite, OmikronMessage envelope) {}

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
   * @param envelope the message as received
   */
  default void onUserStates(UserStates states, OmikronMessage envelope) {}

  /**
   * A pong arrived; {@link Pong#roundTrip()} is the measured round trip of its ping.
   *
   * @param pong the pong
   */
  default void onPong(Pong pong) {}

  /**
   * The own Iota is not connected ({@code error_no_iota} outside a request): relayed requests will
   * not be answered until it is back.
   *
   * @param error the error
   * @param envelope the error message
   */
  default void onIotaOffline(ErrorReply error, OmikronMessage envelope) {}
}

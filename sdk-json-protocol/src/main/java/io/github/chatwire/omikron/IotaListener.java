package io.github.chatwire.omikron;

import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;

/**
 * Events of an {@link IotaConnection}. Every method has a no-op default. State changes and
 * non-fatal errors come through the inherited {@link ConnectionListener} methods.
 *
 * <p>For every inbound message that answers no request, {@link #onEvent} is called first, then the
 * one specific method for it ({@link #onUnknown} for what this SDK does not model). Arguments are
 * the event first, the envelope after.
 *
 * <p>Callbacks run on the runtime's callback executor, one at a time and in arrival order, never on
 * the socket reader thread. Arguments are never null unless stated.
 */
public interface IotaListener extends ConnectionListener {
  /**
   * Any inbound message that answers no pending request (pongs included), before its specific
   * method.
   *
   * @param message the message as received
   */
  default void onEvent(OmikronMessage message) {}

  /**
   * A message this SDK does not model and that is no client request: unknown types without a
   * sender, error pushes, late replies.
   *
   * @param message the message as received
   */
  default void onUnknown(OmikronMessage message) {}

  /**
   * Identification succeeded (after every connect and reconnect).
   *
   * @param response the answer; {@code acceptedIds()} lists the users served (E3)
   */
  default void onIdentified(IdentificationResponse response) {}

  /**
   * A user's client sent a request through the Omikron (top-level {@code sender} set). Answer with
   * {@link IotaRequest#reply}.
   *
   * @param request the request
   */
  default void onClientRequest(IotaRequest request) {}

  /**
   * A message from another Iota ({@code message_other_iota}, {@code send_chat}, {@code
   * message_state}).
   *
   * @param message the message
   */
  default void onIotaMessage(OmikronMessage message) {}

  /**
   * One of this Iota's users connected ({@code client_connected}).
   *
   * @param connected the event
   * @param envelope the message as received
   */
  default void onClientConnected(ClientConnected connected, OmikronMessage envelope) {}

  /**
   * A pong arrived; {@code pong.peerPings()} has the clients' pings and {@link Pong#roundTrip()}
   * the measured round trip.
   *
   * @param pong the pong
   */
  default void onPong(Pong pong) {}
}

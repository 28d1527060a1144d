package io.github.chatwire.binary;

import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.core.connection.StateChange;

/**
 * Receives a {@link BinaryWsClient}'s events. Every method has a no-op default; override what you
 * need.
 *
 * <p>For each decoded packet, {@link #onEvent(ClientboundPacket)} runs first, then the packet's own
 * method if it has one ({@link #onPong(PongEvent)} for a Pong). There is no {@code onUnknown}: the
 * binary protocol's packets carry no length, so a packet with an id the client does not know cannot
 * be kept as a value or skipped; it is reported to {@link #onError(ChatwireException)} as an {@link
 * io.github.chatwire.binary.codec.UnknownPacketException} and the rest of that message is dropped.
 *
 * <p>Callbacks run on the runtime's callback executor, one at a time and in order for each client,
 * never on the socket reader thread. A slow listener delays later events of the same client but not
 * its pings. A listener that throws is logged; the others still run.
 */
public interface BinaryWsListener extends ConnectionListener {
  /**
   * Any registered client-bound packet arrived: a {@link io.github.chatwire.binary.model.Pong}, a
   * Settings echo (if the client-bound registry has a Settings codec), or packets of later protocol
   * versions. Called before the packet's own method.
   *
   * @param packet the packet; never null
   */
  default void onEvent(ClientboundPacket packet) {}

  /**
   * A Pong arrived: the first one after authentication, then one per Ping. Called after {@link
   * #onEvent(ClientboundPacket)} for the same Pong.
   *
   * @param pong the Pong with round-trip time ({@link PongEvent#roundTrip()}) and clock offset;
   *     never null
   */
  default void onPong(PongEvent pong) {}

  /**
   * The connection's state changed. A terminal change ({@link StateChange#isTerminal()}) carries
   * the cause: for closes by the server a {@link ServerClose} exception with code and reason.
   *
   * @param change the change; never null
   */
  @Override
  default void onStateChange(StateChange change) {}

  /**
   * Bad input that did not end the connection: an unknown packet id (a {@link
   * io.github.chatwire.binary.codec.UnknownPacketException} with id and offset; the rest of that
   * message was skipped), a truncated packet, a text frame.
   *
   * @param error the error; never null
   */
  @Override
  default void onError(ChatwireException error) {}
}

package io.github.chatwire.omikron.internal;

import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;

/**
 * What a role-specific connection does with what {@link OmikronProtocolHandler} decodes. Called on
 * SDK threads with the connection lock held: implementations must not block and hand user-facing
 * work to {@link ProtocolContext#emit(Runnable)}.
 */
public interface SessionEvents {
  /**
   * Identification succeeded; the connection is READY.
   *
   * @param ctx the context
   * @param response the server's answer
   */
  void identified(ProtocolContext ctx, IdentificationResponse response);

  /**
   * A pong arrived.
   *
   * @param ctx the context
   * @param envelope the message as received
   * @param pong the pong, with the round trip of the matching ping (null if it matched none)
   */
  void pong(ProtocolContext ctx, OmikronMessage envelope, Pong pong);

  /**
   * A message that answers no pending request.
   *
   * @param ctx the context
   * @param message the message
   */
  void event(ProtocolContext ctx, OmikronMessage message);

  /**
   * The {@code data} of the next ping.
   *
   * @param ctx the context
   * @return the data
   */
  OmikronData pingData(ProtocolContext ctx);
}

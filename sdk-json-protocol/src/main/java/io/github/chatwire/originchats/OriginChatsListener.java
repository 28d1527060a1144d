package io.github.chatwire.originchats;

import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.originchats.model.ServerFrame;

/**
 * Receives an OriginChats client's events. Every method has a no-op default, so implement only what
 * you need (like JDA's ListenerAdapter).
 *
 * <p>Callbacks run on the runtime's callback executor, one at a time and in order for a client,
 * never on a socket thread. Every frame goes first to {@link #onEvent} and then to its typed
 * method. The sender's own global events (for example its message_new) arrive once, as the reply to
 * its request, and are delivered here too (tell them apart with {@link OriginChatsClient#isOwn}).
 * An exception thrown by a callback is logged and ignored. State changes and non-fatal errors (an
 * undecodable frame, an unknown command, an error without a pending request) arrive through the
 * inherited {@link ConnectionListener} methods.
 */
public interface OriginChatsListener extends ConnectionListener {

  /**
   * The login finished and the connection is READY.
   *
   * @param ready the ready frame with the logged-in user; never null
   * @param reconnected false for the first login, true after a reconnect
   */
  default void onReady(ServerFrame.Ready ready, boolean reconnected) {}

  /**
   * After every login the client fetches channels and online users again; this reports them.
   *
   * @param resync the fresh state; never null
   */
  default void onResync(Resync resync) {}

  /**
   * Any decoded frame (typed or unknown), before its typed method. The default calls the deprecated
   * {@link #onFrame}, so listeners written for it keep working.
   *
   * @param event the frame; never null
   */
  default void onEvent(ServerFrame event) {
    onFrame(event);
  }

  /**
   * The former name of {@link #onEvent}; called only by the default {@code onEvent}.
   *
   * @param frame the frame; never null
   * @deprecated override {@link #onEvent(ServerFrame)}; this method goes in a later release
   */
  @Deprecated
  default void onFrame(ServerFrame frame) {}

  /**
   * A new message (normal or flat poll form).
   *
   * @param event the event; never null
   */
  default void onMessageNew(ServerFrame.MessageNew event) {}

  /**
   * A message was edited.
   *
   * @param event the event; never null
   */
  default void onMessageEdit(ServerFrame.MessageEdit event) {}

  /**
   * A message was deleted.
   *
   * @param event the event; never null
   */
  default void onMessageDelete(ServerFrame.MessageDelete event) {}

  /**
   * A reaction was added or removed.
   *
   * @param event the event; never null
   */
  default void onReaction(ServerFrame.Reaction event) {}

  /**
   * Someone is typing.
   *
   * @param event the event; never null
   */
  default void onTyping(ServerFrame.Typing event) {}

  /**
   * A user connected or joined the server for the first time.
   *
   * @param event the event; never null
   */
  default void onUserPresence(ServerFrame.UserPresence event) {}

  /**
   * A user disconnected (last connection) or left the server.
   *
   * @param event the event; never null
   */
  default void onUserGone(ServerFrame.UserGone event) {}

  /**
   * A slash command of this connection was called (bots). The echo of this client's own {@code
   * slash_call} (the reply to {@link OriginChatsClient#callSlash}) does not come here (only to
   * {@link #onEvent} and the request's future), even though the server forwards calls with the
   * caller's {@code listener} still on them.
   *
   * @param event the event; never null
   */
  default void onSlashCall(ServerFrame.SlashCall event) {}

  /**
   * The server refused a rate-limited action or imposed a timeout; sends are paused for its length.
   *
   * @param event the event; never null
   */
  default void onRateLimit(ServerFrame.RateLimit event) {}

  /**
   * A frame with an unknown command (kept whole).
   *
   * @param event the event; never null
   */
  default void onUnknown(ServerFrame.Unknown event) {}
}

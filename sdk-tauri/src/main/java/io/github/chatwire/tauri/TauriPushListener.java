package io.github.chatwire.tauri;

import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.tauri.model.TauriMessage;
import org.jspecify.annotations.Nullable;

/**
 * Receives the events of a {@link TauriPushClient}. Every method has a no-op default, so implement
 * only what you need. From {@link ConnectionListener}: {@code onStateChange} (a CLOSED change
 * carries the terminal cause, for example a {@link ClientCertificateRejectedException} or a {@link
 * TauriTlsException}) and {@code onError} (a non-fatal error such as a malformed message from the
 * server, a {@link io.github.chatwire.tauri.codec.TauriDecodeException}; the connection stays up).
 *
 * <p>Order: for each message from the server, every listener gets {@link #onEvent} first, then the
 * message's own method; typed subscriptions ({@link TauriPushClient#on}) run after the listeners.
 *
 * <p>Threading: callbacks run on the runtime's callback executor, one at a time and in order for
 * one client, never on a QUIC reader thread; a slow callback delays later callbacks but not the
 * answers to the server's pings. A listener that throws is logged and does not affect the
 * connection or the other listeners.
 */
public interface TauriPushListener extends ConnectionListener {
  /**
   * Any message decoded from the server (the identifying {@code success}, {@code ping} after it was
   * answered, notifications, unknown types), before its own method.
   *
   * @param event the message; never null
   */
  default void onEvent(TauriMessage event) {}

  /**
   * A message from {@code senderId} arrived while the user had no active Iota connection: show a
   * notification.
   *
   * @param senderId the sender's user id, as sent (numbers as their decimal text); never null, 1 to
   *     {@value io.github.chatwire.tauri.codec.TauriMessageCodec#MAX_ID_LENGTH} characters
   */
  default void onPushNotification(String senderId) {}

  /**
   * The user read the messages of {@code senderId} on some device: clear the badge.
   *
   * @param senderId the sender's user id; never null
   */
  default void onReadNotification(String senderId) {}

  /**
   * The server accepted the identification ({@code success}); the client is READY. Called after
   * every (re)connection.
   *
   * @param messageId the id of the server's {@code success} message; null if it had none
   */
  default void onIdentified(@Nullable String messageId) {}

  /**
   * A message of a type this SDK does not know arrived; it is passed on as it came. The default
   * calls {@link #onUnknownMessage}, so listeners written for that name keep working.
   *
   * @param message the message with its raw JSON; never null
   */
  @SuppressWarnings("deprecation")
  default void onUnknown(TauriMessage.Unknown message) {
    onUnknownMessage(message);
  }

  /**
   * The former name of {@link #onUnknown}.
   *
   * @param message the message; never null
   * @deprecated override {@link #onUnknown(TauriMessage.Unknown)}, the name every chatwire listener
   *     uses
   */
  @Deprecated
  default void onUnknownMessage(TauriMessage.Unknown message) {}
}

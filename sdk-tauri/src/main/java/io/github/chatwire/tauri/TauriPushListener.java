package io.github.chatwire.tauri;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.tauri.model.TauriMessage;

/**
 * Receives the events of a {@link TauriPushClient}. Every method has a no-op default, so
 * implement only what you need.
 *
 * <p>Threading: callbacks run on the runtime's callback executor, one at a time and in order for
 * one client, never on a QUIC reader thread; a slow callback delays later callbacks but not the
 * answers to the server's pings.
 */
public interface TauriPushListener {
    /**
     * A message from {@code senderId} arrived while the user had no active Iota connection: show a
     * notification.
     *
     * @param senderId the sender's user id, as sent (numbers as their decimal text); never null
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
    default void onIdentified(String messageId) {}

    /**
     * A message of a type this SDK does not know arrived; it is passed on as it came.
     *
     * @param message the message; never null
     */
    default void onUnknownMessage(TauriMessage.Unknown message) {}

    /**
     * The connection's state changed (CONNECTING, HANDSHAKING, READY, RECONNECTING, CLOSED). A
     * CLOSED change carries the terminal cause, for example a
     * {@link ClientCertificateRejectedException}.
     *
     * @param change the transition and its cause; never null
     */
    default void onStateChange(StateChange change) {}

    /**
     * A non-fatal error, such as a malformed message from the server; the connection stays up.
     *
     * @param error the error; never null
     */
    default void onError(ChatwireException error) {}
}

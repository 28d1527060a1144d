/**
 * Tauri push notifications for mobile and desktop clients of the Tensamin system: {@link
 * io.github.chatwire.tauri.TauriPushClient} (JSON over QUIC with a client certificate) and {@link
 * io.github.chatwire.tauri.OmegaNotificationsApi} (Omega's notification HTTP API).
 *
 * <p><b>Unverified:</b> no public server implements the Tauri channel or these HTTP routes; the SDK
 * follows the spec and makes its open points configurable.
 */
@NullMarked
package io.github.chatwire.tauri;

import org.jspecify.annotations.NullMarked;

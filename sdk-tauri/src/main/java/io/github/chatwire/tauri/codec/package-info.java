/**
 * Pure conversion of Tauri push messages: JSON text to and from {@link
 * io.github.chatwire.tauri.model.TauriMessage} ({@link
 * io.github.chatwire.tauri.codec.TauriMessageCodec}), and the byte framings of messages on a QUIC
 * stream ({@link io.github.chatwire.tauri.codec.TauriFraming}). No I/O, threads or clocks; also
 * used by the testkit's fake server.
 */
@NullMarked
package io.github.chatwire.tauri.codec;

import org.jspecify.annotations.NullMarked;

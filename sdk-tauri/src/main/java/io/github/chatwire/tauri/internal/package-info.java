/**
 * Implementation details of the Tauri client: the kwik QUIC transport, the protocol handler and the
 * classification of QUIC connection ends. Not a public API; may change without notice.
 */
@NullMarked
package io.github.chatwire.tauri.internal;

import org.jspecify.annotations.NullMarked;

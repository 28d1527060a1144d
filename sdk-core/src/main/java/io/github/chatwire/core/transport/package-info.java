/**
 * Transports carry whole messages between the SDK and a server: {@link
 * io.github.chatwire.core.transport.WebSocketTransport} for WebSockets (chatwire's own RFC 6455
 * framing with bounded memory, on the runtime's OkHttpClient settings), {@link
 * io.github.chatwire.core.transport.OkHttpWebSocketTransport} on OkHttp's WebSocket, and the {@link
 * io.github.chatwire.core.transport.Transport} interface for others (QUIC, fakes).
 */
@NullMarked
package io.github.chatwire.core.transport;

import org.jspecify.annotations.NullMarked;

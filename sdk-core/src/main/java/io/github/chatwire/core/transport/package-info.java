/**
 * Transports carry whole messages between the SDK and a server:
 * {@link io.github.chatwire.core.transport.OkHttpWebSocketTransport} for WebSockets, and the
 * {@link io.github.chatwire.core.transport.Transport} interface for others (QUIC, fakes).
 */
package io.github.chatwire.core.transport;

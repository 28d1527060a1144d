/**
 * The connection engine: {@link io.github.chatwire.core.connection.ManagedConnection} with its
 * state machine, reconnect policy, liveness, request correlation and outbound queue, and the {@link
 * io.github.chatwire.core.connection.ProtocolHandler} interface through which a protocol plugs in.
 */
@NullMarked
package io.github.chatwire.core.connection;

import org.jspecify.annotations.NullMarked;

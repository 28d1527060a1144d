/**
 * chatwire's protocol-independent foundation: the exception hierarchy rooted in {@link
 * io.github.chatwire.core.ChatwireException}, {@link io.github.chatwire.core.Secret} and {@link
 * io.github.chatwire.core.Redaction}, and the shared {@link
 * io.github.chatwire.core.ChatwireRuntime}. The connection engine lives in {@code
 * io.github.chatwire.core.connection}, transports in {@code io.github.chatwire.core.transport},
 * time in {@code io.github.chatwire.core.time}.
 */
@NullMarked
package io.github.chatwire.core;

import org.jspecify.annotations.NullMarked;

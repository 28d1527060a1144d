/**
 * The client of the binary {@code /api/ws} protocol: {@link
 * io.github.chatwire.binary.BinaryWsClient}, its {@link
 * io.github.chatwire.binary.BinaryWsListener}, and the typed causes of the server's close codes.
 * Codec and model live in the {@code codec} and {@code model} sub-packages.
 */
@NullMarked
package io.github.chatwire.binary;

import org.jspecify.annotations.NullMarked;

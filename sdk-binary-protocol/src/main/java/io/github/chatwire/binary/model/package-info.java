/**
 * Immutable value types of the binary {@code /api/ws} protocol: packets per direction, settings,
 * the client's authentication message and the close codes.
 */
@NullMarked
package io.github.chatwire.binary.model;

import org.jspecify.annotations.NullMarked;

/**
 * Immutable value types of the binary {@code /api/ws} protocol: packets per direction, settings,
 * the client's authentication message and the close codes.
 */
package io.github.chatwire.binary.model;

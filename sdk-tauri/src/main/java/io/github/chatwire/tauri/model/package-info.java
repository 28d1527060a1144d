/**
 * Immutable value types of the Tauri push channel and of Omega's notification HTTP API.
 *
 * <p>The Tauri channel is documented only by its spec text; no public server implements it, so
 * these types follow the spec and are unverified against a real server.
 */
@NullMarked
package io.github.chatwire.tauri.model;

import org.jspecify.annotations.NullMarked;

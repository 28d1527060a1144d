/**
 * Omega's public HTTP API: Omikron discovery, user lookups and Omega's key ({@link
 * io.github.chatwire.omikron.omega.OmegaClient}).
 */
@NullMarked
package io.github.chatwire.omikron.omega;

import org.jspecify.annotations.NullMarked;

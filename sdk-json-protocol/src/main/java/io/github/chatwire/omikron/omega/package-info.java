/**
 * Omega's public HTTP API: Omikron discovery, user lookups and Omega's key ({@link
 * io.github.chatwire.omikron.omega.OmegaClient}).
 */
package io.github.chatwire.omikron.omega;

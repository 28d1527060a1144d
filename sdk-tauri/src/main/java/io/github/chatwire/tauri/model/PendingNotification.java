package io.github.chatwire.tauri.model;

/**
 * Pending push notifications of one sender, from Omega's HTTP API.
 *
 * @param senderId the sending user's id
 * @param amount how many notifications of this sender are pending
 */
public record PendingNotification(long senderId, long amount) {}

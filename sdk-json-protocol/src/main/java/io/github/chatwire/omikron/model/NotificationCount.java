package io.github.chatwire.omikron.model;

/**
 * Unread notifications from one user.
 *
 * @param sender {@code sender}: the user; null if absent
 * @param amount {@code amount}: how many; null if absent
 */
public record NotificationCount(OmikronId sender, Long amount) {}

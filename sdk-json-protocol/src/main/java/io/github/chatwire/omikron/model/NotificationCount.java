package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * Unread notifications from one user.
 *
 * @param sender {@code sender}: the user; null if absent
 * @param amount {@code amount}: how many; null if absent
 */
public record NotificationCount(@Nullable OmikronId sender, @Nullable Long amount) {}

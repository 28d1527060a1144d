package io.github.chatwire.originchats.model;

import org.jspecify.annotations.Nullable;

/**
 * A user's presence.
 *
 * @param status "online", "idle", "dnd", "offline" or "invisible" (other values kept); may be null
 * @param text the custom status text; may be null
 */
public record UserStatus(@Nullable String status, @Nullable String text) {}

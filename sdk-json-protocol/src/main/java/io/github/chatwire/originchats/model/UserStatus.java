package io.github.chatwire.originchats.model;

/**
 * A user's presence.
 *
 * @param status "online", "idle", "dnd", "offline" or "invisible" (other values kept); may be null
 * @param text the custom status text; may be null
 */
public record UserStatus(String status, String text) {}

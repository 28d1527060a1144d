package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A channel. Immutable.
 *
 * @param type "text", "voice", "forum" or "separator" (other values kept); may be null
 * @param name the unique name; separators may have none
 * @param displayName the display name; may be null
 * @param description the description; may be null
 * @param permissions action to role names ("!role" denies); never null
 * @param lastMessageId the newest message of a text channel; may be null
 * @param threads the threads of a forum channel; never null
 * @param raw the whole JSON object; never null
 */
public record Channel(
    @Nullable String type,
    @Nullable String name,
    @Nullable String displayName,
    @Nullable String description,
    Map<String, List<String>> permissions,
    @Nullable String lastMessageId,
    List<ForumThread> threads,
    Map<String, Object> raw) {}

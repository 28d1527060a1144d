package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A thread of a forum channel. Immutable.
 *
 * @param id the thread id; may be null only in malformed data
 * @param name the title; may be null
 * @param parentChannel the forum channel; may be null
 * @param createdBy the creator's username; may be null
 * @param createdAt Unix seconds; may be null
 * @param locked whether locked (null when the frame did not say: absent means unknown, not false)
 * @param archived whether archived (null when the frame did not say: absent means unknown, not
 *     false)
 * @param participants usernames; never null
 * @param lastMessageId the newest message; may be null
 * @param raw the whole JSON object; never null
 */
public record ForumThread(
    @Nullable String id,
    @Nullable String name,
    @Nullable String parentChannel,
    @Nullable String createdBy,
    @Nullable Double createdAt,
    @Nullable Boolean locked,
    @Nullable Boolean archived,
    List<String> participants,
    @Nullable String lastMessageId,
    Map<String, Object> raw) {}

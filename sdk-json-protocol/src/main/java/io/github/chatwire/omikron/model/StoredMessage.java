package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * One stored direct message in the {@code messages_get} reply.
 *
 * @param timestamp {@code timestamp}: epoch ms; null if absent
 * @param content {@code content}: the encrypted content; null if absent
 * @param sentBySelf {@code sent_by_self}; null if absent
 * @param messageState {@code message_state}; null if absent
 */
public record StoredMessage(
    @Nullable Long timestamp,
    @Nullable String content,
    @Nullable Boolean sentBySelf,
    @Nullable MessageState messageState) {}

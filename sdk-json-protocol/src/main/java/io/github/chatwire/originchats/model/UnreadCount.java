package io.github.chatwire.originchats.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The read state of one channel or thread, a value of the {@code unreads_get} map ({@code
 * {last_read, unread_count, total_messages, parent_channel?}}). Immutable; fields the SDK does not
 * model stay in {@link #raw()}.
 *
 * @param lastRead the id of the last read message; null if nothing was read yet
 * @param unreadCount unread messages; null if absent
 * @param totalMessages all messages; null if absent
 * @param parentChannel the parent channel of a thread entry; null for channels
 * @param raw the whole JSON object; never null
 */
public record UnreadCount(
    @Nullable String lastRead,
    @Nullable Long unreadCount,
    @Nullable Long totalMessages,
    @Nullable String parentChannel,
    Map<String, Object> raw) {}

package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A poll's definition and state, the {@code poll} object of a {@code poll_get} reply. Immutable;
 * fields the SDK does not model stay in {@link #raw()}.
 *
 * @param id the poll id; may be null in malformed data
 * @param messageId the id of the poll's message; may be null
 * @param channel the channel; may be null
 * @param threadId the thread, if posted in one; may be null
 * @param question the question; may be null
 * @param options the options in server order; never null
 * @param allowMultiselect whether several options may be chosen (null when the frame did not say:
 *     absent means unknown, not false)
 * @param expiresAt Unix seconds when it ends by itself; null if it does not expire
 * @param createdBy the creator (username on the reference server); may be null
 * @param createdAt Unix seconds of creation; may be null
 * @param ended whether it has ended (null when the frame did not say: absent means unknown, not
 *     false)
 * @param endedAt Unix seconds when it ended; null while open
 * @param userVotes the {@code user_votes} list (option ids), as strings; never null
 * @param raw the whole JSON object; never null
 */
public record PollInfo(
    @Nullable String id,
    @Nullable String messageId,
    @Nullable String channel,
    @Nullable String threadId,
    @Nullable String question,
    List<PollOption> options,
    @Nullable Boolean allowMultiselect,
    @Nullable Double expiresAt,
    @Nullable String createdBy,
    @Nullable Double createdAt,
    @Nullable Boolean ended,
    @Nullable Double endedAt,
    List<String> userVotes,
    Map<String, Object> raw) {}

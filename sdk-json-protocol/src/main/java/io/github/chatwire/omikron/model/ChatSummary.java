package io.github.chatwire.omikron.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One chat in the {@code get_chats} reply.
 *
 * @param userId {@code user_id}: the chat partner; null if absent
 * @param userName {@code user_name}: the partner's name; null if absent
 * @param lastMessageAt {@code last_message_at}: epoch ms; null if absent
 * @param calls {@code calls} added by the Omikron: the partner's calls; never null
 */
public record ChatSummary(
    @Nullable OmikronId userId,
    @Nullable String userName,
    @Nullable Long lastMessageAt,
    List<CallSummary> calls) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param userName see {@link #userName()}
   * @param lastMessageAt see {@link #lastMessageAt()}
   * @param calls see {@link #calls()}
   */
  public ChatSummary {
    calls =
        calls == null
            ? java.util.Collections.emptyList()
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(calls));
  }

  /**
   * A call in a {@link ChatSummary}.
   *
   * @param callId {@code call_id}; null if absent
   * @param timeout {@code timeout}: epoch ms; null if absent
   * @param admin {@code admin}: whether the user is admin; null if absent
   */
  public record CallSummary(
      @Nullable String callId, @Nullable Long timeout, @Nullable Boolean admin) {}
}

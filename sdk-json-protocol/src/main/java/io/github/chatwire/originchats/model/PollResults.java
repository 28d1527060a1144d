package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The state of a poll.
 *
 * @param pollId the poll id; may be null
 * @param question may be null
 * @param allowMultiselect whether several options may be chosen (null when the frame did not say:
 *     absent means unknown, not false)
 * @param ended whether ended (null when the frame did not say: absent means unknown, not false)
 * @param totalVotes the vote count; null if absent
 * @param options per-option results; never null
 * @param raw the whole JSON object; never null
 */
public record PollResults(
    @Nullable String pollId,
    @Nullable String question,
    @Nullable Boolean allowMultiselect,
    @Nullable Boolean ended,
    @Nullable Long totalVotes,
    List<Option> options,
    Map<String, Object> raw) {

  /**
   * One option's result.
   *
   * @param id the option id; may be null
   * @param text may be null
   * @param emoji may be null
   * @param votes the count; null if absent
   * @param voters user ids or usernames, depending on the event (see the protocol notes); never
   *     null
   */
  public record Option(
      @Nullable String id,
      @Nullable String text,
      @Nullable String emoji,
      @Nullable Long votes,
      List<String> voters) {}
}

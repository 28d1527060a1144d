package io.github.chatwire.originchats;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a message command applies: a channel (by name) or a forum thread (by id). Immutable.
 *
 * @param channel the channel name; null for a thread
 * @param threadId the thread id; null for a channel
 */
public record Target(@Nullable String channel, @Nullable String threadId) {
  /**
   * Checks that exactly one of the two is set.
   *
   * @param channel the channel name; null for a thread
   * @param threadId the thread id; null for a channel
   */
  public Target {
    if ((channel == null) == (threadId == null)) {
      throw new IllegalArgumentException("exactly one of channel and threadId must be set");
    }
  }

  /**
   * A channel target.
   *
   * @param name the channel name; never null
   * @return the target
   */
  public static Target channel(String name) {
    return new Target(Objects.requireNonNull(name, "name"), null);
  }

  /**
   * A thread target.
   *
   * @param threadId the thread id; never null
   * @return the target
   */
  public static Target thread(String threadId) {
    return new Target(null, Objects.requireNonNull(threadId, "threadId"));
  }

  /**
   * Puts {@code channel} or {@code thread_id} into a request.
   *
   * @param request the request fields; never null
   */
  void writeTo(Map<String, Object> request) {
    if (channel != null) {
      request.put("channel", channel);
    } else {
      request.put("thread_id", threadId);
    }
  }

  @Override
  public String toString() {
    return channel != null ? "#" + channel : "thread " + threadId;
  }
}

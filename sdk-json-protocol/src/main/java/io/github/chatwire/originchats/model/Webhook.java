package io.github.chatwire.originchats.model;

import io.github.chatwire.core.Secret;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A webhook ({@code {id, channel, name, token?, created_by, created_at, avatar}}). The token is
 * present in create, list and regenerate replies only; it is wrapped in a {@link Secret} and, like
 * the whole object, kept out of {@link #toString()}. Note that {@link #raw()} still holds the token
 * in clear: do not log it. Immutable.
 *
 * @param id the webhook id; may be null in malformed data
 * @param channel the channel it posts to; may be null
 * @param name the display name; may be null
 * @param token the token; null when the reply has none (webhook_get)
 * @param createdBy the creator's user id; may be null
 * @param createdAt Unix seconds of creation; may be null
 * @param avatar the avatar URL; may be null
 * @param raw the whole JSON object (including the token); never null
 */
public record Webhook(
    @Nullable String id,
    @Nullable String channel,
    @Nullable String name,
    @Nullable Secret token,
    @Nullable String createdBy,
    @Nullable Double createdAt,
    @Nullable String avatar,
    Map<String, Object> raw) {
  @Override
  public String toString() {
    return "Webhook[id="
        + id
        + ", channel="
        + channel
        + ", name="
        + name
        + ", token="
        + (token == null ? null : "***")
        + "]";
  }
}

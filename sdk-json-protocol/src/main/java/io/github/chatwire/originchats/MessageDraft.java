package io.github.chatwire.originchats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message to send with {@link OriginChatsClient#send(MessageDraft)}: target, text, and optional
 * reply, ping suppression, embeds and attachment ids. Immutable; build with {@link
 * #builder(Target)}.
 *
 * @param target where to post; never null
 * @param content the text; never null (may be empty when attachments or embeds are given)
 * @param replyTo the id of the message answered; may be null
 * @param ping false to stop a reply from pinging its author; null to leave the server default
 * @param embeds embed objects (JSON trees, see the protocol's Embed); never null
 * @param attachmentIds ids of the sender's own uploads; never null
 */
public record MessageDraft(
    Target target,
    String content,
    @Nullable String replyTo,
    @Nullable Boolean ping,
    List<Map<String, Object>> embeds,
    List<String> attachmentIds) {

  /**
   * Validates and copies the lists.
   *
   * @param target where to post; never null
   * @param content the text; never null
   * @param replyTo may be null
   * @param ping may be null
   * @param embeds never null
   * @param attachmentIds never null
   */
  public MessageDraft {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    embeds = Collections.unmodifiableList(new ArrayList<>(embeds));
    attachmentIds = Collections.unmodifiableList(new ArrayList<>(attachmentIds));
  }

  /**
   * Starts a draft.
   *
   * @param target where to post; never null
   * @return a builder
   */
  public static Builder builder(Target target) {
    return new Builder(target);
  }

  /** Builds a {@link MessageDraft}. Not thread-safe. */
  public static final class Builder {
    private final Target target;
    private String content = "";
    private @Nullable String replyTo;
    private @Nullable Boolean ping;
    private final List<Map<String, Object>> embeds = new ArrayList<>();
    private final List<String> attachmentIds = new ArrayList<>();

    private Builder(Target target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * The text.
     *
     * @param content never null
     * @return this builder
     */
    public Builder content(String content) {
      this.content = Objects.requireNonNull(content, "content");
      return this;
    }

    /**
     * Answers a message.
     *
     * @param messageId the id; may be null for none
     * @return this builder
     */
    public Builder replyTo(@Nullable String messageId) {
      this.replyTo = messageId;
      return this;
    }

    /**
     * Whether the reply pings the original author.
     *
     * @param ping the flag
     * @return this builder
     */
    public Builder ping(boolean ping) {
      this.ping = ping;
      return this;
    }

    /**
     * Adds an embed (a JSON tree of maps, lists, strings, numbers, booleans).
     *
     * @param embed never null
     * @return this builder
     */
    public Builder embed(Map<String, Object> embed) {
      embeds.add(Objects.requireNonNull(embed, "embed"));
      return this;
    }

    /**
     * Adds an uploaded attachment by id.
     *
     * @param attachmentId never null
     * @return this builder
     */
    public Builder attachment(String attachmentId) {
      attachmentIds.add(Objects.requireNonNull(attachmentId, "attachmentId"));
      return this;
    }

    /**
     * Builds the draft.
     *
     * @return the draft
     */
    public MessageDraft build() {
      return new MessageDraft(target, content, replyTo, ping, embeds, attachmentIds);
    }
  }
}

package io.github.chatwire.originchats.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One option of a poll, as defined when creating it and as listed by {@code poll_get} ({@code {id,
 * text, emoji?}}). Immutable; safe to share between threads.
 *
 * @param id the option id (1..50 characters); null when creating lets the server number the options
 *     by position ("0", "1", ...); in server data null only when malformed
 * @param text the option text (at most 100 characters); never null when created with {@link
 *     #of(String)} or {@link #of(String, String, String)}; null only in malformed server data
 * @param emoji an emoji shown with the option; may be null
 */
public record PollOption(@Nullable String id, @Nullable String text, @Nullable String emoji) {

  /**
   * An option with only a text; the server assigns its id.
   *
   * @param text the option text; never null
   * @return the option; never null
   * @throws NullPointerException if text is null
   */
  public static PollOption of(String text) {
    return new PollOption(null, Objects.requireNonNull(text, "text"), null);
  }

  /**
   * An option with an id, a text and an optional emoji.
   *
   * @param id the option id; may be null (the server assigns the position)
   * @param text the option text; never null
   * @param emoji the emoji; may be null
   * @return the option; never null
   * @throws NullPointerException if text is null
   */
  public static PollOption of(@Nullable String id, String text, @Nullable String emoji) {
    return new PollOption(id, Objects.requireNonNull(text, "text"), emoji);
  }

  /**
   * The wire form of this option for {@code poll_create}: {@code {id?, text, emoji?}}, absent
   * fields left out.
   *
   * @return a new mutable map; never null
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (id != null) {
      m.put("id", id);
    }
    m.put("text", text);
    if (emoji != null) {
      m.put("emoji", emoji);
    }
    return m;
  }
}

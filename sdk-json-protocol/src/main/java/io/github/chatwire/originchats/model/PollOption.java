package io.github.chatwire.originchats.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One option of a poll, as defined when creating it and as listed by {@code poll_get} ({@code {id,
 * text, emoji?}}). Immutable; safe to share between threads.
 *
 * @param id the option id (1..50 characters); null when creating lets the server number the options
 *     by position ("0", "1", ...); never null in server data
 * @param text the option text (at most 100 characters); never null when creating, may be null in
 *     malformed server data
 * @param emoji an emoji shown with the option; may be null
 */
public record PollOption(String id, String text, String emoji) {

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
  public static PollOption of(String id, String text, String emoji) {
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

package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A user as listed by the server (ready, users_list, users_online, user_connect). The server keys
 * users by username and never sends an id here. Immutable.
 *
 * @param username the username (cracked accounts: "USR:local_name"); may be null only in malformed
 *     data
 * @param nickname the nickname to show when present; may be null
 * @param roles role names, the first decides the colour; never null
 * @param color "#RRGGBB"; may be null
 * @param status the presence; may be null
 * @param cracked whether a local (password) account; null when the frame does not say ({@code
 *     user_join} and {@code user_connect} carry no {@code cracked})
 * @param pfp profile picture URL; may be null
 * @param raw the whole JSON object; never null
 */
public record User(
    @Nullable String username,
    @Nullable String nickname,
    List<String> roles,
    @Nullable String color,
    @Nullable UserStatus status,
    @Nullable Boolean cracked,
    @Nullable String pfp,
    Map<String, Object> raw) {

  /**
   * The name to show: the nickname when set, else the username.
   *
   * @return the name; may be null when both are absent
   */
  public @Nullable String displayName() {
    return nickname != null && !nickname.isEmpty() ? nickname : username;
  }
}

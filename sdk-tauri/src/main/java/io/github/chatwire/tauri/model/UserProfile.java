package io.github.chatwire.tauri.model;

import java.util.Objects;

/**
 * A user's profile from Omega's HTTP API, with the fields the Tauri spec lists. Unknown fields of
 * the response are ignored.
 *
 * @param userId the user id
 * @param username the user name; never null (empty if the server omitted it)
 * @param display the display name; never null (empty if omitted)
 * @param publicKey the user's public key as base64 text; never null (empty if omitted)
 * @param iotaId the id of the user's Iota
 * @param onlineStatus the online status; never null ({@code OTHER} with an empty value if omitted)
 * @param subLevel the subscription level
 * @param subEnd the end of the subscription, as the server sends it
 * @param about the "about" text; null if absent
 * @param avatar the avatar as base64 text; null if absent
 * @param statusMessage the status message; null if absent
 */
public record UserProfile(
    long userId,
    String username,
    String display,
    String publicKey,
    long iotaId,
    OnlineStatus onlineStatus,
    long subLevel,
    long subEnd,
    String about,
    String avatar,
    String statusMessage) {
  /**
   * Validates the components.
   *
   * @param userId the user id
   * @param username the user name; never null (empty if the server omitted it)
   * @param display the display name; never null (empty if omitted)
   * @param publicKey the user's public key as base64 text; never null (empty if omitted)
   * @param iotaId the id of the user's Iota
   * @param onlineStatus the online status; never null ({@code OTHER} with an empty value if
   *     omitted)
   * @param subLevel the subscription level
   * @param subEnd the end of the subscription, as the server sends it
   * @param about the "about" text; null if absent
   * @param avatar the avatar as base64 text; null if absent
   * @param statusMessage the status message; null if absent
   */
  public UserProfile {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(display, "display");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(onlineStatus, "onlineStatus");
  }

  @Override
  public String toString() {
    // The avatar can be large; show its size only.
    return "UserProfile[userId="
        + userId
        + ", username="
        + username
        + ", display="
        + display
        + ", iotaId="
        + iotaId
        + ", onlineStatus="
        + onlineStatus.wireValue()
        + ", subLevel="
        + subLevel
        + ", subEnd="
        + subEnd
        + ", about="
        + about
        + ", avatar="
        + (avatar == null ? "null" : avatar.length() + " chars")
        + ", statusMessage="
        + statusMessage
        + "]";
  }
}

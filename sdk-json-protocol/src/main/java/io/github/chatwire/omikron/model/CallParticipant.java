package io.github.chatwire.omikron.model;

/**
 * A user in an anonymous call's member or invitee list.
 *
 * @param userId {@code user_id}; null if absent
 * @param username {@code username}; null if absent
 * @param display {@code display}; null if absent
 * @param avatar {@code avatar}; null if absent
 */
public record CallParticipant(OmikronId userId, String username, String display, String avatar) {
  static CallParticipant from(OmikronData d) {
    return new CallParticipant(
        d.getId("user_id"), d.getString("username"), d.getString("display"), d.getString("avatar"));
  }
}

package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A user in an anonymous call's member or invitee list.
 *
 * @param userId {@code user_id}; null if absent
 * @param username {@code username}; null if absent
 * @param display {@code display}; null if absent
 * @param avatar {@code avatar}; null if absent
 */
public record CallParticipant(
    @Nullable OmikronId userId,
    @Nullable String username,
    @Nullable String display,
    @Nullable String avatar) {
  static CallParticipant from(OmikronData d) {
    return new CallParticipant(
        d.getId("user_id"), d.getString("username"), d.getString("display"), d.getString("avatar"));
  }
}

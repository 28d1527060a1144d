package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * Deletes a user.
 *
 * <p>Message type {@code delete_user}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param userId {@code user_id}: the user; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record DeleteUser(@Nullable OmikronId userId, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param raw see {@link #raw()}
   */
  public DeleteUser {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static DeleteUser from(OmikronData d) {
    return new DeleteUser(d.getId("user_id"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("user_id", userId);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.DELETE_USER;
  }

  @Override
  public String toString() {
    return "DeleteUser[" + "userId=" + userId + "]";
  }
}

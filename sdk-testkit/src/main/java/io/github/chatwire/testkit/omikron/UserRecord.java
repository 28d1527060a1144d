package io.github.chatwire.testkit.omikron;

import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronPublicKey;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import java.util.Collections;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user as the fake Omikron's Omega knows it.
 *
 * @param userId the id; never null
 * @param username the name; never null
 * @param publicKey the X448 public key; never null
 * @param iotaId the user's Iota; never null
 * @param privateKeyHash the hash accepted by the older identification; may be null
 */
public record UserRecord(
    OmikronId userId,
    String username,
    OmikronPublicKey publicKey,
    OmikronId iotaId,
    @Nullable String privateKeyHash) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param username see {@link #username()}
   * @param publicKey see {@link #publicKey()}
   * @param iotaId see {@link #iotaId()}
   * @param privateKeyHash see {@link #privateKeyHash()}
   */
  public UserRecord {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(iotaId, "iotaId");
  }

  /**
   * A user whose key is known, with its hash for the older identification.
   *
   * @param userId the id
   * @param username the name
   * @param key the user's private key (only its public key and hash are kept)
   * @param iotaId the Iota
   * @return the record
   */
  public static UserRecord of(
      OmikronId userId, String username, OmikronPrivateKey key, OmikronId iotaId) {
    return new UserRecord(userId, username, key.publicKey(), iotaId, key.privateKeyHash());
  }

  OmikronData toUserData(boolean online, OmikronId omikronId) {
    return OmikronData.builder()
        .put("user_id", userId)
        .put("username", username)
        .put("display", username)
        .put("public_key", publicKey.base64())
        .put("iota_id", iotaId)
        .put("online_status", online ? "user_online" : "user_offline")
        .put("omikron_id", omikronId)
        .put(
            "omikron_connections",
            online ? Collections.singletonList(omikronId) : Collections.emptyList())
        .put("sub_level", 0L)
        .put("sub_end", 0L)
        .build();
  }

  @Override
  public String toString() {
    return "UserRecord[userId=" + userId + ", username=" + username + ", iotaId=" + iotaId + "]";
  }
}

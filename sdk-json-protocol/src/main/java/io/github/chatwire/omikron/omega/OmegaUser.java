package io.github.chatwire.omikron.omega;

import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import org.jspecify.annotations.Nullable;

/**
 * A user as Omega's HTTP API describes it ({@code /api/get/id/<username>}, {@code
 * /api/get/user/<id>}), from either response generation.
 *
 * @param userId the id; null if absent
 * @param username the name; null if absent
 * @param publicKey base64 of the raw X448 public key; null if absent
 * @param iotaId the user's Iota; null if absent
 * @param subLevel subscription level; null if absent
 * @param subEnd subscription end, epoch ms; null if absent
 * @param display display name; null if absent
 * @param statusMessage status text ({@code status} in E3, {@code status_message} in E4); null if
 *     absent
 * @param about about text; null if absent
 * @param avatar base64 avatar; null if absent
 * @param raw the user object as received; never null
 */
public record OmegaUser(
    @Nullable OmikronId userId,
    @Nullable String username,
    @Nullable String publicKey,
    @Nullable OmikronId iotaId,
    @Nullable Long subLevel,
    @Nullable Long subEnd,
    @Nullable String display,
    @Nullable String statusMessage,
    @Nullable String about,
    @Nullable String avatar,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param username see {@link #username()}
   * @param publicKey see {@link #publicKey()}
   * @param iotaId see {@link #iotaId()}
   * @param subLevel see {@link #subLevel()}
   * @param subEnd see {@link #subEnd()}
   * @param display see {@link #display()}
   * @param statusMessage see {@link #statusMessage()}
   * @param about see {@link #about()}
   * @param avatar see {@link #avatar()}
   * @param raw see {@link #raw()}
   */
  public OmegaUser {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  static OmegaUser from(OmikronData d, boolean flat) {
    String status = flat ? d.getString("status_message") : d.getString("status");
    return new OmegaUser(
        d.getId("user_id"),
        d.getString("username"),
        d.getString("public_key"),
        d.getId("iota_id"),
        d.getLong("sub_level"),
        d.getLong("sub_end"),
        d.getString("display"),
        status,
        d.getString("about"),
        d.getString("avatar"),
        d);
  }
}

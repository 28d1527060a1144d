package io.github.chatwire.omikron.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The answer to an identification, in every era's and role's shape. Immutable.
 *
 * <ul>
 *   <li>client: {@code {}} (E1–E3), {@code {acceppted: bool}} (older spec);
 *   <li>Iota: {@code {accepted: bool}} (newer spec), {@code {accepted_ids: "<csv>", accepted:
 *       "<count>"}} (E1–E3), {@code {accepted_profiles, denid_profiles}} (older spec);
 *   <li>call participant (older spec): {@code {acceppted, user_ids: {"<id>": call_state}}}; E1b
 *       call socket: {@code {about: {"<id>": {state, streaming}}}};
 *   <li>anonymous guest: {@code {user_id, username, display, avatar, call_state: {...}}}.
 * </ul>
 *
 * @param accepted {@code accepted} or {@code acceppted} as a boolean; null if absent or a count
 * @param acceptedCount {@code accepted} as a count (int-str in E3); null if absent or a boolean
 * @param acceptedIds {@code accepted_ids}; null if absent
 * @param acceptedProfiles {@code accepted_profiles}; null if absent
 * @param deniedProfiles {@code denid_profiles} (sic) or {@code denied_profiles}; null if absent
 * @param participants call states by user, from {@code user_ids} or {@code about}; never null
 * @param userId {@code user_id} (guests); null if absent
 * @param username {@code username} (guests); null if absent
 * @param display {@code display} (guests); null if absent
 * @param avatar {@code avatar} (guests); null if absent
 * @param guestCall {@code call_state} object (guests); null if absent
 * @param raw the whole {@code data}; never null
 */
@SuppressWarnings("InvalidParam") // "acceppted" is the wire's spelling (sic), not a parameter
public record IdentificationResponse(
    @Nullable Boolean accepted,
    @Nullable Long acceptedCount,
    @Nullable List<OmikronId> acceptedIds,
    @Nullable List<OmikronId> acceptedProfiles,
    @Nullable List<OmikronId> deniedProfiles,
    Map<OmikronId, CallState> participants,
    @Nullable OmikronId userId,
    @Nullable String username,
    @Nullable String display,
    @Nullable String avatar,
    @Nullable GuestCallInfo guestCall,
    OmikronData raw)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param accepted see {@link #accepted()}
   * @param acceptedCount see {@link #acceptedCount()}
   * @param acceptedIds see {@link #acceptedIds()}
   * @param acceptedProfiles see {@link #acceptedProfiles()}
   * @param deniedProfiles see {@link #deniedProfiles()}
   * @param participants see {@link #participants()}
   * @param userId see {@link #userId()}
   * @param username see {@link #username()}
   * @param display see {@link #display()}
   * @param avatar see {@link #avatar()}
   * @param guestCall see {@link #guestCall()}
   * @param raw see {@link #raw()}
   */
  public IdentificationResponse {
    participants =
        participants == null
            ? Collections.emptyMap()
            : Collections.unmodifiableMap(new LinkedHashMap<>(participants));
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static IdentificationResponse from(OmikronData d) {
    Boolean accepted = null;
    Long count = null;
    Object a = d.get("accepted");
    if (a instanceof Boolean) {
      accepted = (Boolean) a;
    } else if (a != null) {
      String s = a.toString().trim();
      if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
        accepted = Boolean.valueOf(s);
      } else {
        count = d.getLong("accepted");
      }
    }
    if (accepted == null && d.has("acceppted")) {
      accepted = d.getBoolean("acceppted");
    }
    List<OmikronId> denied = d.getIdList("denid_profiles");
    if (denied == null) {
      denied = d.getIdList("denied_profiles");
    }
    Map<OmikronId, CallState> participants = new LinkedHashMap<>();
    OmikronData userIds = d.get("user_ids") instanceof Map ? d.getObject("user_ids") : null;
    if (userIds != null) {
      OmikronData m = userIds;
      for (String k : m.asMap().keySet()) {
        String s = m.getString(k);
        if (!k.isEmpty() && s != null) {
          participants.put(OmikronId.of(k), CallState.of(s));
        }
      }
    }
    OmikronData about = d.get("about") instanceof Map ? d.getObject("about") : null;
    if (about != null) {
      OmikronData m = about;
      for (String k : m.asMap().keySet()) {
        OmikronData entry = m.get(k) instanceof Map ? m.getObject(k) : null;
        String s = entry != null ? entry.getString("state") : m.getString(k);
        if (!k.isEmpty() && s != null) {
          participants.put(OmikronId.of(k), CallState.of(s));
        }
      }
    }
    OmikronData cs = d.get("call_state") instanceof Map ? d.getObject("call_state") : null;
    GuestCallInfo guest = cs == null ? null : GuestCallInfo.from(cs);
    return new IdentificationResponse(
        accepted,
        count,
        d.getIdList("accepted_ids"),
        d.getIdList("accepted_profiles"),
        denied,
        participants,
        d.getId("user_id"),
        d.getString("username"),
        d.getString("display"),
        d.getString("avatar"),
        guest,
        d);
  }

  /**
   * Whether the server said no ({@code accepted}/{@code acceppted} false). An empty answer is a yes
   * (E1–E3 clients).
   *
   * @return true if refused
   */
  public boolean isRefused() {
    return Boolean.FALSE.equals(accepted);
  }
}

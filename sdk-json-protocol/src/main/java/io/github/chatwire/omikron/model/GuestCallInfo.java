package io.github.chatwire.omikron.model;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code call_state} object an anonymous guest receives on identification. Immutable; {@link
 * #toString()} masks the token.
 *
 * @param callId {@code call_id}; null if absent
 * @param invited {@code call_invited}; never null
 * @param members {@code call_members}; never null
 * @param callToken {@code call_token}: the LiveKit JWT; null if absent
 */
public record GuestCallInfo(
    @Nullable String callId,
    List<CallParticipant> invited,
    List<CallParticipant> members,
    @Nullable String callToken) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param callId see {@link #callId()}
   * @param invited see {@link #invited()}
   * @param members see {@link #members()}
   * @param callToken see {@link #callToken()}
   */
  public GuestCallInfo {
    invited =
        invited == null
            ? java.util.Collections.emptyList()
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(invited));
    members =
        members == null
            ? java.util.Collections.emptyList()
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(members));
  }

  static GuestCallInfo from(OmikronData d) {
    return new GuestCallInfo(
        d.getString("call_id"),
        list(d, "call_invited"),
        list(d, "call_members"),
        d.getString("call_token"));
  }

  private static List<CallParticipant> list(OmikronData d, String key) {
    List<CallParticipant> out = new ArrayList<>();
    List<OmikronData> l = d.getObjectList(key);
    if (l != null) {
      for (OmikronData p : l) {
        out.add(CallParticipant.from(p));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "GuestCallInfo[callId="
        + callId
        + ", invited="
        + invited
        + ", members="
        + members
        + ", callToken="
        + (callToken == null ? "null" : "***")
        + "]";
  }
}

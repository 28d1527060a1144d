package io.github.chatwire.omikron.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code get_states}: presence of several users ({@code user_states}). The reference Omega never
 * answers it, so it rarely arrives. Immutable.
 *
 * @param userStates state per user; never null
 * @param raw the whole {@code data}; never null
 */
public record UserStates(Map<OmikronId, UserState> userStates, OmikronData raw)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userStates see {@link #userStates()}
   * @param raw see {@link #raw()}
   */
  public UserStates {
    userStates =
        userStates == null
            ? Collections.emptyMap()
            : Collections.unmodifiableMap(new LinkedHashMap<>(userStates));
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static UserStates from(OmikronData d) {
    Map<OmikronId, UserState> out = new LinkedHashMap<>();
    OmikronData o = d.getObject("user_states");
    if (o != null) {
      for (String k : o.asMap().keySet()) {
        String s = o.getString(k);
        if (!k.isEmpty() && s != null) {
          out.put(OmikronId.of(k), UserState.of(s));
        }
      }
    }
    return new UserStates(out, d);
  }
}

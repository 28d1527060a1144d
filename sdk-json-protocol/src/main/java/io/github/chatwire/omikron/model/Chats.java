package io.github.chatwire.omikron.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The reply to {@code get_chats}: the user's chats ({@code data.user_ids} is a list of objects,
 * despite its name). Immutable.
 *
 * @param chats the chats; never null
 * @param raw the whole {@code data}; never null
 */
public record Chats(List<ChatSummary> chats, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param chats see {@link #chats()}
   * @param raw see {@link #raw()}
   */
  public Chats {
    chats =
        chats == null
            ? java.util.Collections.emptyList()
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(chats));
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static Chats from(OmikronData d) {
    List<ChatSummary> out = new ArrayList<>();
    List<OmikronData> list = d.getObjectList("user_ids");
    if (list != null) {
      for (OmikronData c : list) {
        List<ChatSummary.CallSummary> calls = new ArrayList<>();
        List<OmikronData> cl = c.getObjectList("calls");
        if (cl != null) {
          for (OmikronData call : cl) {
            calls.add(
                new ChatSummary.CallSummary(
                    call.getString("call_id"), call.getLong("timeout"), call.getBoolean("admin")));
          }
        }
        out.add(
            new ChatSummary(
                c.getId("user_id"), c.getString("user_name"), c.getLong("last_message_at"), calls));
      }
    }
    return new Chats(out, d);
  }

  /**
   * @return the data as an Iota sends it
   */
  public OmikronData toData() {
    List<Object> list = new ArrayList<>();
    for (ChatSummary c : chats) {
      OmikronData.Builder b =
          OmikronData.builder()
              .putIfNotNull("user_id", c.userId())
              .putIfNotNull("user_name", c.userName())
              .putIfNotNull("last_message_at", c.lastMessageAt());
      if (!c.calls().isEmpty()) {
        List<Object> calls = new ArrayList<>();
        for (ChatSummary.CallSummary s : c.calls()) {
          calls.add(
              OmikronData.builder()
                  .putIfNotNull("call_id", s.callId())
                  .putIfNotNull("timeout", s.timeout())
                  .putIfNotNull("admin", s.admin())
                  .build());
        }
        b.put("calls", calls);
      }
      list.add(b.build());
    }
    return raw.toBuilder().put("user_ids", list).build();
  }
}

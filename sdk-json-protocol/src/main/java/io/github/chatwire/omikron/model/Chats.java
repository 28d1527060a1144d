package io.github.chatwire.omikron.model;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reply to {@code get_chats}: the user's chats. On the WebSocket protocol {@code data.user_ids}
 * is a list of objects, despite its name; on TTP it is a list of int64 user ids, read as chats with
 * only {@link ChatSummary#userId()} set. Immutable.
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
   * @throws OmikronFormatException if a field has an impossible type (including a list that mixes
   *     objects and ids)
   */
  public static Chats from(OmikronData d) {
    List<ChatSummary> out = new ArrayList<>();
    List<OmikronId> ids = isIdList(d.getList("user_ids")) ? d.getIdList("user_ids") : null;
    if (ids != null) {
      // TTP: the key holds a list of int64 user ids (TtpDataKeys), so a chat is its user id only
      for (OmikronId id : ids) {
        out.add(new ChatSummary(id, null, null, List.of()));
      }
      return new Chats(out, d);
    }
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

  /** A non-empty list of ids only (numbers or strings), as TTP sends it. */
  private static boolean isIdList(@Nullable List<@Nullable Object> list) {
    if (list == null || list.isEmpty()) {
      return false;
    }
    for (Object o : list) {
      if (!(o instanceof JsonNumber) && !(o instanceof String)) {
        return false;
      }
    }
    return true;
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

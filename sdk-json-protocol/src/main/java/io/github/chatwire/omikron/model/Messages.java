package io.github.chatwire.omikron.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The reply to {@code messages_get}: stored messages, newest first. Immutable.
 *
 * @param messages the messages; never null
 * @param raw the whole {@code data}; never null
 */
public record Messages(List<StoredMessage> messages, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param messages see {@link #messages()}
   * @param raw see {@link #raw()}
   */
  public Messages {
    messages =
        messages == null
            ? java.util.Collections.emptyList()
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(messages));
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static Messages from(OmikronData d) {
    List<StoredMessage> out = new ArrayList<>();
    List<OmikronData> list = d.getObjectList("messages");
    if (list != null) {
      for (OmikronData m : list) {
        String st = m.getString("message_state");
        out.add(
            new StoredMessage(
                m.getLong("timestamp"),
                m.getString("content"),
                m.getBoolean("sent_by_self"),
                st == null ? null : MessageState.of(st)));
      }
    }
    return new Messages(out, d);
  }

  /**
   * @return the data as an Iota sends it
   */
  public OmikronData toData() {
    List<Object> list = new ArrayList<>();
    for (StoredMessage m : messages) {
      list.add(
          OmikronData.builder()
              .putIfNotNull("timestamp", m.timestamp())
              .putIfNotNull("content", m.content())
              .putIfNotNull("sent_by_self", m.sentBySelf())
              .putIfNotNull("message_state", m.messageState())
              .build());
    }
    return raw.toBuilder().put("messages", list).build();
  }
}

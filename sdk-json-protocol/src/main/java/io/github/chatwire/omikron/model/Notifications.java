package io.github.chatwire.omikron.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reply to {@code get_notifications}: unread counts per sender. Immutable.
 *
 * @param notifications the counts; never null
 * @param raw the whole {@code data}; never null
 */
public record Notifications(List<NotificationCount> notifications, OmikronData raw)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param notifications see {@link #notifications()}
   * @param raw see {@link #raw()}
   */
  public Notifications {
    notifications =
        notifications == null
            ? Collections.emptyList()
            : Collections.unmodifiableList(new ArrayList<>(notifications));
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static Notifications from(OmikronData d) {
    List<NotificationCount> out = new ArrayList<>();
    List<OmikronData> list = d.getObjectList("notifications");
    if (list != null) {
      for (OmikronData n : list) {
        out.add(new NotificationCount(n.getId("sender"), n.getLong("amount")));
      }
    }
    return new Notifications(out, d);
  }

  /**
   * @return the data as the server sends it
   */
  public OmikronData toData() {
    List<Object> list = new ArrayList<>();
    for (NotificationCount n : notifications) {
      list.add(
          OmikronData.builder()
              .putIfNotNull("sender", n.sender())
              .putIfNotNull("amount", n.amount())
              .build());
    }
    return raw.toBuilder().put("notifications", list).build();
  }
}

package io.github.chatwire.omikron.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One Omikron message: the envelope {@code {id, type, sender, receiver, data}} of every era.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the id, type and routing, never the data.
 *
 * @param id the message id as received (a UUID in every era; the SDK sends lowercase hyphenated
 *     UUIDs and compares ids ignoring case); null if the message had none
 * @param type the message type; never null
 * @param sender the top-level {@code sender} (or {@code sender_id}); null if absent or 0
 * @param receiver the top-level {@code receiver} (or {@code receiver_id}); null if absent or 0
 * @param data the {@code data} object; never null (empty if absent)
 * @param log the older spec's {@code log} object; null if absent
 * @param extras top-level fields this SDK does not know, kept as JSON values; never null
 */
public record OmikronMessage(
    @Nullable String id,
    MessageType type,
    @Nullable OmikronId sender,
    @Nullable OmikronId receiver,
    OmikronData data,
    @Nullable LogInfo log,
    Map<String, @Nullable Object> extras)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param id see {@link #id()}
   * @param type see {@link #type()}
   * @param sender see {@link #sender()}
   * @param receiver see {@link #receiver()}
   * @param data see {@link #data()}
   * @param log see {@link #log()}
   * @param extras see {@link #extras()}
   */
  public OmikronMessage {
    Objects.requireNonNull(type, "type");
    data = data == null ? OmikronData.EMPTY : data;
    extras =
        extras == null || extras.isEmpty()
            ? Collections.emptyMap()
            : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
  }

  /**
   * A new message with a fresh random id and no routing.
   *
   * @param type the type; never null
   * @param data the data; null for empty
   * @return the message
   */
  public static OmikronMessage of(MessageType type, @Nullable OmikronData data) {
    return new OmikronMessage(
        newId(), type, null, null, data == null ? OmikronData.EMPTY : data, null, Map.of());
  }

  /**
   * A fresh lowercase hyphenated random UUID, the id format every Omikron build parses.
   *
   * @return the id
   */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The id in the form used for correlation: lowercase (the server echoes ids lowercase).
   *
   * @return the normalised id, or null if the message has none
   */
  public @Nullable String correlationKey() {
    return id == null ? null : id.toLowerCase(Locale.ROOT);
  }

  /**
   * A copy with another id.
   *
   * @param newId the id; may be null
   * @return the copy
   */
  public OmikronMessage withId(@Nullable String newId) {
    return new OmikronMessage(newId, type, sender, receiver, data, log, extras);
  }

  /**
   * A copy with other routing.
   *
   * @param newSender the sender; may be null
   * @param newReceiver the receiver; may be null
   * @return the copy
   */
  public OmikronMessage withRouting(
      @Nullable OmikronId newSender, @Nullable OmikronId newReceiver) {
    return new OmikronMessage(id, type, newSender, newReceiver, data, log, extras);
  }

  /**
   * A copy with other data.
   *
   * @param newData the data; null for empty
   * @return the copy
   */
  public OmikronMessage withData(@Nullable OmikronData newData) {
    return new OmikronMessage(
        id, type, sender, receiver, newData == null ? OmikronData.EMPTY : newData, log, extras);
  }

  /**
   * @return id, type and routing; never the data
   */
  @Override
  public String toString() {
    return "OmikronMessage[id="
        + id
        + ", type="
        + type
        + (sender == null ? "" : ", sender=" + sender)
        + (receiver == null ? "" : ", receiver=" + receiver)
        + ", data="
        + data
        + "]";
  }
}

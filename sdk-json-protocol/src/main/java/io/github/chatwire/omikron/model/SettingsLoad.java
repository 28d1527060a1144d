package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * Loads a named settings payload; the reply carries it as a string.
 *
 * <p>Message type {@code settings_load}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param settingsName {@code settings_name}: the name; null if absent
 * @param payload {@code payload}: the payload (reply; a string); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record SettingsLoad(
    @Nullable String settingsName, @Nullable Object payload, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param settingsName see {@link #settingsName()}
   * @param payload see {@link #payload()}
   * @param raw see {@link #raw()}
   */
  public SettingsLoad {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static SettingsLoad from(OmikronData d) {
    return new SettingsLoad(d.getString("settings_name"), d.get("payload"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("settings_name", settingsName);
    b.putIfNotNull("payload", payload);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.SETTINGS_LOAD;
  }

  @Override
  public String toString() {
    return "SettingsLoad[" + "settingsName=" + settingsName + ", " + "payload=" + payload + "]";
  }
}

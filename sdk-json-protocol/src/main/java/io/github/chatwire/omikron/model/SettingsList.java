package io.github.chatwire.omikron.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The names of the stored settings.
 *
 * <p>Message type {@code settings_list}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param settings {@code settings}: the names (a JSON null element is skipped); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record SettingsList(@Nullable List<String> settings, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param settings see {@link #settings()}
   * @param raw see {@link #raw()}
   */
  public SettingsList {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static SettingsList from(OmikronData d) {
    return new SettingsList(Records.strings(d, "settings"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("settings", settings);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.SETTINGS_LIST;
  }

  @Override
  public String toString() {
    return "SettingsList[" + "settings=" + settings + "]";
  }
}

package io.github.chatwire.binary.model;

import java.util.Objects;

/**
 * One setting and its value in a {@link Settings} packet.
 *
 * @param key the setting; never null
 * @param value the value, of the key's type; never null
 * @param <T> the value type
 */
public record SettingEntry<T>(SettingKey<T> key, T value) {
  /**
   * Validates the components.
   *
   * @param key the setting; never null
   * @param value the value, of the key's type; never null
   */
  public SettingEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (!key.type().isInstance(value)) {
      throw new IllegalArgumentException(
          "setting "
              + key.name()
              + " takes "
              + key.type().getSimpleName()
              + ", not "
              + value.getClass().getSimpleName());
    }
  }
}

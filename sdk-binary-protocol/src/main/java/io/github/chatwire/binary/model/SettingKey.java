package io.github.chatwire.binary.model;

import java.util.Objects;

/**
 * The id, name and value type of one setting of the Settings packet. The id must be {@code
 * 0x01..0xFE}: {@code 0x00} is reserved and {@code 0xFF} terminates the sequence. The spec defines
 * no real setting yet; applications and later SDK versions define keys and register them with a
 * value codec in {@link io.github.chatwire.binary.codec.SettingRegistry}.
 *
 * @param id the unsigned id, 1..254
 * @param name a name for logs; never null
 * @param type the Java type of the value; never null
 * @param <T> the value type
 */
public record SettingKey<T>(int id, String name, Class<T> type) {
  /**
   * Validates the components.
   *
   * @param id the unsigned id, 1..254
   * @param name a name for logs; never null
   * @param type the Java type of the value; never null
   */
  public SettingKey {
    if (id <= 0x00 || id >= 0xFF) {
      throw new IllegalArgumentException(
          "setting id must be 0x01..0xFE (0x00 is reserved, 0xFF terminates), was " + id);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}

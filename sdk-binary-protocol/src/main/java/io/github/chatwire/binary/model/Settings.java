package io.github.chatwire.binary.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings ({@code 0x01}): setting ids and values, terminated by {@code 0xFF}. Server-bound in the
 * spec; it also implements {@link ClientboundPacket} so that a server echo can be registered in the
 * client-bound registry. Immutable; entries keep their order.
 *
 * @param entries the settings in wire order; never null, copied
 */
public record Settings(List<SettingEntry<?>> entries)
    implements ServerboundPacket, ClientboundPacket {
  /**
   * The empty Settings packet, {@code 01 FF}: the only valid one while the spec defines no setting.
   */
  public static final Settings EMPTY = new Settings(List.of());

  /**
   * Copies the entries.
   *
   * @param entries the settings in wire order; never null
   */
  public Settings {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
  }

  /**
   * The value of the first entry with this key.
   *
   * @param key the key; never null
   * @param <T> the value type
   * @return the value, or null if absent
   */
  public <T> @Nullable T get(SettingKey<T> key) {
    for (SettingEntry<?> e : entries) {
      if (e.key().equals(key)) {
        return key.type().cast(e.value());
      }
    }
    return null;
  }

  /**
   * Starts building a Settings packet.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Settings}. Not thread-safe. */
  public static final class Builder {
    private final List<SettingEntry<?>> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a setting.
     *
     * @param key the key; never null
     * @param value the value; never null
     * @param <T> the value type
     * @return this builder
     */
    public <T> Builder set(SettingKey<T> key, T value) {
      entries.add(new SettingEntry<>(key, value));
      return this;
    }

    /**
     * Builds the packet.
     *
     * @return the packet
     */
    public Settings build() {
      return new Settings(entries);
    }
  }
}

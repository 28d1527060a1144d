package io.github.chatwire.binary.codec;

import io.github.chatwire.binary.model.SettingKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings the Settings packet codec knows: each {@link SettingKey} with the codec of its
 * value. New settings are added by registration. Immutable and thread-safe once built.
 */
public final class SettingRegistry {
  private static final SettingRegistry EMPTY = builder().build();

  private final Registered<?>[] byId;
  private final List<SettingKey<?>> keys;

  private SettingRegistry(Builder b) {
    this.byId = b.byId.clone();
    this.keys = Collections.unmodifiableList(new ArrayList<>(b.keys));
  }

  /**
   * The settings of the spec: none yet (only the reserved id 0x00 and the terminator 0xFF).
   *
   * @return the registry
   */
  public static SettingRegistry defaults() {
    return EMPTY;
  }

  /**
   * Starts building a registry.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this registry's settings, to add more.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (int i = 0; i < byId.length; i++) {
      b.byId[i] = byId[i];
    }
    b.keys.addAll(keys);
    return b;
  }

  /**
   * The key registered under an id.
   *
   * @param id the unsigned id
   * @return the key, or null if none
   */
  public @Nullable SettingKey<?> key(int id) {
    Registered<?> r = id >= 0 && id < 256 ? byId[id] : null;
    return r == null ? null : r.key;
  }

  /**
   * The registered keys in registration order.
   *
   * @return an unmodifiable list
   */
  public List<SettingKey<?>> keys() {
    return keys;
  }

  <T> @Nullable ValueCodec<T> codec(SettingKey<T> key) {
    Registered<?> r = byId[key.id()];
    if (r == null || !r.key.equals(key)) {
      return null;
    }
    @SuppressWarnings("unchecked")
    ValueCodec<T> c = (ValueCodec<T>) r.codec;
    return c;
  }

  Registered<?> registered(int id) {
    return byId[id];
  }

  static final class Registered<T> {
    final SettingKey<T> key;
    final ValueCodec<T> codec;

    Registered(SettingKey<T> key, ValueCodec<T> codec) {
      this.key = key;
      this.codec = codec;
    }
  }

  /** Builds a {@link SettingRegistry}. Not thread-safe. */
  public static final class Builder {
    private final Registered<?>[] byId = new Registered<?>[256];
    private final List<SettingKey<?>> keys = new ArrayList<>();

    private Builder() {}

    /**
     * Registers a setting.
     *
     * @param key the setting; never null; its id not yet registered
     * @param codec the codec of its values; never null; of the key's type
     * @param <T> the value type
     * @return this builder
     * @throws IllegalArgumentException if the id is taken or the codec's type differs
     */
    public <T> Builder register(SettingKey<T> key, ValueCodec<T> codec) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(codec, "codec");
      if (!key.type().equals(codec.type())) {
        throw new IllegalArgumentException(
            "codec type " + codec.type().getSimpleName() + " does not match setting " + key.name());
      }
      if (byId[key.id()] != null) {
        throw new IllegalArgumentException(
            "setting id 0x"
                + BinaryProtocolException.hex(key.id())
                + " is already registered as "
                + byId[key.id()].key.name());
      }
      byId[key.id()] = new Registered<>(key, codec);
      keys.add(key);
      return this;
    }

    /**
     * Builds the registry.
     *
     * @return the registry
     */
    public SettingRegistry build() {
      return new SettingRegistry(this);
    }
  }
}

package io.github.chatwire.binary.codec;

import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.ServerboundPacket;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The packet codecs of one direction, by id and by type. New packets are added by registration,
 * never by editing a switch. Immutable and thread-safe once built.
 *
 * @param <P> the direction: {@link ServerboundPacket} or {@link ClientboundPacket}
 */
public final class PacketRegistry<P> {
  private final Class<P> direction;
  private final PacketCodec<? extends P>[] byId;
  private final Map<Class<?>, PacketCodec<? extends P>> byType;

  private PacketRegistry(Builder<P> b) {
    this.direction = b.direction;
    this.byId = b.byId.clone();
    this.byType = new HashMap<>(b.byType);
  }

  /**
   * The server-bound packets of the spec: Ping ({@code 0x00}) and Settings ({@code 0x01}).
   *
   * @param settings the known settings; never null
   * @return the registry
   */
  public static PacketRegistry<ServerboundPacket> serverbound(SettingRegistry settings) {
    return builder(ServerboundPacket.class)
        .register(PacketCodecs.PING)
        .register(PacketCodecs.settings(settings))
        .build();
  }

  /**
   * The client-bound packets of the spec: Pong ({@code 0x00}).
   *
   * @return the registry
   */
  public static PacketRegistry<ClientboundPacket> clientbound() {
    return builder(ClientboundPacket.class).register(PacketCodecs.PONG).build();
  }

  /**
   * Starts building a registry.
   *
   * @param direction the packet interface of the direction; never null
   * @param <P> the direction
   * @return a builder
   */
  public static <P> Builder<P> builder(Class<P> direction) {
    return new Builder<>(Objects.requireNonNull(direction, "direction"));
  }

  /**
   * Starts a builder holding this registry's codecs, to add more.
   *
   * @return a builder
   */
  public Builder<P> toBuilder() {
    Builder<P> b = new Builder<>(direction);
    System.arraycopy(byId, 0, b.byId, 0, byId.length);
    b.byType.putAll(byType);
    return b;
  }

  /**
   * The codec of a packet id.
   *
   * @param id the unsigned id
   * @return the codec, or null if the id is unknown
   */
  public @Nullable PacketCodec<? extends P> codec(int id) {
    return id >= 0 && id < 256 ? byId[id] : null;
  }

  /**
   * The codec of a packet's type.
   *
   * @param type the packet's class; never null
   * @return the codec, or null if the type is not registered
   */
  public @Nullable PacketCodec<? extends P> codecFor(Class<?> type) {
    return byType.get(type);
  }

  /** Builds a {@link PacketRegistry}. Not thread-safe. */
  public static final class Builder<P> {
    private final Class<P> direction;

    @SuppressWarnings("unchecked")
    private final PacketCodec<? extends P>[] byId =
        (PacketCodec<? extends P>[]) new PacketCodec<?>[256];

    private final Map<Class<?>, PacketCodec<? extends P>> byType = new HashMap<>();

    private Builder(Class<P> direction) {
      this.direction = direction;
    }

    /**
     * Registers a packet codec.
     *
     * @param codec the codec; never null; its id and type not yet registered, its type a subtype of
     *     the direction
     * @return this builder
     * @throws IllegalArgumentException if the id or type is taken or of the wrong direction
     */
    public Builder<P> register(PacketCodec<? extends P> codec) {
      Objects.requireNonNull(codec, "codec");
      int id = codec.id();
      if (id < 0 || id > 255) {
        throw new IllegalArgumentException("packet id must be 0..255, was " + id);
      }
      if (!direction.isAssignableFrom(codec.type())) {
        throw new IllegalArgumentException(
            codec.type().getSimpleName() + " is not a " + direction.getSimpleName());
      }
      if (byId[id] != null) {
        throw new IllegalArgumentException(
            "packet id 0x"
                + BinaryProtocolException.hex(id)
                + " is already registered for "
                + byId[id].type().getSimpleName());
      }
      if (byType.containsKey(codec.type())) {
        throw new IllegalArgumentException(codec.type().getSimpleName() + " is already registered");
      }
      byId[id] = codec;
      byType.put(codec.type(), codec);
      return this;
    }

    /**
     * Builds the registry.
     *
     * @return the registry
     */
    public PacketRegistry<P> build() {
      return new PacketRegistry<>(this);
    }
  }
}

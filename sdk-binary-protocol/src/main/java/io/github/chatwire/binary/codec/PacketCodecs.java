package io.github.chatwire.binary.codec;

import io.github.chatwire.binary.model.Ping;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.SettingEntry;
import io.github.chatwire.binary.model.SettingKey;
import io.github.chatwire.binary.model.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The codecs of the packets the spec defines. */
public final class PacketCodecs {
  /** Server-bound Ping, {@code 0x00}, no arguments. */
  public static final PacketCodec<Ping> PING =
      new PacketCodec<Ping>() {
        @Override
        public int id() {
          return 0x00;
        }

        @Override
        public Class<Ping> type() {
          return Ping.class;
        }

        @Override
        public void write(Ping packet, PacketWriter out) {}

        @Override
        public Ping read(PacketReader in) {
          return Ping.INSTANCE;
        }
      };

  /** Client-bound Pong, {@code 0x00}, one long: Unix milliseconds. */
  public static final PacketCodec<Pong> PONG =
      new PacketCodec<Pong>() {
        @Override
        public int id() {
          return 0x00;
        }

        @Override
        public Class<Pong> type() {
          return Pong.class;
        }

        @Override
        public void write(Pong packet, PacketWriter out) {
          out.writeLong(packet.serverTimeMillis());
        }

        @Override
        public Pong read(PacketReader in) {
          return new Pong(in.readLong());
        }
      };

  private PacketCodecs() {}

  /**
   * The Settings codec, {@code 0x01}: setting id, value, ..., {@code 0xFF}. Values are read with
   * the codec registered for their id; an unregistered id cannot be skipped (values carry no
   * length) and fails the packet.
   *
   * @param settings the known settings; never null
   * @return the codec
   */
  public static PacketCodec<Settings> settings(SettingRegistry settings) {
    Objects.requireNonNull(settings, "settings");
    return new PacketCodec<Settings>() {
      @Override
      public int id() {
        return 0x01;
      }

      @Override
      public Class<Settings> type() {
        return Settings.class;
      }

      @Override
      public void write(Settings packet, PacketWriter out) {
        for (SettingEntry<?> e : packet.entries()) {
          writeEntry(e, out);
        }
        out.writeTerminator();
      }

      private <T> void writeEntry(SettingEntry<T> e, PacketWriter out) {
        ValueCodec<T> codec = settings.codec(e.key());
        if (codec == null) {
          throw new IllegalArgumentException(
              "setting "
                  + e.key().name()
                  + " (id 0x"
                  + BinaryProtocolException.hex(e.key().id())
                  + ") is not registered");
        }
        out.writeByte(e.key().id());
        codec.write(e.value(), out);
      }

      @Override
      public Settings read(PacketReader in) {
        List<SettingEntry<?>> entries = new ArrayList<>();
        in.readUntilTerminator(
            r -> {
              int at = r.position();
              int id = r.readUnsignedByte();
              SettingRegistry.Registered<?> reg = settings.registered(id);
              if (reg == null) {
                throw r.malformedAt(at, "unknown setting id 0x" + BinaryProtocolException.hex(id));
              }
              entries.add(readEntry(reg, r));
            });
        return entries.isEmpty() ? Settings.EMPTY : new Settings(entries);
      }

      private <T> SettingEntry<T> readEntry(SettingRegistry.Registered<T> reg, PacketReader r) {
        SettingKey<T> key = reg.key;
        return new SettingEntry<>(key, reg.codec.read(r));
      }
    };
  }
}

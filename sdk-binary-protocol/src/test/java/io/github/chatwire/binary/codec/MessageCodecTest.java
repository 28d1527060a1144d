package io.github.chatwire.binary.codec;

import static io.github.chatwire.binary.codec.Hex.bytes;
import static io.github.chatwire.binary.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Ping;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.ServerboundPacket;
import io.github.chatwire.binary.model.SettingKey;
import io.github.chatwire.binary.model.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private final MessageCodec<ClientboundPacket, ServerboundPacket> client = MessageCodec.client();
  private final MessageCodec<ServerboundPacket, ClientboundPacket> server =
      MessageCodec.server(TestSettings.REGISTRY);

  /** A packet the spec does not have, to show that new ids are added by registration. */
  record Notice(int code, String text) implements ClientboundPacket {}

  static final PacketCodec<Notice> NOTICE =
      new PacketCodec<>() {
        @Override
        public int id() {
          return 0x07;
        }

        @Override
        public Class<Notice> type() {
          return Notice.class;
        }

        @Override
        public void write(Notice p, PacketWriter out) {
          out.writeInt(p.code()).writeString(p.text());
        }

        @Override
        public Notice read(PacketReader in) {
          return new Notice(in.readInt(), in.readString());
        }
      };

  @Test
  void unknownIdStopsTheMessageAndKeepsWhatCameBefore() {
    DecodedMessage<ClientboundPacket> d =
        client.decode(bytes("00 0000018bcfe56800 42 00 0000000000000001"));
    assertEquals(List.of(new Pong(1_700_000_000_000L)), d.packets());
    UnknownPacketException e = assertInstanceOf(UnknownPacketException.class, d.error());
    assertEquals(0x42, e.packetId());
    assertEquals(9, e.offset());
    assertTrue(
        e.getMessage().contains("0x42") && e.getMessage().contains("offset 9"), e.getMessage());
  }

  @Test
  void theReferencesNineteenByteListingHasAStrayTrailingByte() {
    // The reference prints "... 68 fa 18" and calls it 18 bytes; the 19th byte is not a packet.
    DecodedMessage<ClientboundPacket> d =
        client.decode(bytes("00 0000018bcfe56800 00 0000018bcfe568fa 18"));
    assertEquals(2, d.packets().size());
    assertEquals(18, d.error().offset());
    assertEquals(0x18, d.error().packetId());
  }

  @Test
  void truncatedPong() {
    DecodedMessage<ClientboundPacket> d = client.decode(bytes("00 0000000000000001 00 000000"));
    assertEquals(List.of(new Pong(1)), d.packets());
    MalformedPacketException e = assertInstanceOf(MalformedPacketException.class, d.error());
    assertEquals(0x00, e.packetId());
    assertEquals(10, e.offset());
  }

  @Test
  void settingsErrors() {
    // Unknown setting id: cannot be skipped.
    DecodedMessage<ServerboundPacket> d = server.decode(bytes("00 01 10 05 77 01 ff"));
    assertEquals(List.of(Ping.INSTANCE), d.packets());
    assertEquals(0x01, d.error().packetId());
    assertEquals(4, d.error().offset());
    assertTrue(d.error().getMessage().contains("unknown setting id 0x77"), d.error().getMessage());
    // Missing terminator.
    d = server.decode(bytes("01 12 00000001"));
    assertInstanceOf(MalformedPacketException.class, d.error());
    assertEquals(6, d.error().offset());
    // The reserved id 0x00 is no setting either.
    assertNotNull(server.decode(bytes("01 00 ff")).error());
    // With the spec's registry (no settings) only 01 ff is valid.
    MessageCodec<ServerboundPacket, ClientboundPacket> plain =
        MessageCodec.server(SettingRegistry.defaults());
    assertTrue(plain.decode(bytes("01 ff")).isComplete());
    assertNotNull(plain.decode(bytes("01 10 05 ff")).error());
  }

  @Test
  void newPacketsAreAddedByRegistration() {
    PacketRegistry<ClientboundPacket> registry =
        PacketRegistry.clientbound().toBuilder().register(NOTICE).build();
    MessageCodec<ClientboundPacket, ServerboundPacket> c =
        MessageCodec.client(registry, SettingRegistry.defaults());
    MessageCodec<ServerboundPacket, ClientboundPacket> s =
        MessageCodec.server(registry, SettingRegistry.defaults());
    byte[] b = s.encode(List.of(new Notice(-5, "maintenance"), new Pong(3)));
    assertEquals(
        "07 ff ff ff fb 00 0b 6d 61 69 6e 74 65 6e 61 6e 63 65 00 00 00 00 00 00 00 00 03", hex(b));
    assertEquals(List.of(new Notice(-5, "maintenance"), new Pong(3)), c.decode(b).packets());
    // Without the registration the same bytes are an unknown packet.
    assertEquals(0x07, client.decode(b).error().packetId());
  }

  @Test
  void settingsEchoCanBeRegisteredClientbound() {
    PacketRegistry<ClientboundPacket> registry =
        PacketRegistry.clientbound().toBuilder()
            .register(PacketCodecs.settings(TestSettings.REGISTRY))
            .build();
    MessageCodec<ClientboundPacket, ServerboundPacket> c =
        MessageCodec.client(registry, TestSettings.REGISTRY);
    Settings s = Settings.builder().set(TestSettings.BOOL, false).build();
    assertEquals(
        List.of(s, new Pong(1)), c.decode(bytes("01 14 00 ff 00 0000000000000001")).packets());
  }

  @Test
  void registrationConflictsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PacketRegistry.clientbound().toBuilder()
                .register(
                    new PacketCodec<Notice>() {
                      public int id() {
                        return 0x00;
                      }

                      public Class<Notice> type() {
                        return Notice.class;
                      }

                      public void write(Notice p, PacketWriter out) {}

                      public Notice read(PacketReader in) {
                        return null;
                      }
                    }));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TestSettings.REGISTRY.toBuilder()
                .register(new SettingKey<>(0x10, "again", Byte.class), ValueCodecs.BYTE));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SettingRegistry.builder()
                .register(
                    new SettingKey<>(0x20, "mismatch", Long.class), (ValueCodec) ValueCodecs.INT));
    assertThrows(
        IllegalArgumentException.class, () -> new SettingKey<>(0x00, "reserved", Byte.class));
    assertThrows(
        IllegalArgumentException.class, () -> new SettingKey<>(0xFF, "terminator", Byte.class));
  }

  @Test
  void encodingAnUnregisteredPacketOrSettingFails() {
    record Unknown() implements ServerboundPacket {}
    assertThrows(IllegalArgumentException.class, () -> client.encode(new Unknown()));
    assertThrows(
        IllegalArgumentException.class,
        () -> client.encode(Settings.builder().set(TestSettings.INT, 1).build()));
    assertThrows(IllegalArgumentException.class, () -> client.encode(List.of()));
  }

  @Test
  void aFailingCustomCodecBecomesATypedError() {
    PacketRegistry<ClientboundPacket> registry =
        PacketRegistry.clientbound().toBuilder()
            .register(
                new PacketCodec<Notice>() {
                  public int id() {
                    return 0x09;
                  }

                  public Class<Notice> type() {
                    return Notice.class;
                  }

                  public void write(Notice p, PacketWriter out) {}

                  public Notice read(PacketReader in) {
                    throw new IllegalStateException("bug");
                  }
                })
            .build();
    DecodedMessage<ClientboundPacket> d =
        MessageCodec.client(registry, SettingRegistry.defaults()).decode(bytes("09"));
    assertInstanceOf(MalformedPacketException.class, d.error());
    assertEquals(0x09, d.error().packetId());
  }

  @Test
  void packetCountIsBounded() {
    MessageCodec<ServerboundPacket, ClientboundPacket> small =
        new MessageCodec<>(
            PacketRegistry.serverbound(SettingRegistry.defaults()),
            PacketRegistry.clientbound(),
            3,
            100);
    DecodedMessage<ServerboundPacket> d = small.decode(bytes("00 00 00 00"));
    assertEquals(3, d.packets().size());
    assertEquals(3, d.error().offset());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MessageCodec<>(PacketRegistry.clientbound(), PacketRegistry.clientbound(), 10, 9)
                .encode(List.of(new Pong(1), new Pong(2))));
  }

  @Test
  void emptyMessageDecodesToNothing() {
    DecodedMessage<ClientboundPacket> d = client.decode(new byte[0]);
    assertTrue(d.isComplete());
    assertTrue(d.packets().isEmpty());
  }

  /** A packet that carries a whole inner message, decoded by the same codec on the same thread. */
  record Envelope(List<ClientboundPacket> inner) implements ClientboundPacket {}

  @Test
  void aCodecThatDecodesANestedMessageOnTheSameThreadDoesNotDisturbTheOuterOne() {
    MessageCodec<ClientboundPacket, ServerboundPacket>[] self = new MessageCodec[1];
    PacketCodec<Envelope> envelope =
        new PacketCodec<>() {
          @Override
          public int id() {
            return 0x08;
          }

          @Override
          public Class<Envelope> type() {
            return Envelope.class;
          }

          @Override
          public void write(Envelope p, PacketWriter out) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Envelope read(PacketReader in) {
            byte[] inner = in.readBytes(in.readUnsignedByte());
            return new Envelope(self[0].decode(inner).packets());
          }
        };
    self[0] =
        new MessageCodec<>(
            PacketRegistry.clientbound().toBuilder().register(envelope).register(NOTICE).build(),
            PacketRegistry.serverbound(SettingRegistry.defaults()),
            16,
            1024);
    // Pong 1, Envelope(9 bytes: Pong 2), Pong 3, Notice: the outer reader's position must survive
    // the inner decode.
    DecodedMessage<ClientboundPacket> d =
        self[0].decode(
            bytes(
                "00 0000000000000001 08 09 00 0000000000000002 00 0000000000000003 07 00000005 0002 6869"));
    assertEquals(
        List.of(new Pong(1), new Envelope(List.of(new Pong(2))), new Pong(3), new Notice(5, "hi")),
        d.packets());
    assertTrue(d.isComplete());
    // And the kept reader is free again afterwards: the next message decodes from its own start.
    assertEquals(List.of(new Pong(4)), self[0].decode(bytes("00 0000000000000004")).packets());
  }

  @Test
  void messagesOfZeroOneTwoAndManyPacketsKeepOrderAndErrors() {
    assertEquals(List.of(), client.decode(new byte[0]).packets());
    assertEquals(List.of(new Pong(1)), client.decode(bytes("00 0000000000000001")).packets());
    assertEquals(
        List.of(new Pong(1), new Pong(2)),
        client.decode(bytes("00 0000000000000001 00 0000000000000002")).packets());
    DecodedMessage<ClientboundPacket> three =
        client.decode(bytes("00 0000000000000001 00 0000000000000002 00 0000000000000003 00 00"));
    assertEquals(List.of(new Pong(1), new Pong(2), new Pong(3)), three.packets());
    assertInstanceOf(MalformedPacketException.class, three.error());
    assertThrows(UnsupportedOperationException.class, () -> three.packets().add(new Pong(9)));
    assertEquals(-1L, new PacketReader(bytes("ffffffffffffffff")).readLong());
    assertEquals(0x0102030405060708L, new PacketReader(bytes("0102030405060708")).readLong());
    assertEquals(Integer.MIN_VALUE, new PacketReader(bytes("80000000")).readInt());
    assertEquals("h\u00e9", new PacketReader(bytes("0003 68c3a9")).readString());
  }
}

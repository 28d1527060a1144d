package io.github.chatwire.binary.codec;

import static io.github.chatwire.binary.codec.Hex.bytes;
import static io.github.chatwire.binary.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.binary.model.ClientAuth;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Ping;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.ServerboundPacket;
import io.github.chatwire.binary.model.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked byte examples of the protocol reference (§2.1), and one per packet and value type. */
class GoldenBytesTest {
  private final MessageCodec<ClientboundPacket, ServerboundPacket> client =
      MessageCodec.client(PacketRegistry.clientbound(), TestSettings.REGISTRY);
  private final MessageCodec<ServerboundPacket, ClientboundPacket> server =
      MessageCodec.server(TestSettings.REGISTRY);

  @Test
  void serverHello() {
    assertEquals("6d 73", hex(Handshake.serverHello()));
    assertTrue(Handshake.isServerHello(bytes("6d73")));
    assertFalse(Handshake.isServerHello(bytes("736d")));
    assertFalse(Handshake.isServerHello(bytes("6d")));
    assertFalse(Handshake.isServerHello(bytes("6d7300")));
  }

  @Test
  void clientAuthWithStandardPaddedKey() {
    byte[] key = AccessKeys.decode("AAECAwQFBgcICQoLDA0ODxA=");
    byte[] auth =
        Handshake.encodeClientAuth(new ClientAuth(0, key), Handshake.MAX_KEY_LENGTH_SIGNED);
    assertEquals("b6 c4 00 11 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10", hex(auth));
    assertEquals(21, auth.length);
    ClientAuth decoded = Handshake.decodeClientAuth(auth);
    assertEquals(0, decoded.version());
    assertArrayEquals(key, decoded.key());
  }

  @Test
  void urlSafeUnpaddedKeyDecodesToTheSameBytes() {
    byte[] standard = AccessKeys.decode("AAECAwQFBgcICQoLDA0ODxA=");
    assertArrayEquals(standard, AccessKeys.decode("AAECAwQFBgcICQoLDA0ODxA"));
    assertArrayEquals(standard, AccessKeys.decode(" AAECAwQF\nBgcICQoLDA0ODxA= "));
    // URL-safe alphabet: fb ff bf is "+/+/" standard, "-_-_" URL-safe.
    assertEquals("fb ff bf", hex(AccessKeys.decode("-_-_")));
    assertEquals("fb ff bf", hex(AccessKeys.decode("+/+/")));
    assertEquals("fb ff", hex(AccessKeys.decode("-_8")));
    assertEquals("fb ff", hex(AccessKeys.decode("-_8=")));
  }

  @Test
  void badBase64IsRefusedWithoutShowingTheKey() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AccessKeys.decode("secret!key"));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AccessKeys.decode("AAAAA"));
    assertThrows(IllegalArgumentException.class, () -> AccessKeys.decode("AA==="));
  }

  @Test
  void keyLengthLimits() {
    byte[] k127 = new byte[127];
    byte[] k128 = new byte[128];
    byte[] k255 = new byte[255];
    byte[] k256 = new byte[256];
    assertEquals(4 + 127, Handshake.encodeClientAuth(new ClientAuth(0, k127), 127).length);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Handshake.encodeClientAuth(new ClientAuth(0, k128), 127));
    assertTrue(
        e.getMessage().contains("128 bytes") && e.getMessage().contains("at most 127"),
        e.getMessage());
    byte[] unsigned = Handshake.encodeClientAuth(new ClientAuth(0, k255), 255);
    assertEquals(0xff, unsigned[3] & 0xFF);
    assertEquals(255, Handshake.decodeClientAuth(unsigned).key().length);
    assertThrows(
        IllegalArgumentException.class,
        () -> Handshake.encodeClientAuth(new ClientAuth(0, k256), 255));
  }

  @Test
  void malformedClientAuth() {
    assertThrows(MalformedPacketException.class, () -> Handshake.decodeClientAuth(bytes("6d73")));
    assertThrows(
        MalformedPacketException.class, () -> Handshake.decodeClientAuth(bytes("b6c40005 0102")));
    assertThrows(
        MalformedPacketException.class, () -> Handshake.decodeClientAuth(bytes("b6c40001 0102")));
    assertThrows(MalformedPacketException.class, () -> Handshake.decodeClientAuth(bytes("b6c4")));
    assertEquals(
        "ClientAuth[version=0, key=2 bytes ***]", new ClientAuth(0, bytes("0102")).toString());
  }

  @Test
  void ping() {
    assertEquals("00", hex(client.encode(Ping.INSTANCE)));
    assertEquals(List.of(Ping.INSTANCE), server.decode(bytes("00")).packets());
  }

  @Test
  void emptySettingsAndPingInOneMessage() {
    byte[] b = client.encode(List.of(Settings.EMPTY, Ping.INSTANCE));
    assertEquals("01 ff 00", hex(b));
    DecodedMessage<ServerboundPacket> d = server.decode(b);
    assertTrue(d.isComplete());
    assertEquals(List.of(Settings.EMPTY, Ping.INSTANCE), d.packets());
  }

  @Test
  void settingsWithEveryValueType() {
    Settings s =
        Settings.builder()
            .set(TestSettings.BYTE, (byte) -1)
            .set(TestSettings.SHORT, (short) -2)
            .set(TestSettings.INT, 255)
            .set(TestSettings.LONG, -1L)
            .set(TestSettings.BOOL, true)
            .set(TestSettings.STRING, "hi")
            .build();
    byte[] b = client.encode(s);
    assertEquals(
        "01 10 ff 11 ff fe 12 00 00 00 ff 13 ff ff ff ff ff ff ff ff 14 01 15 00 02 68 69 ff",
        hex(b));
    assertEquals(List.of(s), server.decode(b).packets());
    assertEquals(Integer.valueOf(255), s.get(TestSettings.INT));
    assertNull(Settings.EMPTY.get(TestSettings.INT));
  }

  @Test
  void pong() {
    assertEquals("00 00 00 01 8b cf e5 68 00", hex(server.encode(new Pong(1_700_000_000_000L))));
    assertEquals(
        List.of(new Pong(1_700_000_000_000L)),
        client.decode(bytes("00 0000018bcfe56800")).packets());
  }

  @Test
  void twoPongsInOneMessage() {
    byte[] b = bytes("00 00 00 01 8b cf e5 68 00 00 00 00 01 8b cf e5 68 fa");
    assertEquals(18, b.length);
    List<Pong> expected = List.of(new Pong(1_700_000_000_000L), new Pong(1_700_000_000_250L));
    DecodedMessage<ClientboundPacket> d = client.decode(b);
    assertTrue(d.isComplete());
    assertEquals(expected, d.packets());
    assertArrayEquals(b, server.encode(expected));
  }
}

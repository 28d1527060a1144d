package io.github.chatwire.binary.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Ping;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.ServerboundPacket;
import io.github.chatwire.binary.model.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round-trip properties over seeded random inputs (no property-testing library): for every
 * generated batch, decode(encode(x)) == x and encode(decode(bytes)) == bytes. The seed of a failing
 * case is in the assertion message.
 */
class RoundTripPropertyTest {
  private static final int CASES = 2000;
  private final MessageCodec<ClientboundPacket, ServerboundPacket> client =
      MessageCodec.client(PacketRegistry.clientbound(), TestSettings.REGISTRY);
  private final MessageCodec<ServerboundPacket, ClientboundPacket> server =
      MessageCodec.server(TestSettings.REGISTRY);

  @Test
  void serverboundBatchesRoundTrip() {
    for (int seed = 0; seed < CASES; seed++) {
      Random rnd = new Random(seed);
      List<ServerboundPacket> batch = new ArrayList<>();
      int n = 1 + rnd.nextInt(8);
      for (int i = 0; i < n; i++) {
        batch.add(rnd.nextBoolean() ? Ping.INSTANCE : randomSettings(rnd));
      }
      byte[] bytes = client.encode(batch);
      DecodedMessage<ServerboundPacket> d = server.decode(bytes);
      assertTrue(d.isComplete(), "seed " + seed + ": " + d.error());
      assertEquals(batch, d.packets(), "seed " + seed);
      assertArrayEquals(bytes, client.encode(d.packets()), "seed " + seed);
    }
  }

  @Test
  void clientboundBatchesRoundTrip() {
    for (int seed = 0; seed < CASES; seed++) {
      Random rnd = new Random(seed);
      List<ClientboundPacket> batch = new ArrayList<>();
      int n = 1 + rnd.nextInt(10);
      for (int i = 0; i < n; i++) {
        batch.add(new Pong(randomLong(rnd)));
      }
      byte[] bytes = server.encode(batch);
      assertEquals(9 * n, bytes.length, "seed " + seed);
      DecodedMessage<ClientboundPacket> d = client.decode(bytes);
      assertTrue(d.isComplete(), "seed " + seed);
      assertEquals(batch, d.packets(), "seed " + seed);
    }
  }

  @Test
  void everyPrefixOfAValidMessageDecodesWithoutThrowing() {
    for (int seed = 0; seed < 300; seed++) {
      Random rnd = new Random(seed);
      List<ServerboundPacket> batch =
          List.of(randomSettings(rnd), Ping.INSTANCE, randomSettings(rnd));
      byte[] bytes = client.encode(batch);
      for (int len = 0; len < bytes.length; len++) {
        byte[] prefix = java.util.Arrays.copyOf(bytes, len);
        DecodedMessage<ServerboundPacket> d = server.decode(prefix);
        // A prefix is complete only when it ends exactly on a packet boundary.
        if (d.isComplete()) {
          byte[] again = d.packets().isEmpty() ? new byte[0] : client.encode(d.packets());
          assertArrayEquals(prefix, again, "seed " + seed + " len " + len);
        } else {
          assertTrue(d.error().offset() <= len, "seed " + seed + " len " + len);
        }
      }
    }
  }

  @Test
  void primitivesRoundTrip() {
    Random rnd = new Random(42);
    for (int i = 0; i < CASES; i++) {
      long l = randomLong(rnd);
      int v = (int) randomLong(rnd);
      short s = (short) v;
      byte b = (byte) v;
      String str = randomString(rnd);
      byte[] raw = new byte[rnd.nextInt(20)];
      rnd.nextBytes(raw);
      PacketWriter w =
          new PacketWriter()
              .writeLong(l)
              .writeInt(v)
              .writeShort(s)
              .writeByte(b)
              .writeString(str)
              .writeBytes(raw)
              .writeBoolean(v % 2 == 0);
      PacketReader r = new PacketReader(w.toByteArray());
      assertEquals(l, r.readLong());
      assertEquals(v, r.readInt());
      assertEquals(s, r.readShort());
      assertEquals(b, r.readByte());
      assertEquals(str, r.readString());
      assertArrayEquals(raw, r.readBytes(raw.length));
      assertEquals(v % 2 == 0, r.readBoolean());
      assertEquals(0, r.remaining());
    }
  }

  static Settings randomSettings(Random rnd) {
    Settings.Builder b = Settings.builder();
    int n = rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      switch (rnd.nextInt(6)) {
        case 0 -> b.set(TestSettings.BYTE, (byte) randomLong(rnd));
        case 1 -> b.set(TestSettings.SHORT, (short) randomLong(rnd));
        case 2 -> b.set(TestSettings.INT, (int) randomLong(rnd));
        case 3 -> b.set(TestSettings.LONG, randomLong(rnd));
        case 4 -> b.set(TestSettings.BOOL, rnd.nextBoolean());
        default -> b.set(TestSettings.STRING, randomString(rnd));
      }
    }
    return b.build();
  }

  /** Biased towards edge values: -1 (all 0xFF bytes, like the terminator), 0, min and max. */
  static long randomLong(Random rnd) {
    switch (rnd.nextInt(6)) {
      case 0:
        return -1L;
      case 1:
        return 0L;
      case 2:
        return rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
      case 3:
        return rnd.nextInt(512) - 256;
      default:
        return rnd.nextLong();
    }
  }

  static String randomString(Random rnd) {
    int n = rnd.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      switch (rnd.nextInt(4)) {
        case 0 -> sb.append((char) ('a' + rnd.nextInt(26)));
        case 1 -> sb.append((char) (0x80 + rnd.nextInt(0x700)));
        case 2 -> sb.append((char) (0x3000 + rnd.nextInt(0x1000)));
        default -> sb.appendCodePoint(0x1F600 + rnd.nextInt(50));
      }
    }
    return sb.toString();
  }
}

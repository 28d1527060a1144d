package io.github.chatwire.omikron.codec.ttp;

import static io.github.chatwire.omikron.codec.ttp.TtpTestSupport.allocated;
import static io.github.chatwire.omikron.codec.ttp.TtpTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ProtocolException;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Hostile lengths, counts and nesting: typed errors with offsets, and no unbounded allocation. */
class TtpHostileInputTest {
  private static final TtpCodec CODEC = new TtpCodec();

  private static TtpDecodeException decodeFails(String hexBytes) {
    byte[] b = hex(hexBytes);
    TtpDecodeException e = assertThrows(TtpDecodeException.class, () -> CODEC.decode(b));
    assertTrue(e instanceof ProtocolException);
    assertTrue(e.offset() >= 0 && e.offset() <= b.length, e.getMessage());
    return e;
  }

  @Test
  void innerLengthBeyondTheBytesOrTheLimit() {
    assertEquals(0, decodeFails("fffffffe31000000").offset());
    assertTrue(decodeFails("fffffffe31000000").getMessage().contains("limit"));
    assertTrue(decodeFails("0000000531000000").getMessage().contains("remain"));
    assertEquals(8, decodeFails("000000043100000000").offset()); // a trailing byte
    decodeFails("");
    decodeFails("000000");
    decodeFails("0000000131");
  }

  @Test
  void headerFieldsCutOffByTheirFlags() {
    decodeFails("000000043107" + "0000"); // id, sender and receiver announced, 2 bytes there
    decodeFails("0000000431040102"); // id needs 4
    decodeFails(msg("310701020304000000")); // sender cut off
  }

  @Test
  void countsLargerThanTheRemainingBytes() {
    TtpDecodeException e = decodeFails("0000000431" + "00" + "ffff");
    assertEquals(6, e.offset());
    assertTrue(e.getMessage().contains("cannot fit"), e.getMessage());
    // an array entry whose element count exceeds its payload
    decodeFails(msg("3100" + "0001" + "050004" + "0c" + "ffff" + "0300"));
    // an entry length beyond the container
    decodeFails(msg("3100" + "0001" + "04ffff" + "0b" + "41"));
  }

  @Test
  void payloadsOfTheWrongSize() {
    decodeFails(msg("3100" + "0001" + "030000" + "0b")); // i64 of 0 bytes
    decodeFails(msg("3100" + "0001" + "070001" + "31" + "00")); // null with a payload
    TtpDecodeException bad =
        decodeFails(msg("3100" + "0001" + "040001" + "3f" + "ff")); // not UTF-8
    assertTrue(bad.getMessage().contains("UTF-8"));
    TtpDecodeException kind = decodeFails(msg("3100" + "0001" + "080000" + "3f"));
    assertEquals(6 + 2, kind.offset());
    assertTrue(kind.getMessage().contains("0x8"));
    decodeFails(msg("3100" + "0001" + "060003" + "18" + "0000" + "00")); // slack inside a payload
  }

  @Test
  void theMessageNeverShowsContent() {
    TtpDecodeException e =
        decodeFails(msg("3100" + "0001" + "04000d" + "48" + "7365637265747365637265ff74"));
    assertTrue(!e.getMessage().contains("secret"), e.getMessage());
  }

  /** Nesting of any depth fails at the limit, without recursing further (no StackOverflowError). */
  @Test
  void nestedDepthBombs() {
    for (int kind : new int[] {TtpKind.MARK_CONTAINER, TtpKind.MARK_ARRAY}) {
      byte[] bomb = depthBomb(kind, 3_000);
      TtpDecodeException e =
          assertThrows(
              TtpDecodeException.class,
              () -> new TtpCodec(TtpLimits.DEFAULT.withMaxMessageBytes(1 << 20)).decode(bomb));
      assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }
    // a depth within the limit decodes
    TtpMessage ok = CODEC.decode(depthBomb(TtpKind.MARK_CONTAINER, 31));
    assertEquals(1, ok.data().entries().size());
    assertThrows(
        TtpDecodeException.class, () -> CODEC.decode(depthBomb(TtpKind.MARK_CONTAINER, 32)));
  }

  /**
   * A message whose top-level entry nests {@code levels} containers or arrays inside each other.
   */
  private static byte[] depthBomb(int kind, int levels) {
    byte[] inner = hex("0000"); // the innermost empty container or array
    for (int i = 0; i < levels; i++) {
      boolean top = i == levels - 1;
      boolean keyed = kind == TtpKind.MARK_CONTAINER || top;
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      if (!top) {
        b.write(0);
        b.write(1); // count 1
      }
      b.write(kind);
      b.write(inner.length >>> 8);
      b.write(inner.length);
      if (keyed) {
        b.write(kind == TtpKind.MARK_CONTAINER ? 0x06 : 0x0c); // settings / user_ids
      }
      b.write(inner, 0, inner.length);
      inner = b.toByteArray();
    }
    return hex(msg("3100" + "0001" + hex(inner)));
  }

  /** A message: its u32 length, then the body. */
  static String msg(String bodyHex) {
    return String.format("%08x", bodyHex.length() / 2) + bodyHex;
  }

  @Test
  void entryAndValueLimits() {
    TtpCodec strict = new TtpCodec(TtpLimits.DEFAULT.withMaxEntries(1).withMaxValues(3));
    byte[] twoEntries = hex(msg("3100" + "0002" + "0114" + "0124"));
    assertThrows(TtpDecodeException.class, () -> strict.decode(twoEntries));
    // 4 values in total (1 entry + 3 elements) but at most 3 allowed
    byte[] fourValues = hex(msg("3100" + "0001" + "050005" + "0c" + "0003" + "010201"));
    TtpCodec arrays = new TtpCodec(TtpLimits.DEFAULT.withMaxValues(3));
    assertTrue(
        assertThrows(TtpDecodeException.class, () -> arrays.decode(fourValues))
            .getMessage()
            .contains("values"));
    assertEquals(
        3,
        new TtpCodec(TtpLimits.DEFAULT.withMaxValues(4))
            .decode(fourValues)
            .data()
            .get(0x0c)
            .asList()
            .size());
  }

  /**
   * A frame length of 0xFFFFFFFE (or anything above the limit) fails the stream before any
   * allocation.
   */
  @Test
  void streamFrameLengthAboveTheLimitFailsTheStream() {
    TtpTestSupport.Collector sink = new TtpTestSupport.Collector();
    TtpStreamDecoder d = new TtpStreamDecoder(CODEC, sink);
    long before = allocated();
    TtpDecodeException e =
        assertThrows(TtpDecodeException.class, () -> d.feed(hex("fffffffe00000000")));
    assertTrue(allocated() - before < 1024 * 1024, "allocated " + (allocated() - before));
    assertEquals(0, e.offset());
    assertEquals(0, d.bufferCapacity());
    assertThrows(TtpDecodeException.class, () -> d.feed(hex("00")));
    assertTrue(sink.messages.isEmpty() && sink.malformed.isEmpty() && sink.closes == 0);
  }

  /** A frame declared at the full limit but sent slowly holds only what has arrived. */
  @Test
  void bufferGrowsWithTheBytesThatArriveNotWithTheDeclaredLength() {
    int max = 8 * 1024 * 1024;
    TtpTestSupport.Collector sink = new TtpTestSupport.Collector();
    TtpStreamDecoder d = new TtpStreamDecoder(CODEC, sink);
    int frameLength = max + 4;
    byte[] head = {
      (byte) (frameLength >>> 24),
      (byte) (frameLength >>> 16),
      (byte) (frameLength >>> 8),
      (byte) frameLength,
      0,
      (byte) 0x80,
      0,
      0
    };
    long before = allocated();
    d.feed(head);
    for (int i = 0; i < 100; i++) {
      d.feed(new byte[10]);
    }
    assertTrue(allocated() - before < 1024 * 1024, "allocated " + (allocated() - before));
    assertTrue(d.bufferCapacity() <= 4096, "capacity " + d.bufferCapacity());
    assertEquals(8 + 1000, d.bufferedBytes());
    assertThrows(TtpDecodeException.class, d::finish);
  }

  @Test
  void aMalformedFrameIsReportedAndTheStreamGoesOn() {
    TtpTestSupport.Collector sink = new TtpTestSupport.Collector();
    TtpStreamDecoder d = new TtpStreamDecoder(CODEC, sink);
    // outer 8 but inner claims 5: malformed; then a valid pong; then an outer length 0
    d.feed(hex("00000008" + "0000000531000000" + "000000080000000431000000" + "00000000"));
    assertEquals(2, sink.malformed.size());
    assertEquals(1, sink.messages.size());
    assertEquals("pong", sink.messages.get(0).typeName());
    d.finish();
  }

  @Test
  void streamEndingInsideAFrame() {
    TtpStreamDecoder d = new TtpStreamDecoder(CODEC, new TtpTestSupport.Collector());
    d.feed(hex("000000"));
    assertEquals(0, assertThrows(TtpDecodeException.class, d::finish).offset());
    TtpStreamDecoder d2 = new TtpStreamDecoder(CODEC, new TtpTestSupport.Collector());
    d2.feed(hex("000000080000000431000000" + "0000000800"));
    assertEquals(12, assertThrows(TtpDecodeException.class, d2::finish).offset());
  }
}

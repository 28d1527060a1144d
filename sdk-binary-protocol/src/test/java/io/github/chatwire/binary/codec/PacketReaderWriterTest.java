package io.github.chatwire.binary.codec;

import static io.github.chatwire.binary.codec.Hex.bytes;
import static io.github.chatwire.binary.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketReaderWriterTest {
  @Test
  void writesBigEndianSignedNumbers() {
    byte[] b =
        new PacketWriter()
            .writeByte(-1)
            .writeShort(-2)
            .writeInt(0x01020304)
            .writeLong(1_700_000_000_000L)
            .writeLong(-1L)
            .writeBoolean(true)
            .toByteArray();
    assertEquals("ff ff fe 01 02 03 04 00 00 01 8b cf e5 68 00 ff ff ff ff ff ff ff ff 01", hex(b));
  }

  @Test
  void readsBigEndianSignedNumbers() {
    PacketReader r =
        new PacketReader(bytes("ff fffe 01020304 0000018bcfe56800 8000000000000000 00"));
    assertEquals(-1, r.readByte());
    assertEquals(-2, r.readShort());
    assertEquals(0x01020304, r.readInt());
    assertEquals(1_700_000_000_000L, r.readLong());
    assertEquals(Long.MIN_VALUE, r.readLong());
    assertFalse(r.readBoolean());
    assertEquals(0, r.remaining());
    assertEquals(24, r.position());
  }

  @Test
  void unsignedByteForIdsAndLengths() {
    PacketReader r = new PacketReader(bytes("ff 80"));
    assertEquals(255, r.peekUnsignedByte());
    assertEquals(255, r.readUnsignedByte());
    assertEquals(128, r.readUnsignedByte());
  }

  @Test
  void truncatedReadsThrowWithPacketIdAndOffset() {
    PacketReader r = new PacketReader(bytes("00 01 02 03"));
    r.readByte();
    r.packetId(0x00);
    MalformedPacketException e = assertThrows(MalformedPacketException.class, r::readLong);
    assertEquals(0, e.packetId());
    assertEquals(1, e.offset());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    // The failed read consumed nothing.
    assertEquals(1, r.position());
    assertEquals(3, r.readBytes(3).length);
    assertThrows(MalformedPacketException.class, r::readByte);
    assertThrows(MalformedPacketException.class, () -> r.readBytes(-1));
  }

  @Test
  void readerOverASliceCountsOffsetsFromTheSlice() {
    byte[] b = bytes("aa bb 00 00 00 07 cc");
    PacketReader r = new PacketReader(b, 2, 4);
    assertEquals(7, r.readInt());
    assertEquals(4, r.position());
    assertEquals(0, r.remaining());
    assertThrows(IndexOutOfBoundsException.class, () -> new PacketReader(b, 5, 4));
  }

  @Test
  void booleanMustBeZeroOrOne() {
    MalformedPacketException e =
        assertThrows(
            MalformedPacketException.class, () -> new PacketReader(bytes("02")).readBoolean());
    assertEquals(0, e.offset());
  }

  @Test
  void stringsAreLengthPrefixedUtf8() {
    byte[] b = new PacketWriter().writeString("hé€😀").toByteArray();
    assertEquals("00 0a 68 c3 a9 e2 82 ac f0 9f 98 80", hex(b));
    assertEquals("hé€😀", new PacketReader(b).readString());
    assertEquals("", new PacketReader(bytes("0000")).readString());
  }

  @Test
  void stringErrors() {
    // Modified UTF-8 NUL (c0 80) and a lone continuation byte are not well-formed UTF-8.
    assertThrows(
        MalformedPacketException.class, () -> new PacketReader(bytes("0002 c080")).readString());
    assertThrows(
        MalformedPacketException.class, () -> new PacketReader(bytes("0001 80")).readString());
    assertThrows(
        MalformedPacketException.class, () -> new PacketReader(bytes("ffff")).readString());
    assertThrows(
        MalformedPacketException.class, () -> new PacketReader(bytes("0005 6162")).readString());
    assertThrows(IllegalArgumentException.class, () -> new PacketWriter().writeString("a\uD800b"));
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 32768; i++) {
      big.append('x');
    }
    assertThrows(
        IllegalArgumentException.class, () -> new PacketWriter().writeString(big.toString()));
    big.setLength(32767);
    assertEquals(32769, new PacketWriter().writeString(big.toString()).size());
  }

  @Test
  void terminatorOnlyWhereAnElementWouldStart() {
    // Elements are (id, int); the int holds ff bytes that are ordinary data.
    PacketReader r = new PacketReader(bytes("05 ffffffff 06 000000ff ff 42"));
    List<Integer> values = new ArrayList<>();
    r.readUntilTerminator(
        in -> {
          in.readByte();
          values.add(in.readInt());
        });
    assertEquals(List.of(-1, 255), values);
    assertEquals(1, r.remaining());
  }

  @Test
  void missingTerminatorIsMalformed() {
    PacketReader r = new PacketReader(bytes("05 01"));
    MalformedPacketException e =
        assertThrows(
            MalformedPacketException.class, () -> r.readUntilTerminator(in -> in.readByte()));
    assertEquals(2, e.offset());
    assertTrue(e.getMessage().contains("terminator"));
  }

  @Test
  void writerIsBounded() {
    PacketWriter w = new PacketWriter(4);
    w.writeInt(1);
    assertThrows(IllegalArgumentException.class, () -> w.writeByte(0));
    assertArrayEquals(bytes("00000001"), w.toByteArray());
    PacketWriter big = new PacketWriter();
    for (int i = 0; i < 1000; i++) {
      big.writeLong(i);
    }
    assertEquals(8000, big.size());
    assertEquals(999, new PacketReader(big.toByteArray(), 7992, 8).readLong());
  }
}

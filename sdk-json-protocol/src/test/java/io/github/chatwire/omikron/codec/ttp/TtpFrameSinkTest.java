package io.github.chatwire.omikron.codec.ttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The raw-frame mode of {@link TtpStreamDecoder}, which a transport uses to hand bytes on. */
class TtpFrameSinkTest {
  private final List<byte[]> frames = new ArrayList<>();
  private final List<Long> offsets = new ArrayList<>();
  private int closes;

  private final TtpStreamDecoder.FrameSink sink =
      new TtpStreamDecoder.FrameSink() {
        @Override
        public void onFrame(byte[] message, long streamOffset) {
          frames.add(message);
          offsets.add(streamOffset);
        }

        @Override
        public void onClose() {
          closes++;
        }
      };

  @Test
  void everyVectorStreamComesOutAsItsInnerBytesWhateverTheChunking() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<byte[]> inners = new ArrayList<>();
    for (Map<String, Object> v : TtpTestSupport.list("client_to_server")) {
      stream.write(TtpTestSupport.hex(v.get("stream_hex")));
      inners.add(TtpTestSupport.hex(v.get("inner_hex")));
    }
    byte[] all = stream.toByteArray();
    for (int chunk : new int[] {1, 3, 7, 4096}) {
      frames.clear();
      TtpStreamDecoder d = new TtpStreamDecoder(TtpLimits.DEFAULT, sink);
      for (int p = 0; p < all.length; p += chunk) {
        d.feed(all, p, Math.min(chunk, all.length - p));
      }
      d.finish();
      assertEquals(inners.size(), frames.size(), "chunk " + chunk);
      for (int i = 0; i < inners.size(); i++) {
        assertArrayEquals(inners.get(i), frames.get(i), "frame " + i + ", chunk " + chunk);
      }
      assertEquals(0, d.bufferedBytes());
    }
  }

  @Test
  void anOuterLengthThatDisagreesWithTheInnerOneFailsTheStream() throws Exception {
    byte[] inner =
        TtpTestSupport.hex(TtpTestSupport.list("client_to_server").get(0).get("inner_hex"));
    byte[] lying = TtpStreamDecoder.frame(inner);
    lying[3]++; // the outer length claims one byte more than the message says
    byte[] stream = new byte[lying.length + 1];
    System.arraycopy(lying, 0, stream, 0, lying.length);
    TtpStreamDecoder d = new TtpStreamDecoder(TtpLimits.DEFAULT, sink);
    TtpDecodeException e = assertThrows(TtpDecodeException.class, () -> d.feed(stream));
    assertTrue(e.getMessage().contains("disagrees"), e.getMessage());
    assertEquals(0, e.offset());
    assertTrue(frames.isEmpty());
    assertThrows(TtpDecodeException.class, () -> d.feed(new byte[] {0}));
  }

  @Test
  void aFrameTooShortForAMessageFailsTheStream() {
    TtpStreamDecoder d = new TtpStreamDecoder(TtpLimits.DEFAULT, sink);
    assertThrows(TtpDecodeException.class, () -> d.feed(new byte[] {0, 0, 0, 2, 0, 0}));
    assertTrue(frames.isEmpty());
  }

  @Test
  void aFourGibLengthIsRefusedBeforeAnythingIsBuffered() {
    TtpStreamDecoder d = new TtpStreamDecoder(TtpLimits.DEFAULT, sink);
    TtpDecodeException e =
        assertThrows(
            TtpDecodeException.class,
            () -> d.feed(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, 1, 2}));
    assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    assertEquals(0, d.bufferCapacity());
  }

  @Test
  void theCloseFrameEndsTheStreamAndLaterBytesAreIgnored() throws Exception {
    byte[] inner =
        TtpTestSupport.hex(TtpTestSupport.list("client_to_server").get(0).get("inner_hex"));
    TtpStreamDecoder d = new TtpStreamDecoder(TtpLimits.DEFAULT, sink);
    d.feed(TtpStreamDecoder.frame(inner));
    d.feed(TtpStreamDecoder.closeFrame());
    d.feed(TtpStreamDecoder.frame(inner));
    assertEquals(1, frames.size());
    assertEquals(1, closes);
    assertTrue(d.isClosed());
    assertEquals(List.of(0L), offsets);
  }

  @Test
  void aLargeFrameIsHandedOverIntact() throws Exception {
    byte[] inner = new byte[200_000];
    inner[0] = 0;
    inner[1] = (byte) ((inner.length - 4) >>> 16);
    inner[2] = (byte) ((inner.length - 4) >>> 8);
    inner[3] = (byte) (inner.length - 4);
    for (int i = 4; i < inner.length; i++) {
      inner[i] = (byte) i;
    }
    TtpStreamDecoder d = new TtpStreamDecoder(TtpLimits.DEFAULT, sink);
    byte[] framed = TtpStreamDecoder.frame(inner);
    d.feed(framed, 0, 100);
    d.feed(framed, 100, framed.length - 100);
    assertArrayEquals(inner, frames.get(0));
  }
}

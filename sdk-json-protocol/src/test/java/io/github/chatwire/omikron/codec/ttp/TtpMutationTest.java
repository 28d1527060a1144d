package io.github.chatwire.omikron.codec.ttp;

import static io.github.chatwire.omikron.codec.ttp.TtpTestSupport.allocated;
import static io.github.chatwire.omikron.codec.ttp.TtpTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of the real client's vectors (and of generated frames), fed to the stream
 * decoder in random chunks: the only outcomes are valid messages, malformed-frame reports and
 * {@link TtpDecodeException}s with sane offsets, and each input allocates memory bounded by its own
 * size, whatever its lengths declare.
 */
class TtpMutationTest {
  private static final int MUTATIONS = 12_000;
  private static final TtpCodec CODEC = new TtpCodec();

  @Test
  void mutatedFramesGiveOnlyTypedErrorsOrValidMessages() throws Exception {
    List<byte[]> corpus = new ArrayList<>();
    for (String dir : new String[] {"client_to_server", "server_to_client"}) {
      for (Map<String, Object> v : TtpTestSupport.list(dir)) {
        corpus.add(hex(v.get("stream_hex")));
      }
    }
    Random r = new Random(0x7770_00FFL);
    for (int i = 0; i < 8; i++) {
      corpus.add(TtpStreamDecoder.frame(CODEC.encode(TtpGenerators.message(r))));
    }
    int messages = 0;
    int malformed = 0;
    int streamErrors = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      byte[] input = mutate(r, corpus.get(r.nextInt(corpus.size())), corpus);
      byte[] copy = input.clone();
      TtpTestSupport.Collector sink = new TtpTestSupport.Collector();
      TtpStreamDecoder d = new TtpStreamDecoder(CODEC, sink);
      long before = allocated();
      try {
        int p = 0;
        while (p < input.length) {
          int chunk = Math.min(input.length - p, 1 + r.nextInt(64));
          d.feed(input, p, chunk);
          p += chunk;
        }
        d.finish();
      } catch (TtpDecodeException e) {
        assertTrue(e.offset() >= 0 && e.offset() <= input.length, e.getMessage());
        streamErrors++;
      }
      long used = allocated() - before;
      assertTrue(
          used < 1024 * 1024 + 64L * input.length,
          "iteration " + i + " allocated " + used + " for " + input.length + " bytes");
      assertTrue(d.bufferCapacity() <= Math.max(256, 2 * input.length));
      assertArrayEquals(copy, input, "decoding must not change its input");
      for (TtpDecodeException e : sink.malformed) {
        assertTrue(e.offset() >= 0 && e.offset() <= input.length, e.getMessage());
        assertNotNull(e.getMessage());
      }
      for (TtpMessage m : sink.messages) {
        // a decoded message has an Omikron view and re-encodes to a message that decodes equal
        assertNotNull(TtpOmikronMapping.toOmikron(m));
        assertEquals(m, CODEC.decode(CODEC.encode(m)));
      }
      messages += sink.messages.size();
      malformed += sink.malformed.size();
    }
    // the mutations reach every outcome
    assertTrue(
        messages > 500 && malformed > 500 && streamErrors > 500,
        messages + " messages, " + malformed + " malformed, " + streamErrors + " stream errors");
  }

  private static byte[] mutate(Random r, byte[] seed, List<byte[]> corpus) {
    byte[] b = seed.clone();
    for (int n = 1 + r.nextInt(4); n > 0; n--) {
      if (b.length == 0) {
        b = new byte[] {(byte) r.nextInt()};
      }
      int at = r.nextInt(b.length);
      switch (r.nextInt(9)) {
        case 0: // flip a bit
          b[at] ^= (byte) (1 << r.nextInt(8));
          break;
        case 1: // an interesting byte
          byte[] interesting = {0, 1, 2, 5, 6, 7, 8, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff};
          b[at] = interesting[r.nextInt(interesting.length)];
          break;
        case 2: // a huge u16 or u32
          for (int k = 0; k < (r.nextBoolean() ? 2 : 4) && at + k < b.length; k++) {
            b[at + k] = (byte) (k == 3 ? 0xfe : 0xff);
          }
          break;
        case 3: // truncate
          b = Arrays.copyOf(b, at);
          break;
        case 4: // delete a byte
          byte[] d = new byte[b.length - 1];
          System.arraycopy(b, 0, d, 0, at);
          System.arraycopy(b, at + 1, d, at, b.length - at - 1);
          b = d;
          break;
        case 5: // insert a byte
          byte[] ins = new byte[b.length + 1];
          System.arraycopy(b, 0, ins, 0, at);
          ins[at] = (byte) r.nextInt();
          System.arraycopy(b, at, ins, at + 1, b.length - at);
          b = ins;
          break;
        case 6: // duplicate a slice
          int len = 1 + r.nextInt(Math.min(16, b.length - at));
          byte[] dup = new byte[b.length + len];
          System.arraycopy(b, 0, dup, 0, at + len);
          System.arraycopy(b, at, dup, at + len, b.length - at);
          b = dup;
          break;
        case 7: // append another frame
          byte[] other = corpus.get(r.nextInt(corpus.size()));
          byte[] cat = Arrays.copyOf(b, b.length + other.length);
          System.arraycopy(other, 0, cat, b.length, other.length);
          b = cat;
          break;
        default: // a random byte
          b[at] = (byte) r.nextInt();
          break;
      }
    }
    return b;
  }
}

package io.github.chatwire.binary.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of the fuzz corpus, run on every build: Jazzer's regression mode only
 * replays the corpus, so this explores around it (bit flips, interesting bytes, insertions,
 * deletions, truncation, splicing) with the same checks as {@link DecoderFuzzTest}. A failure names
 * the iteration and prints the input in hex to add it to the corpus.
 */
class DecoderMutationTest {
  private static final int ITERATIONS = 15_000;
  private static final byte[] INTERESTING = {
    0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x6d, 0x73, (byte) 0xb6, (byte) 0xc4
  };

  @Test
  void mutatedCorpusNeverBreaksTheDecoders() throws Exception {
    List<byte[]> corpus = loadCorpus();
    assertTrue(corpus.size() >= 10, "corpus found: " + corpus.size());
    Random rnd = new Random(0xB1A5L);
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] input = mutate(corpus.get(rnd.nextInt(corpus.size())), corpus, rnd);
      try {
        DecoderFuzzTest.checkDecoders(input);
        DecoderFuzzTest.checkHandler(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("iteration " + i + ", input " + hex(input), e);
      }
    }
  }

  static List<byte[]> loadCorpus() throws IOException, URISyntaxException {
    URL dir = DecoderMutationTest.class.getResource("DecoderFuzzTestInputs/decodeMessage");
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        out.add(Files.readAllBytes(p));
      }
    }
    return out;
  }

  static byte[] mutate(byte[] seed, List<byte[]> corpus, Random rnd) {
    byte[] b = seed.clone();
    int rounds = 1 + rnd.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      switch (rnd.nextInt(6)) {
        case 0:
          if (b.length > 0) {
            b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
          }
          break;
        case 1:
          if (b.length > 0) {
            b[rnd.nextInt(b.length)] = INTERESTING[rnd.nextInt(INTERESTING.length)];
          }
          break;
        case 2:
          {
            int at = rnd.nextInt(b.length + 1);
            byte[] n = new byte[b.length + 1];
            System.arraycopy(b, 0, n, 0, at);
            n[at] =
                rnd.nextBoolean()
                    ? INTERESTING[rnd.nextInt(INTERESTING.length)]
                    : (byte) rnd.nextInt();
            System.arraycopy(b, at, n, at + 1, b.length - at);
            b = n;
            break;
          }
        case 3:
          if (b.length > 0) {
            int at = rnd.nextInt(b.length);
            byte[] n = new byte[b.length - 1];
            System.arraycopy(b, 0, n, 0, at);
            System.arraycopy(b, at + 1, n, at, b.length - at - 1);
            b = n;
          }
          break;
        case 4:
          b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
          break;
        default:
          {
            byte[] other = corpus.get(rnd.nextInt(corpus.size()));
            byte[] n = Arrays.copyOf(b, b.length + other.length);
            System.arraycopy(other, 0, n, b.length, other.length);
            b = n;
            break;
          }
      }
    }
    return b;
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x & 0xFF));
    }
    return sb.toString();
  }
}

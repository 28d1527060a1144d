package io.github.chatwire.benchmarks;

import com.squareup.moshi.JsonAdapter;
import io.github.chatwire.benchmarks.quick.BinaryDecode;
import io.github.chatwire.binary.codec.MessageCodec;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.ServerboundPacket;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Binary /api/ws: one message of two Pongs against the JSON pong of the same content decoded by
 * Moshi's reflective adapter, in one JMH run. With allocation: {@code java -jar
 * benchmarks/target/benchmarks.jar BinaryPongBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BinaryPongBenchmark {
  private MessageCodec<ClientboundPacket, ServerboundPacket> codec;
  private byte[] message;
  private JsonAdapter<List<BinaryDecode.JsonPong>> moshi;

  @Setup
  public void setUp() {
    codec = MessageCodec.client();
    message = BinaryDecode.binaryPongs();
    moshi = BinaryDecode.moshiAdapter();
  }

  /** chatwire: the binary message to its two Pong records. */
  @Benchmark
  public Object binaryTwoPongs() {
    return codec.decode(message);
  }

  /** Baseline: the JSON of the same two pongs to plain classes with Moshi's reflective adapter. */
  @Benchmark
  public Object jsonTwoPongsMoshiReflective() throws IOException {
    return moshi.fromJson(BinaryDecode.JSON_PONGS);
  }
}

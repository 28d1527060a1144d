package io.github.chatwire.benchmarks;

import io.github.chatwire.binary.codec.MessageCodec;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.ServerboundPacket;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.originchats.codec.FrameDecoder;
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
 * Decoding cost of one inbound message per protocol, on the reader thread's hot path. Run: {@code
 * java -jar benchmarks/target/benchmarks.jar CodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  /** A real frame shape from the recorded OriginChats sessions. */
  static final String ORIGINCHATS_MESSAGE_NEW =
      "{\"cmd\": \"message_new\", \"message\": {\"user\": \"originChats\", "
          + "\"content\": \"Welcome alice! Thanks for joining the server.\", \"timestamp\": 1795295458.2670903, "
          + "\"id\": \"7dc1360d-1edb-4adc-a53a-cb8be68f47b6\"}, \"channel\": \"general\", \"global\": true}";

  /** A relayed Omikron presence push in the reference envelope. */
  static final String OMIKRON_CLIENT_CHANGED =
      "{\"id\":\"1733600000999\",\"type\":\"client_changed\","
          + "\"sender\":\"0\",\"receiver\":\"1733600000001\",\"data\":{\"user_id\":\"1733600000002\","
          + "\"user_state\":\"user_online\"}}";

  private MessageCodec<ClientboundPacket, ServerboundPacket> binary;
  private byte[] binaryPongs;

  @Setup
  public void setUp() {
    binary = MessageCodec.client();
    binaryPongs =
        MessageCodec.server(io.github.chatwire.binary.codec.SettingRegistry.defaults())
            .encode(java.util.List.of(new Pong(1_733_600_000_000L), new Pong(1_733_600_000_001L)));
  }

  /** OriginChats: one message_new frame to its typed record. */
  @Benchmark
  public Object originChatsMessageNew() {
    return FrameDecoder.decode(ORIGINCHATS_MESSAGE_NEW);
  }

  /** Omikron: one envelope with data to its typed message. */
  @Benchmark
  public Object omikronEnvelope() {
    return OmikronCodec.decode(OMIKRON_CLIENT_CHANGED);
  }

  /** Binary /api/ws: a WebSocket message holding two Pongs. */
  @Benchmark
  public Object binaryTwoPongs() {
    return binary.decode(binaryPongs);
  }
}

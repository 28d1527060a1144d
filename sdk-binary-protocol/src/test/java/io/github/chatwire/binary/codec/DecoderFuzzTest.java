package io.github.chatwire.binary.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.chatwire.binary.HandshakeException;
import io.github.chatwire.binary.internal.BinaryProtocolHandler;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.ServerboundPacket;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz tests of everything that reads untrusted bytes: the message decoder of both directions, the
 * handshake decoder, and the client's protocol handler in every phase.
 *
 * <p>In a normal {@code mvn verify} Jazzer runs in regression mode: each file under {@code
 * src/test/resources/io/github/chatwire/binary/codec/DecoderFuzzTestInputs/<method>/} is one test
 * invocation (plus an empty input). With {@code JAZZER_FUZZ=1} it fuzzes for real and adds crashing
 * inputs there. {@link DecoderMutationTest} adds seeded random mutations of the same seeds for CI,
 * where no fuzzing engine runs.
 */
class DecoderFuzzTest {
  private static final MessageCodec<ClientboundPacket, ServerboundPacket> CLIENT =
      MessageCodec.client(PacketRegistry.clientbound(), TestSettings.REGISTRY);
  private static final MessageCodec<ServerboundPacket, ClientboundPacket> SERVER =
      MessageCodec.server(TestSettings.REGISTRY);

  @FuzzTest(maxDuration = "30s")
  void decodeMessage(byte[] data) {
    checkDecoders(data);
  }

  @FuzzTest(maxDuration = "30s")
  void handlerNeverThrows(byte[] data) {
    checkHandler(data);
  }

  /**
   * Decoders never throw on any bytes, report offsets inside the message, and re-encode exactly.
   */
  static void checkDecoders(byte[] data) {
    byte[] copy = data.clone();
    DecodedMessage<ClientboundPacket> c = CLIENT.decode(data);
    DecodedMessage<ServerboundPacket> s = SERVER.decode(data);
    assertArrayEquals(copy, data, "decoding must not modify its input");
    checkResult(data, c.packets(), c.error(), p -> SERVER.encode(p));
    checkResult(data, s.packets(), s.error(), p -> CLIENT.encode(p));
    try {
      assertNotNull(Handshake.decodeClientAuth(data));
    } catch (BinaryProtocolException expected) {
      assertTrue(expected.offset() <= data.length);
    }
    Handshake.isServerHello(data);
  }

  private static <P> void checkResult(
      byte[] data,
      List<P> packets,
      BinaryProtocolException error,
      java.util.function.Function<List<P>, byte[]> encoder) {
    if (error != null) {
      assertTrue(error.offset() >= 0 && error.offset() <= data.length, error.getMessage());
      assertTrue(error.packetId() >= -1 && error.packetId() <= 255);
    } else if (encoder != null) {
      // A fully decoded message has exactly one encoding: the decoder accepts no slack.
      byte[] again = packets.isEmpty() ? new byte[0] : encoder.apply(packets);
      assertArrayEquals(data, again);
    }
  }

  /**
   * The protocol handler never throws, in any phase, and only the hello phase ends the connection.
   */
  static void checkHandler(byte[] data) {
    // Phase AWAIT_HELLO: anything but 6d 73 fails the attempt with a HandshakeException.
    StubContext first = new StubContext();
    BinaryProtocolHandler h = newHandler();
    h.onOpen(first);
    h.onBinary(first, data.clone());
    if (Handshake.isServerHello(data)) {
      assertTrue(first.failures.isEmpty());
      assertEquals(1, first.sent.size());
    } else {
      assertEquals(1, first.failures.size());
      assertTrue(first.failures.get(0) instanceof HandshakeException);
      assertTrue(first.sent.isEmpty(), "no key sent to a peer that is not the server");
    }
    // Phase AWAIT_PONG and READY: errors are reported, the connection stays.
    StubContext ctx = new StubContext();
    BinaryProtocolHandler h2 = newHandler();
    h2.onOpen(ctx);
    h2.onBinary(ctx, Handshake.serverHello());
    h2.onBinary(ctx, data.clone());
    h2.onBinary(ctx, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1});
    assertTrue(ctx.ready);
    h2.onBinary(ctx, data.clone());
    h2.onText(ctx, new String(data, java.nio.charset.StandardCharsets.ISO_8859_1));
    h2.onPingDue(ctx);
    assertTrue(ctx.failures.isEmpty(), String.valueOf(ctx.failures));
    for (ChatwireException e : ctx.errors) {
      assertTrue(e instanceof BinaryProtocolException, e.toString());
    }
  }

  private static BinaryProtocolHandler newHandler() {
    byte[] auth =
        Handshake.encodeClientAuth(
            new io.github.chatwire.binary.model.ClientAuth(0, new byte[] {1, 2, 3}), 127);
    return new BinaryProtocolHandler(
        auth,
        CLIENT,
        (code, reason) -> new ChatwireException(reason),
        new BinaryProtocolHandler.Sink() {
          @Override
          public void pong(ProtocolContext ctx, io.github.chatwire.binary.PongEvent pong) {}

          @Override
          public void packet(ProtocolContext ctx, ClientboundPacket packet) {}
        });
  }

  /** A context that records what the handler does, on a virtual clock. */
  static final class StubContext implements ProtocolContext {
    final VirtualScheduler clock = new VirtualScheduler();
    final List<byte[]> sent = new ArrayList<>();
    final List<ChatwireException> failures = new ArrayList<>();
    final List<ChatwireException> errors = new ArrayList<>();
    boolean ready;

    @Override
    public boolean sendNow(Outbound message) {
      sent.add(message.bytes());
      return true;
    }

    @Override
    public void ready() {
      ready = true;
    }

    @Override
    public void fail(ChatwireException cause) {
      failures.add(cause);
    }

    @Override
    public boolean completeRequest(Object key, Object value) {
      return false;
    }

    @Override
    public boolean failRequest(Object key, ChatwireException error) {
      return false;
    }

    @Override
    public boolean isPending(Object key) {
      return false;
    }

    @Override
    public void emit(Runnable event) {
      event.run();
    }

    @Override
    public void reportError(ChatwireException error) {
      errors.add(error);
    }

    @Override
    public void pauseSends(Duration duration) {}

    @Override
    public Scheduler scheduler() {
      return clock;
    }

    @Override
    public ConnectionState state() {
      return ready ? ConnectionState.READY : ConnectionState.HANDSHAKING;
    }

    @Override
    public boolean isCurrent() {
      return true;
    }
  }
}

package io.github.chatwire.binary.internal;

import io.github.chatwire.binary.HandshakeException;
import io.github.chatwire.binary.PongEvent;
import io.github.chatwire.binary.codec.BinaryProtocolException;
import io.github.chatwire.binary.codec.DecodedMessage;
import io.github.chatwire.binary.codec.Handshake;
import io.github.chatwire.binary.codec.MessageCodec;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Ping;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.ServerboundPacket;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import io.github.chatwire.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binary protocol on the engine: the handshake state machine ({@code AWAIT_HELLO → AWAIT_PONG →
 * READY}), pings, Pong timing and inbound decoding. Called by the engine one method at a time under
 * the connection's lock; never blocks.
 */
public final class BinaryProtocolHandler implements ProtocolHandler {
  private static final Logger log = LoggerFactory.getLogger(BinaryProtocolHandler.class);

  /** The most Pings remembered while waiting for their Pongs. */
  static final int MAX_OUTSTANDING = 64;

  /** Where the events go; implemented by the client. Called on SDK threads; must not block. */
  public interface Sink {
    /**
     * A Pong with its timing.
     *
     * @param ctx the context, for {@link ProtocolContext#emit}; never null
     * @param pong the event; never null
     */
    void pong(ProtocolContext ctx, PongEvent pong);

    /**
     * Another client-bound packet.
     *
     * @param ctx the context; never null
     * @param packet the packet; never null
     */
    void packet(ProtocolContext ctx, ClientboundPacket packet);
  }

  enum Phase {
    AWAIT_HELLO,
    AWAIT_PONG,
    READY
  }

  private volatile byte[] authMessage;
  private final MessageCodec<ClientboundPacket, ServerboundPacket> codec;
  private final BiFunction<Integer, String, ChatwireException> closes;
  private final Sink sink;
  private final byte[] pingMessage;
  private final ArrayDeque<long[]> outstanding = new ArrayDeque<>();
  private long
      forgotten; // Pings dropped from outstanding (the oldest); their Pongs come first and prove
  // nothing
  private Phase phase = Phase.AWAIT_HELLO;
  private String tag = ""; // the connection's log tag, from the last onOpen

  /**
   * Creates the handler.
   *
   * @param authMessage the encoded authentication message (holds the key); never null; not copied
   * @param codec the message codec; never null
   * @param closes maps a close code and reason to the cause; never null
   * @param sink receives events; never null
   */
  public BinaryProtocolHandler(
      byte[] authMessage,
      MessageCodec<ClientboundPacket, ServerboundPacket> codec,
      BiFunction<Integer, String, ChatwireException> closes,
      Sink sink) {
    this.authMessage = Objects.requireNonNull(authMessage, "authMessage");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.closes = Objects.requireNonNull(closes, "closes");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.pingMessage = codec.encode(Ping.INSTANCE);
  }

  /**
   * Replaces the authentication message for the next handshakes (a new access key). Thread-safe.
   *
   * @param authMessage the encoded message; never null; not copied
   */
  public void authMessage(byte[] authMessage) {
    this.authMessage = Objects.requireNonNull(authMessage, "authMessage");
  }

  @Override
  public void onOpen(ProtocolContext ctx) {
    tag = ctx.logTag();
    phase = Phase.AWAIT_HELLO;
    outstanding.clear();
    forgotten = 0;
  }

  @Override
  public void onText(ProtocolContext ctx, String text) {
    if (phase == Phase.AWAIT_HELLO) {
      ctx.fail(
          new HandshakeException("expected the binary server hello 6d 73, got a text frame"),
          1002,
          "protocol error");
      return;
    }
    // After the hello a stray text frame is bad input, not the end of the connection.
    ctx.reportError(
        new BinaryProtocolException(
            -1,
            -1,
            "unexpected text frame of " + text.length() + " chars; the protocol is binary only"));
  }

  @Override
  public void onBinary(ProtocolContext ctx, byte[] bytes) {
    if (phase == Phase.AWAIT_HELLO) {
      if (!Handshake.isServerHello(bytes)) {
        ctx.fail(
            new HandshakeException("expected the server hello 6d 73, got " + describe(bytes)),
            1002,
            "protocol error");
        return;
      }
      Scheduler clock = ctx.scheduler();
      if (ctx.sendNow(Outbound.binary(authMessage, "auth"))) {
        remember(clock, ctx.sentMark());
        phase = Phase.AWAIT_PONG;
      }
      return;
    }
    DecodedMessage<ClientboundPacket> decoded = codec.decode(bytes);
    for (ClientboundPacket p : decoded.packets()) {
      if (p instanceof Pong pong) {
        onPong(ctx, pong);
      } else {
        sink.packet(ctx, p);
      }
    }
    if (decoded.error() != null) {
      log.debug("[{}] undecodable input: {}", ctx.logTag(), decoded.error().getMessage());
      ctx.reportError(decoded.error());
    }
  }

  private static String describe(byte[] bytes) {
    StringBuilder sb = new StringBuilder().append(bytes.length).append(" bytes");
    if (bytes.length > 0) {
      sb.append(" starting");
      for (int i = 0; i < Math.min(2, bytes.length); i++) {
        sb.append(String.format(" %02x", bytes[i] & 0xFF));
      }
    }
    return sb.toString();
  }

  /**
   * Remembers a Ping (or the auth message, which the server also answers with a Pong): when it was
   * sent, and the engine's mark of everything sent up to it, which its Pong proves read.
   */
  private void remember(Scheduler clock, long mark) {
    if (outstanding.size() == MAX_OUTSTANDING) {
      outstanding.poll();
      forgotten++;
    }
    outstanding.add(new long[] {clock.nanoTime(), clock.currentTimeMillis(), mark});
  }

  private void onPong(ProtocolContext ctx, Pong pong) {
    Scheduler clock = ctx.scheduler();
    long[] sent;
    if (forgotten > 0) {
      // This Pong answers a forgotten Ping: matching it to a later one would claim too much.
      forgotten--;
      sent = null;
    } else {
      sent = outstanding.poll();
    }
    Duration rtt = null;
    long offset;
    if (sent != null) {
      // The server answers Pings in order, so this Pong proves it read every packet sent
      // before its Ping.
      ctx.confirmDelivered(sent[2]);
      rtt = Duration.ofNanos(Math.max(0, clock.nanoTime() - sent[0]));
      offset = pong.serverTimeMillis() - (sent[1] + rtt.toMillis() / 2);
    } else {
      offset = pong.serverTimeMillis() - clock.currentTimeMillis();
    }
    boolean authentication = phase == Phase.AWAIT_PONG;
    if (authentication) {
      phase = Phase.READY;
      ctx.ready();
    }
    sink.pong(ctx, new PongEvent(pong.serverTimeMillis(), rtt, offset, authentication));
  }

  @Override
  public void onPingDue(ProtocolContext ctx) {
    if (phase == Phase.READY && ctx.sendNow(Outbound.binary(pingMessage, "ping"))) {
      remember(ctx.scheduler(), ctx.sentMark());
    }
  }

  /**
   * Frames in the TRACE log: packets in hex (at most 64 bytes), except the authentication message,
   * which carries the access key and is shown by size only.
   */
  @Override
  public String traceBinary(byte[] bytes) {
    if (bytes == authMessage
        || (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xb6 && (bytes[1] & 0xFF) == 0xc4)) {
      return "auth message of " + bytes.length + " bytes (key redacted)";
    }
    StringBuilder sb = new StringBuilder().append(bytes.length).append(" bytes:");
    for (int i = 0; i < Math.min(64, bytes.length); i++) {
      sb.append(String.format(" %02x", bytes[i] & 0xFF));
    }
    return bytes.length > 64 ? sb.append(" ...").toString() : sb.toString();
  }

  /** Pongs answer Pings in order: a Pong proves the server read everything before its Ping. */
  @Override
  public boolean provesDelivery() {
    return true;
  }

  /**
   * Sends a Ping at once, unless one sent after everything is already waiting for its Pong (or too
   * many are), so a confirmed send is proven within one round trip.
   */
  @Override
  public void onProofWanted(ProtocolContext ctx) {
    if (phase != Phase.READY || outstanding.size() >= MAX_OUTSTANDING) {
      return;
    }
    long[] last = outstanding.peekLast();
    if (last != null && last[2] >= ctx.sentMark()) {
      return;
    }
    onPingDue(ctx);
  }

  @Override
  public ChatwireException classifyClose(int code, String reason) {
    ChatwireException cause = closes.apply(code, reason);
    if (code == 3003) {
      log.warn(
          "[{}] server closed for a missing ping (3003): a stalled ping timer or too long a ping interval",
          tag);
    }
    return cause;
  }

  @Override
  public void onDisconnected(ChatwireException cause) {
    phase = Phase.AWAIT_HELLO;
    outstanding.clear();
    forgotten = 0;
  }
}

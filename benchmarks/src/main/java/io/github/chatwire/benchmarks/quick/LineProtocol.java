package io.github.chatwire.benchmarks.quick;

import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import io.github.chatwire.originchats.codec.FrameDecoder;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.function.Consumer;

/**
 * The chatwire side of {@link LineServer}'s protocol on the engine: handshake, requests answered by
 * {@code pong:K}, and {@code message_new} frames decoded to typed OriginChats frames and emitted to
 * the callback executor as a client would.
 */
final class LineProtocol implements ProtocolHandler {
  private final Consumer<ServerFrame> events;
  private final Runnable floodDone;

  LineProtocol(Consumer<ServerFrame> events, Runnable floodDone) {
    this.events = events;
    this.floodDone = floodDone;
  }

  LineProtocol() {
    this(f -> {}, () -> {});
  }

  @Override
  public void onOpen(ProtocolContext ctx) {
    ctx.sendNow(Outbound.text("hello"));
  }

  @Override
  public void onText(ProtocolContext ctx, String text) {
    if (text.startsWith("pong:")) {
      int end = text.indexOf(':', 5);
      ctx.completeRequest(end < 0 ? text.substring(5) : text.substring(5, end), text);
    } else if (text.startsWith("{")) {
      ServerFrame frame = FrameDecoder.decode(text);
      ctx.emit(() -> events.accept(frame));
    } else if (text.equals("welcome")) {
      ctx.ready();
    } else if (text.equals("flood-done")) {
      ctx.emit(floodDone);
    }
  }
}

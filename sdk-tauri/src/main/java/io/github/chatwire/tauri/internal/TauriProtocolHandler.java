package io.github.chatwire.tauri.internal;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import io.github.chatwire.core.event.EventSubscriptions;
import io.github.chatwire.tauri.TauriPushListener;
import io.github.chatwire.tauri.codec.TauriMessageCodec;
import io.github.chatwire.tauri.model.TauriMessage;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tauri push protocol on the connection engine: sends {@code tauri_identification} on every
 * (re)connection, becomes READY on {@code success}, answers every {@code ping} at once with a
 * {@code pong}, and hands every decoded message to the listeners and typed subscriptions. Called by
 * the engine one call at a time with its lock held; never blocks.
 */
public final class TauriProtocolHandler implements ProtocolHandler {
  private static final Logger log = LoggerFactory.getLogger(TauriProtocolHandler.class);
  private final String userId;
  private final LongUnaryOperator pongValue;
  private final List<TauriPushListener> listeners;
  private final Set<Integer> authenticationCloseCodes;
  private final EventSubscriptions<TauriMessage> subscriptions;
  private boolean identified; // per connection attempt

  /**
   * Creates the handler.
   *
   * @param userId the user to identify as; never null
   * @param pongValue maps a ping's {@code last_ping} to the pong's; never null
   * @param listeners the live listener list (read at each event); never null
   * @param authenticationCloseCodes server close codes that mean "not authorised"; never null
   * @param subscriptions the client's typed subscriptions, published after the listeners; never
   *     null
   */
  public TauriProtocolHandler(
      String userId,
      LongUnaryOperator pongValue,
      List<TauriPushListener> listeners,
      Set<Integer> authenticationCloseCodes,
      EventSubscriptions<TauriMessage> subscriptions) {
    this.userId = Objects.requireNonNull(userId, "userId");
    this.pongValue = Objects.requireNonNull(pongValue, "pongValue");
    this.listeners = Objects.requireNonNull(listeners, "listeners");
    this.authenticationCloseCodes =
        java.util.Collections.unmodifiableSet(new java.util.HashSet<>(authenticationCloseCodes));
    this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
  }

  @Override
  public void onOpen(ProtocolContext ctx) {
    identified = false;
    String json = TauriMessageCodec.encode(new TauriMessage.Identification(userId));
    if (!ctx.sendNow(Outbound.text(json, TauriMessage.Identification.TYPE))) {
      ctx.fail(new ConnectionLostException("could not send tauri_identification"));
    }
  }

  @Override
  public void onText(ProtocolContext ctx, String text) {
    TauriMessage m;
    try {
      m = TauriMessageCodec.decode(text);
    } catch (ProtocolException e) {
      ctx.reportError(e);
      return;
    }
    if (m instanceof TauriMessage.Ping) {
      long value = pongValue.applyAsLong(((TauriMessage.Ping) m).lastPing());
      if (!ctx.sendNow(
          Outbound.text(
              TauriMessageCodec.encode(new TauriMessage.Pong(value)), TauriMessage.Pong.TYPE))) {
        ctx.fail(new ConnectionLostException("could not answer the server's ping"));
        return;
      }
      deliver(ctx, m, null);
    } else if (m instanceof TauriMessage.Success) {
      if (!identified) {
        identified = true;
        String id = ((TauriMessage.Success) m).id();
        ctx.ready();
        deliver(ctx, m, l -> l.onIdentified(id));
      }
    } else if (m instanceof TauriMessage.PushNotification) {
      String sender = ((TauriMessage.PushNotification) m).senderId();
      deliver(ctx, m, l -> l.onPushNotification(sender));
    } else if (m instanceof TauriMessage.ReadNotification) {
      String sender = ((TauriMessage.ReadNotification) m).senderId();
      deliver(ctx, m, l -> l.onReadNotification(sender));
    } else if (m instanceof TauriMessage.Unknown) {
      TauriMessage.Unknown u = (TauriMessage.Unknown) m;
      deliver(ctx, m, l -> l.onUnknown(u));
    } else {
      ctx.reportError(new ProtocolException("unexpected '" + m.type() + "' from the server"));
    }
  }

  /**
   * The one place events reach the user: each listener's {@code onEvent}, then its specific method,
   * then the typed subscriptions; on the callback executor, each call guarded.
   */
  private void deliver(
      ProtocolContext ctx, TauriMessage m, @Nullable Consumer<TauriPushListener> specific) {
    ctx.emit(
        () -> {
          for (TauriPushListener l : listeners) {
            call(l, m.type(), x -> x.onEvent(m));
            if (specific != null) {
              call(l, m.type(), specific);
            }
          }
          subscriptions.publish(m);
        });
  }

  /**
   * Calls one listener method; a listener that throws is logged and does not stop the caller.
   *
   * @param l the listener; never null
   * @param what what it is told, for the log; never null
   * @param method the call; never null
   */
  public static void call(TauriPushListener l, String what, Consumer<TauriPushListener> method) {
    try {
      method.accept(l);
    } catch (RuntimeException e) {
      log.warn(
          "A Tauri listener threw on '{}'; the connection and the other listeners go on", what, e);
    }
  }

  @Override
  public ChatwireException classifyClose(int code, String reason) {
    if (authenticationCloseCodes.contains(code)) {
      return new AuthenticationException(
          "server refused the identification (close "
              + code
              + (reason.isEmpty() ? "" : " " + reason)
              + ")");
    }
    return new ConnectionLostException(
        "server closed the connection (" + code + (reason.isEmpty() ? "" : " " + reason) + ")");
  }

  @Override
  public void onDisconnected(ChatwireException cause) {
    identified = false;
  }
}

package io.github.chatwire.tauri.internal;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import io.github.chatwire.tauri.TauriPushListener;
import io.github.chatwire.tauri.codec.TauriMessageCodec;
import io.github.chatwire.tauri.model.TauriMessage;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * The Tauri push protocol on the connection engine: sends {@code tauri_identification} on every
 * (re)connection, becomes READY on {@code success}, answers every {@code ping} at once with a
 * {@code pong}, and hands notifications to the listeners. Called by the engine one call at a time
 * with its lock held; never blocks.
 */
public final class TauriProtocolHandler implements ProtocolHandler {
    private final String userId;
    private final LongUnaryOperator pongValue;
    private final List<TauriPushListener> listeners;
    private final Set<Integer> authenticationCloseCodes;
    private boolean identified; // per connection attempt

    /**
     * Creates the handler.
     *
     * @param userId the user to identify as; never null
     * @param pongValue maps a ping's {@code last_ping} to the pong's; never null
     * @param listeners the live listener list (read at each event); never null
     * @param authenticationCloseCodes server close codes that mean "not authorised"; never null
     */
    public TauriProtocolHandler(String userId, LongUnaryOperator pongValue, List<TauriPushListener> listeners,
            Set<Integer> authenticationCloseCodes) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.pongValue = Objects.requireNonNull(pongValue, "pongValue");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.authenticationCloseCodes = java.util.Collections.unmodifiableSet(new java.util.HashSet<>(authenticationCloseCodes));
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
            if (!ctx.sendNow(Outbound.text(TauriMessageCodec.encode(new TauriMessage.Pong(value)), TauriMessage.Pong.TYPE))) {
                ctx.fail(new ConnectionLostException("could not answer the server's ping"));
            }
        } else if (m instanceof TauriMessage.Success) {
            if (!identified) {
                identified = true;
                String id = ((TauriMessage.Success) m).id();
                ctx.ready();
                ctx.emit(() -> {
                    for (TauriPushListener l : listeners) {
                        l.onIdentified(id);
                    }
                });
            }
        } else if (m instanceof TauriMessage.PushNotification) {
            String sender = ((TauriMessage.PushNotification) m).senderId();
            ctx.emit(() -> {
                for (TauriPushListener l : listeners) {
                    l.onPushNotification(sender);
                }
            });
        } else if (m instanceof TauriMessage.ReadNotification) {
            String sender = ((TauriMessage.ReadNotification) m).senderId();
            ctx.emit(() -> {
                for (TauriPushListener l : listeners) {
                    l.onReadNotification(sender);
                }
            });
        } else if (m instanceof TauriMessage.Unknown) {
            TauriMessage.Unknown u = (TauriMessage.Unknown) m;
            ctx.emit(() -> {
                for (TauriPushListener l : listeners) {
                    l.onUnknownMessage(u);
                }
            });
        } else {
            ctx.reportError(new ProtocolException("unexpected '" + m.type() + "' from the server"));
        }
    }

    @Override
    public ChatwireException classifyClose(int code, String reason) {
        if (authenticationCloseCodes.contains(code)) {
            return new AuthenticationException("server refused the identification (close " + code
                    + (reason.isEmpty() ? "" : " " + reason) + ")");
        }
        return new ConnectionLostException("server closed the connection (" + code + (reason.isEmpty() ? "" : " " + reason) + ")");
    }

    @Override
    public void onDisconnected(ChatwireException cause) {
        identified = false;
    }
}

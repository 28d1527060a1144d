package io.github.chatwire.omikron;

import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.omikron.internal.OmikronSession;
import io.github.chatwire.omikron.internal.SessionEvents;
import io.github.chatwire.omikron.model.CallInvite;
import io.github.chatwire.omikron.model.ClientChanged;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.Notifications;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.omikron.model.UserStates;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns decoded messages into {@link OmikronListener} calls for the user and guest roles. Runs
 * with the connection lock held; listener calls are handed to {@link ProtocolContext#emit}.
 */
final class ClientEvents implements SessionEvents {
    private final List<OmikronListener> listeners;
    private final boolean autoAcknowledge;
    private final Consumer<IdentificationResponse> onIdentified;
    private OmikronSession session;

    ClientEvents(List<OmikronListener> listeners, boolean autoAcknowledge, Consumer<IdentificationResponse> onIdentified) {
        this.listeners = listeners;
        this.autoAcknowledge = autoAcknowledge;
        this.onIdentified = onIdentified;
    }

    void attach(OmikronSession s) {
        this.session = s;
    }

    private void each(Consumer<OmikronListener> c) {
        Listeners.each(listeners, c, ClientEvents.class);
    }

    @Override
    public void identified(ProtocolContext ctx, IdentificationResponse response) {
        if (onIdentified != null) {
            onIdentified.accept(response);
        }
        ctx.emit(() -> each(l -> l.onIdentified(response)));
    }

    @Override
    public void pong(ProtocolContext ctx, Pong pong, Duration rtt) {
        ctx.emit(() -> each(l -> l.onPong(pong, rtt)));
    }

    @Override
    public OmikronData pingData(ProtocolContext ctx) {
        return OmikronData.builder().put("last_ping", ctx.scheduler().currentTimeMillis()).build();
    }

    @Override
    public void event(ProtocolContext ctx, OmikronMessage m) {
        MessageType t = m.type();
        try {
            if (t.equals(MessageType.CLIENT_CHANGED)) {
                ClientChanged c = ClientChanged.from(m.data());
                ctx.emit(() -> each(l -> l.onPresence(c)));
            } else if (t.equals(MessageType.CLIENT_CONNECTED)) {
                ClientConnected c = ClientConnected.from(m.data());
                ctx.emit(() -> each(l -> l.onClientConnected(c)));
            } else if (t.equals(MessageType.MESSAGE_LIVE)) {
                MessageLive live = MessageLive.from(m.data());
                if (autoAcknowledge && m.id() != null) {
                    ctx.sendNow(session.handler().outbound(OmikronClient.liveAck(m.id(), MessageState.RECEIVED)));
                }
                ctx.emit(() -> each(l -> l.onLiveMessage(m, live)));
            } else if (t.equals(MessageType.CALL_INVITE)) {
                CallInvite c = CallInvite.from(m.data());
                ctx.emit(() -> each(l -> l.onCallInvite(c)));
            } else if (t.equals(MessageType.GET_NOTIFICATIONS) || t.equals(MessageType.PUSH_NOTIFICATION)) {
                Notifications n = Notifications.from(m.data());
                ctx.emit(() -> each(l -> l.onNotifications(n, m)));
            } else if (t.equals(MessageType.GET_STATES)) {
                UserStates s = UserStates.from(m.data());
                ctx.emit(() -> each(l -> l.onUserStates(s)));
            } else if (t.equals(MessageType.ERROR_NO_IOTA)) {
                ctx.emit(() -> each(l -> l.onIotaOffline(m)));
            } else {
                ctx.emit(() -> each(l -> l.onMessage(m)));
            }
        } catch (OmikronFormatException e) {
            ctx.reportError(new OmikronFormatException("bad '" + t.wireName() + "' event: " + e.getMessage(), e));
        }
    }
}

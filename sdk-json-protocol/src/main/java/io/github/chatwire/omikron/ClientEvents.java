package io.github.chatwire.omikron;

import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.omikron.internal.OmikronWire;
import io.github.chatwire.omikron.internal.SessionEvents;
import io.github.chatwire.omikron.model.CallInvite;
import io.github.chatwire.omikron.model.ClientChanged;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.ErrorReply;
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
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns decoded messages into {@link OmikronListener} calls and subscription events for the user
 * and guest roles. Runs with the connection lock held; delivery is handed to {@link
 * ProtocolContext#emit} through the connection's {@link Dispatch}.
 */
final class ClientEvents implements SessionEvents {
  private final Dispatch<OmikronListener> dispatch;
  private final boolean autoAcknowledge;
  private final @Nullable Consumer<IdentificationResponse> onIdentified;
  private final OmikronWire wire;

  /** Opens direct messages; null for a guest, or until {@link #attach}. */
  private @Nullable DirectMessages directMessages;

  /**
   * Creates the events of one connection.
   *
   * @param dispatch where events go
   * @param autoAcknowledge whether a {@code message_live} is answered {@code received}
   * @param onIdentified told each identification answer; null if no one needs it
   * @param wire the connection's wire, the one its handler encodes with (for the live acks)
   */
  ClientEvents(
      Dispatch<OmikronListener> dispatch,
      boolean autoAcknowledge,
      @Nullable Consumer<IdentificationResponse> onIdentified,
      OmikronWire wire) {
    this.dispatch = dispatch;
    this.autoAcknowledge = autoAcknowledge;
    this.onIdentified = onIdentified;
    this.wire = wire;
  }

  /** Creates the dispatch every user and guest connection uses. */
  static Dispatch<OmikronListener> newDispatch() {
    return new Dispatch<>(OmikronListener::onEvent, ClientEvents.class);
  }

  void attach(DirectMessages dms) {
    this.directMessages = dms;
  }

  @Override
  public void identified(ProtocolContext ctx, IdentificationResponse response) {
    if (onIdentified != null) {
      onIdentified.accept(response);
    }
    dispatch.emit(ctx, null, response, l -> l.onIdentified(response));
  }

  @Override
  public void pong(ProtocolContext ctx, OmikronMessage envelope, Pong pong) {
    dispatch.emit(ctx, envelope, pong, l -> l.onPong(pong));
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
        dispatch.emit(ctx, m, c, l -> l.onPresence(c, m));
      } else if (t.equals(MessageType.CLIENT_CONNECTED)) {
        ClientConnected c = ClientConnected.from(m.data());
        dispatch.emit(ctx, m, c, l -> l.onClientConnected(c, m));
      } else if (t.equals(MessageType.MESSAGE_LIVE)) {
        MessageLive live = MessageLive.from(m.data());
        String id = m.id();
        if (autoAcknowledge && id != null) {
          ctx.sendNow(wire.encode(OmikronClient.liveAck(id, MessageState.RECEIVED)));
        }
        dispatch.emit(ctx, m, live, l -> l.onLiveMessage(live, m));
        DirectMessages dms = directMessages;
        if (dms != null) {
          dms.inbound(ctx, m, live);
        }
      } else if (t.equals(MessageType.CALL_INVITE)) {
        CallInvite c = CallInvite.from(m.data());
        dispatch.emit(ctx, m, c, l -> l.onCallInvite(c, m));
      } else if (t.equals(MessageType.GET_NOTIFICATIONS)
          || t.equals(MessageType.PUSH_NOTIFICATION)) {
        Notifications n = Notifications.from(m.data());
        dispatch.emit(ctx, m, n, l -> l.onNotifications(n, m));
      } else if (t.equals(MessageType.GET_STATES)) {
        UserStates s = UserStates.from(m.data());
        dispatch.emit(ctx, m, s, l -> l.onUserStates(s, m));
      } else if (t.equals(MessageType.ERROR_NO_IOTA)) {
        ErrorReply e = ErrorReply.from(m);
        dispatch.emit(ctx, m, e, l -> l.onIotaOffline(e, m));
      } else {
        dispatch.emit(ctx, m, null, l -> l.onUnknown(m));
      }
    } catch (OmikronFormatException e) {
      ctx.reportError(
          new OmikronFormatException("bad '" + t.wireName() + "' event: " + e.getMessage(), e));
    }
  }
}

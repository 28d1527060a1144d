package io.github.chatwire.examples.omikron;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.examples.cli.Session;
import io.github.chatwire.omikron.DirectMessage;
import io.github.chatwire.omikron.IotaListener;
import io.github.chatwire.omikron.IotaRequest;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.UndecryptableMessage;
import io.github.chatwire.omikron.model.CallInvite;
import io.github.chatwire.omikron.model.ClientChanged;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.ErrorReply;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.Notifications;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.omikron.model.UserStates;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Prints what an Omikron client or Iota connection sees: state changes ({@code "state"}), errors
 * ({@code "error"}) and each protocol event under the protocol's own name ({@code pong}, {@code
 * client_changed}, {@code client_connected}, {@code message_live}, {@code call_invite}, {@code
 * identification_response}, ...; anything else as {@code "message"} with its type), and each live
 * direct message decrypted ({@code direct_message} with the text and the scheme that opened it, or
 * {@code undecryptable_message} with the reason and the raw content). Also remembers when the
 * connection closed for good, for {@link #listen(int)}.
 *
 * <p>Callbacks come one at a time on the SDK's callback thread; {@link #listen} may be called from
 * any thread.
 */
final class OmikronPrinter implements OmikronListener, IotaListener {
  /** Event names the tool's own lines use; protocol types with these names print as "message". */
  private static final Set<String> RESERVED =
      new HashSet<>(Arrays.asList("state", "reply", "error", "info"));

  private final Output out;
  private final Session session;

  /**
   * Creates a printer.
   *
   * @param out where to print
   * @param protocol the name in state lines ({@code omikron} or {@code omikron-iota})
   */
  OmikronPrinter(Output out, String protocol) {
    this.out = out;
    this.session = new Session(out, protocol);
  }

  /**
   * Keeps listening for a while unless the connection closes for good first.
   *
   * @param seconds how long; 0 returns at once
   * @return 0, or the exit status of the terminal failure
   * @throws InterruptedException if interrupted
   */
  int listen(int seconds) throws InterruptedException {
    return session.listen(seconds);
  }

  @Override
  public void onStateChange(StateChange change) {
    session.onStateChange(change);
  }

  @Override
  public void onError(ChatwireException error) {
    session.onError(error);
  }

  @Override
  public void onIdentified(IdentificationResponse response) {
    out.event("identification_response", OmikronFields.data(response.raw()));
  }

  @Override
  public void onEvent(OmikronMessage message) {
    // Each message prints once, under its specific callback below.
  }

  @Override
  public void onPong(Pong pong) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("rtt_ms", OmikronFields.millis(pong.roundTrip()));
    f.put("ping_iota", pong.pingIota());
    f.put("last_ping", pong.lastPing());
    f.put("peer_pings", OmikronFields.plain(pong.peerPings()));
    out.event("pong", f);
  }

  @Override
  public void onPresence(ClientChanged change, OmikronMessage envelope) {
    out.event("client_changed", OmikronFields.presence(change));
  }

  @Override
  public void onClientConnected(ClientConnected connected, OmikronMessage envelope) {
    out.event("client_connected", OmikronFields.connected(connected));
  }

  @Override
  public void onLiveMessage(MessageLive message, OmikronMessage envelope) {
    out.event("message_live", OmikronFields.live(envelope, message));
  }

  @Override
  public void onDirectMessage(DirectMessage message, OmikronMessage envelope) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", message.messageId());
    f.put("sender_id", OmikronFields.id(message.partner()));
    f.put("send_time", message.sendTime());
    f.put("scheme", message.scheme().shortName());
    f.put("text", message.text());
    out.event("direct_message", f);
  }

  @Override
  public void onUndecryptableMessage(UndecryptableMessage message, OmikronMessage envelope) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", message.messageId());
    f.put("sender_id", OmikronFields.id(message.partner()));
    f.put("send_time", message.sendTime());
    f.put("reason", message.reason());
    f.put("content", message.rawContent());
    out.event("undecryptable_message", f);
  }

  @Override
  public void onCallInvite(CallInvite invite, OmikronMessage envelope) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("call_id", invite.callId());
    f.put("sender_id", OmikronFields.id(invite.senderId()));
    f.put("receiver_id", OmikronFields.id(invite.receiverId()));
    out.event("call_invite", f);
  }

  @Override
  public void onNotifications(Notifications notifications, OmikronMessage envelope) {
    named(envelope);
  }

  @Override
  public void onUserStates(UserStates states, OmikronMessage envelope) {
    out.event("get_states", OmikronFields.data(states.raw()));
  }

  @Override
  public void onIotaOffline(ErrorReply error, OmikronMessage envelope) {
    out.error(
        "error_no_iota",
        "the user's Iota is not connected; relayed requests wait until it is back");
  }

  @Override
  public void onClientRequest(IotaRequest request) {
    // This tool is not a full Iota: it shows its users' requests but does not answer them.
    named(request.message());
  }

  @Override
  public void onIotaMessage(OmikronMessage message) {
    named(message);
  }

  @Override
  public void onUnknown(OmikronMessage message) {
    out.event("message", OmikronFields.message(message));
  }

  /** A message under its own type name, unless that name is one of the tool's line kinds. */
  private void named(OmikronMessage m) {
    String name = m.type().wireName();
    if (RESERVED.contains(name) || name.isEmpty()) {
      onUnknown(m);
      return;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", m.id());
    f.put("sender", OmikronFields.id(m.sender()));
    f.put("receiver", OmikronFields.id(m.receiver()));
    f.putAll(OmikronFields.data(m.data()));
    out.event(name, f);
  }
}

package io.github.chatwire.omikron.internal;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import io.github.chatwire.omikron.AnswerEncoding;
import io.github.chatwire.omikron.IdentificationStrategy;
import io.github.chatwire.omikron.OmikronAuthenticationException;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronProtocolException;
import io.github.chatwire.omikron.OmikronServerException;
import io.github.chatwire.omikron.codec.MalformedInputException;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.codec.X448Challenge;
import io.github.chatwire.omikron.model.Challenge;
import io.github.chatwire.omikron.model.ErrorReply;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Omikron protocol on the sdk-core engine, for all three roles and both wire generations (the
 * WebSocket JSON protocol and TTP, see {@link OmikronWire}): identification (X448 challenge or
 * {@code private_key_hash}), correlation of replies by id (ignoring case), pings with round-trip
 * measurement, and classification of errors. Role-specific events go to a {@link SessionEvents}.
 *
 * <p>A message carrying a pending request's id is that request's reply, whatever its type, with two
 * exceptions that keep an unsolicited message from completing a request whose id it happens to
 * share (TTP ids are only 32 bits): a {@code pong} answers only a {@code ping}, and a message the
 * servers push on their own ({@code message_live}, {@code client_changed}, …) answers only a
 * request of its own type. Such a message is delivered as an event and the request keeps waiting.
 *
 * <p>Called by the engine one method at a time with the connection lock held.
 */
public final class OmikronProtocolHandler implements ProtocolHandler {
  private static final Logger log = LoggerFactory.getLogger(OmikronProtocolHandler.class);
  private static final int MAX_PINGS_IN_FLIGHT = 16;

  /**
   * Error types after which identification must not be retried (as the official client decides).
   */
  static final Set<MessageType> FATAL_IDENTIFICATION_ERRORS =
      new HashSet<>(
          Arrays.asList(
              MessageType.ERROR,
              MessageType.ERROR_INVALID_USER_ID,
              MessageType.ERROR_NO_USER_ID,
              MessageType.ERROR_INVALID_CHALLENGE,
              MessageType.ERROR_INVALID_SECRET,
              MessageType.ERROR_INVALID_PRIVATE_KEY,
              MessageType.ERROR_INVALID_PUBLIC_KEY,
              MessageType.ERROR_NOT_AUTHENTICATED,
              MessageType.ERROR_INVALID_DATA,
              MessageType.ERROR_INVALID_CALL_ID,
              MessageType.ERROR_NO_CALL_ID));

  private final Role role;
  private final @Nullable OmikronId selfId;
  private final @Nullable OmikronPrivateKey privateKey;
  private final @Nullable String callId;
  private final IdentificationStrategy strategy;
  private final OmikronWire wire;
  private final @Nullable List<OmikronId> iotaUserIds;
  private final SessionEvents events;

  // Per attempt; reset in onOpen/onDisconnected.
  private boolean identified;
  private boolean answeredChallenge;
  private final Map<String, Long> pingsInFlight = new LinkedHashMap<>();
  private String tag =
      ""; // the connection's log tag, from the last onOpen (called with the engine's lock)

  /**
   * Creates a handler.
   *
   * @param role the role
   * @param selfId the user or Iota id; null for a guest
   * @param privateKey the key; null for a guest
   * @param callId the call of a guest; null otherwise
   * @param strategy the identification strategy
   * @param wire the wire generation, one per connection
   * @param iotaUserIds the Iota's users for the older identification; may be null
   * @param events the role's event sink
   */
  public OmikronProtocolHandler(
      Role role,
      @Nullable OmikronId selfId,
      @Nullable OmikronPrivateKey privateKey,
      @Nullable String callId,
      IdentificationStrategy strategy,
      OmikronWire wire,
      @Nullable List<OmikronId> iotaUserIds,
      SessionEvents events) {
    this.role = role;
    this.selfId = selfId;
    this.privateKey = privateKey;
    this.callId = callId;
    this.strategy = strategy;
    this.wire = wire;
    this.iotaUserIds = iotaUserIds;
    this.events = events;
  }

  /**
   * Encodes a message for this connection's wire.
   *
   * @param m the message
   * @return the outbound frame, tagged with its type
   * @throws IllegalArgumentException if the wire cannot carry it
   */
  public Outbound outbound(OmikronMessage m) {
    return wire.encode(m);
  }

  /**
   * @return this connection's wire; never null
   */
  public OmikronWire wire() {
    return wire;
  }

  /**
   * The options with an instance tag for the logs, the default name and ":ID" (user or Iota id;
   * never a key), unless the application named the connection itself.
   *
   * @param options the connection's options; never null
   * @return the options to build the connection with
   */
  public ConnectionOptions named(ConnectionOptions options) {
    String name = options.name();
    if (name.equals("connection")) {
      name = role == Role.IOTA ? "omikron-iota" : "omikron-client"; // not named by the application
    } else if (!name.equals("omikron-client") && !name.equals("omikron-iota")) {
      return options; // the application's own name, or a guest (no id)
    }
    return selfId == null ? options : options.toBuilder().name(name + ":" + selfId).build();
  }

  @Override
  public void onOpen(ProtocolContext ctx) {
    tag = ctx.logTag();
    identified = false;
    answeredChallenge = false;
    clearPings();
    OmikronData.Builder d = OmikronData.builder();
    switch (role) {
      case CLIENT:
        d.put("user_id", selfId);
        if (privateKey != null && strategy.sendsPrivateKeyHash()) { // a client always has a key
          d.put("private_key_hash", privateKey.privateKeyHash());
        }
        break;
      case IOTA:
        d.put("iota_id", selfId);
        if (iotaUserIds != null && !iotaUserIds.isEmpty()) {
          StringBuilder csv = new StringBuilder();
          for (OmikronId id : iotaUserIds) {
            csv.append(id.value()).append(',');
          }
          d.put("user_ids", csv.toString());
        }
        break;
      case GUEST:
      default:
        d.put("call_id", callId);
        // The older spec's call participant: a known user joining with its key hash.
        d.putIfNotNull("user_id", selfId);
        if (selfId != null && privateKey != null && strategy.sendsPrivateKeyHash()) {
          d.put("private_key_hash", privateKey.privateKeyHash());
        }
        break;
    }
    ctx.sendNow(outbound(wire.message(MessageType.IDENTIFICATION, d.build())));
  }

  @Override
  public void onText(ProtocolContext ctx, String text) {
    onMessage(ctx, wire.decodeText(ctx, text));
  }

  @Override
  public void onBinary(ProtocolContext ctx, byte[] bytes) {
    onMessage(ctx, wire.decodeBinary(ctx, bytes));
  }

  private void onMessage(ProtocolContext ctx, @Nullable OmikronMessage m) {
    if (m == null) {
      return; // did not decode; already reported
    }
    try {
      if (!identified) {
        handshake(ctx, m);
      } else {
        dispatch(ctx, m);
      }
    } catch (OmikronFormatException e) {
      ctx.reportError(
          new OmikronFormatException(
              "bad '" + m.type().wireName() + "' message: " + e.getMessage(), e));
    }
  }

  /**
   * Decodes an inbound text frame. A frame that is not a valid Omikron message is reported as a
   * non-fatal {@link OmikronFormatException} and skipped; the connection stays up. Shared by every
   * Omikron handler so they treat bad frames alike.
   *
   * @param ctx the connection context
   * @param text the frame
   * @return the message, or null if it did not decode (already reported)
   */
  static @Nullable OmikronMessage decodeOrReport(ProtocolContext ctx, String text) {
    try {
      return OmikronCodec.decode(text);
    } catch (OmikronFormatException e) {
      ctx.reportError(e);
      return null;
    }
  }

  private void handshake(ProtocolContext ctx, OmikronMessage m) {
    MessageType type = m.type();
    if (type.equals(MessageType.CHALLENGE)) {
      answerChallenge(ctx, m);
    } else if (type.equals(MessageType.IDENTIFICATION_RESPONSE)) {
      IdentificationResponse r = IdentificationResponse.from(m.data());
      if (r.isRefused()) {
        ctx.fail(
            new OmikronAuthenticationException(
                "the Omikron refused the identification", null, null));
        return;
      }
      if (wire.requiresExplicitAcceptance() && !Boolean.TRUE.equals(r.accepted())) {
        ctx.fail(
            new OmikronAuthenticationException(
                "the Omikron answered the identification without accepted: true", null, null));
        return;
      }
      identified = true;
      // Before ready(): whoever sees connect() complete also sees the identity.
      events.identified(ctx, r);
      ctx.ready();
    } else if (type.isError()) {
      ErrorReply e = ErrorReply.from(m);
      if (FATAL_IDENTIFICATION_ERRORS.contains(type)) {
        ctx.fail(
            new OmikronAuthenticationException(
                "identification failed: "
                    + type.wireName()
                    + (e.errorType() == null ? "" : " (" + e.errorType() + ")"),
                type.wireName(),
                null));
      } else {
        // error_no_iota, error_internal and unknown errors: worth trying again later.
        OmikronServerException cause = OmikronServerException.of(e);
        ctx.fail(cause.isRetryable() ? cause : new OmikronServerException(e, true));
      }
    } else if (type.equals(MessageType.PONG)) {
      // Pings are answered before identification by the reference server; nothing to do.
      return;
    } else {
      dispatch(ctx, m);
    }
  }

  private void answerChallenge(ProtocolContext ctx, OmikronMessage m) {
    if (privateKey == null) {
      ctx.fail(
          new OmikronAuthenticationException(
              "the Omikron sent a challenge but no private key is configured", null, null));
      return;
    }
    if (answeredChallenge) {
      ctx.reportError(
          new ProtocolException("a second challenge in one identification was ignored"));
      return;
    }
    Challenge c = Challenge.from(m.data());
    String answer;
    byte[] key = privateKey.raw();
    try {
      answer =
          X448Challenge.solve(
              key,
              c.publicKey(),
              c.challenge(),
              strategy.answerEncoding() == AnswerEncoding.BASE64);
    } catch (MalformedInputException e) {
      // A corrupted frame, not refused credentials: reconnect with backoff (issue 11).
      ctx.fail(new OmikronProtocolException("malformed challenge: " + e.getMessage(), null));
      return;
    } catch (GeneralSecurityException e) {
      // GeneralSecurityException messages of X448Challenge never contain key material.
      ctx.fail(
          new OmikronAuthenticationException(
              "could not solve the Omikron's challenge: " + e.getMessage(), null, null));
      return;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    answeredChallenge = true;
    String received = m.id();
    String id = received != null ? received : wire.newId();
    ctx.sendNow(
        outbound(
            new OmikronMessage(
                id,
                MessageType.CHALLENGE_RESPONSE,
                null,
                null,
                OmikronData.builder().put("challenge", answer).build(),
                null,
                Map.of())));
  }

  private void dispatch(ProtocolContext ctx, OmikronMessage m) {
    String key = m.correlationKey();
    boolean reply = key != null && ctx.isPending(key) && answers(m.type(), wire.reservedFor(key));
    if (m.type().equals(MessageType.PONG) && !reply) {
      Long sent = key == null ? null : pingsInFlight.remove(key);
      if (sent != null) {
        wire.release(key);
      }
      Duration rtt = sent == null ? null : Duration.ofNanos(ctx.scheduler().nanoTime() - sent);
      events.pong(ctx, m, Pong.from(m.data()).withRoundTrip(rtt));
      return;
    }
    // Whatever its type (but see answers()), a message with a pending request's id is its answer.
    if (reply && key != null) { // reply implies a key
      if (m.type().isError()) {
        ctx.failRequest(key, OmikronServerException.of(ErrorReply.from(m)));
      } else {
        ctx.completeRequest(key, m);
      }
      return;
    }
    if (m.type().isError()) {
      ctx.reportError(OmikronServerException.of(ErrorReply.from(m)));
    }
    events.event(ctx, m);
  }

  /** Types the servers send on their own, which answer only a request of the same type. */
  private static final Set<MessageType> PUSHED =
      new HashSet<>(
          Arrays.asList(
              MessageType.PONG,
              MessageType.MESSAGE_LIVE,
              MessageType.CLIENT_CHANGED,
              MessageType.CLIENT_CONNECTED,
              MessageType.CALL_INVITE,
              MessageType.PUSH_NOTIFICATION));

  /**
   * Whether a message of type {@code reply} can answer a request of type {@code request}.
   *
   * @param reply the message's type
   * @param request the request's type; null if unknown (then any type answers, as always)
   */
  static boolean answers(MessageType reply, @Nullable MessageType request) {
    if (request == null || reply.isError()) {
      return true;
    }
    MessageType expected = request.equals(MessageType.PING) ? MessageType.PONG : request;
    if (PUSHED.contains(reply) || request.equals(MessageType.PING)) {
      return reply.equals(expected);
    }
    return true;
  }

  @Override
  public void onPingDue(ProtocolContext ctx) {
    if (pingsInFlight.size() >= MAX_PINGS_IN_FLIGHT) {
      Iterator<String> it = pingsInFlight.keySet().iterator();
      wire.release(it.next());
      it.remove();
    }
    String id = wire.reserve(MessageType.PING);
    OmikronMessage ping =
        new OmikronMessage(id, MessageType.PING, null, null, events.pingData(ctx), null, Map.of());
    pingsInFlight.put(id, ctx.scheduler().nanoTime()); // a reserved id is its correlation key
    ctx.sendNow(outbound(ping));
  }

  private void clearPings() {
    for (String id : pingsInFlight.keySet()) {
      wire.release(id);
    }
    pingsInFlight.clear();
  }

  @Override
  public ChatwireException classifyClose(int code, String reason) {
    if (!identified && code == 1008) {
      return new OmikronAuthenticationException(
          "the Omikron closed the connection during identification (policy violation)", null, null);
    }
    return ProtocolHandler.super.classifyClose(code, reason);
  }

  @Override
  public void onDisconnected(ChatwireException cause) {
    if (log.isDebugEnabled()) {
      log.debug("[{}] {} {} disconnected: {}", tag, role, selfId, cause.toString());
    }
    identified = false;
    answeredChallenge = false;
    clearPings();
  }

  /**
   * @return whether the current attempt is identified
   */
  public boolean isIdentified() {
    return identified;
  }
}

package io.github.chatwire.omikron;

import io.github.chatwire.core.Subscription;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.omikron.codec.MessageScheme;
import io.github.chatwire.omikron.internal.OmikronProtocolHandler;
import io.github.chatwire.omikron.internal.OmikronSession;
import io.github.chatwire.omikron.internal.OmikronWire;
import io.github.chatwire.omikron.internal.PeerKeyCache;
import io.github.chatwire.omikron.internal.Role;
import io.github.chatwire.omikron.model.AddCommunity;
import io.github.chatwire.omikron.model.AddConversation;
import io.github.chatwire.omikron.model.CallDisconnectUser;
import io.github.chatwire.omikron.model.CallInvite;
import io.github.chatwire.omikron.model.CallSetAnonymousJoining;
import io.github.chatwire.omikron.model.CallTimeoutUser;
import io.github.chatwire.omikron.model.CallToken;
import io.github.chatwire.omikron.model.ChangeUserData;
import io.github.chatwire.omikron.model.Chats;
import io.github.chatwire.omikron.model.Communities;
import io.github.chatwire.omikron.model.GetIotaData;
import io.github.chatwire.omikron.model.GetUserData;
import io.github.chatwire.omikron.model.IotaData;
import io.github.chatwire.omikron.model.MessageSend;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.Messages;
import io.github.chatwire.omikron.model.MessagesGet;
import io.github.chatwire.omikron.model.Notifications;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronEvent;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.ReadNotification;
import io.github.chatwire.omikron.model.RemoveCommunity;
import io.github.chatwire.omikron.model.SettingsList;
import io.github.chatwire.omikron.model.SettingsLoad;
import io.github.chatwire.omikron.model.SettingsSave;
import io.github.chatwire.omikron.model.UserData;
import io.github.chatwire.omikron.model.UserState;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A logged-in user's connection to an Omikron relay ({@code /ws/client}, or the one TTP endpoint
 * with {@link Builder#protocol(OmikronProtocol) protocol(TTP)}; the API is the same).
 *
 * <p>{@link #connect()} opens the connection and identifies (by default with the X448 challenge),
 * after every reconnect too. Fatal identification errors ({@code error_not_authenticated}, {@code
 * error_invalid_*}, a challenge that does not decrypt) close the client for good with an {@link
 * OmikronAuthenticationException}; everything else reconnects with backoff, including a malformed
 * challenge (not base64, a key that is not 56 bytes, a ciphertext shorter than its tag: an {@link
 * OmikronProtocolException}, since one corrupted frame says nothing about the credentials).
 * Requests return futures correlated by message id (ignoring case) and time out after the
 * configured request timeout; an {@code error*} reply fails the future with an {@link
 * OmikronServerException} ({@link IotaOfflineException} for {@code error_no_iota}). Events arrive
 * at {@link OmikronListener}s and typed subscriptions ({@link #on}). The client pings every 5 s by
 * default (3 s on TTP, as the new client) and reports the round trip ({@link
 * io.github.chatwire.omikron.model.Pong#roundTrip()}).
 *
 * <p>Over {@link OmikronProtocol#TTP} the challenge is answered with the plain decrypted string,
 * only {@code identification_response {accepted: true}} identifies (anything else is an {@link
 * OmikronAuthenticationException}), message ids are random non-zero u32 (never one already in
 * flight), and user ids must fit in 48 bits. What TTP cannot carry (a data key it does not have)
 * fails the send with an {@link IllegalArgumentException} instead of being dropped.
 *
 * <p><b>Direct messages are end-to-end encrypted</b>, as the real Tensamin clients expect: {@link
 * #sendMessage(OmikronId, String)} encrypts for the receiver with the configured {@link
 * MessageScheme} (default {@link MessageScheme#WEB_CLIENT}, which the WebSocket-era web client
 * speaks; on TTP {@link MessageScheme#HKDF_GCM}, the newer client's; {@link MessageScheme#PLAIN}
 * for none), and every {@code message_live} and {@link #getDirectMessages stored message} is opened
 * with whichever scheme works ({@link OmikronListener#onDirectMessage}, or {@link
 * OmikronListener#onUndecryptableMessage} with the raw content and the reason — never dropped). The
 * key is {@code X448(own private key, peer public key)}; peers' public keys are fetched with {@code
 * get_user_data} on first use (one lookup however many sends wait for it), cached per user
 * (bounded, with a TTL on the runtime's clock) and fetched again once when a message does not
 * decrypt (keys rotate with {@code change_user_data}). What each scheme does and does not protect
 * is in {@link io.github.chatwire.omikron.codec.MessageCipher}: in short, the servers cannot read
 * the text, but see who talks to whom, when and how much; the web scheme has no integrity
 * protection and alters text outside Latin-1 ({@link LossyTextPolicy}); the newer scheme reuses one
 * nonce for every message of a pair. At most 1024 sends and 1024 live messages wait for key lookups
 * at a time: past that a send fails with {@link io.github.chatwire.core.QueueFullException} and a
 * live message is delivered at once as undecryptable.
 *
 * <p>Thread-safe; methods never block. Futures complete on the runtime's callback executor.
 */
public final class OmikronClient implements AutoCloseable {
  private final OmikronId userId;
  private final OmikronSession session;
  private final Dispatch<OmikronListener> dispatch = ClientEvents.newDispatch();
  private final DirectMessages directMessages;

  private OmikronClient(Builder b, OmikronId userId, OmikronPrivateKey privateKey) {
    this.userId = userId;
    b.addFirstListenerTo(dispatch.listeners());
    OmikronWire wire = b.newWire();
    ClientEvents events = new ClientEvents(dispatch, b.autoAcknowledge, null, wire);
    OmikronProtocolHandler handler =
        new OmikronProtocolHandler(
            Role.CLIENT, userId, privateKey, null, b.strategy(), wire, null, events);
    this.session = b.newSession(handler);
    Function<OmikronId, CompletableFuture<OmikronPublicKey>> lookup =
        b.keyLookup != null ? b.keyLookup : this::fetchPublicKey;
    PeerKeyCache keys =
        new PeerKeyCache(
            lookup,
            privateKey,
            session.connection().runtime().scheduler(),
            b.keyCacheSize,
            b.keyCacheTtl,
            b.keyMinRefresh);
    this.directMessages =
        new DirectMessages(
            session,
            keys,
            b.scheme(),
            b.random != null ? b.random : new SecureRandom(),
            b.lossyText,
            dispatch);
    events.attach(directMessages);
    session.connection().addListener(Listeners.forward(dispatch.listeners(), ClientEvents.class));
  }

  private CompletableFuture<OmikronPublicKey> fetchPublicKey(OmikronId user) {
    return getUserData(user)
        .thenApply(
            u -> {
              String key = u.publicKey();
              if (key == null) {
                throw new OmikronFormatException("get_user_data of " + user + " has no public_key");
              }
              return OmikronPublicKey.parse(key);
            });
  }

  /**
   * Starts building a client.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default engine options of a client: ping every 5 s (as the web client), declare the
   * connection dead after 20 s without any message, requests time out after 20 s.
   *
   * @return the options
   */
  public static ConnectionOptions defaultOptions() {
    return defaultOptions(OmikronProtocol.WEBSOCKET);
  }

  /**
   * The default engine options of a client for a protocol generation. {@link
   * OmikronProtocol#WEBSOCKET}: as {@link #defaultOptions()}. {@link OmikronProtocol#TTP}: as the
   * new client ({@code Tensamin/Client@04f8ab0:packages/ttp/src/values.ts}), ping every 3 s and
   * requests time out after 15 s; dead after 15 s without any message.
   *
   * @param protocol the generation; never null
   * @return the options; never null
   * @throws NullPointerException if {@code protocol} is null
   */
  public static ConnectionOptions defaultOptions(OmikronProtocol protocol) {
    boolean ttp = Objects.requireNonNull(protocol, "protocol") == OmikronProtocol.TTP;
    return ConnectionOptions.builder()
        .name("omikron-client")
        .pingInterval(Duration.ofSeconds(ttp ? 3 : 5))
        .idleTimeout(Duration.ofSeconds(ttp ? 15 : 20))
        .requestTimeout(Duration.ofSeconds(ttp ? 15 : 20))
        .build();
  }

  /**
   * Connects and identifies; reconnects as the options' policy says until {@link #close()}.
   *
   * @return completed when first identified; failed with {@link OmikronAuthenticationException} if
   *     identification is refused, or with the terminal cause
   */
  public CompletableFuture<Void> connect() {
    return session.connection().connect();
  }

  /**
   * The tag on every log line of this client's connection: "omikron-client:USER_ID" (unless the
   * options name the connection) and the server's URL with secrets masked. Thread-safe.
   *
   * @return the tag; never null
   */
  public String logTag() {
    return session.connection().logTag();
  }

  /**
   * @return the user id; never null
   */
  public OmikronId userId() {
    return userId;
  }

  /**
   * @return the connection state; never null
   */
  public ConnectionState state() {
    return session.connection().state();
  }

  /**
   * The number of requests awaiting a reply.
   *
   * @return the count
   */
  public int pendingRequests() {
    return session.connection().pendingCount();
  }

  /**
   * The engine connection under this client: its options, runtime, state, pending requests and
   * lifecycle, the same object for the client's whole life. Closing it closes the client. Listeners
   * added to it directly see the engine's state changes and errors, not Omikron events (use {@link
   * #addListener(OmikronListener)} for those). Thread-safe.
   *
   * @return the connection; never null
   */
  public ManagedConnection connection() {
    return session.connection();
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener; never null
   * @return a handle that removes it
   */
  public Subscription addListener(OmikronListener listener) {
    return dispatch.addListener(listener);
  }

  /**
   * Subscribes to one kind of event: every inbound {@link OmikronMessage} that answers no request,
   * or a typed record read from one ({@link DirectMessage}, {@link UndecryptableMessage}, {@link
   * io.github.chatwire.omikron.model.MessageLive}, {@link io.github.chatwire.omikron.model.Pong},
   * {@link io.github.chatwire.omikron.model.ClientChanged}, …; an interface such as {@link
   * DirectMessageEvent} matches all its records). Handlers run on the callback executor after the
   * listeners for the same event.
   *
   * @param type the event class; never null
   * @param handler called with each matching event; never null
   * @param <T> the event type
   * @return a handle whose {@code close()} removes the subscription
   */
  public <T extends OmikronEvent> Subscription on(Class<T> type, Consumer<? super T> handler) {
    return dispatch.on(type, handler);
  }

  /**
   * @return the scheme {@link #sendMessage(OmikronId, String)} encrypts with; never null
   */
  public MessageScheme messageScheme() {
    return directMessages.scheme();
  }

  /**
   * Closes for good: pending requests and queued sends fail with {@link
   * io.github.chatwire.core.ConnectionClosedException}. Returns at once; idempotent.
   */
  @Override
  public void close() {
    session.connection().close();
  }

  /**
   * @return completed when the client is closed and its resources released
   */
  public CompletableFuture<Void> closeFuture() {
    return session.connection().closeFuture();
  }

  // ---- generic requests ----

  /**
   * Sends any request and waits for the message with the same id.
   *
   * @param type the type; never null
   * @param data the data; null for empty
   * @param timeout the timeout; null for the default
   * @return the reply; failed with {@link OmikronServerException} on an error reply, {@link
   *     io.github.chatwire.core.RequestTimeoutException} on timeout, or {@link
   *     io.github.chatwire.core.ConnectionLostException} if the connection dropped first
   */
  public CompletableFuture<OmikronMessage> request(
      MessageType type, @Nullable OmikronData data, @Nullable Duration timeout) {
    return session.request(Objects.requireNonNull(type, "type"), data, null, timeout);
  }

  /**
   * Sends any message without waiting for a reply (queued while not connected).
   *
   * @param type the type; never null
   * @param data the data; null for empty
   * @return completed when the transport took it, failed if it could not be sent
   */
  public CompletableFuture<Void> send(MessageType type, @Nullable OmikronData data) {
    return session.send(session.message(Objects.requireNonNull(type, "type"), data));
  }

  /**
   * Sends a ping now and completes with its pong, whose {@link
   * io.github.chatwire.omikron.model.Pong#roundTrip()} is the round trip measured on the runtime's
   * clock: the one place round-trip time is reported, as for the automatic pings (which go to
   * {@link OmikronListener#onPong}; this one does not).
   *
   * @return the pong, with its round trip never null; failed as any request fails
   */
  public CompletableFuture<io.github.chatwire.omikron.model.Pong> ping() {
    io.github.chatwire.core.time.Scheduler clock = session.connection().runtime().scheduler();
    long start = clock.nanoTime();
    return session.request(
        MessageType.PING,
        OmikronData.builder().put("last_ping", clock.currentTimeMillis()).build(),
        m ->
            io.github.chatwire.omikron.model.Pong.from(m.data())
                .withRoundTrip(Duration.ofNanos(clock.nanoTime() - start)));
  }

  // ---- requests answered by the Omikron or Omega ----

  /**
   * A user's profile ({@code get_user_data}).
   *
   * @param user the user; never null
   * @return the profile; failed with {@link OmikronServerException} {@code error_not_found}
   */
  public CompletableFuture<UserData> getUserData(OmikronId user) {
    Objects.requireNonNull(user, "user");
    return session.request(
        MessageType.GET_USER_DATA,
        new GetUserData(user, null, OmikronData.EMPTY).toData(),
        m -> UserData.from(m.data()));
  }

  /**
   * A user's profile by name ({@code get_user_data} with {@code username}).
   *
   * @param username the name; never null
   * @return the profile
   */
  public CompletableFuture<UserData> getUserDataByName(String username) {
    Objects.requireNonNull(username, "username");
    return session.request(
        MessageType.GET_USER_DATA,
        new GetUserData(null, username, OmikronData.EMPTY).toData(),
        m -> UserData.from(m.data()));
  }

  /**
   * An Iota's data ({@code get_iota_data}).
   *
   * @param iotaId the Iota; never null
   * @return the data
   */
  public CompletableFuture<IotaData> getIotaData(OmikronId iotaId) {
    Objects.requireNonNull(iotaId, "iotaId");
    return session.request(
        MessageType.GET_IOTA_DATA,
        new GetIotaData(iotaId, null, null, OmikronData.EMPTY).toData(),
        m -> IotaData.from(m.data()));
  }

  /**
   * Changes the own profile ({@code change_user_data}); the own {@code user_id} is filled in.
   *
   * @param change the fields to change; never null
   * @return completed on {@code success}
   */
  public CompletableFuture<Void> changeUserData(ChangeUserData change) {
    Objects.requireNonNull(change, "change");
    OmikronData d = change.toData().toBuilder().put("user_id", userId).build();
    return session.request(MessageType.CHANGE_USER_DATA, d, m -> null);
  }

  /**
   * The own notification counters ({@code get_notifications}). The reference server probably never
   * answers (an SQL typo in Omega), so expect a timeout there.
   *
   * @return the counters
   */
  public CompletableFuture<Notifications> getNotifications() {
    return session.request(
        MessageType.GET_NOTIFICATIONS,
        OmikronData.builder().put("user_id", userId).build(),
        m -> Notifications.from(m.data()));
  }

  /**
   * Marks the notifications from one user as read ({@code read_notification}).
   *
   * @param sender the other user; never null
   * @return completed on the reply
   */
  public CompletableFuture<Void> readNotification(OmikronId sender) {
    Objects.requireNonNull(sender, "sender");
    return session.request(
        MessageType.READ_NOTIFICATION,
        new ReadNotification(userId, sender, OmikronData.EMPTY).toData(),
        m -> null);
  }

  /**
   * Sets the own presence ({@code client_changed}); the server sends no reply.
   *
   * @param state the state; never null ({@code user_invisible} is spec-only)
   * @return completed when sent
   */
  public CompletableFuture<Void> setPresence(UserState state) {
    Objects.requireNonNull(state, "state");
    return session.send(
        session.message(
            MessageType.CLIENT_CHANGED, OmikronData.builder().put("user_state", state).build()));
  }

  // ---- calls ----

  /**
   * The LiveKit token of a call ({@code call_token}); an unknown call id creates the call.
   *
   * @param callId the call, a UUID string; never null
   * @return the token reply (its {@code callToken} is a secret)
   */
  public CompletableFuture<CallToken> callToken(String callId) {
    Objects.requireNonNull(callId, "callId");
    return session.request(
        MessageType.CALL_TOKEN,
        new CallToken(callId, null, OmikronData.EMPTY).toData(),
        m -> CallToken.from(m.data()));
  }

  /**
   * Invites a user to a call ({@code call_invite}).
   *
   * @param receiver the invitee; never null
   * @param callId the call; never null
   * @return completed on {@code success}
   */
  public CompletableFuture<Void> callInvite(OmikronId receiver, String callId) {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(callId, "callId");
    return session.request(
        MessageType.CALL_INVITE,
        new CallInvite(callId, receiver, null, OmikronData.EMPTY).toData(),
        m -> null);
  }

  /**
   * Removes a user from a call (admin only; the server sends no reply).
   *
   * @param callId the call; never null
   * @param user the user; never null
   * @return completed when sent
   */
  public CompletableFuture<Void> callDisconnectUser(String callId, OmikronId user) {
    return session.send(
        session.message(
            MessageType.CALL_DISCONNECT_USER,
            new CallDisconnectUser(
                    Objects.requireNonNull(callId), Objects.requireNonNull(user), OmikronData.EMPTY)
                .toData()));
  }

  /**
   * Bans a user from a call until a time (admin only; no reply).
   *
   * @param callId the call; never null
   * @param user the user; never null
   * @param untilEpochMillis the end of the ban
   * @return completed when sent
   */
  public CompletableFuture<Void> callTimeoutUser(
      String callId, OmikronId user, long untilEpochMillis) {
    return session.send(
        session.message(
            MessageType.CALL_TIMEOUT_USER,
            new CallTimeoutUser(
                    Objects.requireNonNull(callId),
                    Objects.requireNonNull(user),
                    untilEpochMillis,
                    OmikronData.EMPTY)
                .toData()));
  }

  /**
   * Allows or forbids anonymous guests in a call.
   *
   * @param callId the call; never null
   * @param enabled whether guests may join
   * @return the reply, with the join link when enabled
   */
  public CompletableFuture<CallSetAnonymousJoining> setAnonymousJoining(
      String callId, boolean enabled) {
    Objects.requireNonNull(callId, "callId");
    return session.request(
        MessageType.CALL_SET_ANONYMOUS_JOINING,
        new CallSetAnonymousJoining(callId, enabled, null, OmikronData.EMPTY).toData(),
        m -> CallSetAnonymousJoining.from(m.data()));
  }

  // ---- relayed to the own Iota ----

  /**
   * The own chats ({@code get_chats}, answered by the Iota).
   *
   * @return the chats
   */
  public CompletableFuture<Chats> getChats() {
    return session.request(MessageType.GET_CHATS, OmikronData.EMPTY, m -> Chats.from(m.data()));
  }

  /**
   * Stored messages of a chat, newest first ({@code messages_get}), as stored: the content is still
   * encrypted ({@link #getDirectMessages} opens it).
   *
   * @param partner the chat partner; never null
   * @param offset how many newest messages to skip
   * @param amount how many to return
   * @return the messages
   */
  public CompletableFuture<Messages> getMessages(OmikronId partner, long offset, long amount) {
    Objects.requireNonNull(partner, "partner");
    return session.request(
        MessageType.MESSAGES_GET,
        new MessagesGet(partner, offset, amount, OmikronData.EMPTY).toData(),
        m -> Messages.from(m.data()));
  }

  /**
   * Sends a direct message ({@code message_send}), end-to-end encrypted for the receiver with the
   * configured {@link #messageScheme() scheme}. The receiver's public key is fetched on first use;
   * messages go out in call order even while a key is being fetched.
   *
   * @param receiver the recipient; never null
   * @param text the text; never null
   * @return completed when the own Iota stored it ({@code success}); failed with {@link
   *     LossyTextException} if the web-client scheme would alter the text and the {@link
   *     LossyTextPolicy} is {@code REJECT} (nothing was sent), with the key lookup's failure (e.g.
   *     {@link OmikronServerException} {@code error_not_found}) if the receiver's public key is
   *     unavailable, or as {@link #request} fails. Cancelling it while the message still waits for
   *     a key lookup (or for an earlier send) means it is never sent
   */
  public CompletableFuture<Void> sendMessage(OmikronId receiver, String text) {
    return sendMessage(receiver, text, directMessages.scheme());
  }

  /**
   * Sends a direct message with a given scheme instead of the configured one.
   *
   * @param receiver the recipient; never null
   * @param text the text; never null
   * @param scheme the scheme; never null
   * @return as {@link #sendMessage(OmikronId, String)}
   */
  public CompletableFuture<Void> sendMessage(
      OmikronId receiver, String text, MessageScheme scheme) {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(scheme, "scheme");
    return directMessages.send(receiver, text, scheme);
  }

  /**
   * Sends a direct message whose {@code content} is already prepared (encrypted by the caller); the
   * servers pass it on as is.
   *
   * @param receiver the recipient; never null
   * @param content the content as it should travel; never null
   * @return completed when the own Iota stored it ({@code success})
   */
  public CompletableFuture<Void> sendRawMessage(OmikronId receiver, String content) {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(content, "content");
    return session.request(
        MessageType.MESSAGE_SEND,
        new MessageSend(receiver, content, OmikronData.EMPTY).toData(),
        m -> null);
  }

  /**
   * Stored messages of a chat, newest first ({@code messages_get}), each opened like a live
   * message: a {@link DirectMessage}, or an {@link UndecryptableMessage} with the raw content and
   * the reason.
   *
   * @param partner the chat partner; never null
   * @param offset how many newest messages to skip
   * @param amount how many to return
   * @return the messages; never null; fails only as {@link #getMessages} does
   */
  public CompletableFuture<List<DirectMessageEvent>> getDirectMessages(
      OmikronId partner, long offset, long amount) {
    Objects.requireNonNull(partner, "partner");
    return directMessages.history(partner, offset, amount);
  }

  DirectMessages directMessages() {
    return directMessages;
  }

  /**
   * Answers a {@code message_live} with its delivery state (the Iota waits 10 s for it).
   *
   * @param liveMessageId the id of the {@code message_live} envelope; never null
   * @param state {@code received} or {@code read}; never null
   * @return completed when sent
   */
  public CompletableFuture<Void> acknowledgeLiveMessage(String liveMessageId, MessageState state) {
    Objects.requireNonNull(liveMessageId, "liveMessageId");
    Objects.requireNonNull(state, "state");
    return session.send(liveAck(liveMessageId, state));
  }

  static OmikronMessage liveAck(String id, MessageState state) {
    return new OmikronMessage(
        id,
        MessageType.MESSAGE_LIVE,
        null,
        null,
        OmikronData.builder().put("message_state", state).build(),
        null,
        Map.of());
  }

  /**
   * Adds a chat by partner id ({@code add_conversation}).
   *
   * @param partner the partner; never null
   * @return completed on the reply
   */
  public CompletableFuture<Void> addConversation(OmikronId partner) {
    Objects.requireNonNull(partner, "partner");
    return session.request(
        MessageType.ADD_CONVERSATION,
        new AddConversation(partner, null, OmikronData.EMPTY).toData(),
        m -> null);
  }

  /**
   * Adds a chat by partner name; the Omikron resolves it ({@code add_conversation}).
   *
   * @param partnerName the name; never null
   * @return completed on the reply; {@code error_anonymous} for a guest's name
   */
  public CompletableFuture<Void> addConversationByName(String partnerName) {
    Objects.requireNonNull(partnerName, "partnerName");
    return session.request(
        MessageType.ADD_CONVERSATION,
        new AddConversation(null, partnerName, OmikronData.EMPTY).toData(),
        m -> null);
  }

  /**
   * The own communities ({@code get_communities}).
   *
   * @return the list
   */
  public CompletableFuture<Communities> getCommunities() {
    return session.request(
        MessageType.GET_COMMUNITIES, OmikronData.EMPTY, m -> Communities.from(m.data()));
  }

  /**
   * Adds a community ({@code add_community}).
   *
   * @param community address, title and position; never null
   * @return completed on the reply
   */
  public CompletableFuture<Void> addCommunity(AddCommunity community) {
    return session.request(
        MessageType.ADD_COMMUNITY, Objects.requireNonNull(community).toData(), m -> null);
  }

  /**
   * Removes a community ({@code remove_community}).
   *
   * @param address the community's address; never null
   * @return completed on the reply
   */
  public CompletableFuture<Void> removeCommunity(String address) {
    return session.request(
        MessageType.REMOVE_COMMUNITY,
        new RemoveCommunity(Objects.requireNonNull(address), OmikronData.EMPTY).toData(),
        m -> null);
  }

  /**
   * Stores a settings payload on the own Iota ({@code settings_save}).
   *
   * @param name the name; never null
   * @param payload any JSON value (see {@link OmikronData.Builder#put})
   * @return completed on the reply
   */
  public CompletableFuture<Void> settingsSave(String name, Object payload) {
    return session.request(
        MessageType.SETTINGS_SAVE,
        new SettingsSave(Objects.requireNonNull(name), payload, OmikronData.EMPTY).toData(),
        m -> null);
  }

  /**
   * Loads a settings payload ({@code settings_load}).
   *
   * @param name the name; never null
   * @return the reply; its payload is the stored JSON as a string
   */
  public CompletableFuture<SettingsLoad> settingsLoad(String name) {
    return session.request(
        MessageType.SETTINGS_LOAD,
        new SettingsLoad(Objects.requireNonNull(name), null, OmikronData.EMPTY).toData(),
        m -> SettingsLoad.from(m.data()));
  }

  /**
   * The names of the stored settings ({@code settings_list}).
   *
   * @return the names
   */
  public CompletableFuture<List<String>> settingsList() {
    return session.request(
        MessageType.SETTINGS_LIST,
        OmikronData.EMPTY,
        m -> {
          List<String> l = SettingsList.from(m.data()).settings();
          return l == null ? java.util.Collections.<String>emptyList() : l;
        });
  }

  /**
   * Builds an {@link OmikronClient}. Not thread-safe.
   *
   * <p>Endpoint: the Omikron's client endpoint, e.g. {@code wss://app.tensamin.net/ws/client/}, via
   * {@link #url(String)}, a custom {@link #transport(Transport)}, or found through Omega with
   * {@link #buildWithDiscovery}; for {@link #protocol(OmikronProtocol) TTP}, a TTP transport to the
   * Omikron's {@code https://host:959}. Default {@link #options(ConnectionOptions) options}: {@link
   * OmikronClient#defaultOptions(OmikronProtocol)} of the chosen protocol.
   */
  public static final class Builder extends ConnectionBuilder<Builder, OmikronListener> {
    private @Nullable OmikronId userId;
    private @Nullable OmikronPrivateKey privateKey;
    private @Nullable IdentificationStrategy strategy;
    private boolean autoAcknowledge = true;
    private @Nullable MessageScheme scheme;
    private @Nullable SecureRandom random;
    private LossyTextPolicy lossyText = LossyTextPolicy.REJECT;
    private @Nullable Function<OmikronId, CompletableFuture<OmikronPublicKey>> keyLookup;
    private int keyCacheSize = 1024;
    private Duration keyCacheTtl = Duration.ofHours(1);
    private Duration keyMinRefresh = Duration.ofSeconds(10);

    private Builder() {
      super(OmikronClient::defaultOptions);
    }

    /**
     * The protocol generation to speak. Default {@link OmikronProtocol#WEBSOCKET}. {@link
     * OmikronProtocol#TTP} needs a {@link #transport(Transport) transport} that speaks it and
     * changes the defaults of the options, identification ({@code x448Challenge(PLAIN)}) and
     * message scheme ({@link MessageScheme#HKDF_GCM}); the API stays the same.
     *
     * @param protocol never null
     * @return this builder
     */
    public Builder protocol(OmikronProtocol protocol) {
      setProtocol(protocol);
      return this;
    }

    IdentificationStrategy strategy() {
      return strategyOrDefault(strategy);
    }

    MessageScheme scheme() {
      if (scheme != null) {
        return scheme;
      }
      return isTtp() ? MessageScheme.HKDF_GCM : MessageScheme.WEB_CLIENT;
    }

    /**
     * The user's id.
     *
     * @param userId never null
     * @return this builder
     */
    public Builder userId(OmikronId userId) {
      this.userId = Objects.requireNonNull(userId, "userId");
      return this;
    }

    /**
     * The user's private key.
     *
     * @param key never null
     * @return this builder
     */
    public Builder privateKey(OmikronPrivateKey key) {
      this.privateKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * User id and key from a key file.
     *
     * @param keyFile never null
     * @return this builder
     */
    public Builder keyFile(OmikronKeyFile keyFile) {
      Objects.requireNonNull(keyFile, "keyFile");
      this.userId = keyFile.userId();
      this.privateKey = keyFile.privateKey();
      return this;
    }

    /**
     * How to identify. Default {@link IdentificationStrategy#x448Challenge()} on WebSocket, {@code
     * x448Challenge(AnswerEncoding.PLAIN)} on TTP (where {@code privateKeyHash()} is refused).
     *
     * @param strategy never null
     * @return this builder
     */
    public Builder identification(IdentificationStrategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /**
     * Whether a {@code message_live} is answered {@code received} automatically. Default true.
     *
     * @param enabled the setting
     * @return this builder
     */
    public Builder autoAcknowledgeLiveMessages(boolean enabled) {
      this.autoAcknowledge = enabled;
      return this;
    }

    /**
     * How {@link OmikronClient#sendMessage(OmikronId, String)} protects direct messages. Default
     * {@link MessageScheme#WEB_CLIENT} (the WebSocket-era web client's scheme) on WebSocket, {@link
     * MessageScheme#HKDF_GCM} (the new client's) on TTP. Inbound messages are opened with whichever
     * scheme works, whatever is set here.
     *
     * @param scheme never null
     * @return this builder
     */
    public Builder messageScheme(MessageScheme scheme) {
      this.scheme = Objects.requireNonNull(scheme, "scheme");
      return this;
    }

    /**
     * The randomness for the web-client scheme's IVs. Default a new {@link SecureRandom}.
     *
     * @param random never null
     * @return this builder
     */
    public Builder secureRandom(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * What to do with text the web-client scheme would alter (characters above U+00FF). Default
     * {@link LossyTextPolicy#REJECT}.
     *
     * @param policy never null
     * @return this builder
     */
    public Builder lossyText(LossyTextPolicy policy) {
      this.lossyText = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Where peers' public keys come from. Default {@code get_user_data} over this connection; pass
     * for example {@code id -> omega.getUser(id).thenApply(u ->
     * OmikronPublicKey.parse(u.publicKey()))} to ask Omega instead. Called on SDK threads; must not
     * block.
     *
     * @param lookup never null; its future may fail, which fails the send or makes the message
     *     undecryptable
     * @return this builder
     */
    public Builder peerKeyLookup(Function<OmikronId, CompletableFuture<OmikronPublicKey>> lookup) {
      this.keyLookup = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /**
     * Takes peers' public keys from Omega ({@code GET /api/get/user/<id>}) instead of asking the
     * Omikron with {@code get_user_data}. The Omega client is not closed by this client.
     *
     * @param omega never null
     * @return this builder
     */
    public Builder peerKeysFromOmega(io.github.chatwire.omikron.omega.OmegaClient omega) {
      Objects.requireNonNull(omega, "omega");
      return peerKeyLookup(
          id ->
              omega
                  .getUser(id)
                  .thenApply(
                      u -> {
                        String key = u.publicKey();
                        if (key == null) {
                          throw new OmikronFormatException(
                              "Omega's user " + id + " has no public_key");
                        }
                        return OmikronPublicKey.parse(key);
                      }));
    }

    /**
     * Bounds of the peer-key cache. Defaults: 1024 peers, a 1 h time-to-live, and a key is
     * refetched after a failed decryption only if it is at least 10 s old.
     *
     * @param maxPeers the most peers kept (and key lookups in flight); at least 1
     * @param ttl how long a fetched key is used; positive
     * @param minRefreshInterval the minimum age of a key before a failed decryption refetches it;
     *     zero or more
     * @return this builder
     * @throws IllegalArgumentException if a bound is out of range
     */
    public Builder peerKeyCache(int maxPeers, Duration ttl, Duration minRefreshInterval) {
      Objects.requireNonNull(ttl, "ttl");
      Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
      if (maxPeers < 1 || ttl.isNegative() || ttl.isZero() || minRefreshInterval.isNegative()) {
        throw new IllegalArgumentException(
            "peerKeyCache needs maxPeers >= 1, ttl > 0, minRefreshInterval >= 0");
      }
      this.keyCacheSize = maxPeers;
      this.keyCacheTtl = ttl;
      this.keyMinRefresh = minRefreshInterval;
      return this;
    }

    /**
     * Asks Omega which Omikron serves this user ({@code GET /api/get/omikron/<user id>}) and builds
     * the client for its client endpoint. The address is resolved once, here; a reconnect goes to
     * the same Omikron.
     *
     * @param omega the Omega client; never null
     * @param secure true for {@code wss://}, false for {@code ws://}
     * @return the client (not connected yet); failed with {@link
     *     io.github.chatwire.omikron.omega.OmegaException} if Omega does not know one
     * @throws IllegalStateException if the user id or key is missing, or the protocol is TTP (Omega
     *     names WebSocket endpoints)
     */
    public CompletableFuture<OmikronClient> buildWithDiscovery(
        io.github.chatwire.omikron.omega.OmegaClient omega, boolean secure) {
      Objects.requireNonNull(omega, "omega");
      if (isTtp()) {
        throw new IllegalStateException(
            "discovery finds WebSocket endpoints; for TTP pass the transport to the Omikron");
      }
      OmikronId id = userId;
      if (id == null || privateKey == null) {
        throw new IllegalStateException("userId and privateKey (or a keyFile) are required");
      }
      return omega
          .getOmikron(id)
          .thenApply(
              info -> {
                url(info.clientUrl(secure));
                clearTransport();
                return build();
              });
    }

    /**
     * Builds the client (not connected yet).
     *
     * @return the client
     * @throws IllegalStateException if the url (or transport), user id or key is missing, if TTP is
     *     chosen without a transport (the message says to add sdk-webtransport), with the {@code
     *     privateKeyHash} identification (which TTP does not have), or with a user id that is not a
     *     48-bit number
     */
    public OmikronClient build() {
      requireEndpoint();
      OmikronId id = userId;
      OmikronPrivateKey key = privateKey;
      if (id == null || key == null) {
        throw new IllegalStateException("userId and privateKey (or a keyFile) are required");
      }
      if (isTtp()) {
        if (strategy().sendsPrivateKeyHash()) {
          throw new IllegalStateException("TTP identifies with the X448 challenge only");
        }
        requireTtpId(id, "userId");
      }
      return new OmikronClient(this, id, key);
    }
  }

  @Override
  public String toString() {
    return "OmikronClient[user=" + userId + ", state=" + state() + "]";
  }
}

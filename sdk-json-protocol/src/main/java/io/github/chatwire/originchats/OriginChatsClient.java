package io.github.chatwire.originchats;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.RateLimitedException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.Subscription;
import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.internal.Futures;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.WebSocketTransport;
import io.github.chatwire.originchats.codec.CommandEncoder;
import io.github.chatwire.originchats.codec.ContentRules;
import io.github.chatwire.originchats.internal.OcOutbox;
import io.github.chatwire.originchats.internal.OcProtocolHandler;
import io.github.chatwire.originchats.internal.OcUploader;
import io.github.chatwire.originchats.model.Attachment;
import io.github.chatwire.originchats.model.Channel;
import io.github.chatwire.originchats.model.Message;
import io.github.chatwire.originchats.model.PollOption;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.originchats.model.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of an OriginChats server: connects over WebSocket, waits for the handshake, logs in
 * (Rotur validator or local username/password, as the server's {@code auth_mode} allows), and
 * offers typed requests and events. Built on sdk-core's {@link ManagedConnection}: it reconnects
 * with backoff (fetching a new validator for the new connection and re-syncing channels and online
 * users), declares a silent connection dead after the idle timeout (the server pings every 30 s),
 * and keeps to the server's rate limit so that normal use is never refused.
 *
 * <p>Every request carries a {@code listener} unique across clients; the reply with that listener
 * completes it whatever its {@code cmd}, as long as it is the request's kind of reply (a frame of
 * another kind that carries the listener, such as a {@code slash_call} the server forwarded with
 * the caller's listener, is an event, not the reply). A server {@code error} fails the future with
 * {@link OriginChatsServerException}, a {@code rate_limit} with {@link RateLimitedException}; every
 * request times out (default 10 s, {@link io.github.chatwire.core.RequestTimeoutException}) because
 * some commands never answer. While the connection is down requests are queued (bounded) and sent
 * after the next login, or fail.
 *
 * <p>Rate-limited messages ({@code message_new}, {@code message_edit}, {@code typing}) wait in the
 * client until the server would accept them (at most 10 inside any 10 s and 60 inside any minute by
 * default, see {@link RateLimits}), without holding up other requests; their timeout counts from
 * when they go out. After a server {@code rate_limit} they wait for its length.
 *
 * <p>Thread-safe. Futures and listener callbacks complete on the runtime's callback executor.
 */
public final class OriginChatsClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OriginChatsClient.class);

  /** The server's frame limit (aiohttp's default): larger frames close the socket. */
  public static final int MAX_FRAME_BYTES = CommandEncoder.MAX_FRAME_BYTES;

  /**
   * Commands a server without {@code capabilities} supports (the official client's fallback list).
   */
  public static final List<String> DEFAULT_CAPABILITIES =
      Collections.unmodifiableList(
          Arrays.asList(
              "auth",
              "channels_get",
              "message_delete",
              "message_edit",
              "message_get",
              "message_new",
              "messages_get",
              "typing",
              "user_connect",
              "user_disconnect",
              "users_list"));

  private final String url;
  private final @Nullable ValidatorProvider validatorProvider;
  private final Duration requestTimeout;
  private final long typingIntervalNanos;
  private final OcOutbox outbox;
  private final ManagedConnection connection;
  private final EventDispatch events = new EventDispatch();
  private final Map<String, Long> lastTyping = new ConcurrentHashMap<>();

  private volatile ServerFrame.@Nullable Handshake handshake;
  private volatile ServerFrame.@Nullable Ready ready;
  private volatile List<Channel> channels = Collections.emptyList();
  private volatile List<User> onlineUsers = Collections.emptyList();
  private final OriginChatsAdmin admin = new OriginChatsAdmin(this);

  @SuppressWarnings("FutureReturnValueIgnored") // closeFuture().whenComplete only closes the outbox
  private OriginChatsClient(Builder b, String url) {
    this.url = url;
    this.validatorProvider = b.validatorProvider;
    this.typingIntervalNanos = b.typingInterval.toNanos();
    ConnectionOptions options = b.options;
    this.requestTimeout = options.requestTimeout();
    this.outbox =
        new OcOutbox(
            b.rateLimits,
            this::runtime,
            this::engineRequest,
            options.outboundQueueCapacity(),
            options.outboundQueueMaxWait());
    this.events.listeners.addAll(b.listeners);
    Transport transport =
        b.transport != null
            ? b.transport
            : WebSocketTransport.builder(url).maxInboundMessageBytes(MAX_FRAME_BYTES).build();
    OcProtocolHandler handler =
        new OcProtocolHandler(
            new OcProtocolHandler.Login(
                b.validatorProvider, b.username, b.password, b.register, this::runtime),
            outbox,
            new Host());
    ManagedConnection.Builder cb =
        ManagedConnection.builder(transport, handler).options(instanceNamed(options, b.username));
    if (b.runtime != null) {
      cb.runtime(b.runtime);
    }
    this.connection = cb.build();
    // a connection that closes by itself (refused login, ban, attempts exhausted) fails what waits
    // here
    connection.closeFuture().whenComplete((v, e) -> outbox.close());
    connection.addListener(
        new ConnectionListener() {
          @Override
          public void onStateChange(StateChange change) {
            events.each(l -> l.onStateChange(change));
          }

          @Override
          public void onError(ChatwireException error) {
            events.each(l -> l.onError(error));
          }
        });
  }

  /**
   * Starts building a client; set the server with {@link Builder#url(String)}.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts building a client for a server.
   *
   * @param url the server's WebSocket URL, e.g. "wss://chats.example.org/"; never null
   * @return a builder
   * @deprecated use {@code builder().url(url)}, as every chatwire client does
   */
  @Deprecated
  public static Builder builder(String url) {
    return new Builder().url(url);
  }

  /**
   * The default connection options of an OriginChats client: idle timeout 75 s (the server pings
   * every 30 s), request timeout 10 s, handshake timeout 20 s (Rotur login can stall the server for
   * 5 s), no client pings, the engine's default reconnect policy.
   *
   * @return the options; never null
   */
  public static ConnectionOptions defaultOptions() {
    return ConnectionOptions.builder()
        .name("originchats")
        .idleTimeout(Duration.ofSeconds(75))
        .requestTimeout(Duration.ofSeconds(10))
        .handshakeTimeout(Duration.ofSeconds(20))
        .build();
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Connects and logs in; reconnects as the policy says until {@link #close()}.
   *
   * @return a future completed at the first READY (after {@code ready}), or failed with {@link
   *     AuthenticationException} when the login is refused (terminal), or another terminal cause
   */
  public CompletableFuture<Void> connect() {
    return connection.connect();
  }

  /**
   * The tag on every log line of this client's connection: "originchats:USER" (for a password
   * login; "originchats" otherwise, or the name set in the options) and the server's URL with
   * secrets masked. Thread-safe.
   *
   * @return the tag; never null
   */
  public String logTag() {
    return connection.logTag();
  }

  /**
   * Closes the connection for good; pending and waiting requests fail. Returns at once; idempotent.
   */
  @Override
  public void close() {
    connection.close();
    outbox.close();
  }

  /**
   * A future completed when the client is closed and its resources released.
   *
   * @return the future; never failed
   */
  public CompletableFuture<Void> closeFuture() {
    return connection.closeFuture();
  }

  /**
   * The connection state.
   *
   * @return the state; never null
   */
  public ConnectionState state() {
    return connection.state();
  }

  /**
   * The engine connection under this client (state, options, runtime).
   *
   * @return the connection; never null
   */
  public ManagedConnection connection() {
    return connection;
  }

  /**
   * The runtime whose threads, timers and HTTP client the client uses.
   *
   * @return the runtime; never null
   */
  public ChatwireRuntime runtime() {
    return connection.runtime();
  }

  /**
   * The server's URL.
   *
   * @return the WebSocket URL; never null
   */
  public String url() {
    return url;
  }

  /**
   * The most recent handshake (of the current or the last connection).
   *
   * @return the handshake; null before the first one
   */
  public ServerFrame.@Nullable Handshake handshake() {
    return handshake;
  }

  /**
   * The logged-in user of the most recent login.
   *
   * @return the user; null before the first login, and when the server's {@code ready} frame
   *     carried no user object (a malformed frame)
   */
  public @Nullable User user() {
    ServerFrame.Ready r = ready;
    return r == null ? null : r.user();
  }

  /**
   * The channels fetched after the most recent login.
   *
   * @return an immutable list; empty before the first re-sync
   */
  public List<Channel> channelsCache() {
    return channels;
  }

  /**
   * The online users fetched after the most recent login.
   *
   * @return an immutable list; empty before the first re-sync
   */
  public List<User> onlineUsersCache() {
    return onlineUsers;
  }

  /**
   * The requests not yet answered: sent, queued in the connection, or waiting for the rate limit.
   *
   * @return the count; a snapshot
   */
  public int pendingRequests() {
    return outbox.pendingRequests();
  }

  /**
   * The requests handed to the connection and not yet answered (those waiting for the rate limit
   * not counted).
   *
   * @return the count; a snapshot
   * @deprecated use {@link #pendingRequests()} (which also counts requests waiting for the rate
   *     limit) or {@link #queuedSends()}
   */
  @Deprecated
  public int awaitingReplies() {
    return connection.pendingCount();
  }

  /**
   * The messages waiting to be sent (connection down, or waiting for the rate limit).
   *
   * @return the count; a snapshot
   */
  public int queuedSends() {
    return connection.queuedCount() + outbox.heldCount();
  }

  /**
   * Whether the server announces a command in its handshake (or, for servers without {@code
   * capabilities}, in {@link #DEFAULT_CAPABILITIES}).
   *
   * @param cmd the command; never null
   * @return true if supported
   */
  public boolean supports(String cmd) {
    ServerFrame.Handshake h = handshake;
    List<String> caps =
        h == null || h.capabilities() == null ? DEFAULT_CAPABILITIES : h.capabilities();
    return caps.contains(cmd);
  }

  /**
   * Adds an event listener.
   *
   * @param listener never null
   * @return a handle that removes it
   */
  public Subscription addListener(OriginChatsListener listener) {
    Objects.requireNonNull(listener, "listener");
    events.listeners.add(listener);
    return () -> events.listeners.remove(listener);
  }

  /**
   * Subscribes to one kind of frame, e.g. {@code on(ServerFrame.MessageNew.class, m -> ...)}.
   * Handlers run on the callback executor, in order, after the listeners for the same frame.
   *
   * @param type the frame type; never null
   * @param handler called with each matching frame; never null
   * @param <T> the frame type
   * @return a handle that removes the subscription
   * @throws NullPointerException if an argument is null
   */
  public <T extends ServerFrame> Subscription on(Class<T> type, Consumer<? super T> handler) {
    return events.subscriptions.on(type, handler);
  }

  // ---------------------------------------------------------------- own messages

  /**
   * Whether this client's logged-in user wrote a message event (its own sends come back as
   * message_new too: a bot that answers every message must skip these, or it talks to itself).
   *
   * @param event a message_new event; never null
   * @return true if the message's author is the logged-in user; false before login
   */
  public boolean isOwn(ServerFrame.MessageNew event) {
    Objects.requireNonNull(event, "event");
    return isOwn(event.message());
  }

  /**
   * Whether this client's logged-in user wrote an edited message.
   *
   * @param event a message_edit event; never null
   * @return true if the message's author is the logged-in user; false if unknown
   */
  public boolean isOwn(ServerFrame.MessageEdit event) {
    Objects.requireNonNull(event, "event");
    return isOwn(event.message());
  }

  private boolean isOwn(@Nullable Message m) {
    User me = user();
    return m != null && me != null && me.username() != null && me.username().equals(m.user());
  }

  /**
   * Answers a message where it was posted (its thread, or its channel) as a reply to it.
   * Rate-limited like {@link #send(MessageDraft)}.
   *
   * @param event the message to answer; never null, with a message and a channel or thread
   * @param text the answer; never null
   * @return the message_new reply; fails like {@link #send(MessageDraft)}, or with {@link
   *     IllegalArgumentException} if the event names no place to answer
   */
  public CompletableFuture<ServerFrame.MessageNew> reply(
      ServerFrame.MessageNew event, String text) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(text, "text");
    Target where =
        event.threadId() != null
            ? Target.thread(event.threadId())
            : event.channel() != null ? Target.channel(event.channel()) : null;
    if (where == null) {
      return Futures.failed(new IllegalArgumentException("the event names no channel or thread"));
    }
    MessageDraft.Builder d = MessageDraft.builder(where).content(text);
    if (event.message() != null && event.message().id() != null) {
      d.replyTo(event.message().id());
    }
    return send(d.build());
  }

  // ---------------------------------------------------------------- generic requests

  /**
   * Sends any command with the default timeout and returns whatever frame answers it (for commands
   * without a typed method). {@code cmd} and {@code listener} are set by the client.
   *
   * @param cmd the command; never null
   * @param fields the other fields (JSON trees); never null
   * @return the reply frame; fails as described in the class comment
   */
  public CompletableFuture<ServerFrame> request(String cmd, Map<String, ?> fields) {
    return request(cmd, fields, ServerFrame.class, requestTimeout);
  }

  /**
   * Sends a command and expects a reply of a type.
   *
   * @param cmd the command; never null
   * @param fields the other fields; never null
   * @param replyType the expected reply type: only a frame of this type (or an error or rate_limit)
   *     carrying the request's listener completes it
   * @param timeout how long to wait for the reply once handed to the connection; positive. A
   *     rate-limited command is handed over when the rate limit allows
   * @param <T> the reply type
   * @return the reply; cancelling it forgets the request (a rate-limited one that still waits is
   *     never sent); fails with {@link IllegalArgumentException} for fields that are not JSON
   *     trees, {@link ProtocolException} for a frame over {@link #MAX_FRAME_BYTES}, or as described
   *     in the class comment
   */
  public <T extends ServerFrame> CompletableFuture<T> request(
      String cmd, Map<String, ?> fields, Class<T> replyType, Duration timeout) {
    Objects.requireNonNull(cmd, "cmd");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(replyType, "replyType");
    Objects.requireNonNull(timeout, "timeout");
    String key = outbox.newKey();
    String json;
    try {
      json = CommandEncoder.encode(cmd, fields, key);
    } catch (IllegalArgumentException | ProtocolException e) {
      return Futures.failed(e);
    }
    return typed(outbox.submit(key, cmd, json, replyType, timeout), replyType::cast);
  }

  /**
   * A derived future whose cancellation also cancels the request (which then is never sent or
   * forgotten).
   */
  @SuppressWarnings("FutureReturnValueIgnored") // whenComplete only propagates cancel
  private static <S, T> CompletableFuture<T> typed(
      CompletableFuture<S> request, java.util.function.Function<? super S, ? extends T> convert) {
    CompletableFuture<T> result = request.thenApply(convert);
    result.whenComplete(
        (v, e) -> {
          if (result.isCancelled()) {
            request.cancel(false);
          }
        });
    return result;
  }

  /** A request with the default timeout; fields as {@link CommandEncoder#fields(Object...)}. */
  <T extends ServerFrame> CompletableFuture<T> call(
      String cmd, Class<T> type, @Nullable Object... namesAndValues) {
    return request(cmd, CommandEncoder.fields(namesAndValues), type, requestTimeout);
  }

  /**
   * The fields of a target ({@code channel} or {@code thread_id}), merged by {@link
   * CommandEncoder#fields}.
   */
  static Map<String, Object> target(Target target) {
    Map<String, Object> m = new LinkedHashMap<>();
    Objects.requireNonNull(target, "target").writeTo(m);
    return m;
  }

  private @Nullable ContentTooLongException checkLength(String content) {
    ServerFrame.Handshake h = handshake;
    Long limit = h == null || h.limits() == null ? null : h.limits().postContent();
    if (limit != null) {
      int len = ContentRules.serverLength(content);
      if (len > limit) {
        return new ContentTooLongException(len, limit);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- messages

  /**
   * Posts a text message.
   *
   * @param target channel or thread; never null
   * @param content the text; never null; at most {@code limits.post_content} code points after
   *     stripping whitespace, else the future fails with {@link ContentTooLongException} and
   *     nothing is sent
   * @return the server's message_new reply (the sender's only copy of the event)
   */
  public CompletableFuture<ServerFrame.MessageNew> send(Target target, String content) {
    return send(MessageDraft.builder(target).content(content).build());
  }

  /**
   * Posts a message with options. Rate-limited (client-side mirror of the server's budget).
   *
   * @param draft the message; never null
   * @return the message_new reply; fails with {@link ContentTooLongException}, {@link
   *     RateLimitedException} or {@link OriginChatsServerException}
   */
  public CompletableFuture<ServerFrame.MessageNew> send(MessageDraft draft) {
    Objects.requireNonNull(draft, "draft");
    ContentTooLongException tooLong = checkLength(draft.content());
    if (tooLong != null) {
      return Futures.failed(tooLong);
    }
    List<Object> atts = new ArrayList<>();
    for (String id : draft.attachmentIds()) {
      atts.add(Collections.singletonMap("id", id));
    }
    return call(
        "message_new",
        ServerFrame.MessageNew.class,
        "",
        target(draft.target()),
        "content",
        draft.content(),
        "reply_to",
        draft.replyTo(),
        "ping",
        draft.ping(),
        "embeds",
        draft.embeds().isEmpty() ? null : draft.embeds(),
        "attachments",
        atts.isEmpty() ? null : atts);
  }

  /**
   * Edits an own message. Rate-limited like sending.
   *
   * @param target where the message is; never null
   * @param messageId the message; never null
   * @param content the new non-empty text; never null; length-checked like {@link #send}
   * @return the message_edit reply
   */
  public CompletableFuture<ServerFrame.MessageEdit> edit(
      Target target, String messageId, String content) {
    ContentTooLongException tooLong = checkLength(Objects.requireNonNull(content, "content"));
    if (tooLong != null) {
      return Futures.failed(tooLong);
    }
    return call(
        "message_edit",
        ServerFrame.MessageEdit.class,
        "",
        target(target),
        "id",
        Objects.requireNonNull(messageId, "messageId"),
        "content",
        content);
  }

  /**
   * Deletes a message.
   *
   * @param target where the message is; never null
   * @param messageId the message; never null
   * @return the message_delete reply
   */
  public CompletableFuture<ServerFrame.MessageDelete> delete(Target target, String messageId) {
    return call(
        "message_delete",
        ServerFrame.MessageDelete.class,
        "",
        target(target),
        "id",
        Objects.requireNonNull(messageId, "messageId"));
  }

  /**
   * Adds a reaction.
   *
   * @param target where the message is; never null
   * @param messageId the message; never null
   * @param emoji any string of 1..200 characters; never null
   * @return the message_react_add reply
   */
  public CompletableFuture<ServerFrame.Reaction> react(
      Target target, String messageId, String emoji) {
    return call(
        "message_react_add",
        ServerFrame.Reaction.class,
        "",
        target(target),
        "id",
        Objects.requireNonNull(messageId, "messageId"),
        "emoji",
        Objects.requireNonNull(emoji, "emoji"));
  }

  /**
   * Removes a reaction.
   *
   * @param target where the message is; never null
   * @param messageId the message; never null
   * @param emoji the reaction; never null
   * @return the message_react_remove reply
   */
  public CompletableFuture<ServerFrame.Reaction> unreact(
      Target target, String messageId, String emoji) {
    return call(
        "message_react_remove",
        ServerFrame.Reaction.class,
        "",
        target(target),
        "id",
        Objects.requireNonNull(messageId, "messageId"),
        "emoji",
        Objects.requireNonNull(emoji, "emoji"));
  }

  /**
   * Gets one message.
   *
   * @param target where the message is; never null
   * @param messageId the message; never null
   * @return the message_get reply
   */
  public CompletableFuture<ServerFrame.SingleMessage> message(Target target, String messageId) {
    return call(
        "message_get",
        ServerFrame.SingleMessage.class,
        "",
        target(target),
        "id",
        Objects.requireNonNull(messageId, "messageId"));
  }

  /**
   * Gets messages by integer offset from the newest ({@code start} 0 = newest page), oldest first.
   * Never uses the string form of {@code start}, which crashes the server.
   *
   * @param target channel or thread; never null
   * @param start how many newest messages to skip; at least 0
   * @param limit at most this many (the server caps at 200); at least 1
   * @return the messages_get reply
   */
  public CompletableFuture<ServerFrame.MessageList> messages(Target target, int start, int limit) {
    if (start < 0 || limit < 1) {
      return Futures.failed(new IllegalArgumentException("start must be >= 0 and limit >= 1"));
    }
    return call(
        "messages_get",
        ServerFrame.MessageList.class,
        "",
        target(target),
        "start",
        start,
        "limit",
        Math.min(limit, 200));
  }

  /**
   * Gets messages around an anchor (included): {@code below} older ones and {@code above} newer
   * ones.
   *
   * @param target channel or thread; never null
   * @param messageId the anchor; never null
   * @param above newer messages, 0..200
   * @param below older messages, 0..200
   * @return the messages_around reply, oldest first
   */
  public CompletableFuture<ServerFrame.MessageList> messagesAround(
      Target target, String messageId, int above, int below) {
    if (above < 0 || below < 0 || above > 200 || below > 200) {
      return Futures.failed(new IllegalArgumentException("above and below must be within 0..200"));
    }
    Map<String, Object> bounds = new LinkedHashMap<>();
    bounds.put("above", above);
    bounds.put("below", below);
    return call(
        "messages_around",
        ServerFrame.MessageList.class,
        "",
        target(target),
        "around",
        Objects.requireNonNull(messageId, "messageId"),
        "bounds",
        bounds);
  }

  /**
   * A pager that walks a channel or thread backwards from the newest message, each message once.
   *
   * @param target channel or thread; never null
   * @param pageSize messages per page, 1..200
   * @return a new pager
   */
  public HistoryPager history(Target target, int pageSize) {
    return new HistoryPager(this, target, pageSize);
  }

  /**
   * Searches a channel (case-insensitive substring).
   *
   * @param channel the channel; never null
   * @param query the text; never null
   * @return the messages_search reply; results newest first in {@code messages}
   */
  public CompletableFuture<ServerFrame.MessageList> search(String channel, String query) {
    return call(
        "messages_search",
        ServerFrame.MessageList.class,
        "channel",
        Objects.requireNonNull(channel, "channel"),
        "query",
        Objects.requireNonNull(query, "query"));
  }

  /**
   * Lists pinned messages.
   *
   * @param channel the channel; never null
   * @return the messages_pinned reply, newest first
   */
  public CompletableFuture<ServerFrame.MessageList> pinned(String channel) {
    return call(
        "messages_pinned",
        ServerFrame.MessageList.class,
        "channel",
        Objects.requireNonNull(channel, "channel"));
  }

  /**
   * Pins or unpins a message. The reply's {@code ok} is the operation's success flag.
   *
   * @param channel the channel; never null
   * @param messageId the message; never null
   * @param pin true to pin, false to unpin
   * @return the message_pin or message_unpin reply
   */
  public CompletableFuture<ServerFrame.Pin> pin(String channel, String messageId, boolean pin) {
    return call(
        pin ? "message_pin" : "message_unpin",
        ServerFrame.Pin.class,
        "channel",
        Objects.requireNonNull(channel, "channel"),
        "id",
        Objects.requireNonNull(messageId, "messageId"));
  }

  /**
   * Lists replies to a message.
   *
   * @param channel the channel; never null
   * @param messageId the message; never null
   * @param limit at most this many; at least 1
   * @return the message_replies reply
   */
  public CompletableFuture<ServerFrame.MessageList> replies(
      String channel, String messageId, int limit) {
    return call(
        "message_replies",
        ServerFrame.MessageList.class,
        "channel",
        Objects.requireNonNull(channel, "channel"),
        "id",
        Objects.requireNonNull(messageId, "messageId"),
        "limit",
        limit);
  }

  /**
   * Lists the messages that mention the user, newest first.
   *
   * @param limit 1..100
   * @param offset at least 0
   * @return the pings_get reply
   */
  public CompletableFuture<ServerFrame.MessageList> pings(int limit, int offset) {
    return call("pings_get", ServerFrame.MessageList.class, "limit", limit, "offset", offset);
  }

  /**
   * Gets a message's embeds.
   *
   * @param target where the message is; never null
   * @param messageId the message; never null
   * @return the embeds_list reply
   */
  public CompletableFuture<ServerFrame.Embeds> embeds(Target target, String messageId) {
    return call(
        "embeds_list",
        ServerFrame.Embeds.class,
        "",
        target(target),
        "id",
        Objects.requireNonNull(messageId, "messageId"));
  }

  /**
   * Signals typing. Throttled client-side: at most one per target per typing interval (default 3 s,
   * as the official client), and skipped while the shared message budget is exhausted, because
   * typing spends that budget and a late indicator is useless.
   *
   * @param target channel or thread; never null
   * @return true once the server echoed it; false at once if skipped by either throttle
   */
  public CompletableFuture<Boolean> typing(Target target) {
    Objects.requireNonNull(target, "target");
    long now = runtime().scheduler().nanoTime();
    String k = target.toString();
    boolean[] go = new boolean[1];
    lastTyping.compute(
        k,
        (t, last) -> {
          if (last != null && now - last < typingIntervalNanos) {
            return last;
          }
          go[0] = true;
          return now;
        });
    if (!go[0]) {
      return CompletableFuture.completedFuture(false);
    }
    String key = outbox.newKey();
    CompletableFuture<ServerFrame> sent =
        outbox.submitIfFree(
            key,
            "typing",
            CommandEncoder.encode("typing", target(target), key),
            ServerFrame.Typing.class,
            requestTimeout);
    if (sent == null) {
      // a typing signal that would have to wait for the rate limit is stale by then: skip it
      lastTyping.remove(k);
      return CompletableFuture.completedFuture(false);
    }
    return typed(sent, t -> true);
  }

  // ---------------------------------------------------------------- threads

  /**
   * Creates a thread in a forum channel.
   *
   * @param forum the forum channel; never null
   * @param name the title; never null
   * @return the thread_create reply
   */
  public CompletableFuture<ServerFrame.ThreadEvent> createThread(String forum, String name) {
    return call(
        "thread_create",
        ServerFrame.ThreadEvent.class,
        "channel",
        Objects.requireNonNull(forum, "forum"),
        "name",
        Objects.requireNonNull(name, "name"));
  }

  /**
   * Gets a thread.
   *
   * @param threadId never null
   * @return the thread_get reply
   */
  public CompletableFuture<ServerFrame.ThreadEvent> thread(String threadId) {
    return call(
        "thread_get",
        ServerFrame.ThreadEvent.class,
        "thread_id",
        Objects.requireNonNull(threadId, "threadId"));
  }

  /**
   * Updates a thread.
   *
   * @param threadId never null
   * @param name the new title; null to keep
   * @param locked the lock state; null to keep
   * @param archived the archive state; null to keep
   * @return the thread_update reply
   */
  public CompletableFuture<ServerFrame.ThreadEvent> updateThread(
      String threadId,
      @Nullable String name,
      @Nullable Boolean locked,
      @Nullable Boolean archived) {
    return call(
        "thread_update",
        ServerFrame.ThreadEvent.class,
        "thread_id",
        Objects.requireNonNull(threadId, "threadId"),
        "name",
        name,
        "locked",
        locked,
        "archived",
        archived);
  }

  /**
   * Deletes a thread.
   *
   * @param threadId never null
   * @return the thread_delete reply
   */
  public CompletableFuture<ServerFrame.ThreadEvent> deleteThread(String threadId) {
    return call(
        "thread_delete",
        ServerFrame.ThreadEvent.class,
        "thread_id",
        Objects.requireNonNull(threadId, "threadId"));
  }

  /**
   * Joins or leaves a thread.
   *
   * @param threadId never null
   * @param join true to join, false to leave
   * @return the thread_join or thread_leave reply
   */
  public CompletableFuture<ServerFrame.ThreadEvent> joinThread(String threadId, boolean join) {
    return call(
        join ? "thread_join" : "thread_leave",
        ServerFrame.ThreadEvent.class,
        "thread_id",
        Objects.requireNonNull(threadId, "threadId"));
  }

  /**
   * Gets thread messages from an integer offset.
   *
   * @param threadId never null
   * @param start offset from the newest; at least 0
   * @param limit at least 1
   * @return the thread_messages reply
   */
  public CompletableFuture<ServerFrame.MessageList> threadMessages(
      String threadId, int start, int limit) {
    return call(
        "thread_messages",
        ServerFrame.MessageList.class,
        "thread_id",
        Objects.requireNonNull(threadId, "threadId"),
        "start",
        start,
        "limit",
        limit);
  }

  // ---------------------------------------------------------------- channels, users, server

  /**
   * Lists the channels the user may view.
   *
   * @return the channels_get reply
   */
  public CompletableFuture<ServerFrame.Channels> channels() {
    return call("channels_get", ServerFrame.Channels.class);
  }

  /**
   * Lists all users (offline ones with status "offline").
   *
   * @return the users_list reply
   */
  public CompletableFuture<ServerFrame.Users> users() {
    return call("users_list", ServerFrame.Users.class);
  }

  /**
   * Lists online users (invisible ones left out).
   *
   * @return the users_online reply
   */
  public CompletableFuture<ServerFrame.Users> onlineUsers() {
    return call("users_online", ServerFrame.Users.class);
  }

  /**
   * Sets the user's status.
   *
   * @param status "online", "idle", "dnd", "offline" or "invisible"; never null
   * @param text a custom text of at most 100 characters; may be null
   * @return the reply (status_get normally, status_set when going invisible)
   */
  public CompletableFuture<ServerFrame.Status> setStatus(String status, @Nullable String text) {
    return call(
        "status_set",
        ServerFrame.Status.class,
        "status",
        Objects.requireNonNull(status, "status"),
        "text",
        text);
  }

  /**
   * Gets a user's status (the reply's cmd is "status").
   *
   * @param user name or id; never null
   * @return the status reply
   */
  public CompletableFuture<ServerFrame.Status> status(String user) {
    return call(
        "status_get", ServerFrame.Status.class, "user", Objects.requireNonNull(user, "user"));
  }

  /**
   * Gets a user's roles.
   *
   * @param user name or id; never null
   * @return the user_roles_get reply
   */
  public CompletableFuture<ServerFrame.UserRoles> userRoles(String user) {
    return call(
        "user_roles_get",
        ServerFrame.UserRoles.class,
        "user",
        Objects.requireNonNull(user, "user"));
  }

  /**
   * Lists the roles.
   *
   * @return the roles_list reply
   */
  public CompletableFuture<ServerFrame.Roles> roles() {
    return call("roles_list", ServerFrame.Roles.class);
  }

  /**
   * Gets the server's current name, icon and banner.
   *
   * @return the server_info reply
   */
  public CompletableFuture<ServerFrame.ServerDetails> serverInfo() {
    return call("server_info", ServerFrame.ServerDetails.class);
  }

  /**
   * Pings the server (after login); answered with pong.
   *
   * @return the pong frame
   */
  public CompletableFuture<ServerFrame.Heartbeat> ping() {
    return call("ping", ServerFrame.Heartbeat.class);
  }

  /**
   * Gets the rate-limit counters of the user (or of another, for owners).
   *
   * @param user name or id; null for oneself
   * @return the rate_limit_status reply
   */
  public CompletableFuture<ServerFrame.RateLimitStatus> rateLimitStatus(@Nullable String user) {
    return call("rate_limit_status", ServerFrame.RateLimitStatus.class, "user", user);
  }

  /**
   * Gets the unread counters of every text channel.
   *
   * @return the unreads_get reply, typed per channel and thread; never null; completes on the
   *     callback executor
   */
  public CompletableFuture<ServerFrame.Unreads> unreads() {
    return call("unreads_get", ServerFrame.Unreads.class);
  }

  /**
   * Marks a channel or thread as read.
   *
   * @param target never null
   * @param messageId the last read message; null for the newest
   * @return the unreads_ack reply
   */
  public CompletableFuture<ServerFrame.UnreadState> ackUnreads(
      Target target, @Nullable String messageId) {
    return call(
        "unreads_ack", ServerFrame.UnreadState.class, "", target(target), "message_id", messageId);
  }

  // ---------------------------------------------------------------- voice, polls, emoji, slash

  /**
   * Joins a voice channel with a PeerJS id (the server carries no media signalling).
   *
   * @param channel a voice channel; never null
   * @param peerId the PeerJS id; never null
   * @return the voice_join reply with the other participants
   */
  public CompletableFuture<ServerFrame.Voice> joinVoice(String channel, String peerId) {
    return call(
        "voice_join",
        ServerFrame.Voice.class,
        "channel",
        Objects.requireNonNull(channel, "channel"),
        "peer_id",
        Objects.requireNonNull(peerId, "peerId"));
  }

  /**
   * Leaves the voice channel.
   *
   * @return the voice_leave reply
   */
  public CompletableFuture<ServerFrame.Voice> leaveVoice() {
    return call("voice_leave", ServerFrame.Voice.class);
  }

  /**
   * Mutes or unmutes in voice.
   *
   * @param mute true to mute
   * @return the voice_mute or voice_unmute reply
   */
  public CompletableFuture<ServerFrame.Voice> muteVoice(boolean mute) {
    return call(mute ? "voice_mute" : "voice_unmute", ServerFrame.Voice.class);
  }

  /**
   * Gets a voice channel's participants.
   *
   * @param channel never null
   * @return the voice_state reply
   */
  public CompletableFuture<ServerFrame.Voice> voiceState(String channel) {
    return call(
        "voice_state",
        ServerFrame.Voice.class,
        "channel",
        Objects.requireNonNull(channel, "channel"));
  }

  /**
   * Creates a poll.
   *
   * @param target channel or thread; never null
   * @param question never null
   * @param options 2..10 option texts (the server numbers them "0", "1", ...); never null
   * @param allowMultiselect whether several options may be chosen
   * @return the poll_create reply; never null; completes on the callback executor
   */
  public CompletableFuture<ServerFrame.PollCreated> createPoll(
      Target target, String question, List<String> options, boolean allowMultiselect) {
    return call(
        "poll_create",
        ServerFrame.PollCreated.class,
        "",
        target(target),
        "question",
        Objects.requireNonNull(question, "question"),
        "options",
        new ArrayList<>(options),
        "allow_multiselect",
        allowMultiselect);
  }

  /**
   * Creates a poll whose options have ids and emoji ({@code {id?, text, emoji?}}; an option without
   * id gets its position as id). Callable from any thread. (A {@code createPoll} overload cannot
   * take a {@code List<PollOption>}: it would erase to the string overload's signature.)
   *
   * @param target channel or thread; never null
   * @param question never null
   * @param options 2..10 options; never null, no null elements
   * @param allowMultiselect whether several options may be chosen
   * @return the poll_create reply; never null; completes on the callback executor
   * @throws NullPointerException if options or one of its elements is null
   */
  public CompletableFuture<ServerFrame.PollCreated> createPollWithOptions(
      Target target, String question, List<PollOption> options, boolean allowMultiselect) {
    List<Object> wire = new ArrayList<>(options.size());
    for (PollOption o : options) {
      wire.add(Objects.requireNonNull(o, "option").toJson());
    }
    return call(
        "poll_create",
        ServerFrame.PollCreated.class,
        "",
        target(target),
        "question",
        Objects.requireNonNull(question, "question"),
        "options",
        wire,
        "allow_multiselect",
        allowMultiselect);
  }

  /**
   * Votes in a poll.
   *
   * @param pollId never null
   * @param optionIds never null, at least one
   * @return the poll_vote reply with the results
   */
  public CompletableFuture<ServerFrame.Poll> vote(String pollId, List<String> optionIds) {
    return call(
        "poll_vote",
        ServerFrame.Poll.class,
        "poll_id",
        Objects.requireNonNull(pollId, "pollId"),
        "option_ids",
        new ArrayList<>(optionIds));
  }

  /**
   * Ends a poll.
   *
   * @param pollId never null
   * @return the poll_end reply
   */
  public CompletableFuture<ServerFrame.Poll> endPoll(String pollId) {
    return call(
        "poll_end", ServerFrame.Poll.class, "poll_id", Objects.requireNonNull(pollId, "pollId"));
  }

  /**
   * Gets a poll's results.
   *
   * @param pollId never null
   * @return the poll_results reply
   */
  public CompletableFuture<ServerFrame.Poll> pollResults(String pollId) {
    return call(
        "poll_results",
        ServerFrame.Poll.class,
        "poll_id",
        Objects.requireNonNull(pollId, "pollId"));
  }

  /**
   * Lists the custom emoji.
   *
   * @return the emoji_get_all reply
   */
  public CompletableFuture<ServerFrame.Emoji> emojis() {
    return call("emoji_get_all", ServerFrame.Emoji.class);
  }

  /**
   * Lists the slash commands.
   *
   * @return the slash_list reply
   */
  public CompletableFuture<ServerFrame.SlashCommands> slashCommands() {
    return call("slash_list", ServerFrame.SlashCommands.class);
  }

  /**
   * Registers slash commands for this connection (they vanish when it closes; see {@link
   * io.github.chatwire.originchats.bot.SlashBot}, which re-registers after reconnects).
   *
   * @param commands command objects (name, description, options, ...); never null
   * @return the slash_register reply; never null; completes on the callback executor
   */
  public CompletableFuture<ServerFrame.SlashRegistered> registerSlashCommands(
      List<Map<String, Object>> commands) {
    return call(
        "slash_register", ServerFrame.SlashRegistered.class, "commands", new ArrayList<>(commands));
  }

  /**
   * Calls a slash command. A bot's command is echoed back as slash_call; a built-in one answers
   * with message_new.
   *
   * @param channel where; never null
   * @param command the name; never null
   * @param args the arguments; never null
   * @return the reply frame (SlashCall or MessageNew)
   */
  public CompletableFuture<ServerFrame> callSlash(
      String channel, String command, Map<String, Object> args) {
    return call(
        "slash_call",
        ServerFrame.class,
        "channel",
        Objects.requireNonNull(channel, "channel"),
        "command",
        Objects.requireNonNull(command, "command"),
        "args",
        new LinkedHashMap<>(args));
  }

  /**
   * Answers a slash command call; the server posts it as a message with an interaction.
   *
   * @param channel the channel of the call; never null
   * @param command the command; never null
   * @param invoker the caller's user id from the call; may be null
   * @param response the text; never null
   * @return the message_new reply
   */
  public CompletableFuture<ServerFrame.MessageNew> respondSlash(
      String channel, String command, @Nullable String invoker, String response) {
    return call(
        "slash_response",
        ServerFrame.MessageNew.class,
        "channel",
        Objects.requireNonNull(channel, "channel"),
        "command",
        Objects.requireNonNull(command, "command"),
        "invoker",
        invoker,
        "response",
        Objects.requireNonNull(response, "response"));
  }

  /**
   * Gets an attachment's metadata (the reply's cmd is attachment_info).
   *
   * @param attachmentId never null
   * @return the reply
   */
  public CompletableFuture<ServerFrame.AttachmentInfo> attachment(String attachmentId) {
    return call(
        "attachment_get",
        ServerFrame.AttachmentInfo.class,
        "attachment_id",
        Objects.requireNonNull(attachmentId, "attachmentId"));
  }

  /**
   * Deletes an attachment (the reply's cmd is attachment_deleted).
   *
   * @param attachmentId never null
   * @return the reply
   */
  public CompletableFuture<ServerFrame.AttachmentInfo> deleteAttachment(String attachmentId) {
    return call(
        "attachment_delete",
        ServerFrame.AttachmentInfo.class,
        "attachment_id",
        Objects.requireNonNull(attachmentId, "attachmentId"));
  }

  /**
   * The administrative commands (channels, server, roles, moderation, emoji, webhooks, plugins).
   *
   * @return the admin facade of this client; never null
   */
  public OriginChatsAdmin admin() {
    return admin;
  }

  /**
   * The default request timeout of this client.
   *
   * @return the timeout; never null
   */
  public Duration defaultRequestTimeout() {
    return requestTimeout;
  }

  /**
   * Takes a self-assignable role.
   *
   * @param role never null
   * @return the self_role_add reply
   */
  public CompletableFuture<ServerFrame.SelfRole> addSelfRole(String role) {
    return call(
        "self_role_add", ServerFrame.SelfRole.class, "role", Objects.requireNonNull(role, "role"));
  }

  /**
   * Drops a self-assignable role.
   *
   * @param role never null
   * @return the self_role_remove reply
   */
  public CompletableFuture<ServerFrame.SelfRole> removeSelfRole(String role) {
    return call(
        "self_role_remove",
        ServerFrame.SelfRole.class,
        "role",
        Objects.requireNonNull(role, "role"));
  }

  /**
   * Lists the self-assignable roles. The reference server never answers while such a role exists,
   * so expect a timeout there.
   *
   * @return the self_roles_list reply
   */
  public CompletableFuture<ServerFrame.Roles> selfRoles() {
    return call("self_roles_list", ServerFrame.Roles.class);
  }

  /**
   * Leaves the server: the user record is deleted, the socket stays open.
   *
   * @return the user_leave reply
   */
  public CompletableFuture<ServerFrame.UserGone> leaveServer() {
    return call("user_leave", ServerFrame.UserGone.class);
  }

  /**
   * Sets the profile picture (local accounts only).
   *
   * @param url an http(s) URL of at most 500 characters; never null
   * @return the pfp_set reply
   */
  public CompletableFuture<ServerFrame.ProfilePicture> setProfilePicture(String url) {
    return call(
        "pfp_set", ServerFrame.ProfilePicture.class, "url", Objects.requireNonNull(url, "url"));
  }

  /**
   * Gets a user's profile picture URL.
   *
   * @param username never null
   * @return the pfp_get reply
   */
  public CompletableFuture<ServerFrame.ProfilePicture> profilePicture(String username) {
    return call(
        "pfp_get",
        ServerFrame.ProfilePicture.class,
        "username",
        Objects.requireNonNull(username, "username"));
  }

  /**
   * Gets the unread count of a channel or thread.
   *
   * @param target never null
   * @return the unreads_count reply
   */
  public CompletableFuture<ServerFrame.UnreadState> unreadCount(Target target) {
    return call("unreads_count", ServerFrame.UnreadState.class, "", target(target));
  }

  /**
   * Gets a poll's definition and state.
   *
   * @param pollId never null
   * @return the poll_get reply, the poll in {@link ServerFrame.Poll#poll()}; never null; completes
   *     on the callback executor
   */
  public CompletableFuture<ServerFrame.Poll> poll(String pollId) {
    return call(
        "poll_get", ServerFrame.Poll.class, "poll_id", Objects.requireNonNull(pollId, "pollId"));
  }

  /**
   * Gets the server's VAPID key for web push (reply cmd push_vapid).
   *
   * @return the push_vapid reply with the public key; never null; completes on the callback
   *     executor (fails with {@link OriginChatsServerException} when the server has no VAPID keys)
   */
  public CompletableFuture<ServerFrame.PushVapidKey> pushVapidKey() {
    return call("push_get_vapid", ServerFrame.PushVapidKey.class);
  }

  /**
   * Subscribes a web-push endpoint (reply cmd push_subscribed).
   *
   * @param endpoint never null
   * @param p256dh the client public key; never null
   * @param auth the auth secret; never null
   * @return the push_subscribed reply; never null; completes on the callback executor
   */
  public CompletableFuture<ServerFrame.PushSubscription> pushSubscribe(
      String endpoint, String p256dh, String auth) {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("p256dh", Objects.requireNonNull(p256dh, "p256dh"));
    keys.put("auth", Objects.requireNonNull(auth, "auth"));
    Map<String, Object> sub = new LinkedHashMap<>();
    sub.put("endpoint", Objects.requireNonNull(endpoint, "endpoint"));
    sub.put("keys", keys);
    return call("push_subscribe", ServerFrame.PushSubscription.class, "subscription", sub);
  }

  /**
   * Unsubscribes a web-push endpoint (reply cmd push_unsubscribed).
   *
   * @param endpoint never null
   * @return the push_unsubscribed reply; never null; completes on the callback executor
   */
  public CompletableFuture<ServerFrame.PushSubscription> pushUnsubscribe(String endpoint) {
    return call(
        "push_unsubscribe",
        ServerFrame.PushSubscription.class,
        "endpoint",
        Objects.requireNonNull(endpoint, "endpoint"));
  }

  // ---------------------------------------------------------------- attachments (HTTP)

  /**
   * Uploads a file over HTTP ({@code POST /attachments/upload} on the server's host) with this
   * connection's validator_key and a fresh validator from the {@link ValidatorProvider}; then send
   * it with {@link MessageDraft.Builder#attachment(String)}. Needs a Rotur login (the server
   * validates with Rotur; local accounts cannot upload).
   *
   * @param channel the channel it is for; never null
   * @param name the file name (at most 255 characters); never null
   * @param mimeType the MIME type; never null
   * @param data the content; never null
   * @return the stored attachment; fails with {@link OriginChatsServerException} for an HTTP error,
   *     {@link ConnectionLostException} for a network error, {@link IllegalStateException} without
   *     a validator provider or handshake
   */
  public CompletableFuture<Attachment> uploadAttachment(
      String channel, String name, String mimeType, byte[] data) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(data, "data");
    ServerFrame.Handshake h = handshake;
    if (validatorProvider == null || h == null || h.validatorKey() == null) {
      return Futures.failed(
          new IllegalStateException("uploads need a validator provider and a handshake"));
    }
    return OcUploader.upload(
        runtime(), url, validatorProvider, h.validatorKey(), channel, name, mimeType, data);
  }

  // ---------------------------------------------------------------- internals

  /**
   * The options with an instance tag for the logs, "originchats:USER" (the transport adds the
   * host), unless the application named the connection itself. No secret goes in it.
   */
  private static ConnectionOptions instanceNamed(
      ConnectionOptions options, @Nullable String username) {
    if (!("originchats".equals(options.name()) || "connection".equals(options.name()))
        || username == null) {
      return options;
    }
    return options.toBuilder().name("originchats:" + username).build();
  }

  private CompletableFuture<ServerFrame> engineRequest(
      String key, Outbound message, Duration timeout) {
    return connection.request(key, message, timeout);
  }

  @SuppressWarnings("FutureReturnValueIgnored") // the callback logs its own failure
  private void resync(boolean reconnected) {
    CompletableFuture<ServerFrame.Channels> c = channels();
    CompletableFuture<ServerFrame.Users> u = onlineUsers();
    c.thenCombine(u, (cc, uu) -> new Resync(reconnected, cc.channels(), uu.users()))
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                log.debug("[{}] OriginChats re-sync failed: {}", connection.logTag(), e.toString());
                return;
              }
              channels = r.channels();
              onlineUsers = r.onlineUsers();
              events.each(l -> l.onResync(r));
            });
  }

  /** What the protocol handler reports back to the client. */
  private final class Host implements OcProtocolHandler.Host {
    @Override
    public void handshake(ServerFrame.Handshake h) {
      handshake = h;
    }

    @Override
    public void accepted(ServerFrame.Ready r) {
      ready = r;
      lastTyping.clear();
    }

    @Override
    public void loggedIn(ServerFrame.Ready r, boolean reconnected) {
      events.each(l -> l.onReady(r, reconnected));
      resync(reconnected);
    }

    @Override
    public void deliver(ServerFrame frame, boolean reply) {
      events.deliver(frame, reply);
    }
  }

  /** Builds an {@link OriginChatsClient}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String url;
    private @Nullable ValidatorProvider validatorProvider;
    private @Nullable String username;
    private @Nullable Secret password;
    private boolean register;
    private ConnectionOptions options = defaultOptions();
    private @Nullable ChatwireRuntime runtime;
    private RateLimits rateLimits = RateLimits.DEFAULTS;
    private Duration typingInterval = Duration.ofSeconds(3);
    private @Nullable Transport transport;
    private final List<OriginChatsListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * The server's WebSocket URL. Required.
     *
     * @param url e.g. "wss://chats.example.org/"; never null
     * @return this builder
     */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Logs in with Rotur validators from this provider (when the server's auth_mode is "rotur" or
     * "cracked"). Also needed for attachment uploads.
     *
     * @param provider never null
     * @return this builder
     */
    public Builder validatorProvider(ValidatorProvider provider) {
      this.validatorProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Logs in with Rotur validators from the public Rotur API using this token.
     *
     * @param roturToken never null
     * @return this builder
     */
    public Builder roturToken(Secret roturToken) {
      return validatorProvider(RoturValidatorProvider.of(roturToken));
    }

    /**
     * Logs in with a local account (auth_mode "cracked" or "cracked-only"). If a validator provider
     * is set too, it is preferred where the server allows Rotur.
     *
     * @param username 2-32 characters of [A-Za-z0-9_-]; never null
     * @param password 4-72 characters; never null
     * @return this builder
     */
    public Builder password(String username, Secret password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Registers the local account on the first login (falling back to login if the name is taken).
     * Default false.
     *
     * @param register the flag
     * @return this builder
     */
    public Builder register(boolean register) {
      this.register = register;
      return this;
    }

    /**
     * Engine options. Default {@link #defaultOptions()}. The rate limit is the client's own (see
     * {@link #rateLimits}); an engine throttle set here also applies.
     *
     * @param options never null
     * @return this builder
     */
    public Builder options(ConnectionOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The runtime (threads, timers, HTTP). Default the shared runtime.
     *
     * @param runtime never null; not closed by the client
     * @return this builder
     */
    public Builder runtime(ChatwireRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * The server's rate limits to mirror. Default {@link RateLimits#DEFAULTS}.
     *
     * @param limits never null
     * @return this builder
     */
    public Builder rateLimits(RateLimits limits) {
      this.rateLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * The least time between two typing signals for one target. Default 3 s.
     *
     * @param interval zero or positive
     * @return this builder
     */
    public Builder typingInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("typingInterval must not be negative");
      }
      this.typingInterval = interval;
      return this;
    }

    /**
     * A transport other than the default OkHttp WebSocket (tests, proxies).
     *
     * @param transport never null
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Adds a listener from the start (so no event of the first login is missed).
     *
     * @param listener never null
     * @return this builder
     */
    public Builder listener(OriginChatsListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the client (not yet connected). A client on the shared runtime holds a reference to it
     * from here on: always {@link OriginChatsClient#close()} it, even if never connected.
     *
     * @return the client
     * @throws IllegalStateException without a URL or any login method
     */
    public OriginChatsClient build() {
      String u = url;
      if (u == null) {
        throw new IllegalStateException("set the server's url");
      }
      if (validatorProvider == null && username == null) {
        throw new IllegalStateException(
            "set a validator provider (Rotur) or a username and password");
      }
      return new OriginChatsClient(this, u);
    }
  }
}

package io.github.chatwire.omikron;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.Subscription;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.omikron.internal.OmikronProtocolHandler;
import io.github.chatwire.omikron.internal.OmikronSession;
import io.github.chatwire.omikron.internal.Role;
import io.github.chatwire.omikron.internal.SessionEvents;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronEvent;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An Iota's (a user's home server's) connection to an Omikron ({@code /ws/iota}, or the one TTP
 * endpoint with {@link Builder#protocol(OmikronProtocol) protocol(TTP)}).
 *
 * <p>Identifies with {@code iota_id} and the X448 challenge (or the older form with {@code
 * user_ids}), after every reconnect too; fatal identification errors close it for good with an
 * {@link OmikronAuthenticationException}. Over TTP the challenge is answered with the plain
 * decrypted string and only {@code identification_response {accepted: true}} identifies. Requests
 * of the Iota's users arrive at {@link IotaListener#onClientRequest} and are answered with {@link
 * IotaRequest#reply}; the Iota pushes to its users with {@link #sendToUser} and reaches other Iotas
 * with {@link #sendToIota}. Pings with the last measured round trip, as the reference Iota does:
 * every 10 s on WebSocket, every 5 s on TTP ({@link #defaultOptions(OmikronProtocol)}).
 *
 * <p>Thread-safe; methods never block. Futures complete on the runtime's callback executor.
 */
public final class IotaConnection implements AutoCloseable {
  private final OmikronId iotaId;
  private final OmikronSession session;
  private final Dispatch<IotaListener> dispatch =
      new Dispatch<>(IotaListener::onEvent, IotaConnection.class);
  private volatile @Nullable Pong lastPong;

  private IotaConnection(Builder b, OmikronId iotaId) {
    this.iotaId = iotaId;
    b.addFirstListenerTo(dispatch.listeners());
    OmikronProtocolHandler handler =
        new OmikronProtocolHandler(
            Role.IOTA,
            iotaId,
            b.privateKey,
            null,
            b.strategy(),
            b.newWire(),
            b.userIds,
            new Events());
    this.session = b.newSession(handler);
    session.connection().addListener(Listeners.forward(dispatch.listeners(), IotaConnection.class));
  }

  /**
   * Starts building an Iota connection.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default engine options of an Iota: ping every 10 s, dead after 35 s of silence, requests
   * time out after 10 s (the reference Iota's values).
   *
   * @return the options
   */
  public static ConnectionOptions defaultOptions() {
    return defaultOptions(OmikronProtocol.WEBSOCKET);
  }

  /**
   * The default engine options of an Iota for a protocol generation. {@link
   * OmikronProtocol#WEBSOCKET}: as {@link #defaultOptions()}. {@link OmikronProtocol#TTP}: ping
   * every 5 s (the TTP-era Iota's heartbeat, {@code Tensamin/Iota@19c8c14}), dead after 20 s of
   * silence, requests time out after 10 s.
   *
   * @param protocol the generation; never null
   * @return the options; never null
   * @throws NullPointerException if {@code protocol} is null
   */
  public static ConnectionOptions defaultOptions(OmikronProtocol protocol) {
    boolean ttp = Objects.requireNonNull(protocol, "protocol") == OmikronProtocol.TTP;
    return ConnectionOptions.builder()
        .name("omikron-iota")
        .pingInterval(Duration.ofSeconds(ttp ? 5 : 10))
        .idleTimeout(Duration.ofSeconds(ttp ? 20 : 35))
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }

  /**
   * Registers a new Iota (first run only): opens one connection, sends {@code register_iota
   * {public_key}} and returns the id the Omikron (Omega) allocated, then closes. Identify
   * afterwards with a normal {@link IotaConnection} using that id. WebSocket protocol only: the TTP
   * Omikron ({@code Tensamin/Omikron@7387ecf}) accepts nothing but {@code identification} on a new
   * connection.
   *
   * @param transport the connection to the Omikron's Iota endpoint; never null
   * @param publicKey the new Iota's public key; never null
   * @param runtime the runtime; null for the shared one
   * @param timeout how long to wait for the answer; never null
   * @return the allocated Iota id; failed with {@link OmikronServerException} on an error answer,
   *     or with the connection's failure
   */
  @SuppressWarnings("FutureReturnValueIgnored") // whenComplete only feeds result / closes c
  public static CompletableFuture<OmikronId> register(
      Transport transport,
      OmikronPublicKey publicKey,
      @Nullable ChatwireRuntime runtime,
      Duration timeout) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(publicKey, "publicKey");
    CompletableFuture<OmikronId> result = new CompletableFuture<>();
    io.github.chatwire.core.connection.ManagedConnection.Builder b =
        io.github.chatwire.core.connection.ManagedConnection.builder(
                transport,
                new io.github.chatwire.omikron.internal.RegistrationHandler(
                    publicKey.base64(), result))
            .options(
                ConnectionOptions.builder()
                    .name("omikron-iota-registration")
                    .handshakeTimeout(timeout)
                    .reconnectPolicy(io.github.chatwire.core.connection.ReconnectPolicy.never())
                    .build());
    if (runtime != null) {
      b.runtime(runtime);
    }
    io.github.chatwire.core.connection.ManagedConnection c = b.build();
    c.connect()
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                result.completeExceptionally(
                    e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause()
                        : e);
              }
            });
    result.whenComplete((id, e) -> c.close());
    return result;
  }

  /**
   * Connects and identifies; reconnects until {@link #close()} or a fatal error.
   *
   * @return completed when first identified; failed with the terminal cause otherwise
   */
  public CompletableFuture<Void> connect() {
    return session.connection().connect();
  }

  /**
   * @return the Iota id; never null
   */
  public OmikronId iotaId() {
    return iotaId;
  }

  /**
   * @return the connection state; never null
   */
  public ConnectionState state() {
    return session.connection().state();
  }

  /**
   * The number of requests ({@link #request}, {@link #requestFromUser}) awaiting a reply.
   *
   * @return the count
   */
  public int pendingRequests() {
    return session.connection().pendingCount();
  }

  /**
   * The engine connection under this Iota: its options, runtime, state, pending requests and
   * lifecycle, the same object for the Iota's whole life. Closing it closes the Iota. Listeners
   * added to it directly see the engine's state changes and errors, not Omikron events (use {@link
   * #addListener(IotaListener)} for those). Thread-safe.
   *
   * @return the connection; never null
   */
  public ManagedConnection connection() {
    return session.connection();
  }

  /**
   * The latest pong that answered one of this Iota's pings; its {@link Pong#roundTrip()} is the
   * round trip (also sent to the Omikron as the next ping's {@code last_ping}).
   *
   * @return the pong; null before the first
   */
  public @Nullable Pong lastPong() {
    return lastPong;
  }

  /**
   * Adds a listener.
   *
   * @param listener never null
   * @return a handle that removes it
   */
  public Subscription addListener(IotaListener listener) {
    return dispatch.addListener(listener);
  }

  /**
   * Subscribes to one kind of event: every inbound {@link OmikronMessage} that answers no request,
   * or a typed record ({@link IotaRequest}, {@link ClientConnected}, {@link Pong}, {@link
   * IdentificationResponse}). Handlers run on the callback executor after the listeners for the
   * same event.
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
   * Pushes a message to all connections of one of this Iota's users (top-level {@code receiver}).
   *
   * @param user the user; never null
   * @param type the type; never null
   * @param data the data; null for empty
   * @return completed when sent
   */
  public CompletableFuture<Void> sendToUser(
      OmikronId user, MessageType type, @Nullable OmikronData data) {
    Objects.requireNonNull(user, "user");
    return sendRaw(
        session.message(Objects.requireNonNull(type, "type"), data).withRouting(null, user));
  }

  /**
   * Pushes a message to a user and waits for the client's reply with the same id (for example
   * {@code message_live}, answered with its {@code message_state}).
   *
   * @param user the user; never null
   * @param type the type; never null
   * @param data the data; null for empty
   * @param timeout the timeout; null for the default
   * @return the reply
   */
  public CompletableFuture<OmikronMessage> requestFromUser(
      OmikronId user, MessageType type, @Nullable OmikronData data, @Nullable Duration timeout) {
    Objects.requireNonNull(user, "user");
    return session.request(Objects.requireNonNull(type, "type"), data, user, timeout);
  }

  /**
   * Sends a message to another Iota on behalf of a user ({@code message_other_iota}, {@code
   * message_state}, {@code send_chat}): top-level {@code sender} = the user, {@code receiver} = the
   * other Iota's user, and the given id (the reference Iota reuses the original {@code
   * message_send} id).
   *
   * @param id the message id; null for a fresh one (on TTP a decimal u32, as the ids of received
   *     messages are)
   * @param fromUser one of this Iota's users; never null
   * @param toUser the recipient; never null
   * @param type the type; never null
   * @param data the data; null for empty
   * @return completed when sent
   */
  public CompletableFuture<Void> sendToIota(
      @Nullable String id,
      OmikronId fromUser,
      OmikronId toUser,
      MessageType type,
      @Nullable OmikronData data) {
    return sendRaw(
        new OmikronMessage(
            id == null ? session.newId() : id,
            Objects.requireNonNull(type, "type"),
            Objects.requireNonNull(fromUser, "fromUser"),
            Objects.requireNonNull(toUser, "toUser"),
            data == null ? OmikronData.EMPTY : data,
            null,
            Map.of()));
  }

  /**
   * Sends a request to the Omikron or Omega (e.g. {@code get_user_data}, {@code push_notification})
   * and waits for the reply.
   *
   * @param type the type; never null
   * @param data the data; null for empty
   * @param timeout the timeout; null for the default
   * @return the reply; failed with {@link OmikronServerException} on an error reply
   */
  public CompletableFuture<OmikronMessage> request(
      MessageType type, @Nullable OmikronData data, @Nullable Duration timeout) {
    return session.request(Objects.requireNonNull(type, "type"), data, null, timeout);
  }

  CompletableFuture<Void> sendRaw(OmikronMessage m) {
    return session.send(m);
  }

  /** Closes for good; returns at once; idempotent. */
  @Override
  public void close() {
    session.connection().close();
  }

  /**
   * @return completed when closed and resources released
   */
  public CompletableFuture<Void> closeFuture() {
    return session.connection().closeFuture();
  }

  private final class Events implements SessionEvents {
    @Override
    public void identified(ProtocolContext ctx, IdentificationResponse response) {
      dispatch.emit(ctx, null, response, l -> l.onIdentified(response));
    }

    @Override
    public void pong(ProtocolContext ctx, OmikronMessage envelope, Pong pong) {
      if (pong.roundTrip() != null) {
        lastPong = pong;
      }
      dispatch.emit(ctx, envelope, pong, l -> l.onPong(pong));
    }

    @Override
    public OmikronData pingData(ProtocolContext ctx) {
      Pong last = lastPong;
      Duration rtt = last == null ? null : last.roundTrip(); // only pongs with one are kept
      long rttMillis = rtt == null ? -1 : rtt.toMillis();
      return OmikronData.builder().put("last_ping", rttMillis).build();
    }

    @Override
    public void event(ProtocolContext ctx, OmikronMessage m) {
      MessageType t = m.type();
      OmikronId sender = m.sender();
      try {
        if (t.equals(MessageType.CLIENT_CONNECTED)) {
          ClientConnected c = ClientConnected.from(m.data());
          dispatch.emit(ctx, m, c, l -> l.onClientConnected(c, m));
        } else if (t.equals(MessageType.MESSAGE_OTHER_IOTA)
            || t.equals(MessageType.SEND_CHAT)
            || t.equals(MessageType.MESSAGE_STATE)) {
          dispatch.emit(ctx, m, null, l -> l.onIotaMessage(m));
        } else if (sender != null && !t.isError()) {
          IotaRequest r = new IotaRequest(IotaConnection.this, m, sender);
          dispatch.emit(ctx, m, r, l -> l.onClientRequest(r));
        } else {
          dispatch.emit(ctx, m, null, l -> l.onUnknown(m));
        }
      } catch (OmikronFormatException e) {
        ctx.reportError(
            new OmikronFormatException("bad '" + t.wireName() + "' event: " + e.getMessage(), e));
      }
    }
  }

  /**
   * Builds an {@link IotaConnection}. Not thread-safe.
   *
   * <p>Endpoint: the Omikron's Iota endpoint, e.g. {@code wss://app.tensamin.net/ws/iota/}, via
   * {@link #url(String)} or a custom {@link #transport(Transport)}; for {@link
   * #protocol(OmikronProtocol) TTP}, a TTP transport to the Omikron's {@code https://host:959}.
   * Default {@link #options(ConnectionOptions) options}: {@link
   * IotaConnection#defaultOptions(OmikronProtocol)} of the chosen protocol.
   */
  public static final class Builder extends ConnectionBuilder<Builder, IotaListener> {
    private @Nullable OmikronId iotaId;
    private @Nullable OmikronPrivateKey privateKey;
    private @Nullable List<OmikronId> userIds;
    private @Nullable IdentificationStrategy strategy;

    private Builder() {
      super(IotaConnection::defaultOptions);
    }

    /**
     * The protocol generation to speak. Default {@link OmikronProtocol#WEBSOCKET}. {@link
     * OmikronProtocol#TTP} needs a {@link #transport(Transport) transport} that speaks it and
     * changes the defaults of the options, identification ({@code x448Challenge(PLAIN)}) and ping
     * interval; the API stays the same.
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

    /**
     * The Iota's id.
     *
     * @param iotaId never null
     * @return this builder
     */
    public Builder iotaId(OmikronId iotaId) {
      this.iotaId = Objects.requireNonNull(iotaId, "iotaId");
      return this;
    }

    /**
     * The Iota's private key (for the challenge).
     *
     * @param key never null
     * @return this builder
     */
    public Builder privateKey(OmikronPrivateKey key) {
      this.privateKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * The Iota's users, sent as the older identification's {@code user_ids} CSV (E0–E2; the E3 and
     * TTP servers take the list from Omega; refused on TTP). Default none.
     *
     * @param userIds never null
     * @return this builder
     */
    public Builder userIds(List<OmikronId> userIds) {
      this.userIds = new ArrayList<>(Objects.requireNonNull(userIds, "userIds"));
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
     * Builds the connection (not connected yet).
     *
     * @return the connection
     * @throws IllegalStateException if url/transport, Iota id or key is missing, if TTP is chosen
     *     without a transport (the message says to add sdk-webtransport), or with {@code userIds}
     *     or the {@code privateKeyHash} identification, which TTP does not have, or with an Iota id
     *     that is not a 48-bit number
     */
    public IotaConnection build() {
      requireEndpoint();
      OmikronId id = iotaId;
      if (id == null) {
        throw new IllegalStateException("iotaId is required");
      }
      if (privateKey == null && !strategy().sendsPrivateKeyHash()) {
        throw new IllegalStateException("privateKey is required for the X448 challenge");
      }
      if (isTtp() && strategy().sendsPrivateKeyHash()) {
        throw new IllegalStateException("TTP identifies with the X448 challenge only");
      }
      if (isTtp()) {
        requireTtpId(id, "iotaId");
      }
      if (isTtp() && userIds != null && !userIds.isEmpty()) {
        throw new IllegalStateException(
            "userIds is the WebSocket-era identification; the TTP Omikron asks Omega");
      }
      return new IotaConnection(this, id);
    }
  }

  @Override
  public String toString() {
    return "IotaConnection[iota=" + iotaId + ", state=" + state() + "]";
  }
}

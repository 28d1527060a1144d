package io.github.chatwire.omikron;

import io.github.chatwire.core.Subscription;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.omikron.internal.OmikronProtocolHandler;
import io.github.chatwire.omikron.internal.OmikronSession;
import io.github.chatwire.omikron.internal.OmikronWire;
import io.github.chatwire.omikron.internal.Role;
import io.github.chatwire.omikron.model.CallInvite;
import io.github.chatwire.omikron.model.CallState;
import io.github.chatwire.omikron.model.CallToken;
import io.github.chatwire.omikron.model.GetUserData;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronEvent;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.UserData;
import io.github.chatwire.omikron.model.UserState;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An anonymous guest's connection to a call ({@code /ws/anonymous_client}): identifies with {@code
 * call_id} only (no key), receives a generated user id, name and the call's state and LiveKit token
 * in {@link IdentificationResponse#guestCall()}, and re-identifies after every reconnect (getting a
 * new guest identity). A refused call ({@code error_not_authenticated} when anonymous joining is
 * off) closes it for good with an {@link OmikronAuthenticationException}.
 *
 * <p>Events arrive at {@link OmikronListener}s (presence, call invites, pongs, other messages).
 * Thread-safe; methods never block; futures complete on the runtime's callback executor.
 */
public final class CallGuestConnection implements AutoCloseable {
  private final String callId;
  private final OmikronSession session;
  private final Dispatch<OmikronListener> dispatch = ClientEvents.newDispatch();
  private volatile @Nullable IdentificationResponse identity;

  private CallGuestConnection(Builder b, String callId) {
    this.callId = callId;
    b.addFirstListenerTo(dispatch.listeners());
    OmikronWire wire = b.newWire();
    ClientEvents events = new ClientEvents(dispatch, false, r -> identity = r, wire);
    OmikronProtocolHandler handler =
        new OmikronProtocolHandler(
            Role.GUEST,
            b.participantId,
            b.participantKey,
            callId,
            b.participantId == null
                ? IdentificationStrategy.x448Challenge()
                : IdentificationStrategy.privateKeyHash(),
            wire,
            null,
            events);
    this.session = b.newSession(handler);
    session.connection().addListener(Listeners.forward(dispatch.listeners(), ClientEvents.class));
  }

  /**
   * Starts building a guest connection.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects and joins the call.
   *
   * @return completed when identified; failed with {@link OmikronAuthenticationException} if the
   *     call does not admit guests
   */
  public CompletableFuture<Void> connect() {
    return session.connection().connect();
  }

  /**
   * @return the call id; never null
   */
  public String callId() {
    return callId;
  }

  /**
   * The guest identity of the current connection.
   *
   * @return the last identification answer; null before the first identification
   */
  public @Nullable IdentificationResponse identity() {
    return identity;
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
   * The engine connection under this guest: its options, runtime, state, pending requests and
   * lifecycle, the same object for the guest's whole life. Closing it closes the guest. Listeners
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
   * @param listener never null
   * @return a handle that removes it
   */
  public Subscription addListener(OmikronListener listener) {
    return dispatch.addListener(listener);
  }

  /**
   * Subscribes to one kind of event, as {@link OmikronClient#on}. Handlers run on the callback
   * executor after the listeners for the same event.
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
   * A fresh LiveKit token for the call.
   *
   * @return the reply (its token is a secret)
   */
  public CompletableFuture<CallToken> callToken() {
    return session.request(
        MessageType.CALL_TOKEN,
        new CallToken(callId, null, OmikronData.EMPTY).toData(),
        m -> CallToken.from(m.data()));
  }

  /**
   * Invites a user to the call.
   *
   * @param receiver the invitee; never null
   * @return completed on {@code success}
   */
  public CompletableFuture<Void> invite(OmikronId receiver) {
    Objects.requireNonNull(receiver, "receiver");
    return session.request(
        MessageType.CALL_INVITE,
        new CallInvite(callId, receiver, null, OmikronData.EMPTY).toData(),
        m -> null);
  }

  /**
   * A user's profile.
   *
   * @param user never null
   * @return the profile
   */
  public CompletableFuture<UserData> getUserData(OmikronId user) {
    Objects.requireNonNull(user, "user");
    return session.request(
        MessageType.GET_USER_DATA,
        new GetUserData(user, null, OmikronData.EMPTY).toData(),
        m -> UserData.from(m.data()));
  }

  /**
   * Changes the guest's display name ({@code change_user_data {display}}).
   *
   * @param display never null
   * @return completed on the reply
   */
  public CompletableFuture<Void> changeDisplay(String display) {
    Objects.requireNonNull(display, "display");
    return session.request(
        MessageType.CHANGE_USER_DATA,
        OmikronData.builder().put("display", display).build(),
        m -> null);
  }

  /**
   * Announces the guest's call and/or presence state ({@code client_changed}; a missing value is
   * unchanged; no reply).
   *
   * @param callState may be null
   * @param userState may be null
   * @return completed when sent
   */
  public CompletableFuture<Void> setState(
      @Nullable CallState callState, @Nullable UserState userState) {
    return session.send(
        session.message(
            MessageType.CLIENT_CHANGED,
            OmikronData.builder()
                .putIfNotNull("call_state", callState)
                .putIfNotNull("user_state", userState)
                .build()));
  }

  /** Leaves the call for good; returns at once; idempotent. */
  @Override
  public void close() {
    session.connection().close();
  }

  /**
   * @return completed when closed
   */
  public CompletableFuture<Void> closeFuture() {
    return session.connection().closeFuture();
  }

  @Override
  public String toString() {
    return "CallGuestConnection[call=" + callId + ", state=" + state() + "]";
  }

  /**
   * Builds a {@link CallGuestConnection}. Not thread-safe.
   *
   * <p>Endpoint: the Omikron's guest endpoint, e.g. {@code
   * wss://app.tensamin.net/ws/anonymous_client}, via {@link #url(String)} or a custom {@link
   * #transport(Transport)}. Default {@link #options(ConnectionOptions) options}: ping every 5 s, 20
   * s watchdog and request timeout.
   */
  public static final class Builder extends ConnectionBuilder<Builder, OmikronListener> {
    private @Nullable String callId;
    private @Nullable OmikronId participantId;
    private @Nullable OmikronPrivateKey participantKey;

    private Builder() {
      super(
          protocol ->
              ConnectionOptions.builder()
                  .name("omikron-guest")
                  .pingInterval(Duration.ofSeconds(5))
                  .idleTimeout(Duration.ofSeconds(20))
                  .requestTimeout(Duration.ofSeconds(20))
                  .build());
    }

    /**
     * The call to join (a UUID string).
     *
     * @param callId never null
     * @return this builder
     */
    public Builder callId(String callId) {
      this.callId = Objects.requireNonNull(callId, "callId");
      return this;
    }

    /**
     * Joins as a known user instead of an anonymous guest, as the older spec's call participant:
     * the identification carries {@code user_id} and {@code private_key_hash}, and the answer's
     * {@code user_ids} map gives the participants' call states ({@link
     * IdentificationResponse#participants()}).
     *
     * @param userId the user; never null
     * @param key the user's key (only its hash is sent); never null
     * @return this builder
     */
    public Builder asParticipant(OmikronId userId, OmikronPrivateKey key) {
      this.participantId = Objects.requireNonNull(userId, "userId");
      this.participantKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Builds the connection (not connected yet).
     *
     * @return the connection
     * @throws IllegalStateException if url/transport or call id is missing
     */
    public CallGuestConnection build() {
      requireEndpoint();
      String call = callId;
      if (call == null) {
        throw new IllegalStateException("callId is required");
      }
      return new CallGuestConnection(this, call);
    }
  }
}

package io.github.chatwire.omikron;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.WebSocketTransport;
import io.github.chatwire.omikron.codec.WireShape;
import io.github.chatwire.omikron.codec.ttp.TtpLimits;
import io.github.chatwire.omikron.codec.ttp.TtpMessage;
import io.github.chatwire.omikron.internal.OmikronProtocolHandler;
import io.github.chatwire.omikron.internal.OmikronSession;
import io.github.chatwire.omikron.internal.OmikronWire;
import io.github.chatwire.omikron.model.OmikronId;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The settings every Omikron connection builder has ({@link OmikronClient.Builder}, {@link
 * IotaConnection.Builder}, {@link CallGuestConnection.Builder}): where to connect, the protocol
 * generation and envelope shape, engine options, runtime and a first listener, and how they turn
 * into a session.
 *
 * <p>Package-private: its public setters are documented as members of each public builder, which
 * names its endpoint and default options. Not thread-safe, like the builders.
 *
 * @param <B> the concrete builder, returned by the setters
 * @param <L> the listener type of the connection being built
 */
abstract class ConnectionBuilder<B extends ConnectionBuilder<B, L>, L> {
  private @Nullable String url;
  private @Nullable Transport transport;
  private WireShape shape = WireShape.REFERENCE;
  private OmikronProtocol protocol = OmikronProtocol.WEBSOCKET;
  private final Function<OmikronProtocol, ConnectionOptions> defaultOptions;
  private @Nullable ConnectionOptions options;
  private @Nullable ChatwireRuntime runtime;
  private @Nullable L listener;

  /**
   * @param defaultOptions the role's default options per protocol generation, used unless {@link
   *     #options(ConnectionOptions)} is called
   */
  ConnectionBuilder(Function<OmikronProtocol, ConnectionOptions> defaultOptions) {
    this.defaultOptions = defaultOptions;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * The Omikron endpoint to open a WebSocket to (the path depends on the role; see this builder's
   * class description). Required unless {@link #transport(Transport)} is set.
   *
   * @param url a ws:// or wss:// URL; never null
   * @return this builder
   */
  public B url(String url) {
    this.url = Objects.requireNonNull(url, "url");
    return self();
  }

  /**
   * A custom transport instead of {@link #url(String)} (for example with extra headers or size
   * limits); takes precedence over the URL. Required for {@link OmikronProtocol#TTP}: the {@code
   * sdk-webtransport} module's {@code WebTransportTransport}, or any transport that carries one TTP
   * message per binary frame.
   *
   * @param transport the transport; never null
   * @return this builder
   */
  public B transport(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return self();
  }

  /**
   * The envelope shape to write on the WebSocket protocol. Default {@link WireShape#REFERENCE}. TTP
   * has one binary shape and ignores this.
   *
   * @param shape never null
   * @return this builder
   */
  public B wireShape(WireShape shape) {
    this.shape = Objects.requireNonNull(shape, "shape");
    return self();
  }

  /**
   * Engine options (reconnect, ping interval, timeouts). The default is named in this builder's
   * class description.
   *
   * @param options never null
   * @return this builder
   */
  public B options(ConnectionOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    return self();
  }

  /**
   * Sets the protocol generation (the public builders' {@code protocol(...)}).
   *
   * @param protocol never null
   */
  final void setProtocol(OmikronProtocol protocol) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  /**
   * @return the protocol generation; never null
   */
  final OmikronProtocol protocol() {
    return protocol;
  }

  /**
   * @return true if the connection speaks TTP
   */
  final boolean isTtp() {
    return protocol == OmikronProtocol.TTP;
  }

  /**
   * The runtime (threads, timers, HTTP). Default: the shared runtime. A runtime passed here is not
   * closed by the connection.
   *
   * @param runtime never null
   * @return this builder
   */
  public B runtime(ChatwireRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    return self();
  }

  /**
   * A first listener, registered before connecting so no event is missed.
   *
   * @param listener never null
   * @return this builder
   */
  public B listener(L listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return self();
  }

  /** Forgets a transport set earlier, so the URL is used. */
  final void clearTransport() {
    this.transport = null;
  }

  /**
   * Checks that there is somewhere to connect to.
   *
   * @throws IllegalStateException if neither a URL nor a transport is set, or for TTP if no
   *     transport is set
   */
  final void requireEndpoint() {
    if (isTtp() && transport == null) {
      throw new IllegalStateException(
          "protocol(TTP) needs a TTP transport: add the sdk-webtransport module and pass"
              + " transport(WebTransportTransport...) for the Omikron's https:// address"
              + (url == null ? "" : " (url(...) alone opens a WebSocket)"));
    }
    if (url == null && transport == null) {
      throw new IllegalStateException("url or transport is required");
    }
  }

  /**
   * Adds the first listener, if one was set.
   *
   * @param listeners the connection's listener list
   */
  final void addFirstListenerTo(Collection<L> listeners) {
    if (listener != null) {
      listeners.add(listener);
    }
  }

  /**
   * The session for a handler: the custom transport or a WebSocket to the URL, with the options and
   * runtime set here.
   *
   * @param handler the connection's protocol handler
   * @return a new, unconnected session
   */
  final OmikronSession newSession(OmikronProtocolHandler handler) {
    requireEndpoint();
    Transport t = transport;
    if (t == null) {
      String u = url;
      if (u == null) { // requireEndpoint() has made sure there is one of the two
        throw new IllegalStateException("url or transport is required");
      }
      t = WebSocketTransport.builder(u).build();
    }
    ConnectionOptions o = options != null ? options : defaultOptions.apply(protocol);
    return new OmikronSession(t, handler, o, runtime);
  }

  /**
   * The identification strategy to use: the one set, else the generation's default ({@code
   * x448Challenge()} on WebSocket, {@code x448Challenge(PLAIN)} on TTP).
   *
   * @param chosen the strategy set on the builder; null if none
   * @return the strategy; never null
   */
  final IdentificationStrategy strategyOrDefault(@Nullable IdentificationStrategy chosen) {
    if (chosen != null) {
      return chosen;
    }
    return isTtp()
        ? IdentificationStrategy.x448Challenge(AnswerEncoding.PLAIN)
        : IdentificationStrategy.x448Challenge();
  }

  /**
   * Checks that an own id fits TTP's 48-bit id fields.
   *
   * @param id the id; never null
   * @param name the setting's name, for the message
   * @throws IllegalStateException if it is not a number from 1 to 2^48 - 1
   */
  static void requireTtpId(OmikronId id, String name) {
    if (!id.isNumeric() || id.asLong() <= 0 || id.asLong() > TtpMessage.MAX_ROUTING_ID) {
      throw new IllegalStateException(
          name + " must be a number from 1 to 2^48 - 1 on TTP, not " + id);
    }
  }

  /**
   * A new wire for one connection of the chosen generation.
   *
   * @return the wire; never null
   */
  final OmikronWire newWire() {
    return isTtp()
        ? OmikronWire.ttp(TtpLimits.DEFAULT, new SecureRandom())
        : OmikronWire.json(shape);
  }
}

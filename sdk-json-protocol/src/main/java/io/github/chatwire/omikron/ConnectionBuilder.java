package io.github.chatwire.omikron;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.WebSocketTransport;
import io.github.chatwire.omikron.codec.WireShape;
import io.github.chatwire.omikron.internal.OmikronProtocolHandler;
import io.github.chatwire.omikron.internal.OmikronSession;
import java.util.Collection;
import java.util.Objects;

/**
 * The settings every Omikron connection builder has ({@link OmikronClient.Builder}, {@link
 * IotaConnection.Builder}, {@link CallGuestConnection.Builder}): where to connect, the envelope
 * shape, engine options, runtime and a first listener, and how they turn into a session.
 *
 * <p>Package-private: its public setters are documented as members of each public builder, which
 * names its endpoint and default options. Not thread-safe, like the builders.
 *
 * @param <B> the concrete builder, returned by the setters
 * @param <L> the listener type of the connection being built
 */
abstract class ConnectionBuilder<B extends ConnectionBuilder<B, L>, L> {
  private String url;
  private Transport transport;
  private WireShape shape = WireShape.REFERENCE;
  private ConnectionOptions options;
  private ChatwireRuntime runtime;
  private L listener;

  ConnectionBuilder(ConnectionOptions defaultOptions) {
    this.options = defaultOptions;
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
   * limits); takes precedence over the URL.
   *
   * @param transport the transport; never null
   * @return this builder
   */
  public B transport(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return self();
  }

  /**
   * The envelope shape to write. Default {@link WireShape#REFERENCE}.
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
   * @return the envelope shape; never null
   */
  final WireShape shape() {
    return shape;
  }

  /**
   * Checks that there is somewhere to connect to.
   *
   * @throws IllegalStateException if neither a URL nor a transport is set
   */
  final void requireEndpoint() {
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
    Transport t = transport != null ? transport : WebSocketTransport.builder(url).build();
    return new OmikronSession(t, handler, options, runtime);
  }
}

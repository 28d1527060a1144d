package io.github.chatwire.omikron.internal;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.internal.Futures;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engine connection plus the handler of one Omikron connection, with the request helpers the
 * public role classes share. Thread-safe.
 */
public final class OmikronSession {
  private final ManagedConnection connection;
  private final OmikronProtocolHandler handler;

  /**
   * Builds the session.
   *
   * @param transport the transport
   * @param handler the handler
   * @param options the engine options
   * @param runtime the runtime; null for the shared one
   */
  public OmikronSession(
      Transport transport,
      OmikronProtocolHandler handler,
      ConnectionOptions options,
      @Nullable ChatwireRuntime runtime) {
    this.handler = handler;
    ManagedConnection.Builder b =
        ManagedConnection.builder(transport, handler).options(handler.named(options));
    if (runtime != null) {
      b.runtime(runtime);
    }
    this.connection = b.build();
  }

  /**
   * Requests that only read: their timeout or loss in flight is retryable (sending twice changes
   * nothing).
   */
  private static final java.util.Set<MessageType> READS =
      java.util.Set.of(
          MessageType.PING,
          MessageType.MESSAGES_GET,
          MessageType.GET_USER_DATA,
          MessageType.GET_IOTA_DATA,
          MessageType.GET_NOTIFICATIONS,
          MessageType.GET_CHATS,
          MessageType.GET_STATES,
          MessageType.GET_COMMUNITIES,
          MessageType.SETTINGS_LOAD,
          MessageType.SETTINGS_LIST);

  /**
   * @return the engine connection
   */
  public ManagedConnection connection() {
    return connection;
  }

  /**
   * @return the handler
   */
  public OmikronProtocolHandler handler() {
    return handler;
  }

  /**
   * Sends a request and completes with the message carrying the same id.
   *
   * @param type the type
   * @param data the data; null for empty
   * @param receiver the top-level receiver; may be null
   * @param timeout the timeout; null for the default
   * @return the reply future
   */
  public CompletableFuture<OmikronMessage> request(
      MessageType type,
      @Nullable OmikronData data,
      @Nullable OmikronId receiver,
      @Nullable Duration timeout) {
    OmikronWire wire = handler.wire();
    String id;
    try {
      id = wire.reserve(type);
    } catch (IllegalStateException e) {
      return Futures.failed(
          new io.github.chatwire.core.QueueFullException(
              Objects.toString(e.getMessage(), "too many message ids in flight")));
    }
    OmikronMessage m =
        new OmikronMessage(
            id, type, null, receiver, data == null ? OmikronData.EMPTY : data, null, Map.of());
    String key = id.toLowerCase(Locale.ROOT); // m.correlationKey(), which is null only without id
    Duration t = timeout == null ? connection.options().requestTimeout() : timeout;
    CompletableFuture<OmikronMessage> reply;
    try {
      Outbound out = handler.outbound(m);
      reply = connection.request(key, READS.contains(m.type()) ? out.idempotent() : out, t);
    } catch (IllegalArgumentException e) {
      wire.release(id);
      return Futures.failed(e); // the wire cannot carry it (TTP: a key it lacks); nothing sent
    }
    // Returned as is, so that cancelling it still forgets the request in the engine.
    CompletableFuture<OmikronMessage> unused = reply.whenComplete((r, e) -> wire.release(id));
    return reply;
  }

  /**
   * Sends a request and maps the reply.
   *
   * @param type the type
   * @param data the data
   * @param mapper reads the reply's data
   * @param <T> the result type
   * @return the future; failed with {@link OmikronFormatException} if the reply is malformed
   */
  @SuppressWarnings("FutureReturnValueIgnored") // whenComplete only feeds out
  public <T> CompletableFuture<T> request(
      MessageType type, OmikronData data, Function<OmikronMessage, T> mapper) {
    CompletableFuture<T> out = new CompletableFuture<>();
    request(type, data, null, null)
        .whenComplete(
            (m, e) -> {
              if (e != null) {
                out.completeExceptionally(e);
                return;
              }
              try {
                out.complete(mapper.apply(m));
              } catch (RuntimeException ex) {
                out.completeExceptionally(
                    ex instanceof OmikronFormatException
                        ? ex
                        : new OmikronFormatException(
                            "unexpected reply '" + m.type().wireName() + "'", ex));
              }
            });
    return out;
  }

  /**
   * Sends a message without waiting for a reply.
   *
   * @param m the message
   * @return completed when the transport took it
   */
  public CompletableFuture<Void> send(OmikronMessage m) {
    Outbound out;
    try {
      out = handler.outbound(m);
    } catch (IllegalArgumentException e) {
      return Futures.failed(e); // the wire cannot carry it; nothing sent
    }
    return connection.send(out);
  }

  /**
   * A new message with a fresh id in this connection's wire format, for {@link #send}.
   *
   * @param type the type; never null
   * @param data the data; null for empty
   * @return the message; never null
   */
  public OmikronMessage message(MessageType type, @Nullable OmikronData data) {
    return handler.wire().message(type, data);
  }

  /**
   * A fresh message id in this connection's wire format (not reserved).
   *
   * @return the id; never null
   */
  public String newId() {
    return handler.wire().newId();
  }
}

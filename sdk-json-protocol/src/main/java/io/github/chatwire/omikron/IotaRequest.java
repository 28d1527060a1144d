package io.github.chatwire.omikron;

import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A client's request relayed to an Iota: the message (with {@code sender} = the user) and a way to
 * answer it with the same id and {@code receiver} = the user. Thread-safe; reply at most once in
 * normal use (the protocol does not forbid more).
 */
public final class IotaRequest implements io.github.chatwire.omikron.model.OmikronEvent {
  private final IotaConnection connection;
  private final OmikronMessage message;
  private final OmikronId sender;

  IotaRequest(IotaConnection connection, OmikronMessage message, OmikronId sender) {
    this.connection = connection;
    this.message = message;
    this.sender = sender;
  }

  /**
   * @return the request as received; never null
   */
  public OmikronMessage message() {
    return message;
  }

  /**
   * @return the request's type; never null
   */
  public MessageType type() {
    return message.type();
  }

  /**
   * @return the request's data; never null
   */
  public OmikronData data() {
    return message.data();
  }

  /**
   * @return the user who sent it; never null
   */
  public OmikronId sender() {
    return sender;
  }

  /**
   * Answers the request.
   *
   * @param type the reply type (usually the request's type, or {@code success}); never null
   * @param data the data; null for empty
   * @return completed when sent
   */
  public CompletableFuture<Void> reply(MessageType type, @Nullable OmikronData data) {
    Objects.requireNonNull(type, "type");
    return connection.sendRaw(
        new OmikronMessage(
            message.id(),
            type,
            null,
            sender,
            data == null ? OmikronData.EMPTY : data,
            null,
            Map.of()));
  }

  /**
   * Answers with {@code success {}}.
   *
   * @return completed when sent
   */
  public CompletableFuture<Void> replySuccess() {
    return reply(MessageType.SUCCESS, null);
  }

  @Override
  public String toString() {
    return "IotaRequest[" + message + "]";
  }
}

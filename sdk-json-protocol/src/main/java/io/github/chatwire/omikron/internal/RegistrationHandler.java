package io.github.chatwire.omikron.internal;

import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import io.github.chatwire.omikron.OmikronServerException;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.codec.WireShape;
import io.github.chatwire.omikron.model.ErrorReply;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A new Iota's one-shot registration: {@code register_iota {public_key}} answered by {@code success
 * {iota_id}} (or {@code register_iota_success}). Completes a future and never becomes READY.
 */
public final class RegistrationHandler implements ProtocolHandler {
  private final String publicKeyBase64;
  private final CompletableFuture<OmikronId> result;

  /** The id of the request sent; null until {@link #onOpen}. */
  private @Nullable String requestId;

  /**
   * Creates the handler.
   *
   * @param publicKeyBase64 the Iota's public key, base64 of the raw 56 bytes
   * @param result completed with the allocated id
   */
  public RegistrationHandler(String publicKeyBase64, CompletableFuture<OmikronId> result) {
    this.publicKeyBase64 = publicKeyBase64;
    this.result = result;
  }

  @Override
  public void onOpen(ProtocolContext ctx) {
    OmikronMessage m =
        OmikronMessage.of(
            MessageType.REGISTER_IOTA,
            OmikronData.builder().put("public_key", publicKeyBase64).build());
    requestId = m.correlationKey();
    ctx.sendNow(Outbound.text(OmikronCodec.encode(m, WireShape.REFERENCE), m.type().wireName()));
  }

  @Override
  public void onText(ProtocolContext ctx, String text) {
    OmikronMessage m = OmikronProtocolHandler.decodeOrReport(ctx, text);
    if (m == null) {
      return;
    }
    String key = m.correlationKey();
    if (key != null && !key.equals(requestId)) {
      return;
    }
    if (m.type().isError()) {
      ctx.emit(() -> result.completeExceptionally(OmikronServerException.of(ErrorReply.from(m))));
      return;
    }
    if (m.type().equals(MessageType.SUCCESS)
        || m.type().equals(MessageType.REGISTER_IOTA_SUCCESS)
        || m.type().equals(MessageType.REGISTER_IOTA)) {
      try {
        OmikronId id = m.data().getId("iota_id");
        if (id == null) {
          ctx.reportError(new OmikronFormatException("registration answer without iota_id"));
          return;
        }
        ctx.emit(() -> result.complete(id));
      } catch (OmikronFormatException e) {
        ctx.emit(() -> result.completeExceptionally(e));
      }
    }
  }
}

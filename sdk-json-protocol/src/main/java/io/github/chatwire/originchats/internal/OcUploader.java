package io.github.chatwire.originchats.internal;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.internal.Futures;
import io.github.chatwire.core.transport.WebSocketTransport;
import io.github.chatwire.originchats.OriginChatsServerException;
import io.github.chatwire.originchats.ValidatorProvider;
import io.github.chatwire.originchats.codec.FrameDecoder;
import io.github.chatwire.originchats.codec.OcJson;
import io.github.chatwire.originchats.model.Attachment;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * HTTP attachment upload ({@code POST /attachments/upload} on the WebSocket server's host), apart
 * from the WebSocket protocol: authenticated with a connection's {@code validator_key} and a fresh
 * validator. Thread-safe; stateless.
 */
public final class OcUploader {
  /** The largest HTTP reply body read (the upload reply and a Rotur validator are small JSON). */
  public static final int MAX_REPLY_BYTES = 1024 * 1024;

  private OcUploader() {}

  /**
   * Reads a reply body of at most {@link #MAX_REPLY_BYTES}, without reading more than one byte past
   * that bound from a server that sends more.
   *
   * @param body the body; null for none
   * @return the body as UTF-8; empty for none
   * @throws IOException if reading fails, or the body is larger than the bound
   */
  public static String readBounded(@Nullable ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    BufferedSource source = body.source();
    if (source.request(MAX_REPLY_BYTES + 1L)) {
      throw new IOException("HTTP reply larger than " + MAX_REPLY_BYTES + " bytes");
    }
    return source.getBuffer().readUtf8();
  }

  /**
   * The HTTP base of a WebSocket URL (ws to http, wss to https).
   *
   * @param wsUrl the WebSocket URL; never null
   * @return the URL; null if it cannot be parsed
   */
  public static @Nullable HttpUrl httpBase(String wsUrl) {
    try {
      return WebSocketTransport.httpUrl(wsUrl);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Uploads a file.
   *
   * @param runtime the runtime whose HTTP client is used; never null
   * @param wsUrl the server's WebSocket URL; never null
   * @param provider gives the validator; never null
   * @param validatorKey the connection's key; never null
   * @param channel the channel it is for; never null
   * @param name the file name; never null
   * @param mimeType the MIME type; never null
   * @param data the content; never null
   * @return the stored attachment; fails with {@link OriginChatsServerException} for an HTTP error,
   *     {@link ConnectionLostException} for a network error or an unreadable reply (also one larger
   *     than {@link #MAX_REPLY_BYTES}), {@link IllegalStateException} if no HTTP URL can be derived
   */
  public static CompletableFuture<Attachment> upload(
      ChatwireRuntime runtime,
      String wsUrl,
      ValidatorProvider provider,
      String validatorKey,
      String channel,
      String name,
      String mimeType,
      byte[] data) {
    HttpUrl base = httpBase(wsUrl);
    if (base == null) {
      return Futures.failed(new IllegalStateException("cannot derive an HTTP URL from " + wsUrl));
    }
    HttpUrl uploadUrl = base.newBuilder().encodedPath("/attachments/upload").build();
    return provider
        .validator(validatorKey, runtime)
        .thenCompose(
            validator -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("validator_key", validatorKey);
              body.put("validator", validator.reveal());
              body.put("file", ByteString.of(data).base64());
              body.put("name", name);
              body.put("mime_type", mimeType);
              body.put("channel", channel);
              Request request =
                  new Request.Builder()
                      .url(uploadUrl)
                      .post(
                          RequestBody.create(OcJson.write(body), MediaType.get("application/json")))
                      .build();
              CompletableFuture<Attachment> result = new CompletableFuture<>();
              runtime
                  .httpClient()
                  .newCall(request)
                  .enqueue(
                      new Callback() {
                        @Override
                        public void onFailure(Call call, IOException e) {
                          result.completeExceptionally(
                              new ConnectionLostException(
                                  "upload failed: " + e.getClass().getSimpleName(), e));
                        }

                        @Override
                        public void onResponse(Call call, Response response) {
                          try (ResponseBody rb = response.body()) {
                            String text = readBounded(rb);
                            Map<String, Object> o;
                            try {
                              o = OcJson.parseObject(text);
                            } catch (ProtocolException e) {
                              o = Collections.emptyMap();
                            }
                            Object attachment = o.get("attachment");
                            if (response.isSuccessful() && attachment instanceof Map) {
                              @SuppressWarnings("unchecked") // a parsed JSON object
                              Map<String, Object> a = (Map<String, Object>) attachment;
                              result.complete(FrameDecoder.attachment(a));
                            } else {
                              Object err = o.get("error");
                              result.completeExceptionally(
                                  new OriginChatsServerException(
                                      "attachment_upload",
                                      "HTTP "
                                          + response.code()
                                          + (err instanceof String ? ": " + err : "")));
                            }
                          } catch (IOException | RuntimeException e) {
                            result.completeExceptionally(
                                new ConnectionLostException("upload reply unreadable", e));
                          }
                        }
                      });
              return result;
            });
  }
}

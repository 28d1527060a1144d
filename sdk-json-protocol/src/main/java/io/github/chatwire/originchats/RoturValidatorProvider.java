package io.github.chatwire.originchats;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.originchats.codec.JsonFields;
import io.github.chatwire.originchats.codec.OcJson;
import io.github.chatwire.originchats.internal.OcUploader;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The default {@link ValidatorProvider}: asks the Rotur API ({@code GET
 * <baseUrl>/generate_validator?key=<validator_key>} with the user's token as a bearer token) for a
 * validator. Immutable and thread-safe; the token never appears in logs, exception messages or
 * {@link #toString()}.
 *
 * <p>HTTP 401/403 and a reply without a validator fail with {@link AuthenticationException}
 * (terminal); network errors and other statuses fail with a retryable {@link
 * ConnectionLostException}.
 */
public final class RoturValidatorProvider implements ValidatorProvider {
  /** The public Rotur API. */
  public static final String DEFAULT_BASE_URL = "https://api.rotur.dev";

  private final Secret token;
  private final HttpUrl baseUrl;

  private RoturValidatorProvider(Secret token, HttpUrl baseUrl) {
    this.token = token;
    this.baseUrl = baseUrl;
  }

  /**
   * A provider for the public Rotur API.
   *
   * @param token the user's Rotur token; never null
   * @return the provider
   */
  public static RoturValidatorProvider of(Secret token) {
    return of(token, DEFAULT_BASE_URL);
  }

  /**
   * A provider for a Rotur-compatible API at another address (tests, self-hosted).
   *
   * @param token the user's Rotur token; never null
   * @param baseUrl the API's base URL, e.g. "https://api.rotur.dev"; never null
   * @return the provider
   * @throws IllegalArgumentException if the URL is not http(s)
   */
  public static RoturValidatorProvider of(Secret token, String baseUrl) {
    Objects.requireNonNull(token, "token");
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
    if (url == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
    }
    return new RoturValidatorProvider(token, url);
  }

  @Override
  public CompletableFuture<Secret> validator(String validatorKey, ChatwireRuntime runtime) {
    CompletableFuture<Secret> result = new CompletableFuture<>();
    HttpUrl url =
        baseUrl
            .newBuilder()
            .addPathSegment("generate_validator")
            .addQueryParameter("key", validatorKey)
            .build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + token.reveal())
            .get()
            .build();
    runtime
        .httpClient()
        .newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                result.completeExceptionally(
                    new ConnectionLostException(
                        "Rotur request failed: " + e.getClass().getSimpleName()));
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (ResponseBody body = response.body()) {
                  String text = OcUploader.readBounded(body);
                  result.complete(parse(response.code(), text));
                } catch (IOException e) {
                  result.completeExceptionally(
                      new ConnectionLostException("Rotur reply unreadable: " + e.getMessage()));
                } catch (ChatwireException e) {
                  result.completeExceptionally(e);
                }
              }
            });
    return result;
  }

  static Secret parse(int code, String body) {
    if (code == 401 || code == 403) {
      throw new AuthenticationException("Rotur refused the token (HTTP " + code + ")");
    }
    if (code != 200) {
      throw new ConnectionLostException("Rotur answered HTTP " + code);
    }
    Map<String, Object> o;
    try {
      o = OcJson.parseObject(body);
    } catch (RuntimeException e) {
      throw new ConnectionLostException("Rotur reply is not a JSON object");
    }
    Object v = o.get("validator");
    if (!(v instanceof String) || ((String) v).isEmpty()) {
      String err =
          o.get("error") instanceof String
              ? JsonFields.str(o, "error")
              : "no validator in the reply";
      throw new AuthenticationException("Rotur gave no validator: " + err);
    }
    return Secret.of((String) v);
  }

  @Override
  public String toString() {
    return "RoturValidatorProvider[" + baseUrl + "]";
  }
}

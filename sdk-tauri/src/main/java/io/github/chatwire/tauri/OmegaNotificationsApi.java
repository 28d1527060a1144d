package io.github.chatwire.tauri;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.RateLimitedException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.internal.Execution;
import io.github.chatwire.tauri.codec.OmegaApiJson;
import io.github.chatwire.tauri.model.PendingNotification;
import io.github.chatwire.tauri.model.UserProfile;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Omega's HTTP API for synchronising notification state: a user's profile (with online status), the
 * pending push notifications of a user, and clearing one sender's notifications.
 *
 * <p><b>Unverified:</b> the spec gives only the DELETE route ({@value #DEFAULT_DELETE_PATH}); the
 * other two paths are configurable, with defaults modelled on Omega's public {@code GET
 * /api/get/user/<id>}. Paths are templates with {@code {user_id}} and {@code {sender_id}}, which
 * are URL-encoded as path segments.
 *
 * <p>Results: every method returns at once with a future completed on the runtime's callback
 * executor, with the typed result or with {@link OmegaHttpException} (error status; retryable for
 * 5xx), {@link AuthenticationException} (401/403), {@link RateLimitedException} (429, with
 * Retry-After), {@link io.github.chatwire.core.ServerErrorException} (a body whose status is not
 * success), {@link ProtocolException} (malformed body) or {@link ConnectionLostException} (network
 * failure). HTTP goes through {@link ChatwireRuntime#httpClient()}. Thread-safe.
 */
public final class OmegaNotificationsApi implements AutoCloseable {
  /** Default path of the profile request. */
  public static final String DEFAULT_PROFILE_PATH = "/api/get/user/{user_id}";

  /** Default path of the pending-notifications request. */
  public static final String DEFAULT_NOTIFICATIONS_PATH = "/api/get/notifications/{user_id}";

  /** The spec's path of the delete request. */
  public static final String DEFAULT_DELETE_PATH =
      "/api/delete/notifications/{user_id}/{sender_id}";

  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final HttpUrl baseUrl;
  private final String profilePath;
  private final String notificationsPath;
  private final String deletePath;
  private final Map<String, Object> headers;
  private final ChatwireRuntime runtime;
  private final boolean sharedRuntime;
  private final OkHttpClient http;
  private final Executor callbacks;
  private volatile boolean closed;

  private OmegaNotificationsApi(Builder b) {
    this.baseUrl = Objects.requireNonNull(b.baseUrl); // build() checked it
    this.profilePath = b.profilePath;
    this.notificationsPath = b.notificationsPath;
    this.deletePath = b.deletePath;
    this.headers = new LinkedHashMap<>(b.headers);
    if (b.runtime != null) {
      runtime = b.runtime;
      sharedRuntime = false;
    } else {
      runtime = ChatwireRuntime.acquireShared();
      sharedRuntime = true;
    }
    this.http = runtime.httpClient();
    this.callbacks = runtime.callbackExecutor();
  }

  /**
   * Starts building a client of the API.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Fetches a user's profile, including the online status.
   *
   * @param userId the user id; never null
   * @return a future of the profile
   */
  public CompletableFuture<UserProfile> userProfile(String userId) {
    return call("GET", profilePath, userId, null, OmegaApiJson::parseProfile);
  }

  /**
   * Fetches the pending push notifications of a user.
   *
   * @param userId the user id; never null
   * @return a future of the notifications (unmodifiable, possibly empty)
   */
  public CompletableFuture<List<PendingNotification>> pendingNotifications(String userId) {
    return call("GET", notificationsPath, userId, null, OmegaApiJson::parseNotifications);
  }

  /**
   * Clears the notifications of one sender for a user: {@code DELETE
   * /api/delete/notifications/{user_id}/{sender_id}}.
   *
   * @param userId the user id; never null
   * @param senderId the sender id; never null
   * @return a future completed (with null) when the server confirmed
   */
  public CompletableFuture<Void> deleteNotification(String userId, String senderId) {
    Objects.requireNonNull(senderId, "senderId");
    return call(
        "DELETE",
        deletePath,
        userId,
        senderId,
        body -> {
          OmegaApiJson.parseStatus(body);
          return null;
        });
  }

  /**
   * Releases the shared runtime if this client took it (a runtime passed to the builder is left
   * alone). Calls in flight still complete. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (sharedRuntime) {
      ChatwireRuntime.releaseShared();
    }
  }

  private <T> CompletableFuture<T> call(
      String method,
      String template,
      String userId,
      @Nullable String senderId,
      Function<String, T> parser) {
    Objects.requireNonNull(userId, "userId");
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(
          new io.github.chatwire.core.ConnectionClosedException("API client is closed", null));
      return result;
    }
    HttpUrl url = resolve(template, userId, senderId);
    Request.Builder rb = new Request.Builder().url(url);
    if ("DELETE".equals(method)) {
      rb.delete();
    }
    for (Map.Entry<String, Object> h : headers.entrySet()) {
      Object v = h.getValue();
      rb.header(h.getKey(), v instanceof Secret ? ((Secret) v).reveal() : (String) v);
    }
    String what = method + " " + template;
    http.newCall(rb.build())
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                complete(
                    result,
                    null,
                    new ConnectionLostException(what + " failed: " + e.getMessage(), e));
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (Response r = response) {
                  ChatwireException error = statusError(r, what);
                  if (error != null) {
                    complete(result, null, error);
                    return;
                  }
                  String body = readBody(r.body());
                  complete(result, parser.apply(body), null);
                } catch (ChatwireException e) {
                  complete(result, null, e);
                } catch (IOException e) {
                  complete(
                      result,
                      null,
                      new ConnectionLostException(
                          what + " failed while reading: " + e.getMessage(), e));
                } catch (RuntimeException e) {
                  complete(result, null, new ProtocolException(what + ": bad response: " + e, e));
                }
              }
            });
    return result;
  }

  private HttpUrl resolve(String template, String userId, @Nullable String senderId) {
    HttpUrl.Builder ub = baseUrl.newBuilder();
    for (String segment : template.split("/", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      String s = segment.replace("{user_id}", userId);
      if (senderId != null) {
        s = s.replace("{sender_id}", senderId);
      }
      ub.addPathSegment(s);
    }
    return ub.build();
  }

  private static @Nullable ChatwireException statusError(Response r, String what) {
    int code = r.code();
    if (code >= 200 && code < 300) {
      return null;
    }
    if (code == 401 || code == 403) {
      return new AuthenticationException(what + " refused with HTTP " + code);
    }
    if (code == 429) {
      return new RateLimitedException(
          what + " rate limited (HTTP 429)", retryAfter(r.header("Retry-After")));
    }
    return new OmegaHttpException(code, what + " failed with HTTP " + code);
  }

  private static Duration retryAfter(String header) {
    if (header != null) {
      try {
        long s = Long.parseLong(header.trim());
        if (s >= 0) {
          return Duration.ofSeconds(s);
        }
      } catch (NumberFormatException ignored) {
        // an HTTP date: fall through to the default
      }
    }
    return Duration.ofSeconds(1);
  }

  private static String readBody(ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    long declared = body.contentLength();
    if (declared > MAX_BODY_BYTES) {
      throw new ProtocolException("response body of " + declared + " bytes is too large");
    }
    okio.BufferedSource source = body.source();
    if (!source.request(MAX_BODY_BYTES + 1L)) {
      return source.getBuffer().readUtf8();
    }
    throw new ProtocolException("response body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  private <T> void complete(
      CompletableFuture<T> f, @Nullable T value, @Nullable ChatwireException error) {
    Runnable r =
        () -> {
          if (error == null) {
            f.complete(value);
          } else {
            f.completeExceptionally(error);
          }
        };
    Execution.executeOrRun(callbacks, r);
  }

  /** Builds an {@link OmegaNotificationsApi}. Not thread-safe. {@link #baseUrl} is required. */
  public static final class Builder {
    private @Nullable HttpUrl baseUrl;
    private String profilePath = DEFAULT_PROFILE_PATH;
    private String notificationsPath = DEFAULT_NOTIFICATIONS_PATH;
    private String deletePath = DEFAULT_DELETE_PATH;
    private final Map<String, Object> headers = new LinkedHashMap<>();
    private @Nullable ChatwireRuntime runtime;

    private Builder() {}

    /**
     * The API's base URL, e.g. {@code https://omega.example:9188}.
     *
     * @param baseUrl an http or https URL; never null
     * @return this builder
     * @throws IllegalArgumentException if it is not a valid URL
     */
    public Builder baseUrl(String baseUrl) {
      HttpUrl u = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (u == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
      }
      this.baseUrl = u;
      return this;
    }

    /**
     * The profile path template. Default {@value OmegaNotificationsApi#DEFAULT_PROFILE_PATH}.
     *
     * @param template contains {@code {user_id}}; never null
     * @return this builder
     */
    public Builder profilePath(String template) {
      this.profilePath = requireContains(template, "{user_id}");
      return this;
    }

    /**
     * The pending-notifications path template. Default {@value
     * OmegaNotificationsApi#DEFAULT_NOTIFICATIONS_PATH}.
     *
     * @param template contains {@code {user_id}}; never null
     * @return this builder
     */
    public Builder notificationsPath(String template) {
      this.notificationsPath = requireContains(template, "{user_id}");
      return this;
    }

    /**
     * The delete path template. Default {@value OmegaNotificationsApi#DEFAULT_DELETE_PATH}.
     *
     * @param template contains {@code {user_id}} and {@code {sender_id}}; never null
     * @return this builder
     */
    public Builder deletePath(String template) {
      this.deletePath = requireContains(requireContains(template, "{user_id}"), "{sender_id}");
      return this;
    }

    /**
     * A header sent with every request.
     *
     * @param name never null
     * @param value never null
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * A secret header (for example {@code Authorization}) sent with every request and never logged
     * or shown.
     *
     * @param name never null
     * @param value never null
     * @return this builder
     */
    public Builder secretHeader(String name, Secret value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The runtime whose HTTP client and callback executor to use; not closed by the API client.
     * Default: the shared runtime, released by {@link OmegaNotificationsApi#close()}.
     *
     * @param runtime never null
     * @return this builder
     */
    public Builder runtime(ChatwireRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * Builds the client. Without an explicit runtime it holds a reference to the shared runtime
     * from here on: always {@link OmegaNotificationsApi#close()} it.
     *
     * @return the client
     * @throws IllegalStateException if no base URL was set
     */
    public OmegaNotificationsApi build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl is required");
      }
      return new OmegaNotificationsApi(this);
    }

    private static String requireContains(String template, String token) {
      Objects.requireNonNull(template, "template");
      if (!template.contains(token)) {
        throw new IllegalArgumentException("path template must contain " + token);
      }
      return template;
    }
  }
}

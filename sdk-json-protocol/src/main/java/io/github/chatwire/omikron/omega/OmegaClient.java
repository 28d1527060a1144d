package io.github.chatwire.omikron.omega;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.internal.Execution;
import io.github.chatwire.omikron.OmikronPublicKey;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Omega's public HTTP API (OkHttp, bodies read with {@link OmikronCodec#decodeObject}): Omikron
 * discovery, user lookups and Omega's public key. Both response generations are read: the WebSocket
 * era's (E3, API on port 9187: plain bodies, CommunicationValue envelopes, text errors) and the
 * later one (E4, port 9188: flat JSON with {@code "status"}).
 *
 * <p>Thread-safe; methods never block. Futures complete on the runtime's callback executor and fail
 * with {@link OmegaException} (HTTP or Omega errors, network failures) or {@link
 * OmikronFormatException} (unreadable bodies). Bodies are capped at 1 MiB.
 */
public final class OmegaClient implements AutoCloseable {
  /** The public Omega's base URL in the WebSocket era. */
  public static final String DEFAULT_BASE_URL = "https://omega.tensamin.net:9187/";

  private static final long MAX_BODY = 1024 * 1024;

  private final HttpUrl baseUrl;
  private final ChatwireRuntime runtime;
  private final boolean sharedRuntime;
  private final OkHttpClient http;
  private volatile boolean closed;

  private OmegaClient(Builder b) {
    this.baseUrl = b.baseUrl;
    ChatwireRuntime given = b.runtime;
    if (given != null) {
      this.runtime = given;
      this.sharedRuntime = false;
    } else {
      this.runtime = ChatwireRuntime.acquireShared();
      this.sharedRuntime = true;
    }
    this.http = runtime.httpClient();
  }

  /**
   * Starts building a client.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A random connected Omikron ({@code GET /api/get/omikron}).
   *
   * @return its description; failed with an {@link OmegaException} that {@link
   *     OmegaException#isNotFound() is not found} when none is online
   */
  public CompletableFuture<OmikronInfo> getOmikron() {
    return get("api/get/omikron", OmegaClient::omikron);
  }

  /**
   * The Omikron for an id ({@code GET /api/get/omikron/<id>}): the id may be an Omikron's, an
   * Iota's (its primary Omikron) or a user's (the Omikron of the user's Iota).
   *
   * @param id the id; never null
   * @return the Omikron
   */
  public CompletableFuture<OmikronInfo> getOmikron(OmikronId id) {
    Objects.requireNonNull(id, "id");
    return get("api/get/omikron/" + id.value(), OmegaClient::omikron);
  }

  /**
   * A user by name ({@code GET /api/get/id/<username>}).
   *
   * @param username the name; never null
   * @return the user
   */
  public CompletableFuture<OmegaUser> getUserByName(String username) {
    Objects.requireNonNull(username, "username");
    return get("api/get/id/" + username, OmegaClient::user);
  }

  /**
   * A user by id ({@code GET /api/get/user/<id>}).
   *
   * @param userId the id; never null
   * @return the user
   */
  public CompletableFuture<OmegaUser> getUser(OmikronId userId) {
    Objects.requireNonNull(userId, "userId");
    return get("api/get/user/" + userId.value(), OmegaClient::user);
  }

  /**
   * Omega's own X448 public key ({@code GET /api/get/public_key}): plain base64 text (E3) or {@code
   * {"status":"success","public_key":...}} (E4).
   *
   * @return the key; failed with {@link OmikronFormatException} if it is not a 56-byte key
   */
  public CompletableFuture<OmikronPublicKey> getPublicKey() {
    return get(
        "api/get/public_key",
        body -> {
          String t = body.trim();
          String b64 =
              t.startsWith("{") ? checked(OmikronCodec.decodeObject(t)).getString("public_key") : t;
          if (b64 == null) {
            throw new OmikronFormatException("no public_key in Omega's answer");
          }
          try {
            return OmikronPublicKey.parse(b64);
          } catch (IllegalArgumentException e) {
            throw new OmikronFormatException("Omega's public key is unusable: " + e.getMessage());
          }
        });
  }

  private static OmikronInfo omikron(String body) {
    OmikronData d = checked(OmikronCodec.decodeObject(body));
    return new OmikronInfo(d.getId("id"), d.getString("public_key"), d.getString("ip_address"), d);
  }

  private static OmegaUser user(String body) {
    OmikronData d = checked(OmikronCodec.decodeObject(body));
    OmikronData inner = d.getObject("data");
    if (inner != null && d.has("type")) {
      return OmegaUser.from(inner, false); // E3: a CommunicationValue envelope
    }
    return OmegaUser.from(d, true);
  }

  /**
   * Throws for an error code in a 200 body: E3 {@code type: error_*}, E4 {@code status: error*}.
   */
  private static OmikronData checked(OmikronData d) {
    String type = d.getString("type");
    if (type != null && type.startsWith("error")) {
      throw new OmegaException(type, null, 200, false);
    }
    Object status = d.get("status");
    if (status instanceof String && ((String) status).startsWith("error")) {
      throw new OmegaException((String) status, null, 200, false);
    }
    return d;
  }

  private <T> CompletableFuture<T> get(String path, Function<String, T> parse) {
    CompletableFuture<T> out = new CompletableFuture<>();
    if (closed) {
      out.completeExceptionally(
          new OmegaException("closed", "the Omega client is closed", 0, false));
      return out;
    }
    HttpUrl url = baseUrl.resolve(path);
    if (url == null) {
      out.completeExceptionally(new IllegalArgumentException("bad path"));
      return out;
    }
    Request request =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/json, text/plain")
            .get()
            .build();
    http.newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                complete(
                    out,
                    null,
                    new OmegaException(
                        "network",
                        "request to Omega failed: " + e.getClass().getSimpleName(),
                        0,
                        true));
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (ResponseBody body = response.body()) {
                  String text = read(body);
                  if (!response.isSuccessful()) {
                    complete(out, null, httpError(response.code(), text));
                    return;
                  }
                  T value;
                  try {
                    value = parse.apply(text);
                  } catch (RuntimeException e) {
                    complete(out, null, e);
                    return;
                  }
                  complete(out, value, null);
                } catch (IOException e) {
                  complete(
                      out,
                      null,
                      new OmegaException(
                          "network", "reading Omega's answer failed", response.code(), true));
                } catch (RuntimeException e) {
                  complete(out, null, e);
                }
              }
            });
    return out;
  }

  private static String read(@Nullable ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    BufferedSource source = body.source();
    if (!source.request(MAX_BODY + 1)) {
      return source.getBuffer().readUtf8();
    }
    throw new OmikronFormatException("Omega's answer is larger than " + MAX_BODY + " bytes");
  }

  private static OmegaException httpError(int status, String body) {
    String code = "http_" + status;
    String t = body == null ? "" : body.trim();
    if (t.startsWith("{")) {
      try {
        OmikronData d = OmikronCodec.decodeObject(t);
        String s = d.getString("status");
        if (s == null) {
          s = d.getString("type");
        }
        if (s != null) {
          code = s;
        }
      } catch (OmikronFormatException e) {
        // keep the HTTP code
      }
    }
    String message =
        t.startsWith("{") || t.length() > 200
            ? "HTTP " + status
            : "HTTP " + status + (t.isEmpty() ? "" : ": " + t);
    return new OmegaException(code, message, status, status >= 500 || status == 429);
  }

  private <T> void complete(CompletableFuture<T> f, @Nullable T value, @Nullable Throwable error) {
    Runnable r =
        () -> {
          if (error != null) {
            f.completeExceptionally(error);
          } else {
            f.complete(value);
          }
        };
    Execution.executeOrRun(runtime.callbackExecutor(), r);
  }

  /**
   * Releases the shared runtime if this client took it; idempotent. Requests in flight still
   * complete.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (sharedRuntime) {
        ChatwireRuntime.releaseShared();
      }
    }
  }

  /** Builds an {@link OmegaClient}. Not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private @Nullable ChatwireRuntime runtime;

    private Builder() {}

    /**
     * Omega's base URL. Default {@link #DEFAULT_BASE_URL} (port 9187; the later API is on 9188).
     *
     * @param url an http(s) URL; never null
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public Builder baseUrl(String url) {
      String u = Objects.requireNonNull(url, "url");
      this.baseUrl = HttpUrl.get(u.endsWith("/") ? u : u + "/");
      return this;
    }

    /**
     * The runtime whose HTTP client and callback executor are used. Default the shared runtime,
     * released on {@link OmegaClient#close()}.
     *
     * @param runtime never null
     * @return this builder
     */
    public Builder runtime(ChatwireRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * @return the client
     */
    public OmegaClient build() {
      return new OmegaClient(this);
    }
  }
}

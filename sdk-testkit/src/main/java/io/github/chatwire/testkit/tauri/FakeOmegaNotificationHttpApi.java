package io.github.chatwire.testkit.tauri;

import com.squareup.moshi.JsonWriter;
import io.github.chatwire.tauri.model.UserProfile;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * A fake of Omega's notification HTTP API on {@link MockWebServer} (loopback), serving the default
 * paths of {@link io.github.chatwire.tauri.OmegaNotificationsApi}: {@code GET /api/get/user/{id}},
 * {@code GET /api/get/notifications/{id}} and {@code DELETE
 * /api/delete/notifications/{user}/{sender}}, from state the test sets up. Unknown users give 404.
 * Error responses can be queued with {@link #failNext(MockResponse)}, and a header can be required
 * ({@link #requireHeader}), answering 401 without it.
 *
 * <p>Thread-safe.
 */
public final class FakeOmegaNotificationHttpApi implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final Map<String, UserProfile> profiles = new ConcurrentHashMap<>();
  private final Map<String, Map<Long, Long>> notifications = new ConcurrentHashMap<>();
  private final Deque<MockResponse> failures = new ArrayDeque<>();
  private volatile @Nullable RequiredHeader requiredHeader;

  /** A header every request must carry ({@link #requireHeader}). */
  private record RequiredHeader(String name, String value) {}

  /**
   * Creates and starts the fake on a free loopback port.
   *
   * @throws IOException if it cannot start
   */
  public FakeOmegaNotificationHttpApi() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return handle(request);
          }
        });
    server.start();
  }

  /**
   * The base URL to give the API client.
   *
   * @return the URL, e.g. {@code http://127.0.0.1:PORT}; never null
   */
  public String baseUrl() {
    String u = server.url("/").toString();
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  /**
   * Sets a user's profile.
   *
   * @param profile the profile; never null
   */
  public void putProfile(UserProfile profile) {
    profiles.put(String.valueOf(profile.userId()), profile);
  }

  /**
   * Adds pending notifications of a sender for a user.
   *
   * @param userId the user
   * @param senderId the sender
   * @param amount how many to add
   */
  public void addNotifications(long userId, long senderId, long amount) {
    notifications
        .computeIfAbsent(String.valueOf(userId), k -> new ConcurrentHashMap<>())
        .merge(senderId, amount, Long::sum);
  }

  /**
   * The pending notifications of a user, by sender.
   *
   * @param userId the user
   * @return a snapshot; never null
   */
  public Map<Long, Long> notificationsOf(long userId) {
    Map<Long, Long> m = notifications.get(String.valueOf(userId));
    return m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
  }

  /**
   * Queues a response that replaces the next request's normal answer.
   *
   * @param response the response; never null
   */
  public void failNext(MockResponse response) {
    synchronized (failures) {
      failures.add(Objects.requireNonNull(response, "response"));
    }
  }

  /**
   * Requires a header on every request; requests without it get 401.
   *
   * @param name the header name; never null
   * @param value the expected value; never null
   */
  public void requireHeader(String name, String value) {
    requiredHeader =
        new RequiredHeader(
            Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
  }

  /**
   * Takes the next recorded request.
   *
   * @param timeoutMillis the longest wait
   * @return the request; null if none came in time
   * @throws InterruptedException if interrupted
   */
  public @Nullable RecordedRequest takeRequest(long timeoutMillis) throws InterruptedException {
    return server.takeRequest(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * The number of requests received so far.
   *
   * @return the count
   */
  public int requestCount() {
    return server.getRequestCount();
  }

  /** Stops the server. */
  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  // split("/") drops trailing empty strings: a trailing slash is ignored, as it always was here
  @SuppressWarnings("StringSplitter")
  private MockResponse handle(RecordedRequest request) {
    synchronized (failures) {
      if (!failures.isEmpty()) {
        return failures.poll();
      }
    }
    RequiredHeader required = requiredHeader;
    if (required != null && !required.value().equals(request.getHeader(required.name()))) {
      return json(401, "{\"status\":\"error\",\"message\":\"unauthorized\"}");
    }
    String path = request.getRequestUrl() == null ? "" : request.getRequestUrl().encodedPath();
    String[] p = path.substring(1).split("/");
    String method = request.getMethod();
    if ("GET".equals(method)
        && p.length == 4
        && p[0].equals("api")
        && p[1].equals("get")
        && p[2].equals("user")) {
      UserProfile profile = profiles.get(p[3]);
      return profile == null
          ? json(404, "{\"status\":\"error\",\"message\":\"user not found\"}")
          : json(200, profileJson(profile));
    }
    if ("GET".equals(method)
        && p.length == 4
        && p[0].equals("api")
        && p[1].equals("get")
        && p[2].equals("notifications")) {
      Map<Long, Long> m = notifications.getOrDefault(p[3], new LinkedHashMap<>());
      StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"notifications\":[");
      boolean first = true;
      for (Map.Entry<Long, Long> e : m.entrySet()) {
        sb.append(first ? "" : ",")
            .append("{\"sender_id\":")
            .append(e.getKey())
            .append(",\"amount\":")
            .append(e.getValue())
            .append('}');
        first = false;
      }
      return json(200, sb.append("]}").toString());
    }
    if ("DELETE".equals(method)
        && p.length == 5
        && p[0].equals("api")
        && p[1].equals("delete")
        && p[2].equals("notifications")) {
      Map<Long, Long> m = notifications.get(p[3]);
      try {
        if (m != null) {
          m.remove(Long.parseLong(p[4]));
        }
      } catch (NumberFormatException e) {
        return json(400, "{\"status\":\"error\",\"message\":\"bad sender id\"}");
      }
      return json(200, "{\"status\":\"success\"}");
    }
    return json(404, "{\"status\":\"error\",\"message\":\"no route\"}");
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static String profileJson(UserProfile p) {
    Buffer b = new Buffer();
    try (JsonWriter w = JsonWriter.of(b)) {
      w.beginObject();
      w.name("status").value("success");
      w.name("user_id").value(p.userId());
      w.name("username").value(p.username());
      w.name("display").value(p.display());
      w.name("public_key").value(p.publicKey());
      w.name("iota_id").value(p.iotaId());
      w.name("online_status").value(p.onlineStatus().wireValue());
      w.name("sub_level").value(p.subLevel());
      w.name("sub_end").value(p.subEnd());
      w.name("about").value(p.about());
      w.name("avatar").value(p.avatar());
      w.name("status_message").value(p.statusMessage());
      w.endObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return b.readUtf8();
  }
}

package io.github.chatwire.testkit.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.RateLimitedException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.ServerErrorException;
import io.github.chatwire.tauri.OmegaHttpException;
import io.github.chatwire.tauri.OmegaNotificationsApi;
import io.github.chatwire.tauri.model.OnlineStatus;
import io.github.chatwire.tauri.model.PendingNotification;
import io.github.chatwire.tauri.model.UserProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OmegaNotificationsApi against the MockWebServer-based fake of Omega's HTTP API. */
class OmegaNotificationsApiTest {
  private FakeOmegaNotificationHttpApi fake;
  private ChatwireRuntime runtime;
  private OmegaNotificationsApi api;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeOmegaNotificationHttpApi();
    runtime = ChatwireRuntime.builder().build();
    api = OmegaNotificationsApi.builder().baseUrl(fake.baseUrl()).runtime(runtime).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    api.close();
    runtime.close();
    fake.close();
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void fetchesTheFullProfile() throws Exception {
    UserProfile p =
        new UserProfile(
            42,
            "alice",
            "Alice A.",
            "cHVi",
            7,
            OnlineStatus.ONLINE,
            2,
            1_900_000_000_000L,
            "about me",
            "YXZh",
            "busy");
    fake.putProfile(p);
    assertEquals(p, get(api.userProfile("42")));
    RecordedRequest r = fake.takeRequest(1000);
    assertEquals("GET", r.getMethod());
    assertEquals("/api/get/user/42", r.getPath());
  }

  @Test
  void profileParsingIsLenient() throws Exception {
    fake.failNext(
        new MockResponse()
            .setBody(
                "{\"status\":\"success\",\"user_id\":\"9007199254740993\",\"username\":\"b\","
                    + "\"online_status\":\"user_dnd\",\"iota_id\":3.0,\"extra\":{\"x\":[1]}}"));
    UserProfile p = get(api.userProfile("9007199254740993"));
    assertEquals(9007199254740993L, p.userId());
    assertEquals(3, p.iotaId());
    assertEquals(OnlineStatus.Kind.OTHER, p.onlineStatus().kind());
    assertEquals("user_dnd", p.onlineStatus().wireValue());
    assertNull(p.about());
    assertEquals("", p.display());
  }

  @Test
  void listsAndDeletesPendingNotifications() throws Exception {
    fake.addNotifications(5, 9, 3);
    fake.addNotifications(5, 11, 1);
    List<PendingNotification> list = get(api.pendingNotifications("5"));
    assertEquals(2, list.size());
    assertTrue(list.contains(new PendingNotification(9, 3)));
    assertTrue(list.contains(new PendingNotification(11, 1)));

    assertNull(get(api.deleteNotification("5", "9")));
    assertEquals(Map.of(11L, 1L), fake.notificationsOf(5));
    fake.takeRequest(1000);
    RecordedRequest delete = fake.takeRequest(1000);
    assertEquals("DELETE", delete.getMethod());
    assertEquals("/api/delete/notifications/5/9", delete.getPath());
  }

  @Test
  void acceptsSenderAliasAndEmptyLists() throws Exception {
    fake.failNext(
        new MockResponse()
            .setBody(
                "{\"status\":\"success\",\"notifications\":[{\"sender\":\"12\",\"amount\":4}]}"));
    assertEquals(List.of(new PendingNotification(12, 4)), get(api.pendingNotifications("1")));
    assertEquals(List.of(), get(api.pendingNotifications("nobody")));
  }

  @Test
  void errorStatusesAreTyped() {
    OmegaHttpException notFound =
        assertInstanceOf(OmegaHttpException.class, failure(api.userProfile("404")));
    assertEquals(404, notFound.status());
    assertFalse(notFound.isRetryable());

    fake.failNext(new MockResponse().setResponseCode(503));
    OmegaHttpException unavailable =
        assertInstanceOf(OmegaHttpException.class, failure(api.pendingNotifications("1")));
    assertEquals(503, unavailable.status());
    assertTrue(unavailable.isRetryable());

    fake.failNext(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7"));
    RateLimitedException limited =
        assertInstanceOf(RateLimitedException.class, failure(api.deleteNotification("1", "2")));
    assertEquals(Duration.ofSeconds(7), limited.retryAfter());

    fake.failNext(
        new MockResponse().setBody("{\"status\":\"error\",\"message\":\"database down\"}"));
    ServerErrorException server =
        assertInstanceOf(ServerErrorException.class, failure(api.deleteNotification("1", "2")));
    assertTrue(server.getMessage().contains("database down"));

    fake.failNext(new MockResponse().setBody("<html>oops</html>"));
    assertInstanceOf(ProtocolException.class, failure(api.userProfile("1")));

    fake.failNext(new MockResponse().setBody("{\"status\":\"success\"}"));
    assertInstanceOf(
        ProtocolException.class, failure(api.userProfile("1")), "a profile without user_id");

    // Three times: OkHttp may retry a failed GET, once on the pooled connection of the requests
    // before and once more on a fresh one (with two, a run without reruns once saw the third
    // attempt get the fake's normal answer: nothing thrown).
    for (int i = 0; i < 3; i++) {
      fake.failNext(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }
    Throwable lost = failure(api.pendingNotifications("1"));
    assertInstanceOf(ConnectionLostException.class, lost, String.valueOf(lost));
  }

  @Test
  void secretHeaderAuthenticatesAndIsNeverShown() throws Exception {
    fake.requireHeader("Authorization", "Bearer s3cret");
    assertInstanceOf(AuthenticationException.class, failure(api.pendingNotifications("1")));
    Secret token = Secret.of("Bearer s3cret");
    try (OmegaNotificationsApi authed =
        OmegaNotificationsApi.builder()
            .baseUrl(fake.baseUrl())
            .runtime(runtime)
            .secretHeader("Authorization", token)
            .build()) {
      assertEquals(List.of(), get(authed.pendingNotifications("1")));
    }
    assertFalse(token.toString().contains("s3cret"));
  }

  @Test
  void baseUrlAndPathsAreConfigurable() throws Exception {
    fake.failNext(new MockResponse().setBody("{\"status\":\"success\",\"notifications\":[]}"));
    try (OmegaNotificationsApi custom =
        OmegaNotificationsApi.builder()
            .baseUrl(fake.baseUrl() + "/omega")
            .notificationsPath("/v2/users/{user_id}/pending")
            .runtime(runtime)
            .build()) {
      assertEquals(List.of(), get(custom.pendingNotifications("a b")));
    }
    assertEquals("/omega/v2/users/a%20b/pending", fake.takeRequest(1000).getPath());
    assertThrows(
        IllegalArgumentException.class,
        () -> OmegaNotificationsApi.builder().deletePath("/x/{user_id}"));
    assertThrows(IllegalStateException.class, () -> OmegaNotificationsApi.builder().build());
  }
}

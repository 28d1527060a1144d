package io.github.chatwire.examples.bots;

import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.tauri.OmegaNotificationsApi;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriPushListener;
import io.github.chatwire.tauri.model.PendingNotification;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Example: a Tauri notification listener that prints every push and clears it through Omega's HTTP
 * API, the way a phone shows a notification and then marks it as seen.
 *
 * <p>Two channels work together: the QUIC push channel ({@link TauriPushClient}) says "a message
 * from X arrived while you were offline", and the HTTP API ({@link OmegaNotificationsApi}) holds
 * the pending counters, which this class lists once at start (what arrived while the device was
 * off) and clears per sender.
 *
 * <pre>{@code
 * TauriPushClient.Builder quic = TauriPushClient.builder()
 *         .host("omega.example").alpn("tauri")
 *         .clientIdentity(TauriClientIdentity.fromPem(certPem, keyPem));
 * OmegaNotificationsApi http = OmegaNotificationsApi.builder().baseUrl("https://omega.example").build();
 * try (TauriNotificationListener bot = new TauriNotificationListener("42", quic, http, System.out::println)) {
 *     bot.start().join();        // identified, and the backlog printed and cleared
 *     Thread.sleep(60_000);      // pushes are printed and cleared as they come
 * }
 * }</pre>
 */
public final class TauriNotificationListener implements AutoCloseable {
  private final String userId;
  private final OmegaNotificationsApi api;
  private final Consumer<String> log;
  private final TauriPushClient client;

  /**
   * Creates the listener; nothing happens until {@link #start()}.
   *
   * @param userId the user whose notifications this device receives
   * @param quic the push channel's settings (host, port, ALPN, client certificate, trust); the user
   *     id and a listener are added here
   * @param api the HTTP API client; closed by {@link #close()}
   * @param log where to say what happens; called on the SDK's callback thread
   */
  public TauriNotificationListener(
      String userId,
      TauriPushClient.Builder quic,
      OmegaNotificationsApi api,
      Consumer<String> log) {
    this.userId = Objects.requireNonNull(userId, "userId");
    this.api = Objects.requireNonNull(api, "api");
    this.log = Objects.requireNonNull(log, "log");
    this.client =
        quic.userId(userId)
            .listener(
                new TauriPushListener() {
                  // Callbacks run one at a time on the SDK's callback thread. They must not block,
                  // so the
                  // HTTP call's future is only chained, never waited for.
                  @Override
                  public void onPushNotification(String senderId) {
                    log.accept("push: new message from " + senderId);
                    clear(senderId);
                  }

                  @Override
                  public void onReadNotification(String senderId) {
                    // Read on another device: nothing to clear on the server, just drop our badge.
                    log.accept("read elsewhere: badge for " + senderId + " removed");
                  }

                  @Override
                  public void onStateChange(StateChange change) {
                    // The client reconnects and identifies again by itself; we only report it.
                    log.accept("state " + change.current());
                  }
                })
            .build();
  }

  /**
   * Connects, and once identified prints and clears the notifications that are already pending.
   *
   * @return completes when the backlog has been cleared; fails if connecting or the API fails
   */
  public CompletableFuture<Void> start() {
    return client
        .connect()
        .thenCompose(ready -> api.pendingNotifications(userId))
        .thenCompose(this::clearBacklog);
  }

  private CompletableFuture<Void> clearBacklog(List<PendingNotification> pending) {
    CompletableFuture<?>[] clears = new CompletableFuture<?>[pending.size()];
    for (int i = 0; i < clears.length; i++) {
      PendingNotification n = pending.get(i);
      log.accept("pending: " + n.amount() + " message(s) from " + n.senderId());
      clears[i] = clear(String.valueOf(n.senderId()));
    }
    return CompletableFuture.allOf(clears);
  }

  /** DELETE /api/delete/notifications/{user}/{sender}; a failure is reported, not thrown. */
  private CompletableFuture<Void> clear(String senderId) {
    return api.deleteNotification(userId, senderId)
        .whenComplete(
            (ok, failure) ->
                log.accept(
                    failure == null
                        ? "cleared notifications from " + senderId
                        : "could not clear notifications from " + senderId + ": " + failure));
  }

  /**
   * The push client, for inspection.
   *
   * @return the client
   */
  public TauriPushClient client() {
    return client;
  }

  /** Closes the push connection and the HTTP API client. */
  @Override
  public void close() {
    client.close();
    api.close();
  }
}

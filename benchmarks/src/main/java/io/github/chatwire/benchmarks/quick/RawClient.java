package io.github.chatwire.benchmarks.quick;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The baseline: what a user writes by hand on raw OkHttp for the same exchange. One request in
 * flight at a time (so no correlation table), events counted as strings on OkHttp's reader thread.
 */
final class RawClient extends WebSocketListener {
  final CompletableFuture<Void> opened = new CompletableFuture<>();
  final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final AtomicReference<CompletableFuture<String>> pending = new AtomicReference<>();
  private volatile CompletableFuture<Long> flood;
  private volatile long events;
  private final WebSocket ws;

  RawClient(OkHttpClient client, String url) {
    ws = client.newWebSocket(new Request.Builder().url(url).build(), this);
  }

  /** Sends {@code ping:key[:payload]} and waits for its pong. */
  String ping(String key, String payload) throws Exception {
    CompletableFuture<String> f = new CompletableFuture<>();
    pending.set(f);
    ws.send(payload == null ? "ping:" + key : "ping:" + key + ":" + payload);
    return f.get(30, TimeUnit.SECONDS);
  }

  /** Asks for {@code n} events; the future completes with the count when the last one arrived. */
  CompletableFuture<Long> flood(int n) {
    events = 0;
    CompletableFuture<Long> f = new CompletableFuture<>();
    flood = f;
    ws.send("flood:" + n);
    return f;
  }

  void close() {
    ws.close(1000, null);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    opened.complete(null);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    if (text.startsWith("{")) {
      events++;
    } else if (text.startsWith("pong:")) {
      CompletableFuture<String> f = pending.getAndSet(null);
      if (f != null) {
        f.complete(text);
      }
    } else if (text.equals("flood-done")) {
      CompletableFuture<Long> f = flood;
      if (f != null) {
        f.complete(events);
      }
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(1000, null);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    closed.complete(null);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    opened.completeExceptionally(t);
    closed.complete(null);
  }
}

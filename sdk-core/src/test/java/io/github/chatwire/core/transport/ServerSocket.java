package io.github.chatwire.core.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The server side of one MockWebServer WebSocket: answers "hello" with "welcome" unless told not
 * to.
 */
final class ServerSocket extends WebSocketListener {
  final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
  final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
  final CompletableFuture<Integer> closingCode = new CompletableFuture<>();
  final boolean welcome;

  ServerSocket(boolean welcome) {
    this.welcome = welcome;
  }

  ServerSocket() {
    this(true);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    opened.complete(webSocket);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    received.add(text);
    if (welcome && text.equals("hello")) {
      webSocket.send("welcome");
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    closingCode.complete(code);
    webSocket.close(1000, null);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    closingCode.complete(-1);
  }

  WebSocket socket() throws Exception {
    return opened.get(10, TimeUnit.SECONDS);
  }

  String next() throws InterruptedException {
    String s = received.poll(10, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("server received nothing within 10 s");
    }
    return s;
  }
}

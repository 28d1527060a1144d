package io.github.chatwire.examples.demo;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.transport.WebSocketTransport;
import io.github.chatwire.examples.cli.Output;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/**
 * The connection engine on its own, with a three-line protocol ("hello" / "welcome" / "echo:"),
 * against a WebSocket server on loopback: handshake, a request, a forced disconnect and the
 * automatic reconnect.
 */
final class EngineScenario implements Scenario {
  @Override
  public String name() {
    return "connection engine (sdk-core)";
  }

  @Override
  public List<String> run(Output out) throws Exception {
    MockWebServer server = new MockWebServer();
    AtomicReference<WebSocket> serverSide = new AtomicReference<>();
    WebSocketListener echo =
        new WebSocketListener() {
          @Override
          public void onOpen(WebSocket webSocket, Response response) {
            serverSide.set(webSocket);
          }

          @Override
          public void onMessage(WebSocket webSocket, String text) {
            webSocket.send(text.equals("hello") ? "welcome" : "echo:" + text);
          }

          @Override
          public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
          }
        };
    server.enqueue(new MockResponse().withWebSocketUpgrade(echo));
    server.enqueue(new MockResponse().withWebSocketUpgrade(echo));
    server.start();
    ManagedConnection connection =
        ManagedConnection.builder(
                WebSocketTransport.builder(server.url("/ws").toString()).build(),
                new EchoProtocol())
            .options(
                ConnectionOptions.builder()
                    .name("engine-demo")
                    .reconnectPolicy(
                        ReconnectPolicy.builder().initialDelay(Duration.ofMillis(200)).build())
                    .build())
            .build();
    CompletableFuture<Void> reconnected = new CompletableFuture<>();
    connection.addListener(
        new ConnectionListener() {
          @Override
          public void onStateChange(StateChange change) {
            out.state(
                "engine",
                change.current().name(),
                change.cause() == null ? null : change.cause().getMessage());
            if (change.current() == ConnectionState.READY
                && change.previous() == ConnectionState.HANDSHAKING
                && server.getRequestCount() == 2) {
              reconnected.complete(null);
            }
          }

          @Override
          public void onError(ChatwireException error) {
            out.error(error.getClass().getSimpleName(), error.getMessage());
          }
        });
    try {
      long start = System.nanoTime();
      connection.connect().get(10, TimeUnit.SECONDS);
      String reply =
          connection
              .<String>request("demo", Outbound.text("demo", "echo"))
              .get(10, TimeUnit.SECONDS);
      long millis = (System.nanoTime() - start) / 1_000_000;
      out.info("request answered: " + reply);
      out.info("forcing a disconnect from the server side (close 1012, service restart)");
      serverSide.get().close(1012, "service restart");
      reconnected.get(15, TimeUnit.SECONDS);
      String again =
          connection
              .<String>request("again", Outbound.text("again", "echo"))
              .get(10, TimeUnit.SECONDS);
      out.info("after reconnect: " + again);
      return List.of(
          "connect, handshake and first request in " + millis + " ms",
          "reply: " + reply,
          "reconnected after close 1012; reply: " + again);
    } finally {
      connection.close();
      connection.closeFuture().get(10, TimeUnit.SECONDS);
      server.shutdown();
    }
  }

  /** "hello" → "welcome" makes it READY; "echo:KEY" answers request KEY. */
  private static final class EchoProtocol implements ProtocolHandler {
    @Override
    public void onOpen(ProtocolContext ctx) {
      ctx.sendNow(Outbound.text("hello"));
    }

    @Override
    public void onText(ProtocolContext ctx, String text) {
      if (text.equals("welcome")) {
        ctx.ready();
      } else if (text.startsWith("echo:")) {
        ctx.completeRequest(text.substring(5), text);
      }
    }
  }
}

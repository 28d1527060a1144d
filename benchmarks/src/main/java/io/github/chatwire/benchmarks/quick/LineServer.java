package io.github.chatwire.benchmarks.quick;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import javax.net.ServerSocketFactory;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The benchmarks' WebSocket server, on loopback, speaking a line protocol both chatwire and the raw
 * OkHttp baseline use: {@code hello} → {@code welcome}; {@code ping:K[:payload]} → {@code
 * pong:K[:payload]}; {@code flood:N} → N {@code message_new} frames then {@code flood-done}.
 *
 * <p>Run in its own JVM ({@code main}) it prints {@code PORT n} and reads commands on stdin: {@code
 * drop} (cut every socket without a close frame), {@code restart} (close every socket with 1012),
 * {@code count} (prints {@code OPEN n}), {@code quit}.
 */
public final class LineServer implements AutoCloseable {
  /** A {@code message_new} frame of the recorded OriginChats shape (about 300 bytes). */
  static String messageNew(long n) {
    return "{\"cmd\": \"message_new\", \"message\": {\"user\": \"originChats\", "
        + "\"content\": \"Welcome alice! Thanks for joining the server.\", \"timestamp\": 1795295458.2670903, "
        + "\"id\": \"7dc1360d-1edb-4adc-a53a-"
        + String.format("%012d", n)
        + "\"}, \"channel\": \"general\", \"global\": true}";
  }

  private final MockWebServer server;
  private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();
  private final Dispatcher dispatcher =
      new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return new MockResponse().withWebSocketUpgrade(new Peer());
        }
      };

  /** Starts on a free loopback port. */
  public LineServer() throws IOException {
    server = start(0);
  }

  private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();

  private MockWebServer start(int port) throws IOException {
    MockWebServer s = new MockWebServer();
    s.setDispatcher(dispatcher);
    // Keeps the accepted sockets, so that dropAll() can cut them without a close frame.
    s.setServerSocketFactory(
        new ServerSocketFactory() {
          @Override
          public ServerSocket createServerSocket() throws IOException {
            return new ServerSocket() {
              @Override
              public Socket accept() throws IOException {
                Socket socket = super.accept();
                // Without this, a reply written in more than one segment waits for the
                // client's delayed ACK (about 40 ms): Nagle, not either client's cost.
                socket.setTcpNoDelay(true);
                accepted.add(socket);
                return socket;
              }
            };
          }

          @Override
          public ServerSocket createServerSocket(int p) {
            throw new UnsupportedOperationException();
          }

          @Override
          public ServerSocket createServerSocket(int p, int backlog) {
            throw new UnsupportedOperationException();
          }

          @Override
          public ServerSocket createServerSocket(int p, int backlog, InetAddress address) {
            throw new UnsupportedOperationException();
          }
        });
    s.start(InetAddress.getLoopbackAddress(), port);
    return s;
  }

  /** The ws:// URL. */
  public String url() {
    return "ws://" + server.getHostName() + ":" + server.getPort() + "/ws";
  }

  /** Sockets open now. */
  public int openCount() {
    return open.size();
  }

  /**
   * Cuts every socket at once with a TCP reset and no close frame, while still accepting new ones:
   * what a crashed server behind a load balancer looks like. (A server-side OkHttp WebSocket cannot
   * be cancelled, so the accepted sockets are closed directly.)
   */
  public void dropAll() {
    open.clear();
    // Only the sockets open now: a client may already be reconnecting while this runs.
    List<Socket> now = new ArrayList<>(accepted);
    accepted.removeAll(now);
    for (Socket socket : now) {
      try {
        socket.setSoLinger(true, 0);
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  /** Closes every socket with 1012 (service restart). */
  public void restartAll() {
    // Only the sockets open now, as in dropAll().
    List<WebSocket> now = new ArrayList<>(open);
    open.removeAll(now);
    for (WebSocket ws : now) {
      ws.close(1012, "service restart");
    }
  }

  @Override
  public void close() throws IOException {
    open.clear();
    server.shutdown();
  }

  private final class Peer extends WebSocketListener {
    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      open.add(webSocket);
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      if (text.startsWith("ping:")) {
        ws.send("pong:" + text.substring(5));
      } else if (text.equals("hello")) {
        ws.send("welcome");
      } else if (text.startsWith("flood:")) {
        int n = Integer.parseInt(text.substring(6));
        for (int i = 0; i < n; i++) {
          // Stay far below OkHttp's 16 MiB outbound limit (which would close the socket).
          while (ws.queueSize() > (1 << 20)) {
            LockSupport.parkNanos(50_000);
          }
          ws.send(messageNew(i));
        }
        ws.send("flood-done");
      }
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      open.remove(ws);
      ws.close(1000, null);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      open.remove(ws);
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      open.remove(ws);
    }
  }

  /**
   * Runs the server in this JVM until {@code quit} or end of input.
   *
   * @param args ignored
   * @throws IOException if it cannot start
   */
  public static void main(String[] args) throws IOException {
    try (LineServer s = new LineServer()) {
      System.out.println("PORT " + s.server.getPort());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        switch (line.trim()) {
          case "drop":
            s.dropAll();
            break;
          case "restart":
            s.restartAll();
            break;
          case "count":
            System.out.println("OPEN " + s.openCount());
            System.out.flush();
            break;
          case "quit":
            return;
          default:
            break;
        }
      }
    }
  }
}

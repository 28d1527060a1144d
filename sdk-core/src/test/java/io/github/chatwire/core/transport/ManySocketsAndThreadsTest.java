package io.github.chatwire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.internal.NamedThreadFactory;
import io.github.chatwire.core.testing.TestProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/** Real time, default shared runtime: many sockets at once, and no thread left after close. */
class ManySocketsAndThreadsTest {

  private static Set<String> chatwireThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            t ->
                t.getThreadGroup() != null
                    && NamedThreadFactory.GROUP_NAME.equals(t.getThreadGroup().getName()))
        .map(Thread::getName)
        // OkHttp's and Okio's process-wide helper threads: lazily started by whichever thread
        // first needs them (so they may land in our group), shared by every OkHttp user in
        // the JVM, and ended by OkHttp itself after 60 s idle. Not the SDK's to stop.
        .filter(n -> !n.equals("OkHttp TaskRunner") && !n.equals("Okio Watchdog"))
        .collect(Collectors.toSet());
  }

  /** Waits (bounded) for the SDK's threads to end; returns what is still there. */
  private static Set<String> awaitNoChatwireThreads() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    Set<String> left = chatwireThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = chatwireThreads();
    }
    return left;
  }

  @Test
  void moreThan64WebSocketsFromOneRuntimeAreAllReady() throws Exception {
    int count = 120;
    MockWebServer server = new MockWebServer();
    server.start();
    List<ServerSocket> serverSides = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ServerSocket s = new ServerSocket();
      serverSides.add(s);
      server.enqueue(new MockResponse().withWebSocketUpgrade(s));
    }
    List<ManagedConnection> connections = new ArrayList<>();
    try (ChatwireRuntime runtime = ChatwireRuntime.builder().build()) {
      WebSocketTransport transport =
          WebSocketTransport.builder(server.url("/ws").toString()).build();
      List<CompletableFuture<Void>> ready = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ManagedConnection c =
            ManagedConnection.builder(transport, new TestProtocol()).runtime(runtime).build();
        connections.add(c);
        ready.add(c.connect());
      }
      CompletableFuture.allOf(ready.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
      for (ManagedConnection c : connections) {
        assertEquals(ConnectionState.READY, c.state());
      }
      // Every socket is really live: the last one can still exchange a message.
      ManagedConnection last = connections.get(count - 1);
      last.send(Outbound.text("are you there")).get(10, TimeUnit.SECONDS);
      int got = 0;
      for (ServerSocket s : serverSides) {
        got += s.received.contains("hello") ? 1 : 0;
      }
      assertEquals(count, got, "every server side saw its handshake");
    } finally {
      connections.forEach(ManagedConnection::close);
      server.shutdown();
    }
  }

  @Test
  void closingEveryConnectionLeavesNoSdkThreadBehind() throws Exception {
    assertTrue(
        awaitNoChatwireThreads().isEmpty(), "precondition: no chatwire threads from earlier tests");
    MockWebServer server = new MockWebServer();
    server.start();
    List<ManagedConnection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        server.enqueue(new MockResponse().withWebSocketUpgrade(new ServerSocket()));
        // No runtime given: each connection shares the default runtime.
        ManagedConnection c =
            ManagedConnection.builder(
                    WebSocketTransport.builder(server.url("/ws").toString()).build(),
                    new TestProtocol())
                .build();
        connections.add(c);
        c.connect().get(10, TimeUnit.SECONDS);
      }
      // The transport names a reader thread after its URL while it reads; the pool prefix stays.
      assertTrue(
          chatwireThreads().stream().anyMatch(n -> n.startsWith("chatwire-ws")),
          "reader threads exist while connected: " + chatwireThreads());
      for (ManagedConnection c : connections) {
        c.close();
      }
      for (ManagedConnection c : connections) {
        c.closeFuture().get(10, TimeUnit.SECONDS);
      }
      assertEquals(Set.of(), awaitNoChatwireThreads());
    } finally {
      server.shutdown();
    }
  }
}

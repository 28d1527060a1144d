package io.github.chatwire.testkit.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriTlsException;
import io.github.chatwire.tauri.TauriTrust;
import io.github.chatwire.tauri.codec.TauriFraming;
import io.github.chatwire.tauri.model.TauriMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Tauri push client against the in-process kwik fake of Omega, over real QUIC on loopback. */
class TauriQuicEndToEndTest extends TauriQuicTestBase {
  @ParameterizedTest
  @EnumSource(TauriFraming.class)
  void identificationPingPongPushAndReadNotifications(TauriFraming framing) throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder().framing(framing));
    RecordingListener listener = new RecordingListener();
    TauriPushClient client = track(client(server, listener).framing(framing).build());

    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    FakeTauriConnection conn = server.awaitIdentified(WAIT);
    assertEquals("user-1", conn.userId());
    assertEquals(new TauriMessage.Identification("user-1"), conn.received().get(0));
    assertEquals(ConnectionState.READY, client.state());
    assertEquals("identified", listener.next(WAIT));

    conn.ping(1_700_000_000_123L);
    conn.awaitReceived(m -> m.equals(new TauriMessage.Pong(1_700_000_000_123L)), WAIT);
    conn.ping(7);
    conn.awaitReceived(m -> m.equals(new TauriMessage.Pong(7)), WAIT);

    conn.push("alice");
    conn.read("alice");
    assertEquals("push:alice", listener.next(WAIT));
    assertEquals("read:alice", listener.next(WAIT));

    // Pushes may also come on streams the server opens.
    conn.sendOnNewStream(new TauriMessage.PushNotification("bob"));
    assertEquals("push:bob", listener.next(WAIT));

    conn.sendRaw("{\"type\":\"push_notification\"}");
    conn.push("carol");
    assertEquals("push:carol", listener.next(WAIT));
    assertEquals(1, listener.errors.size(), "the malformed push is reported, the connection kept");
    for (String thread : listener.callbackThreads) {
      assertTrue(thread.startsWith("chatwire-callback"), "listener ran on " + thread);
    }
    assertEquals(ConnectionState.READY, client.state());
  }

  @Test
  void aBlockedListenerDoesNotDelayPongs() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    RecordingListener listener =
        new RecordingListener() {
          @Override
          public void onPushNotification(String senderId) {
            entered.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.onPushNotification(senderId);
          }
        };
    TauriPushClient client = track(client(server, listener).build());
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    FakeTauriConnection conn = server.awaitIdentified(WAIT);
    conn.push("slow");
    assertTrue(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    conn.ping(99);
    conn.awaitReceived(m -> m.equals(new TauriMessage.Pong(99)), WAIT);
    release.countDown();
    assertEquals("push:slow", drainUntilPush(listener));
  }

  @Test
  void reconnectsAfterTheServerRestarts() throws Exception {
    FakeOmegaQuicServer first = FakeOmegaQuicServer.builder().start();
    RecordingListener listener = new RecordingListener();
    TauriPushClient client = track(client(first, listener).build());
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    first.awaitIdentified(WAIT);

    int port = first.port();
    first.close();
    listener.awaitState(ConnectionState.RECONNECTING, WAIT);

    FakeOmegaQuicServer second =
        server(FakeOmegaQuicServer.builder().port(port).certificate(first.certificate()));
    FakeTauriConnection conn = second.awaitIdentified(Duration.ofSeconds(20));
    assertEquals("user-1", conn.userId());
    listener.awaitState(ConnectionState.READY, WAIT);
    conn.push("after-restart");
    assertEquals("push:after-restart", drainUntilPush(listener));
  }

  @Test
  void serverCloseWithApplicationCodeReconnects() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    RecordingListener listener = new RecordingListener();
    TauriPushClient client = track(client(server, listener).build());
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    FakeTauriConnection first = server.awaitIdentified(WAIT);

    first.close(4000, "maintenance");
    var reconnecting = listener.awaitState(ConnectionState.RECONNECTING, WAIT);
    assertTrue(reconnecting.cause().getMessage().contains("4000"), reconnecting.toString());
    FakeTauriConnection second = server.awaitIdentified(WAIT);
    assertTrue(first != second);
    second.push("x");
    assertEquals("push:x", drainUntilPush(listener));
  }

  @Test
  void watchdogReconnectsWhenTheServerGoesSilent() throws Exception {
    VirtualScheduler clock = new VirtualScheduler();
    ChatwireRuntime runtime = ChatwireRuntime.builder().scheduler(clock).build();
    track(runtime);
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    RecordingListener listener = new RecordingListener();
    TauriPushClient client =
        track(
            client(server, listener)
                .runtime(runtime)
                .options(
                    ConnectionOptions.builder()
                        .reconnectPolicy(
                            ReconnectPolicy.builder()
                                .initialDelay(Duration.ofSeconds(1))
                                .jitter(0)
                                .build())
                        .idleTimeout(Duration.ofSeconds(90))
                        .build())
                .build());
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    FakeTauriConnection first = server.awaitIdentified(WAIT);

    // The server sends nothing more. Just before the watchdog deadline a ping keeps it alive.
    clock.advance(Duration.ofSeconds(80));
    first.ping(1);
    first.awaitReceived(m -> m instanceof TauriMessage.Pong, WAIT);
    clock.advance(Duration.ofSeconds(80));
    assertEquals(ConnectionState.READY, client.state());
    clock.advance(Duration.ofSeconds(10));
    listener.awaitState(ConnectionState.RECONNECTING, WAIT);
    assertTrue(first.awaitEnded(WAIT), "the client closed the silent connection");
    clock.advance(Duration.ofSeconds(1));
    FakeTauriConnection second = server.awaitIdentified(WAIT);
    assertEquals("user-1", second.userId());
  }

  @Test
  void aServerThatNeverAnswersTheIdentificationIsRetriedAfterTheHandshakeTimeout()
      throws Exception {
    VirtualScheduler clock = new VirtualScheduler();
    ChatwireRuntime runtime = ChatwireRuntime.builder().scheduler(clock).build();
    track(runtime);
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    server.silent(true);
    RecordingListener listener = new RecordingListener();
    TauriPushClient client =
        track(
            client(server, listener)
                .runtime(runtime)
                .options(
                    ConnectionOptions.builder()
                        .handshakeTimeout(Duration.ofSeconds(30))
                        // The first connection's own 30 s limit would end it before the retry under
                        // test.
                        .initialConnectTimeout(Duration.ofMinutes(2))
                        .reconnectPolicy(
                            ReconnectPolicy.builder()
                                .initialDelay(Duration.ofSeconds(1))
                                .jitter(0)
                                .build())
                        .build())
                .build());
    var connected = client.connect();
    FakeTauriConnection first = server.awaitConnection(WAIT);
    first.awaitReceived(m -> m instanceof TauriMessage.Identification, WAIT);
    clock.advance(Duration.ofSeconds(29));
    assertEquals(ConnectionState.HANDSHAKING, client.state());
    clock.advance(Duration.ofSeconds(1));
    listener.awaitState(ConnectionState.RECONNECTING, WAIT);
    assertTrue(first.awaitEnded(WAIT));
    server.silent(false);
    clock.advance(Duration.ofSeconds(1));
    connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("user-1", server.awaitIdentified(WAIT).userId());
  }

  @Test
  void aConfiguredAuthenticationCloseCodeEndsTheClient() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    RecordingListener listener = new RecordingListener();
    TauriPushClient client = track(client(server, listener).authenticationCloseCodes(4401).build());
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    server.awaitIdentified(WAIT).close(4401, "device unknown");
    var closed = listener.awaitState(ConnectionState.CLOSED, WAIT);
    assertTrue(
        closed.cause() instanceof io.github.chatwire.core.AuthenticationException,
        closed.toString());
    assertEquals(0, listener.count(ConnectionState.RECONNECTING));
  }

  @Test
  void anOversizedMessageDropsTheConnectionAndItReconnects() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    RecordingListener listener = new RecordingListener();
    TauriPushClient client = track(client(server, listener).maxMessageBytes(1024).build());
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    FakeTauriConnection first = server.awaitIdentified(WAIT);
    StringBuilder big =
        new StringBuilder("{\"type\":\"push_notification\",\"data\":{\"sender_id\":\"");
    while (big.length() < 2000) {
      big.append('x');
    }
    try {
      first.sendRaw(big.append("\"}}").toString());
    } catch (IllegalStateException e) {
      // The client may drop the connection on the first 1024 bytes, before our flush returns.
    }
    var reconnecting = listener.awaitState(ConnectionState.RECONNECTING, WAIT);
    assertTrue(
        reconnecting.cause() instanceof io.github.chatwire.core.MessageTooLargeException,
        reconnecting.toString());
    // What went on the wire is what the client reports: its own application error code.
    FakeTauriConnection.ConnectionEnd end = first.awaitConnectionEnd(WAIT);
    assertTrue(end.byClient(), end.toString());
    assertEquals(
        TauriPushClient.CLOSE_MESSAGE_TOO_LARGE, end.applicationErrorCode(), end.toString());
    String message = reconnecting.cause().getMessage();
    assertTrue(message.contains("QUIC application error 0x1009"), message);
    assertTrue(!message.contains("closed with 1009"), message);
    server.awaitIdentified(WAIT).push("small");
    assertEquals("push:small", drainUntilPush(listener));
  }

  @Test
  void aFrameThatIsNotUtf8ClosesWithTheBadFrameCodeAndSaysSo() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    RecordingListener listener = new RecordingListener();
    FakeTauriConnection first = connected(server, client(server, listener));
    first.sendBytes(new byte[] {'{', (byte) 0xFF, (byte) 0xFE, '}', '\n'});
    var reconnecting = listener.awaitState(ConnectionState.RECONNECTING, WAIT);
    assertTrue(
        reconnecting.cause().getMessage().contains("QUIC application error 0x1002"),
        reconnecting.toString());
    FakeTauriConnection.ConnectionEnd end = first.awaitConnectionEnd(WAIT);
    assertEquals(TauriPushClient.CLOSE_BAD_FRAME, end.applicationErrorCode(), end.toString());
    assertEquals("user-1", server.awaitIdentified(WAIT).userId());
  }

  @Test
  void aFiveThousandDigitSenderIdIsADecodeErrorAndTheConnectionStaysUp() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    RecordingListener listener = new RecordingListener();
    FakeTauriConnection conn = connected(server, client(server, listener));

    // 5,000 digits (several QUIC packets) over the wire; 50 KB frames: TauriLargeFrameTest. Both
    // stalled now and then in kwik's stream sender (a lost wake-up), which the fake works around.
    conn.sendRaw(
        "{\"type\":\"push_notification\",\"data\":{\"sender_id\":" + "7".repeat(5_000) + "}}");
    conn.push("alice");
    String next;
    try {
      next = drainUntilPush(listener);
    } catch (AssertionError e) {
      throw new AssertionError("states " + listener.states + ", errors " + listener.errors, e);
    }
    assertEquals("push:alice", next, "the bad id is not delivered, the next push is");
    assertEquals(1, listener.errors.size(), listener.errors.toString());
    var error =
        assertInstanceOf(
            io.github.chatwire.tauri.codec.TauriDecodeException.class, listener.errors.get(0));
    assertEquals("data.sender_id", error.field());
    assertEquals(ConnectionState.READY, listener.states.get(listener.states.size() - 1).current());
    assertEquals(0, listener.count(ConnectionState.RECONNECTING));
    assertEquals(1, server.connections().size(), "same connection");
  }

  @Test
  void hostNameIsVerifiedByDefaultAndOnlyTheInsecureTestModeSkipsIt() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    // The certificate names "localhost"; an IP literal does not match it.
    RecordingListener listener = new RecordingListener();
    TauriPushClient byIp = track(client(server, listener).host("127.0.0.1").build());
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> byIp.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertInstanceOf(TauriTlsException.class, e.getCause());
    assertTrue(
        e.getCause().getMessage().contains("not valid for the host name '127.0.0.1'"),
        e.getCause().getMessage());
    assertEquals(
        0, listener.count(ConnectionState.RECONNECTING), "a TLS misconfiguration is not retried");

    TauriPushClient insecure =
        track(
            client(server, new RecordingListener())
                .host("127.0.0.1")
                .trust(TauriTrust.insecureTrustAnyServerForTestsOnly())
                .build());
    insecure.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("user-1", server.awaitIdentified(WAIT).userId());
  }

  @Test
  void anUntrustedServerCertificateIsRefused() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    TestCertificate other = TestCertificate.selfSignedServer("localhost");
    RecordingListener listener = new RecordingListener();
    TauriPushClient client =
        track(client(server, listener).trust(TauriTrust.certificates(other.certificate())).build());
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertInstanceOf(TauriTlsException.class, e.getCause());
    assertEquals(List.of(), server.connections().stream().filter(c -> c.userId() != null).toList());
  }

  @Test
  void closeLeavesNoThreadsBehind() throws Exception {
    FakeOmegaQuicServer server = server(FakeOmegaQuicServer.builder());
    // Warm up: kwik's server creates its own pool threads lazily on the first connection.
    try (TauriPushClient warmUp = client(server, new RecordingListener()).build()) {
      warmUp.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      server.awaitIdentified(WAIT);
    }
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    RecordingListener listener = new RecordingListener();
    TauriPushClient client = client(server, listener).build(); // shared runtime
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    FakeTauriConnection conn = server.awaitIdentified(WAIT);
    conn.push("p");
    assertEquals("push:p", drainUntilPush(listener));
    assertTrue(
        threadsStartedSince(before).stream().anyMatch(n -> n.startsWith("chatwire-tauri-quic-")));

    client.close();
    client.closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(conn.awaitEnded(WAIT));
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> left = threadsStartedSince(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = threadsStartedSince(before);
    }
    assertEquals(List.of(), left, "threads left after close");
  }

  /** Threads alive now that were not alive before, ignoring the fake server's own. */
  private static List<String> threadsStartedSince(java.util.Set<Thread> before) {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && !before.contains(t) && !t.getName().startsWith("fake-omega-")) {
        StringBuilder sb = new StringBuilder(t.getName());
        for (StackTraceElement e : t.getStackTrace()) {
          sb.append(" <- ").append(e);
        }
        names.add(sb.toString());
      }
    }
    return names;
  }

  private static String drainUntilPush(RecordingListener listener) throws InterruptedException {
    while (true) {
      String e = listener.next(WAIT);
      if (e.startsWith("push:")) {
        return e;
      }
    }
  }
}

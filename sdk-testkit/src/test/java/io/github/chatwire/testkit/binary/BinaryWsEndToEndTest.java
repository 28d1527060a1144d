package io.github.chatwire.testkit.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.binary.AccessKeyRevokedException;
import io.github.chatwire.binary.BinaryWsClient;
import io.github.chatwire.binary.BinaryWsListener;
import io.github.chatwire.binary.BinaryWsServerException;
import io.github.chatwire.binary.HandshakeException;
import io.github.chatwire.binary.PingTimeoutException;
import io.github.chatwire.binary.PongEvent;
import io.github.chatwire.binary.ServerClose;
import io.github.chatwire.binary.ServerClosedException;
import io.github.chatwire.binary.UnauthorizedException;
import io.github.chatwire.binary.VersionMismatchException;
import io.github.chatwire.binary.codec.AccessKeys;
import io.github.chatwire.binary.codec.MalformedPacketException;
import io.github.chatwire.binary.codec.PacketCodecs;
import io.github.chatwire.binary.codec.PacketRegistry;
import io.github.chatwire.binary.codec.SettingRegistry;
import io.github.chatwire.binary.codec.UnknownPacketException;
import io.github.chatwire.binary.codec.ValueCodecs;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Ping;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.SettingKey;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The binary client against the fake /api/ws server over real loopback WebSockets, with both sides'
 * timers (client pings, backoff, the server's 30 s ping timeout) on one virtual clock. Waits for
 * socket events are bounded real-time waits; no test sleeps to let time pass.
 */
class BinaryWsEndToEndTest {
  static final String KEY = "AAECAwQFBgcICQoLDA0ODxA=";
  static final Duration WAIT = Duration.ofSeconds(10);

  private final VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
  private ChatwireRuntime runtime;
  private FakeBinaryWsServer server;
  private BinaryWsClient client;
  private final Recorder events = new Recorder();

  static final class Recorder implements BinaryWsListener {
    final BlockingQueue<StateChange> states = new LinkedBlockingQueue<>();
    final BlockingQueue<PongEvent> pongs = new LinkedBlockingQueue<>();
    final BlockingQueue<ClientboundPacket> packets = new LinkedBlockingQueue<>();
    final BlockingQueue<ChatwireException> errors = new LinkedBlockingQueue<>();

    @Override
    public void onPong(PongEvent pong) {
      pongs.add(pong);
    }

    @Override
    public void onEvent(ClientboundPacket packet) {
      if (!(packet instanceof Pong)) {
        packets.add(packet);
      }
    }

    @Override
    public void onStateChange(StateChange change) {
      states.add(change);
    }

    @Override
    public void onError(ChatwireException error) {
      errors.add(error);
    }

    StateChange awaitState(ConnectionState state) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        StateChange c = states.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (c == null) {
          throw new AssertionError("no transition to " + state + " within " + WAIT);
        }
        if (c.current() == state) {
          return c;
        }
      }
    }

    static <T> T take(BlockingQueue<T> q) throws InterruptedException {
      T t = q.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (t == null) {
        throw new AssertionError("nothing arrived within " + WAIT);
      }
      return t;
    }
  }

  @BeforeEach
  void setUp() {
    runtime = ChatwireRuntime.builder().scheduler(clock).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
      client.closeFuture().get(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
    runtime.close();
  }

  private FakeBinaryWsServer startServer(
      Function<FakeBinaryWsServer.Builder, FakeBinaryWsServer.Builder> config) throws Exception {
    server =
        config.apply(FakeBinaryWsServer.builder().scheduler(clock).accessKey(KEY)).build().start();
    return server;
  }

  private BinaryWsClient newClient(
      Function<BinaryWsClient.Builder, BinaryWsClient.Builder> config) {
    client =
        config
            .apply(
                BinaryWsClient.builder()
                    .url(server.url())
                    .accessKey(Secret.of(KEY))
                    .runtime(runtime)
                    .listener(events)
                    .options(
                        ConnectionOptions.builder()
                            .name("e2e")
                            .reconnectPolicy(
                                ReconnectPolicy.builder()
                                    .initialDelay(Duration.ofSeconds(1))
                                    .jitter(0)
                                    .build())
                            .build()))
            .build();
    return client;
  }

  private FakeBinaryWsServer.Session connectReady() throws Exception {
    client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    FakeBinaryWsServer.Session s = server.awaitSession(0, WAIT);
    assertTrue(s.isAuthenticated());
    PongEvent first = Recorder.take(events.pongs);
    assertTrue(first.authentication());
    return s;
  }

  @Test
  void authenticatesWithTheDecodedKeyAndIsReadyOnTheFirstPong() throws Exception {
    startServer(b -> b);
    newClient(b -> b);
    FakeBinaryWsServer.Session s = connectReady();
    assertArrayEquals(AccessKeys.decode(KEY), s.awaitAuthenticated(WAIT).key());
    assertEquals(0, s.awaitAuthenticated(WAIT).version());
    assertEquals(ConnectionState.READY, client.state());
    assertNotNull(client.lastPong());
    assertTrue(s.protocolErrors().isEmpty());
  }

  @Test
  void pingsKeepTheConnectionAlivePastThirtySecondsInVirtualTime() throws Exception {
    startServer(b -> b);
    newClient(b -> b);
    FakeBinaryWsServer.Session s = connectReady();
    // Five virtual minutes, ten times the server's limit: every 15 s a Ping, every Ping a Pong.
    for (int i = 1; i <= 20; i++) {
      clock.advance(Duration.ofSeconds(15));
      s.awaitPings(i, WAIT);
      PongEvent p = Recorder.take(events.pongs);
      assertFalse(p.authentication());
      assertNotNull(p.roundTrip());
    }
    assertEquals(ConnectionState.READY, client.state());
    assertEquals(1, server.sessions().size(), "never reconnected");
    assertEquals(20, s.received().stream().filter(p -> p instanceof Ping).count());
    assertTrue(events.states.stream().noneMatch(c -> c.current() == ConnectionState.RECONNECTING));
  }

  @Test
  void everyPongReportsRoundTripAndServerClockOffset() throws Exception {
    startServer(b -> b.clockSkew(Duration.ofMillis(-2500)));
    newClient(b -> b);
    client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    FakeBinaryWsServer.Session s = server.awaitSession(0, WAIT);
    PongEvent auth = Recorder.take(events.pongs);
    // Both sides share the virtual clock, which stands still while the test waits: the round
    // trip is exactly zero and the offset is exactly the server's skew.
    assertEquals(Duration.ZERO, auth.roundTrip());
    assertEquals(-2500, auth.clockOffsetMillis());
    for (int i = 1; i <= 3; i++) {
      clock.advance(Duration.ofSeconds(15));
      s.awaitPings(i, WAIT);
      PongEvent p = Recorder.take(events.pongs);
      assertEquals(Duration.ZERO, p.roundTrip());
      assertEquals(-2500, p.clockOffsetMillis());
      assertEquals(clock.currentTimeMillis() - 2500, p.serverTimeMillis());
    }
  }

  @Test
  void aServerThatStopsAnsweringPingsIsDeclaredDeadAndReconnected() throws Exception {
    startServer(b -> b);
    newClient(b -> b);
    FakeBinaryWsServer.Session s = connectReady();
    server.answerPings(false);
    clock.advance(Duration.ofSeconds(15));
    s.awaitPings(1, WAIT);
    clock.advance(Duration.ofSeconds(15));
    s.awaitPings(2, WAIT);
    assertEquals(ConnectionState.READY, client.state());
    // Nothing received for three ping intervals (45 s): the watchdog ends the attempt.
    clock.advance(Duration.ofSeconds(15));
    StateChange lost = events.awaitState(ConnectionState.RECONNECTING);
    assertTrue(lost.cause().getMessage().contains("nothing received"), lost.cause().getMessage());
    server.answerPings(true);
    clock.advance(lost.retryIn());
    server.awaitSession(1, WAIT).awaitAuthenticated(WAIT);
    events.awaitState(ConnectionState.READY);
  }

  @Test
  void anUpdatedAccessKeyIsUsedOnTheNextHandshake() throws Exception {
    String second = "-_-_AAECAw";
    startServer(b -> b.accessKey(second));
    newClient(b -> b);
    FakeBinaryWsServer.Session s = connectReady();
    assertThrows(IllegalArgumentException.class, () -> client.updateAccessKey(Secret.of("%%%")));
    client.updateAccessKey(Secret.of(second));
    assertEquals(ConnectionState.READY, client.state(), "the open connection is not disturbed");
    s.close(3005, "restarting");
    clock.advance(events.awaitState(ConnectionState.RECONNECTING).retryIn());
    assertArrayEquals(
        AccessKeys.decode(second), server.awaitSession(1, WAIT).awaitAuthenticated(WAIT).key());
    events.awaitState(ConnectionState.READY);
  }

  @Test
  void anOversizedMessageClosesAndReconnects() throws Exception {
    startServer(b -> b);
    newClient(b -> b.maxInboundMessageBytes(1024));
    FakeBinaryWsServer.Session s = connectReady();
    s.sendRaw(new byte[1025]);
    StateChange lost = events.awaitState(ConnectionState.RECONNECTING);
    assertInstanceOf(io.github.chatwire.core.MessageTooLargeException.class, lost.cause());
    assertEquals(1009, s.awaitClosed(WAIT));
    clock.advance(lost.retryIn());
    events.awaitState(ConnectionState.READY);
  }

  @Test
  void aSlowListenerDoesNotStallPings() throws Exception {
    startServer(b -> b);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger slowPongs =
        new java.util.concurrent.atomic.AtomicInteger();
    newClient(b -> b);
    FakeBinaryWsServer.Session s = connectReady();
    client.addListener(
        new BinaryWsListener() {
          @Override
          public void onPong(PongEvent pong) {
            slowPongs.incrementAndGet();
            try {
              release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    // The listener blocks on the first Pong; the ping schedule and the socket carry on, and
    // each Pong is taken in (lastPong() is updated before callbacks are queued).
    for (int i = 1; i <= 4; i++) {
      clock.advance(Duration.ofSeconds(15));
      s.awaitPings(i, WAIT);
      long stamp = clock.currentTimeMillis();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (client.lastPong().serverTimeMillis() != stamp) {
        assertTrue(System.nanoTime() < deadline, "Pong " + i + " not received");
        Thread.sleep(5);
      }
    }
    assertEquals(ConnectionState.READY, client.state());
    assertEquals(1, slowPongs.get(), "callbacks are queued behind the slow one");
    release.countDown();
    for (int i = 0; i < 4; i++) {
      Recorder.take(events.pongs);
    }
    // The recorder runs before the slow listener for each Pong: wait (bounded) for the last one.
    long until = System.nanoTime() + WAIT.toNanos();
    while (slowPongs.get() < 4 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertEquals(4, slowPongs.get());
  }

  @Test
  void noChatwireThreadIsLeftAfterCloseOnTheSharedRuntime() throws Exception {
    startServer(b -> b);
    try (BinaryWsClient shared =
        BinaryWsClient.builder().url(server.url()).accessKey(Secret.of(KEY)).build()) {
      shared.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertTrue(chatwireThreads() > 0);
      shared.close();
      shared.closeFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
    // Tear down this test's own runtime too, then every chatwire thread must end.
    runtime.close();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (chatwireThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, chatwireThreads(), String.valueOf(Thread.getAllStackTraces().keySet()));
  }

  private static long chatwireThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("chatwire-"))
        .count();
  }

  @Test
  void timeout3003ForASilentClientReconnects() throws Exception {
    startServer(b -> b);
    newClient(b -> b.pingInterval(Duration.ZERO));
    FakeBinaryWsServer.Session s = connectReady();
    clock.advance(Duration.ofSeconds(29));
    assertEquals(ConnectionState.READY, client.state());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(3003, s.awaitClosed(WAIT));
    StateChange lost = events.awaitState(ConnectionState.RECONNECTING);
    PingTimeoutException e = assertInstanceOf(PingTimeoutException.class, lost.cause());
    assertEquals(3003, e.closeCode());
    assertEquals("Timeout: no ping for 30 s", e.closeReason());
    clock.advance(lost.retryIn());
    FakeBinaryWsServer.Session again = server.awaitSession(1, WAIT);
    events.awaitState(ConnectionState.READY);
    assertTrue(again.isAuthenticated(), "the handshake was redone");
  }

  @Test
  void unauthorized3001IsTerminal() throws Exception {
    startServer(b -> b);
    client = null;
    newClient(b -> b.accessKey(Secret.of("c2VjcmV0LWJ1dC13cm9uZw")));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    UnauthorizedException u = assertInstanceOf(UnauthorizedException.class, e.getCause());
    assertEquals(3001, u.closeCode());
    assertEquals("Unauthorized: unknown access key", u.closeReason());
    assertFalse(u.isRetryable());
    assertEquals(ConnectionState.CLOSED, client.state());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(1, server.sessions().size(), "no reconnect with a refused key");
  }

  @Test
  void versionMismatch3002IsTerminal() throws Exception {
    startServer(b -> b.acceptedVersion(1));
    newClient(b -> b);
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    VersionMismatchException v = assertInstanceOf(VersionMismatchException.class, e.getCause());
    assertEquals(3002, v.closeCode());
    assertTrue(v.closeReason().startsWith("Version mismatch"), v.closeReason());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(1, server.sessions().size());
  }

  @Test
  void revokedKey3004IsTerminalAndTheKeyIsRefusedAfterwards() throws Exception {
    startServer(b -> b);
    newClient(b -> b);
    FakeBinaryWsServer.Session s = connectReady();
    assertEquals(1, server.revokeAccessKey(KEY));
    assertEquals(3004, s.awaitClosed(WAIT));
    StateChange closed = events.awaitState(ConnectionState.CLOSED);
    AccessKeyRevokedException r = assertInstanceOf(AccessKeyRevokedException.class, closed.cause());
    assertEquals("Access key revoked", r.closeReason());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(1, server.sessions().size(), "no reconnect after revocation");
    // A new client with the same key is now refused at authentication.
    client.close();
    Recorder second = new Recorder();
    try (BinaryWsClient other =
        BinaryWsClient.builder()
            .url(server.url())
            .accessKey(Secret.of(KEY))
            .runtime(runtime)
            .listener(second)
            .build()) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> other.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      assertInstanceOf(UnauthorizedException.class, e.getCause());
    }
  }

  @Test
  void serverError3005ReconnectsWithBackoff() throws Exception {
    startServer(b -> b);
    newClient(b -> b);
    FakeBinaryWsServer.Session s = connectReady();
    s.close(3005, "database unavailable");
    StateChange lost = events.awaitState(ConnectionState.RECONNECTING);
    BinaryWsServerException f = assertInstanceOf(BinaryWsServerException.class, lost.cause());
    assertEquals("database unavailable", f.closeReason());
    assertEquals("3005", f.code());
    assertEquals(Duration.ofSeconds(1), lost.retryIn());
    clock.advance(lost.retryIn().minusMillis(1));
    assertEquals(1, server.sessions().size(), "waits for the backoff");
    clock.advance(Duration.ofMillis(1));
    server.awaitSession(1, WAIT);
    events.awaitState(ConnectionState.READY);
    // A second failure soon after backs off longer (exponential).
    server.sessions().get(1).awaitAuthenticated(WAIT);
    server.sessions().get(1).close(3005, "still down");
    StateChange again = events.awaitState(ConnectionState.RECONNECTING);
    assertEquals(Duration.ofSeconds(2), again.retryIn());
  }

  @Test
  void reserved3000AndUnknownCodesReconnect() throws Exception {
    startServer(b -> b);
    newClient(b -> b);
    FakeBinaryWsServer.Session s = connectReady();
    s.close(3000, "reserved");
    StateChange lost = events.awaitState(ConnectionState.RECONNECTING);
    ServerClosedException c = assertInstanceOf(ServerClosedException.class, lost.cause());
    assertEquals(3000, c.closeCode());
    assertEquals("reserved", c.closeReason());
    clock.advance(lost.retryIn());
    server.awaitSession(1, WAIT).awaitAuthenticated(WAIT);
    events.awaitState(ConnectionState.READY);
    server.sessions().get(1).close(4321, "custom");
    StateChange lost2 = events.awaitState(ConnectionState.RECONNECTING);
    assertEquals(4321, ((ServerClose) lost2.cause()).closeCode());
    assertEquals("custom", ((ServerClose) lost2.cause()).closeReason());
  }

  @Test
  void batchedPacketsAndBadInputAfterReady() throws Exception {
    startServer(b -> b);
    newClient(b -> b);
    FakeBinaryWsServer.Session s = connectReady();
    assertTrue(s.send(new Pong(1_700_000_000_000L), new Pong(1_700_000_000_250L)));
    assertEquals(1_700_000_000_000L, Recorder.take(events.pongs).serverTimeMillis());
    assertEquals(1_700_000_000_250L, Recorder.take(events.pongs).serverTimeMillis());
    // An unknown id after one Pong: that Pong is delivered, the rest skipped, an error reported.
    s.sendRaw(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 5, 0x33, 0});
    assertEquals(5, Recorder.take(events.pongs).serverTimeMillis());
    UnknownPacketException u =
        assertInstanceOf(UnknownPacketException.class, Recorder.take(events.errors));
    assertEquals(0x33, u.packetId());
    assertEquals(9, u.offset());
    s.sendRaw(new byte[] {0, 1, 2});
    assertInstanceOf(MalformedPacketException.class, Recorder.take(events.errors));
    s.sendText("not binary");
    assertNotNull(Recorder.take(events.errors));
    // Still up: the next Ping is answered.
    clock.advance(Duration.ofSeconds(15));
    s.awaitPings(1, WAIT);
    assertNotNull(Recorder.take(events.pongs));
    assertEquals(ConnectionState.READY, client.state());
    assertEquals(1, server.sessions().size());
  }

  @Test
  void wrongMagicFailsTheConnectWithoutSendingTheKey() throws Exception {
    startServer(b -> b.hello(new byte[] {0x6d, 0x74}));
    newClient(b -> b);
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertInstanceOf(HandshakeException.class, e.getCause());
    FakeBinaryWsServer.Session s = server.awaitSession(0, WAIT);
    s.awaitClosed(WAIT);
    assertFalse(s.isAuthenticated());
    assertTrue(s.protocolErrors().isEmpty(), "the client sent nothing");
  }

  @Test
  void textHelloFailsTheConnect() throws Exception {
    startServer(b -> b.textHello("ms"));
    newClient(b -> b);
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertInstanceOf(HandshakeException.class, e.getCause());
  }

  @Test
  void settingsReachTheServerAndEchoesReachTheListener() throws Exception {
    SettingKey<String> nick = new SettingKey<>(0x05, "nickname", String.class);
    SettingRegistry settings = SettingRegistry.builder().register(nick, ValueCodecs.STRING).build();
    startServer(b -> b.settings(settings).echoSettings(true));
    newClient(
        b ->
            b.settings(settings)
                .clientboundPackets(
                    PacketRegistry.clientbound().toBuilder()
                        .register(PacketCodecs.settings(settings))
                        .build()));
    FakeBinaryWsServer.Session s = connectReady();
    Settings sent = Settings.builder().set(nick, "zoë").build();
    client.sendSettings(sent).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertEquals(sent, Recorder.take(events.packets));
    assertEquals(List.of(sent), s.received());
  }

  @Test
  void handshakeTimesOutAgainstAPeerThatNeverAnswers() throws Exception {
    // A listening socket that accepts nothing: the WebSocket upgrade never completes, so the
    // handshake timer (virtual time) is what ends the attempt.
    startServer(b -> b);
    java.net.ServerSocket blackHole =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    try {
      client =
          BinaryWsClient.builder()
              .url("ws://127.0.0.1:" + blackHole.getLocalPort() + "/api/ws")
              .accessKey(Secret.of(KEY))
              .runtime(runtime)
              .listener(events)
              .options(ConnectionOptions.builder().reconnectPolicy(ReconnectPolicy.never()).build())
              .build();
      java.util.concurrent.CompletableFuture<Void> connected = client.connect();
      events.awaitState(ConnectionState.CONNECTING);
      clock.advance(BinaryWsClient.DEFAULT_HANDSHAKE_TIMEOUT);
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      assertInstanceOf(io.github.chatwire.core.ConnectionClosedException.class, e.getCause());
      assertInstanceOf(
          io.github.chatwire.core.ConnectionLostException.class, e.getCause().getCause());
      assertTrue(
          e.getCause().getCause().getMessage().contains("not ready within 10000 ms"),
          e.getCause().getCause().getMessage());
    } finally {
      blackHole.close();
    }
  }
}

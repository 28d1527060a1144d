package io.github.chatwire.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.time.VirtualScheduler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client on the engine with an in-memory transport, in virtual time, with listener callbacks
 * run inline so that every step is deterministic.
 */
class BinaryWsClientTest {
  static final String KEY = "AAECAwQFBgcICQoLDA0ODxA=";
  static final byte[] AUTH = bytes("b6c4 00 11 000102030405060708090a0b0c0d0e0f10");
  static final byte[] HELLO = bytes("6d73");

  private final VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
  private final ChatwireRuntime runtime =
      ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
  private final ScriptedTransport transport = new ScriptedTransport("in-memory").binaryOnly();
  private final Recorder events = new Recorder();
  private BinaryWsClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    runtime.close();
  }

  static byte[] bytes(String hex) {
    String s = hex.replace(" ", "");
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static byte[] pongs(long... millis) {
    ByteBuffer b = ByteBuffer.allocate(9 * millis.length);
    for (long m : millis) {
      b.put((byte) 0).putLong(m);
    }
    return b.array();
  }

  static final class Recorder implements BinaryWsListener {
    final List<PongEvent> pongs = new CopyOnWriteArrayList<>();
    final List<ClientboundPacket> packets = new CopyOnWriteArrayList<>();
    final List<Object> order = new CopyOnWriteArrayList<>();
    final List<StateChange> states = new CopyOnWriteArrayList<>();
    final List<ChatwireException> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onPong(PongEvent pong) {
      pongs.add(pong);
      order.add(pong);
    }

    @Override
    public void onEvent(ClientboundPacket packet) {
      order.add(packet);
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

    StateChange lastState() {
      return states.get(states.size() - 1);
    }
  }

  private BinaryWsClient.Builder builder() {
    return BinaryWsClient.builder()
        .transport(transport)
        .accessKey(Secret.of(KEY))
        .runtime(runtime)
        .listener(events)
        .options(
            ConnectionOptions.builder()
                .reconnectPolicy(ReconnectPolicy.builder().jitter(0).build())
                .build());
  }

  /** Connects and opens the socket; returns the session, the hello not yet sent. */
  private ScriptedTransport.Session open(BinaryWsClient c) {
    client = c;
    c.connect();
    ScriptedTransport.Session s = transport.last();
    s.clock(clock::nanoTime);
    s.listener().onOpen();
    return s;
  }

  private ScriptedTransport.Session ready(BinaryWsClient c) {
    ScriptedTransport.Session s = open(c);
    s.listener().onBinary(HELLO);
    s.listener().onBinary(pongs(clock.currentTimeMillis()));
    assertEquals(ConnectionState.READY, c.state());
    return s;
  }

  @Test
  void handshakeSendsTheAuthMessageAndIsReadyOnTheFirstPong() throws Exception {
    client = builder().build();
    CompletableFuture<Void> connected = client.connect();
    ScriptedTransport.Session s = transport.last();
    s.clock(clock::nanoTime);
    s.listener().onOpen();
    assertTrue(s.sentBinary().isEmpty(), "nothing is sent before the server's hello");
    assertEquals(ConnectionState.HANDSHAKING, client.state());
    s.listener().onBinary(HELLO);
    assertEquals(1, s.sentBinary().size());
    assertArrayEquals(AUTH, s.sentBinary().get(0));
    assertEquals(ConnectionState.HANDSHAKING, client.state());
    assertFalse(connected.isDone());
    clock.advance(Duration.ofMillis(120));
    // The server's clock is 5 s ahead of ours.
    long serverNow = clock.currentTimeMillis() + 5000;
    s.listener().onBinary(pongs(serverNow));
    assertEquals(ConnectionState.READY, client.state());
    connected.get(1, TimeUnit.SECONDS);
    PongEvent p = events.pongs.get(0);
    assertTrue(p.authentication());
    assertEquals(Duration.ofMillis(120), p.roundTrip());
    assertEquals(5000 + 60, p.clockOffsetMillis());
    assertSame(p, client.lastPong());
  }

  @Test
  void urlSafeUnpaddedKeySendsTheSameBytes() {
    client = builder().accessKey(Secret.of("AAECAwQFBgcICQoLDA0ODxA")).build();
    ScriptedTransport.Session s = open(client);
    s.listener().onBinary(HELLO);
    assertArrayEquals(AUTH, s.sentBinary().get(0));
  }

  @Test
  void keysTooLongForTheLengthByteAreRefusedLocally() {
    String key128 = java.util.Base64.getEncoder().encodeToString(new byte[128]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> builder().accessKey(Secret.of(key128)).build());
    assertTrue(e.getMessage().contains("at most 127"), e.getMessage());
    assertFalse(e.getMessage().contains(key128.substring(0, 8)));
    // Allowed with an unsigned length byte, sent as 0x80.
    client = builder().accessKey(Secret.of(key128)).allowUnsignedKeyLength(true).build();
    ScriptedTransport.Session s = open(client);
    s.listener().onBinary(HELLO);
    assertEquals(4 + 128, s.sentBinary().get(0).length);
    assertEquals((byte) 0x80, s.sentBinary().get(0)[3]);
    String key256 = java.util.Base64.getEncoder().encodeToString(new byte[256]);
    assertThrows(
        IllegalArgumentException.class,
        () -> builder().accessKey(Secret.of(key256)).allowUnsignedKeyLength(true).build());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder().accessKey(Secret.of("not*base64")).build());
    assertFalse(bad.getMessage().contains("not*base64"));
  }

  @Test
  void pingsStartAfterAuthenticationAndKeepTheirInterval() {
    client = builder().build();
    ScriptedTransport.Session s = open(client);
    s.listener().onBinary(HELLO);
    clock.advance(Duration.ofSeconds(9));
    assertEquals(1, s.sentBinary().size(), "no ping during the handshake");
    s.listener().onBinary(pongs(clock.currentTimeMillis()));
    long readyAt = clock.nanoTime();
    clock.advance(Duration.ofSeconds(15));
    for (int i = 1; i <= 20; i++) {
      assertEquals(1 + i, s.sentBinary().size(), "ping " + i);
      assertArrayEquals(new byte[] {0x00}, s.sentBinary().get(i));
      assertEquals(readyAt + TimeUnit.SECONDS.toNanos(15) * i, s.sentAtNanos().get(i));
      clock.advance(Duration.ofMillis(40));
      s.listener().onBinary(pongs(clock.currentTimeMillis()));
      clock.advance(Duration.ofSeconds(15).minusMillis(40));
    }
    assertEquals(ConnectionState.READY, client.state());
    assertEquals(21, events.pongs.size());
    assertEquals(22, s.sentBinary().size(), "the 21st ping is due at the end of the last step");
    for (PongEvent p : events.pongs.subList(1, 21)) {
      assertFalse(p.authentication());
      assertEquals(Duration.ofMillis(40), p.roundTrip());
      // The server stamped the Pong as it answered (our clock, 40 ms after the Ping): the
      // estimate puts that instant at the Ping's send time plus half the round trip.
      assertEquals(20, p.clockOffsetMillis());
    }
  }

  @Test
  void pingIntervalIsConfigurableAndMustStayUnderThirtySeconds() {
    assertThrows(
        IllegalArgumentException.class, () -> builder().pingInterval(Duration.ofSeconds(30)));
    client = builder().pingInterval(Duration.ofSeconds(5)).build();
    assertEquals(Duration.ofSeconds(5), client.connection().options().pingInterval());
    assertEquals(
        Duration.ofSeconds(15),
        BinaryWsClient.builder()
            .transport(transport)
            .accessKey(Secret.of(KEY))
            .build()
            .connection()
            .options()
            .pingInterval());
    ScriptedTransport.Session s = ready(client);
    clock.advance(Duration.ofSeconds(5));
    assertEquals(2, s.sentBinary().size());
  }

  @Test
  void handshakeTimesOutWithoutHelloAndRetries() {
    client = builder().build();
    ScriptedTransport.Session s = open(client);
    clock.advance(Duration.ofSeconds(10));
    StateChange change = events.lastState();
    assertEquals(ConnectionState.RECONNECTING, change.current());
    assertInstanceOf(ConnectionLostException.class, change.cause());
    assertTrue(s.closedWith() != null, "the socket was closed");
    clock.advance(change.retryIn());
    assertEquals(2, transport.opens(), "a new attempt");
  }

  @Test
  void handshakeTimesOutWithoutPong() {
    client = builder().build();
    ScriptedTransport.Session s = open(client);
    s.listener().onBinary(HELLO);
    clock.advance(Duration.ofSeconds(10));
    assertEquals(ConnectionState.RECONNECTING, client.state());
  }

  @Test
  void wrongMagicFailsTheConnectionForGood() {
    client = builder().build();
    CompletableFuture<Void> connected = client.connect();
    ScriptedTransport.Session s = transport.last();
    s.listener().onOpen();
    s.listener().onBinary(bytes("6d74"));
    assertEquals(ConnectionState.CLOSED, client.state());
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> connected.get(1, TimeUnit.SECONDS));
    assertInstanceOf(HandshakeException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("6d 74"), e.getCause().getMessage());
    assertTrue(s.sentBinary().isEmpty(), "no key was sent to a peer that is not the server");
    assertEquals(1002, s.closedWith(), "a bad handshake closes with 1002 (protocol error)");
  }

  @Test
  void textFrameDuringHandshakeFails() {
    client = builder().build();
    ScriptedTransport.Session s = open(client);
    s.listener().onText("ms");
    assertEquals(ConnectionState.CLOSED, client.state());
    assertEquals(1002, s.closedWith());
    assertInstanceOf(HandshakeException.class, events.lastState().cause());
  }

  @Test
  void unknownPacketIdStopsTheMessageButKeepsTheConnection() {
    client = builder().build();
    ScriptedTransport.Session s = ready(client);
    byte[] msg =
        ByteBuffer.allocate(9 + 1 + 9).put(pongs(7)).put((byte) 0x42).put(pongs(8)).array();
    s.listener().onBinary(msg);
    assertEquals(ConnectionState.READY, client.state());
    assertEquals(7, events.pongs.get(1).serverTimeMillis());
    assertEquals(2, events.pongs.size(), "the Pong after the unknown id is not decoded");
    UnknownPacketException e = assertInstanceOf(UnknownPacketException.class, events.errors.get(0));
    assertEquals(0x42, e.packetId());
    assertEquals(9, e.offset());
    // Later messages decode normally.
    s.listener().onBinary(pongs(9));
    assertEquals(9, events.pongs.get(2).serverTimeMillis());
  }

  @Test
  void truncatedPacketsAndTextFramesAreTypedErrors() {
    client = builder().build();
    ScriptedTransport.Session s = ready(client);
    s.listener().onBinary(bytes("00 0000"));
    MalformedPacketException m =
        assertInstanceOf(MalformedPacketException.class, events.errors.get(0));
    assertEquals(1, m.offset());
    s.listener().onText("hello");
    assertInstanceOf(
        io.github.chatwire.binary.codec.BinaryProtocolException.class, events.errors.get(1));
    assertEquals(ConnectionState.READY, client.state());
    // An unsolicited Pong still reports the clock offset, without a round trip.
    s.listener().onBinary(pongs(clock.currentTimeMillis() - 300));
    PongEvent p = events.pongs.get(1);
    assertNull(p.roundTrip());
    assertEquals(-300, p.clockOffsetMillis());
  }

  @Test
  void closeCodesMapToTypedCauses() {
    record Case(int code, Class<?> type, boolean terminal) {}
    List<Case> cases =
        List.of(
            new Case(3000, ServerClosedException.class, false),
            new Case(3001, UnauthorizedException.class, true),
            new Case(3002, VersionMismatchException.class, true),
            new Case(3003, PingTimeoutException.class, false),
            new Case(3004, AccessKeyRevokedException.class, true),
            new Case(3005, BinaryWsServerException.class, false),
            new Case(3999, ServerClosedException.class, false),
            new Case(4000, ServerClosedException.class, false),
            new Case(1000, ServerClosedException.class, false),
            new Case(1001, ServerClosedException.class, false));
    for (Case c : cases) {
      ChatwireException cause = Closes.classify(c.code(), "why " + c.code());
      assertInstanceOf(c.type(), cause, "code " + c.code());
      assertEquals(!c.terminal(), cause.isRetryable(), "code " + c.code());
      ServerClose sc = (ServerClose) cause;
      assertEquals(c.code(), sc.closeCode());
      assertEquals("why " + c.code(), sc.closeReason());
      assertTrue(cause.getMessage().contains("why " + c.code()), cause.getMessage());
    }
  }

  @Test
  void closeClassificationAgreesWithTheDisconnectReasonTable() {
    for (io.github.chatwire.binary.model.DisconnectReason r :
        io.github.chatwire.binary.model.DisconnectReason.values()) {
      ChatwireException cause = Closes.classify(r.code(), "");
      assertEquals(r.reconnects(), cause.isRetryable(), r.name());
      assertSame(r, ((ServerClose) cause).disconnectReason());
    }
    assertNull(((ServerClose) Closes.classify(1001, "")).disconnectReason());
  }

  @Test
  void terminalCloseEndsTheClientAndRetryableCloseReconnects() {
    client = builder().build();
    ScriptedTransport.Session s = ready(client);
    s.serverCloses(3005, "database down");
    StateChange change = events.lastState();
    assertEquals(ConnectionState.RECONNECTING, change.current());
    BinaryWsServerException f = assertInstanceOf(BinaryWsServerException.class, change.cause());
    assertEquals("database down", f.closeReason());
    clock.advance(change.retryIn());
    ScriptedTransport.Session s2 = transport.last();
    assertEquals(2, transport.opens());
    s2.clock(clock::nanoTime);
    s2.listener().onOpen();
    s2.listener().onBinary(HELLO);
    assertArrayEquals(AUTH, s2.sentBinary().get(0), "the handshake is redone on reconnect");
    s2.listener().onBinary(pongs(1));
    assertEquals(ConnectionState.READY, client.state());
    s2.serverCloses(3004, "Access key revoked");
    assertEquals(ConnectionState.CLOSED, client.state());
    AccessKeyRevokedException r =
        assertInstanceOf(AccessKeyRevokedException.class, events.lastState().cause());
    assertEquals("Access key revoked", r.closeReason());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(2, transport.opens(), "no reconnect after a terminal close");
  }

  @Test
  void settingsAreQueuedUntilReadyAndEncodedWithTheTerminator() throws Exception {
    SettingKey<Integer> volume = new SettingKey<>(0x02, "volume", Integer.class);
    client =
        builder()
            .settings(SettingRegistry.builder().register(volume, ValueCodecs.INT).build())
            .build();
    ScriptedTransport.Session s = open(client);
    CompletableFuture<Void> sent = client.sendSettings(Settings.builder().set(volume, -1).build());
    CompletableFuture<Void> empty = client.sendSettings(Settings.EMPTY);
    s.listener().onBinary(HELLO);
    assertEquals(1, s.sentBinary().size(), "settings wait for READY");
    s.listener().onBinary(pongs(1));
    sent.get(1, TimeUnit.SECONDS);
    empty.get(1, TimeUnit.SECONDS);
    assertArrayEquals(bytes("01 02 ffffffff ff"), s.sentBinary().get(1));
    assertArrayEquals(bytes("01 ff"), s.sentBinary().get(2));
    assertThrows(IllegalArgumentException.class, () -> client.send(List.of(Ping.INSTANCE)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            client.sendSettings(
                Settings.builder()
                    .set(new SettingKey<>(0x03, "unregistered", Byte.class), (byte) 1)
                    .build()));
  }

  @Test
  void everyPacketReachesOnEventBeforeItsOwnMethodThenTheTypedSubscriptions() {
    client =
        builder()
            .clientboundPackets(
                PacketRegistry.clientbound().toBuilder()
                    .register(PacketCodecs.settings(SettingRegistry.defaults()))
                    .build())
            .build();
    List<Object> subscribed = new CopyOnWriteArrayList<>();
    client.on(Pong.class, p -> subscribed.add(List.of("pong", p, events.order.size())));
    io.github.chatwire.core.Subscription settings =
        client.on(Settings.class, p -> subscribed.add(List.of("settings", p, events.order.size())));
    client.on(
        ClientboundPacket.class, p -> subscribed.add(List.of("any", p.getClass().getSimpleName())));
    ScriptedTransport.Session s = ready(client);
    long authAt = clock.currentTimeMillis();
    s.listener().onBinary(bytes("01 ff 00 0000000000000007"));
    PongEvent first = events.pongs.get(0);
    PongEvent second = events.pongs.get(1);
    assertEquals(
        List.of(new Pong(authAt), first, Settings.EMPTY, new Pong(7), second),
        events.order,
        "onEvent for each packet, the Pong's onPong right after its onEvent");
    assertEquals(
        Duration.ZERO, first.roundTrip(), "round trip on the event, as Duration roundTrip()");
    assertEquals(
        List.of(
            List.of("pong", new Pong(authAt), 2), List.of("any", "Pong"),
            List.of("settings", Settings.EMPTY, 3), List.of("any", "Settings"),
            List.of("pong", new Pong(7), 5), List.of("any", "Pong")),
        subscribed,
        "subscriptions run after the listeners of the same packet, in packet order");
    settings.close();
    subscribed.clear();
    s.listener().onBinary(bytes("01 ff"));
    assertEquals(
        List.of(List.of("any", "Settings")), subscribed, "a closed subscription gets nothing");
    assertThrows(NullPointerException.class, () -> client.on(null, p -> {}));
    assertThrows(NullPointerException.class, () -> client.on(Pong.class, null));
  }

  @Test
  void registeredClientboundPacketsReachOnEvent() {
    client =
        builder()
            .clientboundPackets(
                PacketRegistry.clientbound().toBuilder()
                    .register(PacketCodecs.settings(SettingRegistry.defaults()))
                    .build())
            .build();
    ScriptedTransport.Session s = ready(client);
    s.listener().onBinary(bytes("01 ff 00 0000000000000001"));
    assertEquals(List.of(Settings.EMPTY), events.packets);
    assertEquals(2, events.pongs.size());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            builder().clientboundPackets(PacketRegistry.builder(ClientboundPacket.class).build()));
  }

  @Test
  void theKeyNeverShowsInToStringOrStateCauses() {
    client = builder().build();
    ScriptedTransport.Session s = ready(client);
    s.serverCloses(3001, "Unauthorized");
    List<String> texts = new ArrayList<>();
    texts.add(client.toString());
    for (StateChange c : events.states) {
      texts.add(c.toString());
    }
    for (String t : texts) {
      assertFalse(t.contains(KEY) || t.contains("AAECAwQF"), t);
    }
  }
}

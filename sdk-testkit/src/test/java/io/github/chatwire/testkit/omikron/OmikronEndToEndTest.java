package io.github.chatwire.testkit.omikron;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.omikron.DirectMessage;
import io.github.chatwire.omikron.DirectMessageEvent;
import io.github.chatwire.omikron.IdentificationStrategy;
import io.github.chatwire.omikron.IotaConnection;
import io.github.chatwire.omikron.IotaListener;
import io.github.chatwire.omikron.IotaOfflineException;
import io.github.chatwire.omikron.OmikronAuthenticationException;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronServerException;
import io.github.chatwire.omikron.codec.MessageScheme;
import io.github.chatwire.omikron.codec.WireShape;
import io.github.chatwire.omikron.model.CallInvite;
import io.github.chatwire.omikron.model.ChangeUserData;
import io.github.chatwire.omikron.model.Chats;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.Messages;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.omikron.model.StoredMessage;
import io.github.chatwire.omikron.model.UserData;
import io.github.chatwire.omikron.model.UserState;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK's Omikron roles against the fake Omikron, end to end over real loopback WebSockets. */
class OmikronEndToEndTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final OmikronId IOTA_1 = OmikronId.of(1_733_600_000_100L);
  static final OmikronId IOTA_2 = OmikronId.of(1_733_600_000_200L);
  static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);
  static final OmikronId BOB = OmikronId.of(1_733_600_000_002L);
  static final OmikronId CAROL = OmikronId.of(1_733_600_000_003L);

  final OmikronPrivateKey iota1Key = OmikronPrivateKey.generate(RANDOM);
  final OmikronPrivateKey iota2Key = OmikronPrivateKey.generate(RANDOM);
  final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(RANDOM);
  final OmikronPrivateKey bobKey = OmikronPrivateKey.generate(RANDOM);
  final OmikronPrivateKey carolKey = OmikronPrivateKey.generate(RANDOM);
  final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  <T extends AutoCloseable> T track(T c) {
    closeables.add(c);
    return c;
  }

  FakeOmikron fake(FakeOmikron.Builder b) throws Exception {
    FakeOmikron f = track(b.build()).start();
    f.registerIota(IOTA_1, iota1Key.publicKey()).registerIota(IOTA_2, iota2Key.publicKey());
    f.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA_1));
    f.registerUser(UserRecord.of(BOB, "bob", bobKey, IOTA_1));
    f.registerUser(UserRecord.of(CAROL, "carol", carolKey, IOTA_2));
    return f;
  }

  FakeIota iota(FakeOmikron f, OmikronId id, OmikronPrivateKey key, Set<OmikronId> users)
      throws Exception {
    return iota(f, id, key, users, null);
  }

  FakeIota iota(
      FakeOmikron f,
      OmikronId id,
      OmikronPrivateKey key,
      Set<OmikronId> users,
      @Nullable ConnectionOptions options)
      throws Exception {
    FakeIota i = track(new FakeIota(f.iotaUrl(), id, key, users, null, options));
    i.connect().get(10, SECONDS);
    return i;
  }

  OmikronClient.Builder client(FakeOmikron f, OmikronId user, OmikronPrivateKey key) {
    return OmikronClient.builder().url(f.clientUrl()).userId(user).privateKey(key);
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  static Throwable failure(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, SECONDS));
    return e.getCause();
  }

  @Test
  void clientAndIotaIdentifyInTheReferenceShape() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    BlockingQueue<IdentificationResponse> iotaIdent = new LinkedBlockingQueue<>();
    IotaConnection iota =
        track(
            IotaConnection.builder()
                .url(f.iotaUrl())
                .iotaId(IOTA_1)
                .privateKey(iota1Key)
                .listener(
                    new IotaListener() {
                      @Override
                      public void onIdentified(IdentificationResponse r) {
                        iotaIdent.add(r);
                      }
                    })
                .build());
    iota.connect().get(10, SECONDS);
    IdentificationResponse r = iotaIdent.poll(10, SECONDS);
    assertEquals(2L, r.acceptedCount(), "accepted is an int-str count in E3");
    assertEquals(List.of(ALICE, BOB), r.acceptedIds());

    OmikronClient alice = track(client(f, ALICE, aliceKey).build());
    alice.connect().get(10, SECONDS);
    assertEquals(ConnectionState.READY, alice.state());
    assertEquals(1, f.identificationCount(ALICE));
    // The answer went back base64-encoded, to the challenge's id.
    FakeOmikron.Received answer = find(f, MessageType.CHALLENGE_RESPONSE, FakeOmikron.Role.CLIENT);
    assertTrue(
        answer.message().data().getString("challenge").endsWith("="),
        "E3 answer is base64 of 32 bytes");
    UserData bob = alice.getUserData(BOB).get(10, SECONDS);
    assertEquals("bob", bob.username());
    assertEquals(bobKey.publicKey().base64(), bob.publicKey());
    assertEquals(IOTA_1, bob.iotaId());
    OmikronServerException notFound =
        assertInstanceOf(
            OmikronServerException.class, failure(alice.getUserData(OmikronId.of(42))));
    assertEquals("error_not_found", notFound.code());
  }

  static FakeOmikron.Received find(FakeOmikron f, MessageType type, FakeOmikron.Role role)
      throws InterruptedException {
    long deadline = System.nanoTime() + SECONDS.toNanos(10);
    for (FakeOmikron.Received r : new ArrayList<>(f.received())) {
      if (r.message().type().equals(type) && r.role() == role) {
        return r;
      }
    }
    while (System.nanoTime() < deadline) {
      FakeOmikron.Received r = f.received().poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (r != null && r.message().type().equals(type) && r.role() == role) {
        return r;
      }
    }
    throw new AssertionError("no " + type + " received");
  }

  @Test
  void clientAndIotaIdentifyInTheSpecShape() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder().shape(FakeOmikronShape.SPEC));
    BlockingQueue<IdentificationResponse> iotaIdent = new LinkedBlockingQueue<>();
    BlockingQueue<Pong> iotaPongs = new LinkedBlockingQueue<>();
    IotaConnection iota =
        track(
            IotaConnection.builder()
                .url(f.iotaUrl())
                .iotaId(IOTA_1)
                .privateKey(iota1Key)
                .wireShape(WireShape.SPEC)
                .options(
                    IotaConnection.defaultOptions().toBuilder()
                        .pingInterval(Duration.ofMillis(200))
                        .build())
                .listener(
                    new IotaListener() {
                      @Override
                      public void onIdentified(IdentificationResponse r) {
                        iotaIdent.add(r);
                      }

                      @Override
                      public void onPong(Pong pong) {
                        iotaPongs.add(pong);
                      }
                    })
                .build());
    iota.connect().get(10, SECONDS);
    assertEquals(
        Boolean.TRUE, iotaIdent.poll(10, SECONDS).accepted(), "newer spec: accepted boolean");

    BlockingQueue<Pong> pongs = new LinkedBlockingQueue<>();
    BlockingQueue<Duration> rtts = new LinkedBlockingQueue<>();
    OmikronClient alice =
        track(
            client(f, ALICE, aliceKey)
                .wireShape(WireShape.SPEC)
                .options(
                    OmikronClient.defaultOptions().toBuilder()
                        .pingInterval(Duration.ofMillis(200))
                        .build())
                .listener(
                    new OmikronListener() {
                      @Override
                      public void onPong(Pong pong) {
                        pongs.add(pong);
                        if (pong.roundTrip() != null) {
                          rtts.add(pong.roundTrip());
                        }
                      }
                    })
                .build());
    alice.connect().get(10, SECONDS);
    assertEquals(5L, pongs.poll(10, SECONDS).lastPing(), "spec client pong carries last_ping");
    assertFalse(rtts.poll(10, SECONDS).isNegative());
    Pong ip = iotaPongs.poll(10, SECONDS);
    assertNotNull(ip.peerPings(), "spec Iota pong carries user_ping");
    // The identification went out in the spec envelope (sender_id routing, no sender key).
    FakeOmikron.Received ident = find(f, MessageType.IDENTIFICATION, FakeOmikron.Role.CLIENT);
    assertEquals(ALICE, ident.message().data().getId("user_id"));
  }

  @Test
  void olderPrivateKeyHashIdentification() throws Exception {
    FakeOmikron f =
        fake(
            FakeOmikron.builder()
                .shape(FakeOmikronShape.SPEC)
                .identificationMode(FakeOmikron.IdentificationMode.PRIVATE_KEY_HASH));
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    OmikronClient alice =
        track(
            client(f, ALICE, aliceKey)
                .identification(IdentificationStrategy.privateKeyHash())
                .build());
    alice.connect().get(10, SECONDS);
    FakeOmikron.Received ident = find(f, MessageType.IDENTIFICATION, FakeOmikron.Role.CLIENT);
    assertEquals(aliceKey.privateKeyHash(), ident.message().data().getString("private_key_hash"));

    // A wrong key's hash: the server answers {acceppted: false}; that is terminal.
    OmikronClient bob =
        track(
            client(f, BOB, carolKey)
                .identification(IdentificationStrategy.privateKeyHash())
                .build());
    assertInstanceOf(OmikronAuthenticationException.class, failure(bob.connect()));
    assertEquals(ConnectionState.CLOSED, bob.state());
  }

  @Test
  void aMessageFromOneClientReachesAnotherThroughTheIota() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    FakeIota iota = iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    BlockingQueue<MessageLive> live = new LinkedBlockingQueue<>();
    OmikronClient bob =
        track(
            client(f, BOB, bobKey)
                .listener(
                    new OmikronListener() {
                      @Override
                      public void onLiveMessage(MessageLive message, OmikronMessage envelope) {
                        live.add(message);
                      }
                    })
                .build());
    OmikronClient alice = track(client(f, ALICE, aliceKey).build());
    CompletableFuture.allOf(bob.connect(), alice.connect()).get(10, SECONDS);

    alice.sendRawMessage(BOB, "ZW5jcnlwdGVk").get(10, SECONDS);
    MessageLive m = live.poll(10, SECONDS);
    assertNotNull(m, "bob got the message live");
    assertEquals("ZW5jcnlwdGVk", m.message());
    assertEquals(ALICE, m.senderId());
    // Bob's automatic "received" reply travelled back to the Iota, which updated both sides.
    await(
        () ->
            iota.messages(ALICE, BOB).size() == 1
                && MessageState.RECEIVED.equals(iota.messages(ALICE, BOB).get(0).messageState()),
        "state received");
    Messages history = bob.getMessages(ALICE, 0, 10).get(10, SECONDS);
    assertEquals(1, history.messages().size());
    StoredMessage stored = history.messages().get(0);
    assertEquals("ZW5jcnlwdGVk", stored.content());
    assertEquals(Boolean.FALSE, stored.sentBySelf());
    Chats chats = alice.getChats().get(10, SECONDS);
    assertEquals(BOB, chats.chats().get(0).userId());
  }

  /**
   * Issue 13: two SDK clients talk end to end through the fake Omikron and Iota, one sending with
   * the web client's scheme and the other with the newer client's; the servers relay and store
   * ciphertext they cannot read, and each side decrypts what the other sent, live and from history.
   */
  @Test
  void twoClientsExchangeEncryptedMessagesInBothSchemesThroughTheRelay() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    FakeIota iota = iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    FakeIota iota2 = iota(f, IOTA_2, iota2Key, Set.of(CAROL));
    BlockingQueue<DirectMessage> aliceGot = new LinkedBlockingQueue<>();
    BlockingQueue<DirectMessage> bobGot = new LinkedBlockingQueue<>();
    BlockingQueue<DirectMessage> carolGot = new LinkedBlockingQueue<>();
    OmikronClient alice = track(client(f, ALICE, aliceKey).build());
    OmikronClient bob = track(client(f, BOB, bobKey).messageScheme(MessageScheme.HKDF_GCM).build());
    OmikronClient carol = track(client(f, CAROL, carolKey).build());
    alice.on(DirectMessage.class, aliceGot::add);
    bob.on(DirectMessage.class, bobGot::add);
    carol.on(DirectMessage.class, carolGot::add);
    CompletableFuture.allOf(alice.connect(), bob.connect(), carol.connect()).get(10, SECONDS);

    alice.sendMessage(BOB, "héllo bob, à bientôt").get(10, SECONDS);
    DirectMessage atBob = bobGot.poll(10, SECONDS);
    assertNotNull(atBob, "bob got alice's message");
    assertEquals("héllo bob, à bientôt", atBob.text());
    assertEquals(
        MessageScheme.WEB_CLIENT, atBob.scheme(), "alice's default: the web client's scheme");
    assertEquals(ALICE, atBob.partner());

    bob.sendMessage(ALICE, "grüße 😀 — 中文").get(10, SECONDS);
    DirectMessage atAlice = aliceGot.poll(10, SECONDS);
    assertEquals("grüße 😀 — 中文", atAlice.text(), "UTF-8 survives the newer scheme");
    assertEquals(MessageScheme.HKDF_GCM, atAlice.scheme());

    // The relay stored and forwarded exactly the ciphertext, never the text.
    List<StoredMessage> stored = iota.messages(BOB, ALICE);
    assertEquals(2, stored.size());
    assertEquals(atBob.rawContent(), stored.get(0).content());
    assertEquals(atAlice.rawContent(), stored.get(1).content());
    assertFalse(
        stored.get(0).content().contains("bob") || stored.get(1).content().contains("grüße"));
    for (FakeOmikron.Received r : f.received()) {
      assertFalse(r.message().toString().contains("bientôt"), "the Omikron never saw the text");
    }

    List<DirectMessageEvent> history = bob.getDirectMessages(ALICE, 0, 10).get(10, SECONDS);
    assertEquals(2, history.size());
    DirectMessage newest = (DirectMessage) history.get(0);
    assertTrue(newest.isOwn());
    assertEquals("grüße 😀 — 中文", newest.text(), "bob reads his own stored message too");
    assertEquals("héllo bob, à bientôt", ((DirectMessage) history.get(1)).text());

    // Across Iotas, too.
    alice.sendMessage(CAROL, "hi carol").get(10, SECONDS);
    assertEquals("hi carol", carolGot.poll(10, SECONDS).text());
    await(() -> !iota2.messages(CAROL, ALICE).isEmpty(), "stored on carol's iota");
    assertFalse(iota2.messages(CAROL, ALICE).get(0).content().contains("carol"));
  }

  /** Keys rotate with change_user_data: the receiver fetches the sender's key again, once. */
  @Test
  void aRotatedKeyIsPickedUpWhenAMessageDoesNotDecrypt() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    BlockingQueue<DirectMessageEvent> bobGot = new LinkedBlockingQueue<>();
    OmikronClient bob =
        track(client(f, BOB, bobKey).peerKeyCache(16, Duration.ofHours(1), Duration.ZERO).build());
    bob.on(DirectMessageEvent.class, bobGot::add);
    OmikronClient alice = track(client(f, ALICE, aliceKey).build());
    CompletableFuture.allOf(alice.connect(), bob.connect()).get(10, SECONDS);
    alice.sendMessage(BOB, "old key").get(10, SECONDS);
    assertEquals("old key", ((DirectMessage) bobGot.poll(10, SECONDS)).text());

    OmikronPrivateKey rotated = OmikronPrivateKey.generate(RANDOM);
    alice
        .changeUserData(
            new ChangeUserData(
                null,
                null,
                null,
                null,
                null,
                null,
                rotated.publicKey().base64(),
                rotated.privateKeyHash(),
                null))
        .get(10, SECONDS);
    alice.close();
    OmikronClient alice2 = track(client(f, ALICE, rotated).build());
    alice2.connect().get(10, SECONDS);
    alice2.sendMessage(BOB, "new key").get(10, SECONDS);
    DirectMessageEvent e = bobGot.poll(10, SECONDS);
    assertInstanceOf(DirectMessage.class, e, String.valueOf(e));
    assertEquals("new key", ((DirectMessage) e).text());
    long lookups =
        f.received().stream()
            .filter(
                r ->
                    r.peer() != null
                        && r.peer().equals(BOB)
                        && r.message().type().equals(MessageType.GET_USER_DATA))
            .count();
    assertEquals(
        2, lookups, "bob fetched alice's key on first contact and once more after the rotation");
  }

  @Test
  void aMessageCrossesIotas() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    FakeIota iota1 = iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    FakeIota iota2 = iota(f, IOTA_2, iota2Key, Set.of(CAROL));
    BlockingQueue<MessageLive> live = new LinkedBlockingQueue<>();
    OmikronClient carol =
        track(
            client(f, CAROL, carolKey)
                .listener(
                    new OmikronListener() {
                      @Override
                      public void onLiveMessage(MessageLive message, OmikronMessage envelope) {
                        live.add(message);
                      }
                    })
                .build());
    OmikronClient alice = track(client(f, ALICE, aliceKey).build());
    CompletableFuture.allOf(carol.connect(), alice.connect()).get(10, SECONDS);
    alice.sendRawMessage(CAROL, "aGk=").get(10, SECONDS);
    MessageLive m = live.poll(10, SECONDS);
    assertEquals("aGk=", m.message());
    assertEquals(ALICE, m.senderId());
    await(() -> !iota2.messages(CAROL, ALICE).isEmpty(), "stored on carol's iota");
    // message_state went back from Iota 2 to Iota 1.
    await(
        () -> MessageState.RECEIVED.equals(iota1.messages(ALICE, CAROL).get(0).messageState()),
        "state relayed back");
  }

  @Test
  void requestTimesOutWhenTheServerNeverAnswers() throws Exception {
    VirtualScheduler clock = new VirtualScheduler();
    ChatwireRuntime rt = track(ChatwireRuntime.builder().scheduler(clock).build());
    FakeOmikron f = fake(FakeOmikron.builder());
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    f.silence(MessageType.GET_CHATS);
    OmikronClient alice =
        track(
            client(f, ALICE, aliceKey)
                .runtime(rt)
                .options(ConnectionOptions.builder().requestTimeout(Duration.ofSeconds(15)).build())
                .build());
    alice.connect().get(10, SECONDS);
    CompletableFuture<Chats> chats = alice.getChats();
    find(f, MessageType.GET_CHATS, FakeOmikron.Role.CLIENT);
    clock.advance(Duration.ofSeconds(14));
    Thread.sleep(50);
    assertFalse(chats.isDone(), "not before the timeout");
    clock.advance(Duration.ofSeconds(2));
    assertInstanceOf(RequestTimeoutException.class, failure(chats));
    // The connection is still usable.
    assertEquals("bob", alice.getUserData(BOB).get(10, SECONDS).username());
  }

  @Test
  void reconnectReidentifies() throws Exception {
    VirtualScheduler clock = new VirtualScheduler();
    ChatwireRuntime rt = track(ChatwireRuntime.builder().scheduler(clock).build());
    FakeOmikron f = fake(FakeOmikron.builder());
    // The FakeIota runs on the real clock. With the default policy its first retry after the 1001
    // comes at a random moment in the first 10 s (full jitter, doubled after a server restart),
    // as long as the wait for it below: a quick fixed retry leaves that wait only a bound.
    iota(
        f,
        IOTA_1,
        iota1Key,
        Set.of(ALICE, BOB),
        IotaConnection.defaultOptions().toBuilder()
            .reconnectPolicy(
                ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100)).jitter(0).build())
            .build());
    BlockingQueue<StateChange> states = new LinkedBlockingQueue<>();
    BlockingQueue<IdentificationResponse> idents = new LinkedBlockingQueue<>();
    // No pings or watchdog here: advancing virtual time must only drive the reconnect.
    OmikronClient alice =
        track(
            client(f, ALICE, aliceKey)
                .runtime(rt)
                .options(
                    ConnectionOptions.builder()
                        .reconnectPolicy(
                            ReconnectPolicy.builder()
                                .initialDelay(Duration.ofSeconds(3))
                                .jitter(0)
                                .restartSpread(1)
                                .build())
                        .build())
                .listener(
                    new OmikronListener() {
                      @Override
                      public void onStateChange(StateChange change) {
                        states.add(change);
                      }

                      @Override
                      public void onIdentified(IdentificationResponse response) {
                        idents.add(response);
                      }
                    })
                .build());
    alice.connect().get(10, SECONDS);
    assertNotNull(idents.poll(10, SECONDS));
    assertEquals(1, f.identificationCount(ALICE));
    f.disconnectAll(); // the Iota goes too, and comes back on its own (real) clock

    StateChange change;
    do {
      change = states.poll(10, SECONDS);
      assertNotNull(change, "expected RECONNECTING");
    } while (change.current() != ConnectionState.RECONNECTING);
    assertEquals(Duration.ofSeconds(3), change.retryIn());
    // The FakeIota reconnects on the real clock; wait for it so the client finds its Iota.
    await(() -> f.identificationCount(IOTA_1) == 2 && f.isIotaConnected(IOTA_1), "iota back");
    assertEquals(1, f.identificationCount(ALICE), "no reconnect before the backoff delay");
    clock.advance(Duration.ofSeconds(3));
    assertNotNull(idents.poll(10, SECONDS), "identified again");
    assertEquals(
        2, f.identificationCount(ALICE), "a second challenge was solved after the reconnect");
    assertEquals(ConnectionState.READY, alice.state());
    assertEquals("bob", alice.getUserData(BOB).get(10, SECONDS).username());
  }

  @Test
  void fatalIdentificationErrorStopsReconnecting() throws Exception {
    VirtualScheduler clock = new VirtualScheduler();
    ChatwireRuntime rt = track(ChatwireRuntime.builder().scheduler(clock).build());
    FakeOmikron f =
        fake(FakeOmikron.builder()); // reference quirk: never closes after a fatal error
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    f.failIdentificationsWith(MessageType.ERROR_NOT_AUTHENTICATED);
    OmikronClient alice = track(client(f, ALICE, aliceKey).runtime(rt).build());
    OmikronAuthenticationException e =
        assertInstanceOf(OmikronAuthenticationException.class, failure(alice.connect()));
    assertEquals("error_not_authenticated", e.errorType());
    assertFalse(e.isRetryable());
    assertEquals(ConnectionState.CLOSED, alice.state());
    // The client closed the socket itself, since the server does not.
    await(() -> f.openConnections() == 1, "only the iota's socket left");
    clock.advance(Duration.ofMinutes(10));
    Thread.sleep(200);
    long attempts =
        f.received().stream()
            .filter(
                r ->
                    r.role() == FakeOmikron.Role.CLIENT
                        && r.message().type().equals(MessageType.IDENTIFICATION))
            .count();
    assertEquals(1, attempts, "no second identification");
  }

  @Test
  void aChallengeThatDoesNotDecryptIsTerminalAndLeaksNoKey() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    OmikronClient wrong = track(client(f, ALICE, bobKey).build());
    OmikronAuthenticationException e =
        assertInstanceOf(OmikronAuthenticationException.class, failure(wrong.connect()));
    String b64 = java.util.Base64.getEncoder().encodeToString(bobKey.raw());
    assertFalse(e.getMessage().contains(b64));
    assertNull(e.errorType(), "detected locally");
    assertEquals(ConnectionState.CLOSED, wrong.state());
    assertEquals(0, f.identificationCount(ALICE));
  }

  @Test
  void errorNoIotaRetriesUntilTheIotaIsBack() throws Exception {
    VirtualScheduler clock = new VirtualScheduler();
    ChatwireRuntime rt = track(ChatwireRuntime.builder().scheduler(clock).build());
    FakeOmikron f = fake(FakeOmikron.builder());
    BlockingQueue<StateChange> states = new LinkedBlockingQueue<>();
    OmikronClient alice =
        track(
            client(f, ALICE, aliceKey)
                .runtime(rt)
                .options(
                    ConnectionOptions.builder()
                        .reconnectPolicy(
                            ReconnectPolicy.builder()
                                .initialDelay(Duration.ofSeconds(3))
                                .jitter(0)
                                .restartSpread(1)
                                .build())
                        .build())
                .listener(
                    new OmikronListener() {
                      @Override
                      public void onStateChange(StateChange change) {
                        states.add(change);
                      }
                    })
                .build());
    CompletableFuture<Void> connected = alice.connect();
    StateChange change;
    do {
      change = states.poll(10, SECONDS);
      assertNotNull(change);
    } while (change.current() != ConnectionState.RECONNECTING);
    assertInstanceOf(IotaOfflineException.class, change.cause());
    assertFalse(connected.isDone());
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    clock.advance(Duration.ofSeconds(3));
    connected.get(10, SECONDS);
    assertEquals(1, f.identificationCount(ALICE));
  }

  @Test
  void badInputGivesTypedErrorsAndTheConnectionKeepsWorking() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    BlockingQueue<ChatwireException> errors = new LinkedBlockingQueue<>();
    BlockingQueue<OmikronMessage> others = new LinkedBlockingQueue<>();
    OmikronClient alice =
        track(
            client(f, ALICE, aliceKey)
                .listener(
                    new OmikronListener() {
                      @Override
                      public void onError(ChatwireException error) {
                        errors.add(error);
                      }

                      @Override
                      public void onUnknown(OmikronMessage message) {
                        others.add(message);
                      }
                    })
                .build());
    alice.connect().get(10, SECONDS);
    f.pushRawToUser(ALICE, "{not json");
    assertInstanceOf(OmikronFormatException.class, errors.poll(10, SECONDS));
    f.pushRawToUser(ALICE, "[1,2]");
    assertInstanceOf(OmikronFormatException.class, errors.poll(10, SECONDS));
    f.pushRawToUser(
        ALICE,
        "{\"type\":\"client_changed\",\"data\":{\"user_id\":{\"x\":1},\"user_state\":\"user_idle\"}}");
    assertInstanceOf(OmikronFormatException.class, errors.poll(10, SECONDS));
    f.pushRawToUser(ALICE, "{\"id\":\"x\",\"type\":\"Totally_New_Type\",\"data\":{\"k\":1}}");
    OmikronMessage unknown = others.poll(10, SECONDS);
    assertFalse(unknown.type().isKnown());
    assertEquals("Totally_New_Type", unknown.type().wireName());
    assertEquals(ConnectionState.READY, alice.state());
    assertEquals("bob", alice.getUserData(BOB).get(10, SECONDS).username());
    assertNull(errors.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  @Test
  void callInvitePushWithIntStringIds() throws Exception {
    FakeOmikron f =
        fake(FakeOmikron.builder().quirks(FakeOmikronQuirks.reference().withIntStringFields(true)));
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    BlockingQueue<CallInvite> invites = new LinkedBlockingQueue<>();
    OmikronClient bob =
        track(
            client(f, BOB, bobKey)
                .listener(
                    new OmikronListener() {
                      @Override
                      public void onCallInvite(CallInvite invite, OmikronMessage envelope) {
                        invites.add(invite);
                      }
                    })
                .build());
    OmikronClient alice = track(client(f, ALICE, aliceKey).build());
    CompletableFuture.allOf(bob.connect(), alice.connect()).get(10, SECONDS);
    String call = UUID.randomUUID().toString();
    assertTrue(alice.callToken(call).get(10, SECONDS).callToken().startsWith("fake-livekit-token"));
    alice.callInvite(BOB, call).get(10, SECONDS);
    CallInvite invite = invites.poll(10, SECONDS);
    assertEquals(ALICE, invite.senderId());
    assertEquals(BOB, invite.receiverId());
    assertEquals(call, invite.callId());
    OmikronServerException notMember =
        assertInstanceOf(
            OmikronServerException.class,
            failure(bob.callInvite(ALICE, UUID.randomUUID().toString())));
    assertEquals("error_invalid_call_id", notMember.code());
    // Presence has no reply; it must still complete as sent.
    alice.setPresence(UserState.USER_DND).get(10, SECONDS);
    FakeOmikron.Received p = find(f, MessageType.CLIENT_CHANGED, FakeOmikron.Role.CLIENT);
    assertEquals("user_dnd", p.message().data().getString("user_state"));
  }

  @Test
  void anonymousGuestJoinsACallThatAllowsIt() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    OmikronClient alice = track(client(f, ALICE, aliceKey).build());
    alice.connect().get(10, SECONDS);
    String call = UUID.randomUUID().toString();
    alice.callToken(call).get(10, SECONDS);
    String link = alice.setAnonymousJoining(call, true).get(10, SECONDS).link();
    assertNotNull(link);

    io.github.chatwire.omikron.CallGuestConnection guest =
        track(
            io.github.chatwire.omikron.CallGuestConnection.builder()
                .url(f.guestUrl())
                .callId(call)
                .build());
    guest.connect().get(10, SECONDS);
    IdentificationResponse identity = guest.identity();
    assertNotNull(identity.userId());
    assertEquals(call, identity.guestCall().callId());
    assertTrue(identity.guestCall().callToken().startsWith("fake-livekit-token"));
    assertFalse(identity.toString().contains("fake-livekit-token"), "the token is masked");
    assertTrue(guest.callToken().get(10, SECONDS).callToken().startsWith("fake-livekit-token"));
    guest.changeDisplay("Visitor").get(10, SECONDS);

    io.github.chatwire.omikron.CallGuestConnection refused =
        track(
            io.github.chatwire.omikron.CallGuestConnection.builder()
                .url(f.guestUrl())
                .callId(UUID.randomUUID().toString())
                .build());
    OmikronAuthenticationException e =
        assertInstanceOf(OmikronAuthenticationException.class, failure(refused.connect()));
    assertEquals("error_not_authenticated", e.errorType());
  }

  @Test
  void aNewIotaRegistersThenIdentifies() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder());
    OmikronPrivateKey newKey = OmikronPrivateKey.generate(RANDOM);
    OmikronId id =
        IotaConnection.register(
                io.github.chatwire.core.transport.WebSocketTransport.builder(f.iotaUrl()).build(),
                newKey.publicKey(),
                null,
                Duration.ofSeconds(10))
            .get(10, SECONDS);
    assertNotNull(id);
    FakeIota iota = iota(f, id, newKey, Set.of());
    assertEquals(1, f.identificationCount(id));
    iota.close();
  }

  @Test
  void specPresenceBroadcastHidesInvisibleUsers() throws Exception {
    FakeOmikron f = fake(FakeOmikron.builder().shape(FakeOmikronShape.SPEC));
    iota(f, IOTA_1, iota1Key, Set.of(ALICE, BOB));
    BlockingQueue<io.github.chatwire.omikron.model.ClientChanged> presence =
        new LinkedBlockingQueue<>();
    OmikronClient bob =
        track(
            client(f, BOB, bobKey)
                .wireShape(WireShape.SPEC)
                .listener(
                    new OmikronListener() {
                      @Override
                      public void onPresence(
                          io.github.chatwire.omikron.model.ClientChanged change,
                          OmikronMessage envelope) {
                        presence.add(change);
                      }
                    })
                .build());
    OmikronClient alice = track(client(f, ALICE, aliceKey).wireShape(WireShape.SPEC).build());
    CompletableFuture.allOf(bob.connect(), alice.connect()).get(10, SECONDS);
    alice.setPresence(UserState.USER_DND).get(10, SECONDS);
    io.github.chatwire.omikron.model.ClientChanged c = presence.poll(10, SECONDS);
    assertEquals(ALICE, c.userId());
    assertEquals(UserState.USER_DND, c.userState());
    assertEquals(UserState.USER_DND, bob.getUserData(ALICE).get(10, SECONDS).onlineStatus());
    alice.setPresence(UserState.USER_INVISIBLE).get(10, SECONDS);
    assertEquals(
        UserState.USER_OFFLINE,
        presence.poll(10, SECONDS).userState(),
        "invisible users appear offline");
    assertEquals(UserState.USER_OFFLINE, bob.getUserData(ALICE).get(10, SECONDS).onlineStatus());
    // Alice stays connected and can still send and receive.
    assertEquals("bob", alice.getUserData(BOB).get(10, SECONDS).username());
  }
}

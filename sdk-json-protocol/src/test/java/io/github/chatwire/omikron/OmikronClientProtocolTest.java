package io.github.chatwire.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.codec.X448Challenge;
import io.github.chatwire.omikron.model.Chats;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.omikron.model.UserData;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's protocol logic against a scripted in-memory server, entirely in virtual time and on
 * the test thread (direct callback executor).
 */
class OmikronClientProtocolTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);

  final VirtualScheduler clock = new VirtualScheduler(1_770_000_000_000L);
  final ChatwireRuntime rt =
      ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
  final ScriptedOmikron server = new ScriptedOmikron();
  final OmikronPrivateKey omikronKey = OmikronPrivateKey.generate(RANDOM);
  final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(RANDOM);
  final List<Object> events = new ArrayList<>();
  final List<StateChange> states = new ArrayList<>();
  final List<ChatwireException> errors = new ArrayList<>();
  OmikronClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    rt.close();
  }

  ConnectionOptions.Builder options() {
    return OmikronClient.defaultOptions().toBuilder()
        .requestTimeout(Duration.ofSeconds(10))
        .reconnectPolicy(
            ReconnectPolicy.builder()
                .initialDelay(Duration.ofSeconds(3))
                .jitter(0)
                .restartSpread(1)
                .build());
  }

  OmikronClient build(ConnectionOptions options, IdentificationStrategy strategy) {
    client =
        OmikronClient.builder()
            .transport(server)
            .userId(ALICE)
            .privateKey(aliceKey)
            .runtime(rt)
            .options(options)
            .identification(strategy)
            .listener(
                new OmikronListener() {
                  @Override
                  public void onStateChange(StateChange change) {
                    states.add(change);
                  }

                  @Override
                  public void onError(ChatwireException error) {
                    errors.add(error);
                  }

                  @Override
                  public void onPong(Pong pong) {
                    events.add(pong.roundTrip() == null ? "pong-unmatched" : pong.roundTrip());
                  }

                  @Override
                  public void onLiveMessage(MessageLive message, OmikronMessage envelope) {
                    events.add(message);
                  }

                  @Override
                  public void onUnknown(OmikronMessage message) {
                    events.add(message);
                  }

                  @Override
                  public void onUndecryptableMessage(
                      UndecryptableMessage message, OmikronMessage envelope) {
                    events.add(message);
                  }
                })
            .build();
    return client;
  }

  static String msg(String id, String type, String data) {
    return "{"
        + (id == null ? "" : "\"id\":\"" + id + "\",")
        + "\"type\":\""
        + type
        + "\",\"data\":"
        + data
        + "}";
  }

  String challengeFor(OmikronPrivateKey peer, String plain) throws Exception {
    byte[] ct =
        X448Challenge.encrypt(
            omikronKey.raw(), peer.publicKey().raw(), plain.getBytes(StandardCharsets.US_ASCII));
    return "{\"public_key\":\""
        + omikronKey.publicKey().base64()
        + "\",\"challenge\":\""
        + Base64.getEncoder().encodeToString(ct)
        + "\"}";
  }

  /**
   * Runs the E3 handshake; the server echoes ids in upper case to prove case-insensitive handling.
   */
  CompletableFuture<Void> handshake() throws Exception {
    CompletableFuture<Void> connected = client.connect();
    boolean reconnect = connected.isDone();
    server.accept();
    OmikronMessage ident = server.next();
    assertEquals(MessageType.IDENTIFICATION, ident.type());
    assertEquals(ALICE, ident.data().getId("user_id"));
    assertTrue(
        OmikronCodec.encode(ident).contains("\"user_id\":1733600000001"),
        "user_id is a JSON number");
    assertFalse(ident.data().has("private_key_hash"));
    String challengeId = ident.id().toUpperCase(Locale.ROOT);
    server.serverSends(
        msg(challengeId, "challenge", challengeFor(aliceKey, "abcdefghijklmnopqrstuvwxyzABCDEF")));
    OmikronMessage answer = server.next();
    assertEquals(MessageType.CHALLENGE_RESPONSE, answer.type());
    assertEquals(challengeId, answer.id(), "the answer reuses the challenge's id");
    assertEquals(
        "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXpBQkNERUY=", answer.data().getString("challenge"));
    assertFalse(connected.isDone() && !reconnect);
    assertEquals(
        ConnectionState.HANDSHAKING, client.state(), "not ready before identification_response");
    server.serverSends(msg(answer.id(), "identification_response", "{}"));
    return connected;
  }

  @Test
  void identifiesAndCorrelatesRepliesIgnoringCase() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    CompletableFuture<Void> connected = handshake();
    assertTrue(connected.isDone() && !connected.isCompletedExceptionally());
    assertEquals(ConnectionState.READY, client.state());

    CompletableFuture<UserData> user = client.getUserData(OmikronId.of(2));
    OmikronMessage req = server.next();
    assertEquals(MessageType.GET_USER_DATA, req.type());
    assertEquals(req.id().toLowerCase(Locale.ROOT), req.id(), "ids go out lowercase");
    server.serverSends(
        msg(
            req.id().toUpperCase(Locale.ROOT),
            "get_user_data",
            "{\"user_id\":2,\"username\":\"bob\"}"));
    assertEquals("bob", user.get().username());
  }

  @Test
  void connectionIsTheEngineUnderTheClient() throws Exception {
    ConnectionOptions options = options().name("omikron-under-test").build();
    build(options, IdentificationStrategy.x448Challenge());
    ManagedConnection engine = client.connection();
    assertSame(options, engine.options());
    assertSame(rt, engine.runtime());
    assertEquals(ConnectionState.NEW, engine.state());
    handshake();
    assertSame(engine, client.connection(), "one engine for the client's whole life");
    assertEquals(ConnectionState.READY, engine.state());
    CompletableFuture<Chats> chats = client.getChats();
    server.next();
    assertEquals(1, engine.pendingCount());
    assertEquals(client.pendingRequests(), engine.pendingCount());
    engine.close();
    assertEquals(ConnectionState.CLOSED, client.state(), "closing the engine closes the client");
    assertTrue(chats.isCompletedExceptionally());
  }

  @Test
  void errorRepliesFailTheRequestAndLateRepliesBecomeEvents() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    handshake();
    CompletableFuture<Chats> chats = client.getChats();
    OmikronMessage req = server.next();
    server.serverSends(msg(req.id(), "error_not_found", "{\"error_type\":\"nope\"}"));
    OmikronServerException e = (OmikronServerException) cause(chats);
    assertEquals("error_not_found", e.code());
    assertEquals("nope", e.reply().errorType());
    assertFalse(e.isRetryable());

    CompletableFuture<Chats> slow = client.getChats();
    OmikronMessage req2 = server.next();
    clock.advance(Duration.ofSeconds(9));
    assertFalse(slow.isDone());
    clock.advance(Duration.ofSeconds(1));
    assertInstanceOf(RequestTimeoutException.class, cause(slow));
    events.clear();
    server.serverSends(msg(req2.id(), "get_chats", "{\"user_ids\":[]}"));
    assertEquals(1, events.size(), "a late reply is delivered as an event");
    assertEquals(ConnectionState.READY, client.state());

    server.unread().clear(); // pings sent while time advanced
    CompletableFuture<Chats> offline = client.getChats();
    server.serverSends(msg(server.next().id(), "error_no_iota", "{}"));
    assertInstanceOf(IotaOfflineException.class, cause(offline));
    assertTrue(
        cause(offline) instanceof ChatwireException
            && ((ChatwireException) cause(offline)).isRetryable());
  }

  /** One session logic: the reply rules that TTP needs hold on the WebSocket protocol too. */
  @Test
  void aPongOrAPushedMessageWithARequestsIdDoesNotAnswerIt() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    handshake();
    CompletableFuture<UserData> user = client.getUserData(OmikronId.of(2));
    OmikronMessage req = server.next();
    server.serverSends(msg(req.id(), "pong", "{\"ping_iota\":12}"));
    assertFalse(user.isDone(), "a pong answers only a ping");
    assertEquals("pong-unmatched", events.get(0));
    server.serverSends(
        msg(req.id(), "client_changed", "{\"user_id\":2,\"user_state\":\"user_online\"}"));
    assertFalse(user.isDone(), "a pushed message answers only a request of its type");
    server.serverSends(msg(req.id(), "get_user_data", "{\"user_id\":2,\"username\":\"bob\"}"));
    assertEquals("bob", user.get().username());
  }

  @Test
  void pingsOnTheIntervalAndMeasuresRoundTrip() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    handshake();
    assertTrue(server.unread().isEmpty());
    clock.advance(Duration.ofMillis(4999));
    assertTrue(server.unread().isEmpty(), "no ping before 5 s");
    clock.advance(Duration.ofMillis(1));
    OmikronMessage ping = server.next();
    assertEquals(MessageType.PING, ping.type());
    assertEquals(
        clock.currentTimeMillis(),
        ping.data().getLong("last_ping"),
        "last_ping is the epoch ms at send time");
    clock.advance(Duration.ofMillis(230));
    server.serverSends(msg(ping.id().toUpperCase(Locale.ROOT), "pong", "{\"ping_iota\":12}"));
    assertEquals(List.of(Duration.ofMillis(230)), events);
    clock.advance(Duration.ofMillis(4770));
    assertEquals(MessageType.PING, server.next().type(), "the next ping 5 s after the first");
    server.serverSends(msg("f0000000-0000-4000-8000-000000000000", "pong", "{\"ping_iota\":12}"));
    assertEquals("pong-unmatched", events.get(1));
  }

  @Test
  void silenceIsDetectedAndTheReconnectIdentifiesAgain() throws Exception {
    build(
        options().requestTimeout(Duration.ofSeconds(60)).build(),
        IdentificationStrategy.x448Challenge());
    handshake();
    CompletableFuture<Chats> inFlight = client.getChats();
    server.next();
    clock.advance(Duration.ofSeconds(20)); // pings go unanswered; the watchdog fires
    assertEquals(ConnectionState.RECONNECTING, client.state());
    assertInstanceOf(ConnectionLostException.class, cause(inFlight));
    assertEquals(1, server.opens());
    server.unread().clear();
    clock.advance(Duration.ofSeconds(3));
    assertEquals(2, server.opens());
    CompletableFuture<Void> again = handshake();
    assertTrue(again.isDone());
    assertEquals(ConnectionState.READY, client.state());
  }

  @Test
  void serverCloseReconnectsAndQueuedRequestsGoOutAfterIdentification() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    handshake();
    server.serverCloses(1001);
    assertEquals(ConnectionState.RECONNECTING, client.state());
    CompletableFuture<Chats> queued = client.getChats();
    clock.advance(Duration.ofSeconds(3));
    server.unread().clear();
    client.connect();
    server.accept();
    OmikronMessage ident = server.next();
    assertEquals(
        MessageType.IDENTIFICATION, ident.type(), "nothing goes out before the identification");
    server.serverSends(
        msg(ident.id(), "challenge", challengeFor(aliceKey, "0123456789abcdefghijABCDEFGHIJ01")));
    OmikronMessage answer = server.next();
    assertTrue(server.unread().isEmpty(), "the queued request waits for identification_response");
    server.serverSends(msg(answer.id(), "identification_response", "{}"));
    OmikronMessage req = server.next();
    assertEquals(MessageType.GET_CHATS, req.type());
    server.serverSends(msg(req.id(), "get_chats", "{\"user_ids\":[{\"user_id\":2}]}"));
    assertEquals(1, queued.get().chats().size());
  }

  @Test
  void fatalErrorsAreTerminalAndTheClientClosesTheSocket() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    CompletableFuture<Void> connected = client.connect();
    server.accept();
    OmikronMessage ident = server.next();
    server.serverSends(msg(ident.id(), "error_invalid_user_id", "{}"));
    OmikronAuthenticationException e = (OmikronAuthenticationException) cause(connected);
    assertEquals("error_invalid_user_id", e.errorType());
    assertEquals(ConnectionState.CLOSED, client.state());
    assertFalse(server.isOpen(), "the client closed the socket itself");
    clock.advance(Duration.ofMinutes(5));
    assertEquals(1, server.opens(), "never reconnects");
  }

  @Test
  void retryableHandshakeErrorsReconnect() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    CompletableFuture<Void> connected = client.connect();
    server.accept();
    OmikronMessage ident = server.next();
    server.serverSends(
        msg(ident.id(), "challenge", challengeFor(aliceKey, "abcdefghijklmnopqrstuvwxyzABCDEF")));
    server.serverSends(msg(server.next().id(), "error_no_iota", "{}"));
    assertEquals(ConnectionState.RECONNECTING, client.state());
    assertInstanceOf(IotaOfflineException.class, states.get(states.size() - 1).cause());
    assertFalse(connected.isDone());
    clock.advance(Duration.ofSeconds(3));
    assertEquals(2, server.opens());
  }

  /**
   * Issue 11 item 11: a corrupted challenge frame (bad base64, a 3-byte key, a ciphertext shorter
   * than the GCM tag) is a protocol error that reconnects with backoff, not refused credentials.
   */
  @Test
  void malformedChallengesAreProtocolErrorsThatReconnectWithoutLeakingKeys() throws Exception {
    String goodKey = omikronKey.publicKey().base64();
    String threeByteKey = Base64.getEncoder().encodeToString(new byte[3]);
    String[] bad = {
      "{\"public_key\":\"" + goodKey + "\",\"challenge\":\"%%not base64%%\"}",
      "{\"public_key\":\""
          + threeByteKey
          + "\",\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
      "{\"public_key\":\"" + goodKey + "\",\"challenge\":\"AAAA\"}",
      "{\"public_key\":\"!!\",\"challenge\":\"AAAA\"}",
    };
    // Four failed first attempts: lift the first connection's own limit (3 attempts, 30 s).
    build(
        options()
            .initialConnectAttempts(Integer.MAX_VALUE)
            .initialConnectTimeout(Duration.ZERO)
            .build(),
        IdentificationStrategy.x448Challenge());
    CompletableFuture<Void> connected = client.connect();
    for (int i = 0; i < bad.length; i++) {
      server.accept();
      OmikronMessage ident = server.next();
      server.serverSends(msg(ident.id(), "challenge", bad[i]));
      assertEquals(ConnectionState.RECONNECTING, client.state(), bad[i]);
      ChatwireException cause = states.get(states.size() - 1).cause();
      OmikronProtocolException e = assertInstanceOf(OmikronProtocolException.class, cause, bad[i]);
      assertInstanceOf(io.github.chatwire.core.ProtocolException.class, e);
      assertTrue(e.isRetryable());
      assertFalse(e.getMessage().contains(Base64.getEncoder().encodeToString(aliceKey.raw())));
      assertFalse(connected.isDone());
      assertEquals(i + 1, server.opens());
      clock.advance(Duration.ofSeconds(2));
      assertEquals(i + 1, server.opens(), "not at once: backoff first");
      for (int s = 0; s < 120 && server.opens() == i + 1; s++) {
        clock.advance(Duration.ofSeconds(1));
      }
      assertEquals(i + 2, server.opens(), "reconnected after backoff");
    }
    CompletableFuture<Void> ok = connected;
    server.accept();
    OmikronMessage ident = server.next();
    server.serverSends(
        msg(ident.id(), "challenge", challengeFor(aliceKey, "abcdefghijklmnopqrstuvwxyzABCDEF")));
    server.serverSends(msg(server.next().id(), "identification_response", "{}"));
    assertTrue(
        ok.isDone() && !ok.isCompletedExceptionally(), "a good challenge later still identifies");
  }

  @Test
  void challengeEncryptedForAnotherKeyIsTerminal() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    CompletableFuture<Void> connected = client.connect();
    server.accept();
    OmikronMessage ident = server.next();
    server.serverSends(
        msg(
            ident.id(),
            "challenge",
            challengeFor(OmikronPrivateKey.generate(RANDOM), "abcdefghijklmnopqrstuvwxyzABCDEF")));
    assertTrue(cause(connected).getMessage().contains("does not decrypt"));
    assertEquals(ConnectionState.CLOSED, client.state());
  }

  @Test
  void plainAnswerEncodingAndPrivateKeyHash() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge(AnswerEncoding.PLAIN));
    client.connect();
    server.accept();
    OmikronMessage ident = server.next();
    server.serverSends(
        msg(ident.id(), "challenge", challengeFor(aliceKey, "abcdefghijklmnopqrstuvwxyzABCDEF")));
    assertEquals("abcdefghijklmnopqrstuvwxyzABCDEF", server.next().data().getString("challenge"));
    client.close();

    ScriptedOmikron s2 = new ScriptedOmikron();
    OmikronClient hashClient =
        OmikronClient.builder()
            .transport(s2)
            .userId(ALICE)
            .privateKey(aliceKey)
            .runtime(rt)
            .identification(IdentificationStrategy.privateKeyHash())
            .build();
    try {
      CompletableFuture<Void> c = hashClient.connect();
      s2.accept();
      OmikronMessage id2 = s2.next();
      assertEquals(aliceKey.privateKeyHash(), id2.data().getString("private_key_hash"));
      s2.serverSends(msg(id2.id(), "identification_response", "{\"acceppted\":true}"));
      assertTrue(c.isDone() && !c.isCompletedExceptionally());
    } finally {
      hashClient.close();
    }
  }

  @Test
  void liveMessagesAreAcknowledgedAndBadInputKeepsTheConnection() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    handshake();
    String liveId = "0198f000-aaaa-7bbb-8ccc-000000000001";
    server.serverSends(
        "{\"id\":\""
            + liveId
            + "\",\"type\":\"message_live\",\"sender\":1733600000100,\"receiver\":1733600000001,"
            + "\"data\":{\"send_time\":\"1733600000000\",\"message\":\"aGk=\",\"sender_id\":1733600000002}}");
    OmikronMessage ack = server.next();
    assertEquals(liveId, ack.id());
    assertEquals("received", ack.data().getString("message_state"));
    MessageLive live = (MessageLive) events.get(0);
    assertEquals(OmikronId.of(1733600000002L), live.senderId());
    OmikronMessage keyLookup = server.next();
    assertEquals(
        MessageType.GET_USER_DATA, keyLookup.type(), "the sender's key is fetched to decrypt");
    server.serverSends(msg(keyLookup.id(), "error_not_found", "{}"));
    assertInstanceOf(
        UndecryptableMessage.class, events.get(1), "delivered although no key is available");
    client.acknowledgeLiveMessage(liveId, io.github.chatwire.omikron.model.MessageState.READ);
    assertEquals("read", server.next().data().getString("message_state"));

    server.serverSends("{\"type\":");
    server.serverSends(msg("a", "message_live", "{\"send_time\":\"soon\"}"));
    server.serverSends("{\"type\":\"pong\",\"data\":{\"ping_iota\":[1]}}");
    assertEquals(3, errors.size());
    for (ChatwireException e : errors) {
      assertInstanceOf(io.github.chatwire.omikron.model.OmikronFormatException.class, e);
    }
    assertEquals(ConnectionState.READY, client.state());
    CompletableFuture<UserData> u = client.getUserData(OmikronId.of(2));
    server.serverSends(
        msg(server.next().id(), "get_user_data", "{\"user_id\":2,\"username\":\"b\"}"));
    assertEquals("b", u.get().username());
  }

  static Throwable cause(CompletableFuture<?> f) {
    assertTrue(f.isDone(), "future should be done");
    try {
      f.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void requestDataOfTheCatalogueGoesOutInTheReferenceForm() throws Exception {
    build(options().build(), IdentificationStrategy.x448Challenge());
    handshake();
    client.getMessages(OmikronId.of(2), 0, 20);
    OmikronMessage m = server.next();
    assertEquals(MessageType.MESSAGES_GET, m.type());
    assertEquals(
        OmikronData.builder().put("user_id", 2L).put("offset", 0L).put("amount", 20L).build(),
        m.data());
    client.changeUserData(
        new io.github.chatwire.omikron.model.ChangeUserData(
            null, null, "Alice", null, null, null, null, null, null));
    OmikronMessage c = server.next();
    assertEquals(
        ALICE, c.data().getId("user_id"), "user_id is filled in: Omega reads it from data");
    client.readNotification(OmikronId.of(2));
    OmikronMessage r = server.next();
    assertEquals(ALICE, r.data().getId("receiver_id"));
    assertEquals(OmikronId.of(2), r.data().getId("sender_id"));
    client.setPresence(io.github.chatwire.omikron.model.UserState.USER_IDLE);
    assertEquals("user_idle", server.next().data().getString("user_state"));
    assertEquals(3, client.pendingRequests(), "presence registers no pending request");
  }

  @Test
  void e1UuidEraHandshakeAndReplies() throws Exception {
    OmikronId uuidUser = OmikronId.of("8F14E45F-CEEA-467F-A0E6-5C1F2A3B4C5D");
    assertEquals("8f14e45f-ceea-467f-a0e6-5c1f2a3b4c5d", uuidUser.value());
    ScriptedOmikron s1 = new ScriptedOmikron();
    client =
        OmikronClient.builder()
            .transport(s1)
            .userId(uuidUser)
            .privateKey(aliceKey)
            .runtime(rt)
            .identification(IdentificationStrategy.privateKeyHash())
            .build();
    List<Pong> pongs = new ArrayList<>();
    client.addListener(
        new OmikronListener() {
          @Override
          public void onPong(Pong pong) {
            pongs.add(pong);
          }
        });
    CompletableFuture<Void> c = client.connect();
    s1.accept();
    OmikronMessage ident = s1.next();
    assertTrue(
        OmikronCodec.encode(ident).contains("\"user_id\":\"8f14e45f-ceea-467f-a0e6-5c1f2a3b4c5d\""),
        "UUID ids are strings");
    // E1: sender/receiver always present as (random) UUID strings; identification_response has
    // empty data.
    s1.serverSends(
        "{\"id\":\""
            + ident.id()
            + "\",\"type\":\"identification_response\",\"sender\":\""
            + java.util.UUID.randomUUID()
            + "\",\"receiver\":\""
            + java.util.UUID.randomUUID()
            + "\",\"data\":{}}");
    assertTrue(c.isDone() && !c.isCompletedExceptionally());
    clock.advance(Duration.ofSeconds(5));
    OmikronMessage ping = s1.next();
    s1.serverSends(msg(ping.id(), "pong", "{\"ping_iota\":\"17\"}"));
    assertEquals(17L, pongs.get(0).pingIota(), "E1's string ping_iota is read");
    // Any reply type with the request's id completes the request (here a bare success).
    CompletableFuture<Chats> chats = client.getChats();
    s1.serverSends(msg(s1.next().id(), "success", "{}"));
    assertEquals(0, chats.get().chats().size());
  }

  @Test
  void anExplicitPingMeasuresItsRoundTrip() throws Exception {
    build(options().pingInterval(Duration.ZERO).build(), IdentificationStrategy.x448Challenge());
    handshake();
    events.clear();
    CompletableFuture<Pong> pong = client.ping();
    OmikronMessage ping = server.next();
    assertEquals(MessageType.PING, ping.type());
    clock.advance(Duration.ofMillis(75));
    server.serverSends(msg(ping.id(), "pong", "{\"ping_iota\":3}"));
    assertEquals(Duration.ofMillis(75), pong.get().roundTrip());
    assertEquals(3L, pong.get().pingIota(), "the pong itself, as the listener would see it");
    assertTrue(
        events.isEmpty(), "the answer to an explicit ping is not also an unmatched pong event");
  }
}

package io.github.chatwire.omikron;

import static io.github.chatwire.omikron.ScriptedTtpOmikron.fixture;
import static io.github.chatwire.omikron.ScriptedTtpOmikron.fixtureBytes;
import static io.github.chatwire.omikron.ScriptedTtpOmikron.idOf;
import static io.github.chatwire.omikron.ScriptedTtpOmikron.withId;
import static io.github.chatwire.omikron.ScriptedTtpOmikron.withIdBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.omikron.codec.MessageScheme;
import io.github.chatwire.omikron.codec.X448Challenge;
import io.github.chatwire.omikron.codec.ttp.TtpContainer;
import io.github.chatwire.omikron.codec.ttp.TtpDataKeys;
import io.github.chatwire.omikron.codec.ttp.TtpDecodeException;
import io.github.chatwire.omikron.codec.ttp.TtpMessage;
import io.github.chatwire.omikron.codec.ttp.TtpMessageTypes;
import io.github.chatwire.omikron.codec.ttp.TtpValue;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.omikron.model.UserData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TTP session of a user, against a scripted TTP Omikron whose frames come from the fixture
 * vectors (produced by the real client codec) and omikron.md §4.3/§5.3/§6, in virtual time on the
 * test thread.
 */
class TtpOmikronClientTest {
  /** RFC 7748 §6.2 Alice: the Omikron in the challenge vectors, the peer in the E2E vectors. */
  static final String ALICE_PRIVATE =
      "mo9JJdFRn1d1z0awS1gA1O6e6LrovFVl1JjCjdnJuvV0qUGXRIlzkQBjgqbxJ6sdmsLYwKWYcms=";

  static final String ALICE_PUBLIC =
      "mwj3zDG34+Z9ItWuoSEHSic70rg94Jxj+qc9LCLF2bvINmRyQdlT1AxbEtqIEg1TF3+A5TLEH6A=";

  /** RFC 7748 §6.2 Bob: the client the fixture's challenge is encrypted for. */
  static final String BOB_PRIVATE =
      "HDBqesKg4uCZCylEcMujOeZFN3KwdYEdj60NHWknwSC7XuiXKw0+ITdMnJIbCdGwNm8QtlFzmS0=";

  static final OmikronId SELF = OmikronId.of(1_733_600_000_001L);
  static final OmikronId PEER = OmikronId.of(1_733_600_000_002L);
  static final String CHALLENGE_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEF";

  /** The first ping, 3 s after identification, carries the fixture's last_ping. */
  final VirtualScheduler clock = new VirtualScheduler(1_733_600_000_123L - 3_000);

  final ChatwireRuntime rt =
      ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
  final ScriptedTtpOmikron server = new ScriptedTtpOmikron();
  final List<Object> events = new ArrayList<>();
  final List<ChatwireException> errors = new ArrayList<>();
  OmikronClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    rt.close();
  }

  static ConnectionOptions.Builder options() {
    return OmikronClient.defaultOptions(OmikronProtocol.TTP).toBuilder()
        .reconnectPolicy(
            ReconnectPolicy.builder()
                .initialDelay(Duration.ofSeconds(3))
                .jitter(0)
                .restartSpread(1)
                .build());
  }

  OmikronClient build() {
    return build(OmikronClient.builder().options(options().build()));
  }

  OmikronClient build(OmikronClient.Builder b) {
    client =
        b.protocol(OmikronProtocol.TTP)
            .transport(server)
            .userId(SELF)
            .privateKey(OmikronPrivateKey.parse(BOB_PRIVATE))
            .runtime(rt)
            .listener(
                new OmikronListener() {
                  @Override
                  public void onError(ChatwireException error) {
                    errors.add(error);
                  }

                  @Override
                  public void onPong(Pong pong) {
                    events.add(pong);
                  }

                  @Override
                  public void onLiveMessage(MessageLive message, OmikronMessage envelope) {
                    events.add(message);
                  }

                  @Override
                  public void onDirectMessage(DirectMessage message, OmikronMessage envelope) {
                    events.add(message);
                  }

                  @Override
                  public void onUndecryptableMessage(
                      UndecryptableMessage message, OmikronMessage envelope) {
                    events.add(message);
                  }

                  @Override
                  public void onUnknown(OmikronMessage message) {
                    events.add(message);
                  }
                })
            .build();
    return client;
  }

  /** The failure of a future that must have completed already (virtual time: never waits). */
  /** A second client without listeners, on its own scripted server. */
  OmikronClient bare(ScriptedTtpOmikron s) {
    return OmikronClient.builder()
        .protocol(OmikronProtocol.TTP)
        .transport(s)
        .userId(SELF)
        .privateKey(OmikronPrivateKey.parse(BOB_PRIVATE))
        .runtime(rt)
        .options(options().build())
        .build();
  }

  static Throwable cause(CompletableFuture<?> f) {
    assertTrue(f.isDone(), "completed");
    ExecutionException e = assertThrows(ExecutionException.class, f::get);
    return e.getCause();
  }

  /**
   * Plays the fixture handshake: checks the identification and the answer byte for byte against the
   * client-to-server vectors (apart from the random id), answers with the server vectors.
   *
   * @return the identification's id
   */
  long handshake() throws Exception {
    server.accept();
    byte[] ident = server.nextBytes();
    long id = idOf(ident);
    assertNotEquals(0, id, "the identification carries a non-zero id");
    assertArrayEquals(
        withIdBytes(fixtureBytes("client_to_server", "identification"), id),
        ident,
        "identification {user_id} as the real client encodes it");
    // The server answers with the identification's id (Omikron@7387ecf: with_id(cv.get_id())).
    server.serverSendsFixture("challenge", id);
    byte[] answer = server.nextBytes();
    assertArrayEquals(
        withIdBytes(fixtureBytes("client_to_server", "challenge_response"), idOf(answer)),
        answer,
        "challenge_response {challenge: the plain decrypted string}");
    assertEquals(ConnectionState.HANDSHAKING, client.state());
    server.serverSendsFixture("identification_response", idOf(answer));
    return id;
  }

  @Test
  void identifiesWithThePlainAnswerAndAcceptedTrue() throws Exception {
    build();
    CompletableFuture<Void> connected = client.connect();
    handshake();
    assertTrue(connected.isDone() && !connected.isCompletedExceptionally());
    assertEquals(ConnectionState.READY, client.state());
    assertEquals(MessageScheme.HKDF_GCM, client.messageScheme(), "the new client's scheme");
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void pingsEveryThreeSecondsAndMeasuresTheRoundTrip() throws Exception {
    build();
    client.connect();
    handshake();
    clock.advance(Duration.ofMillis(2_999));
    assertEquals(0, server.unreadCount(), "no ping before 3 s");
    clock.advance(Duration.ofMillis(1));
    byte[] ping = server.nextBytes();
    assertArrayEquals(
        withIdBytes(fixtureBytes("client_to_server", "ping"), idOf(ping)),
        ping,
        "ping {last_ping: [epoch ms]} as the real client encodes it");
    clock.advance(Duration.ofMillis(40));
    server.serverSendsFixture("pong", idOf(ping));
    Pong pong = (Pong) events.get(0);
    assertEquals(Duration.ofMillis(40), pong.roundTrip());
    assertEquals(12L, pong.pingIota());
    clock.advance(Duration.ofMillis(2_960));
    assertEquals(MessageType.PING, server.next().type(), "the next ping 3 s after the first");
  }

  @Test
  void silenceTripsTheWatchdogAndTheReconnectIdentifiesAgain() throws Exception {
    build();
    client.connect();
    handshake();
    clock.advance(Duration.ofSeconds(14));
    assertEquals(ConnectionState.READY, client.state(), "four unanswered pings are not death");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(ConnectionState.RECONNECTING, client.state(), "15 s of silence is");
    server.skipAll();
    clock.advance(Duration.ofSeconds(3));
    assertEquals(2, server.opens());
    handshake();
    assertEquals(ConnectionState.READY, client.state());
  }

  @Test
  void aDroppedTransportReconnectsAndIdentifiesAgain() throws Exception {
    build();
    client.connect();
    handshake();
    server.fail(new ConnectionLostException("stream reset"));
    assertEquals(ConnectionState.RECONNECTING, client.state());
    clock.advance(Duration.ofSeconds(3));
    assertEquals(2, server.opens());
    handshake();
    assertEquals(ConnectionState.READY, client.state());
  }

  @Test
  void refusedOrUnconfirmedIdentificationIsTerminal() throws Exception {
    for (TtpContainer answer :
        List.of(
            TtpContainer.of(
                List.of(new TtpContainer.Entry(TtpDataKeys.code("accepted"), TtpValue.FALSE))),
            TtpContainer.EMPTY)) {
      events.clear();
      ScriptedTtpOmikron s = new ScriptedTtpOmikron();
      OmikronClient c = bare(s);
      CompletableFuture<Void> connected = c.connect();
      s.accept();
      long id = idOf(s.nextBytes());
      s.serverSendsFixture("challenge", id);
      long answerId = idOf(s.nextBytes());
      s.serverSends(
          new TtpMessage(
              TtpMessageTypes.code("identification_response"), answerId, 0, SELF.asLong(), answer));
      assertInstanceOf(OmikronAuthenticationException.class, cause(connected), answer.toString());
      assertEquals(ConnectionState.CLOSED, c.state());
      clock.advance(Duration.ofMinutes(1));
      assertEquals(1, s.opens(), "never reconnects");
    }
  }

  @Test
  void aFatalErrorDuringIdentificationIsTerminal() throws Exception {
    build();
    CompletableFuture<Void> connected = client.connect();
    server.accept();
    long id = idOf(server.nextBytes());
    server.serverSends(
        new TtpMessage(
            TtpMessageTypes.code("error_not_authenticated"), id, 0, 0, TtpContainer.EMPTY));
    OmikronAuthenticationException e =
        assertInstanceOf(OmikronAuthenticationException.class, cause(connected));
    assertEquals("error_not_authenticated", e.errorType());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, server.opens());
  }

  @Test
  void aChallengeForAnotherKeyIsTerminalAndAMalformedOneReconnects() throws Exception {
    build();
    CompletableFuture<Void> connected = client.connect();
    server.accept();
    long id = idOf(server.nextBytes());
    // Encrypted by the Omikron (Alice) for another user's key, not the client's (Bob's): the GCM
    // tag does not verify with X448(Bob, Alice).
    OmikronPrivateKey other = OmikronPrivateKey.generate(new java.security.SecureRandom());
    byte[] ct =
        X448Challenge.encrypt(
            OmikronPrivateKey.parse(ALICE_PRIVATE).raw(),
            other.publicKey().raw(),
            CHALLENGE_PLAIN.getBytes(StandardCharsets.US_ASCII));
    server.serverSends(challenge(id, ALICE_PUBLIC, Base64.getEncoder().encodeToString(ct)));
    assertInstanceOf(OmikronAuthenticationException.class, cause(connected));
    assertEquals(0, server.unreadCount(), "no answer is sent");

    ScriptedTtpOmikron s = new ScriptedTtpOmikron();
    OmikronClient c = bare(s);
    c.connect();
    s.accept();
    s.serverSends(challenge(idOf(s.nextBytes()), ALICE_PUBLIC, "not base64!"));
    assertEquals(ConnectionState.RECONNECTING, c.state(), "one corrupt frame is not bad keys");
    clock.advance(Duration.ofSeconds(3));
    assertEquals(2, s.opens());
    c.close();
  }

  static TtpMessage challenge(long id, String publicKey, String challenge) {
    return new TtpMessage(
        TtpMessageTypes.code("challenge"),
        id,
        0,
        0,
        TtpContainer.of(
            List.of(
                new TtpContainer.Entry(TtpDataKeys.code("public_key"), TtpValue.of(publicKey)),
                new TtpContainer.Entry(TtpDataKeys.code("challenge"), TtpValue.of(challenge)))));
  }

  @Test
  void requestsCorrelateByRandomIdsAndRepliesOfAnotherKindDoNotComplete() throws Exception {
    build();
    client.connect();
    handshake();
    CompletableFuture<UserData> user = client.getUserData(PEER);
    byte[] req = server.nextBytes();
    long id = idOf(req);
    assertArrayEquals(
        withIdBytes(fixtureBytes("client_to_server", "get_user_data"), id),
        req,
        "get_user_data {user_id} as the real client encodes it");

    // A reply with an id nobody waits for is an event, not an answer.
    server.serverSendsFixture("get_user_data", id == 5 ? 6 : 5);
    assertFalse(user.isDone());
    assertEquals(MessageType.GET_USER_DATA, ((OmikronMessage) events.remove(0)).type());

    // A pong or a live message that happens to carry the request's id does not answer it.
    server.serverSendsFixture("pong", id);
    assertFalse(user.isDone(), "a pong answers only a ping");
    assertNull(((Pong) events.remove(0)).roundTrip(), "and matches no ping");
    server.serverSendsFixture("message_live", id);
    assertFalse(user.isDone(), "a pushed message answers only a request of its type");
    assertInstanceOf(MessageLive.class, events.get(0));

    server.serverSendsFixture("get_user_data", id);
    assertTrue(user.isDone());
    UserData u = user.get();
    assertEquals("bob", u.username());
    assertEquals(PEER, u.userId());
  }

  @Test
  void anErrorReplyFailsItsRequest() throws Exception {
    build();
    client.connect();
    handshake();
    CompletableFuture<UserData> user = client.getUserData(PEER);
    server.serverSendsFixture("error_not_found", idOf(server.nextBytes()));
    OmikronServerException e = assertInstanceOf(OmikronServerException.class, cause(user));
    assertEquals("error_not_found", e.code());
  }

  @Test
  void requestIdsAreNonZeroU32AndDistinctWhileInFlight() throws Exception {
    build(
        OmikronClient.builder()
            .options(options().maxPendingRequests(2_000).outboundQueueCapacity(2_000).build()));
    client.connect();
    handshake();
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      client.getUserData(PEER);
      long id = idOf(server.nextBytes());
      assertTrue(id > 0 && id <= 0xFFFF_FFFFL, "a non-zero u32: " + id);
      assertTrue(ids.add(id), "no id is reused while in flight: " + id);
    }
    assertEquals(1_000, client.pendingRequests());
  }

  @Test
  void unknownTypesAndKeysAreKeptAndReachOnUnknown() throws Exception {
    build();
    client.connect();
    handshake();
    server.serverSends(
        new TtpMessage(
            200,
            0,
            0,
            SELF.asLong(),
            TtpContainer.of(List.of(new TtpContainer.Entry(250, TtpValue.of("kept"))))));
    OmikronMessage m = (OmikronMessage) events.get(0);
    assertEquals("ttp_type_200", m.type().wireName());
    assertEquals("kept", m.data().getString("ttp_key_250"));
    assertEquals(ConnectionState.READY, client.state());
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void corruptOversizedAndTextFramesAreTypedErrorsAndTheConnectionSurvives() throws Exception {
    build();
    client.connect();
    handshake();
    byte[] valid = fixtureBytes("server_to_client", "pong");
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 1);
    server.serverSendsBinary(truncated);
    byte[] oversized = new byte[9 * 1024 * 1024];
    int n = oversized.length - 4;
    oversized[0] = (byte) (n >>> 24);
    oversized[1] = (byte) (n >>> 16);
    oversized[2] = (byte) (n >>> 8);
    oversized[3] = (byte) n;
    server.serverSendsBinary(oversized);
    server.serverSends("{\"type\":\"pong\"}");
    assertEquals(3, errors.size(), errors.toString());
    assertInstanceOf(TtpDecodeException.class, errors.get(0));
    assertInstanceOf(TtpDecodeException.class, errors.get(1));
    assertInstanceOf(ProtocolException.class, errors.get(2));
    assertTrue(errors.get(2).getMessage().contains("text"), errors.get(2).getMessage());
    assertEquals(ConnectionState.READY, client.state());
    server.serverSendsBinary(valid);
    assertInstanceOf(Pong.class, events.get(0), "the next valid frame is handled");
  }

  @Test
  void directMessagesRoundTripWithHkdfGcmByDefault() throws Exception {
    build();
    client.connect();
    handshake();
    CompletableFuture<Void> sent = client.sendMessage(PEER, "hello");
    // The peer's key is looked up first: answer with the fixture profile, keyed as RFC Alice.
    long lookup = idOf(server.nextBytes());
    TtpMessage profile = fixture("server_to_client", "get_user_data");
    server.serverSends(withId(withData(profile, "public_key", ALICE_PUBLIC), lookup));
    OmikronMessage send = server.next();
    assertEquals(MessageType.MESSAGE_SEND, send.type());
    assertEquals(PEER, send.data().getId("receiver_id"));
    assertEquals(
        "WETLHoELmNrV0q5xva+ytQvdx67p",
        send.data().getString("content"),
        "HKDF/AES-GCM content exactly as the E2E vectors");
    // The Iota confirms with a message_send of the same id (Iota@19c8c14).
    server.serverSends(
        new TtpMessage(
            TtpMessageTypes.code("message_send"),
            Long.parseLong(send.id()),
            0,
            SELF.asLong(),
            TtpContainer.EMPTY));
    assertTrue(sent.isDone());
    sent.get();

    // Inbound: the fixture message_live (web-client content) and one in the new client's scheme.
    server.serverSendsFixture("message_live", 77);
    OmikronMessage ack = server.next();
    assertEquals(MessageType.MESSAGE_LIVE, ack.type());
    assertEquals("77", ack.id(), "acknowledged with the live message's id");
    assertEquals("received", ack.data().getString("message_state"));
    TtpMessage live = fixture("server_to_client", "message_live");
    server.serverSends(
        withId(withData(live, "message", "WOIOHoL7Klgf57nbSN2Y0aRc5F7+7xyGoF1Ccjc="), 78));
    // The TTP-era Iota names the content "content", not "message" (Iota@19c8c14).
    server.serverSends(
        new TtpMessage(
            live.type(),
            79,
            live.sender(),
            live.receiver(),
            TtpContainer.of(
                List.of(
                    new TtpContainer.Entry(
                        TtpDataKeys.code("content"), TtpValue.of("WETLHoELmNrV0q5xva+ytQvdx67p")),
                    new TtpContainer.Entry(
                        TtpDataKeys.code("sender_id"), TtpValue.of(PEER.asLong()))))));
    List<String> texts = new ArrayList<>();
    List<MessageScheme> schemes = new ArrayList<>();
    for (Object e : events) {
      if (e instanceof DirectMessage) {
        texts.add(((DirectMessage) e).text());
        schemes.add(((DirectMessage) e).scheme());
      }
    }
    assertEquals(List.of("hello", "héllo wörld", "hello"), texts);
    assertEquals(
        List.of(MessageScheme.WEB_CLIENT, MessageScheme.HKDF_GCM, MessageScheme.HKDF_GCM), schemes);
  }

  /** The message with one string entry replaced. */
  static TtpMessage withData(TtpMessage m, String key, String value) {
    int code = TtpDataKeys.code(key);
    List<TtpContainer.Entry> entries = new ArrayList<>();
    for (TtpContainer.Entry e : m.data().entries()) {
      entries.add(e.key() == code ? new TtpContainer.Entry(code, TtpValue.of(value)) : e);
    }
    return new TtpMessage(m.type(), m.id(), m.sender(), m.receiver(), TtpContainer.of(entries));
  }
}

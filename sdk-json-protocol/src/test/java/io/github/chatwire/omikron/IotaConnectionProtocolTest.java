package io.github.chatwire.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.codec.WireShape;
import io.github.chatwire.omikron.codec.X448Challenge;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Iota role against a scripted server, in virtual time. */
class IotaConnectionProtocolTest {
  static final OmikronId IOTA = OmikronId.of(1_733_600_000_100L);
  static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);

  final VirtualScheduler clock = new VirtualScheduler();
  final ChatwireRuntime rt =
      ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
  final ScriptedOmikron server = new ScriptedOmikron();
  final OmikronPrivateKey omikronKey = OmikronPrivateKey.generate(new SecureRandom());
  final OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(new SecureRandom());
  final List<IotaRequest> requests = new ArrayList<>();
  final List<Object> events = new ArrayList<>();
  final List<OmikronMessage> catchAll = new ArrayList<>();
  IotaConnection iota;

  @AfterEach
  void tearDown() {
    iota.close();
    rt.close();
  }

  void connect(WireShape shape, String identificationResponse) throws Exception {
    iota =
        IotaConnection.builder()
            .transport(server)
            .iotaId(IOTA)
            .privateKey(iotaKey)
            .runtime(rt)
            .wireShape(shape)
            .listener(
                new IotaListener() {
                  @Override
                  public void onEvent(OmikronMessage m) {
                    catchAll.add(m);
                  }

                  @Override
                  public void onUnknown(OmikronMessage m) {
                    events.add("unknown:" + m.type().wireName());
                  }

                  @Override
                  public void onIdentified(IdentificationResponse r) {
                    events.add(r);
                  }

                  @Override
                  public void onClientRequest(IotaRequest request) {
                    requests.add(request);
                  }

                  @Override
                  public void onClientConnected(ClientConnected c, OmikronMessage envelope) {
                    events.add(c);
                  }

                  @Override
                  public void onIotaMessage(OmikronMessage m) {
                    events.add(m);
                  }

                  @Override
                  public void onPong(Pong pong) {
                    events.add(pong.roundTrip());
                  }
                })
            .build();
    CompletableFuture<Void> c = iota.connect();
    server.accept();
    OmikronMessage ident = server.next();
    assertEquals(IOTA, ident.data().getId("iota_id"));
    // Iota variant: the plaintext is the base64-decoding of the challenge string.
    String challenge = "abcdefghijklmnopqrstuvwxyzABCDEF";
    byte[] ct =
        X448Challenge.encrypt(
            omikronKey.raw(), iotaKey.publicKey().raw(), Base64.getDecoder().decode(challenge));
    // The newer spec's Iota messages carry no id at all.
    server.serverSends(
        "{\"type\":\"challenge\",\"data\":{\"public_key\":\""
            + omikronKey.publicKey().base64()
            + "\",\"challenge\":\""
            + Base64.getEncoder().encodeToString(ct)
            + "\"}}");
    OmikronMessage answer = server.next();
    assertEquals(challenge, answer.data().getString("challenge"));
    server.serverSends(
        "{\"type\":\"identification_response\",\"data\":" + identificationResponse + "}");
    assertTrue(c.isDone() && !c.isCompletedExceptionally());
  }

  @Test
  void connectionIsTheEngineUnderTheIota() throws Exception {
    connect(WireShape.REFERENCE, "{\"accepted_ids\":\"\",\"accepted\":\"0\"}");
    ManagedConnection engine = iota.connection();
    assertSame(rt, engine.runtime());
    assertEquals(ConnectionState.READY, engine.state());
    CompletableFuture<OmikronMessage> reply =
        iota.requestFromUser(ALICE, MessageType.GET_CHATS, null, Duration.ofSeconds(5));
    assertEquals(1, engine.pendingCount());
    assertEquals(1, iota.pendingRequests());
    assertSame(engine, iota.connection(), "one engine for the Iota's whole life");
    engine.close();
    assertEquals(ConnectionState.CLOSED, iota.state(), "closing the engine closes the Iota");
    assertEquals(0, iota.pendingRequests());
    assertTrue(reply.isCompletedExceptionally());
  }

  @Test
  void identifiesAndAnswersRelayedRequests() throws Exception {
    connect(
        WireShape.REFERENCE,
        "{\"accepted_ids\":\"1733600000001,1733600000002\",\"accepted\":\"2\"}");
    IdentificationResponse r = (IdentificationResponse) events.get(0);
    assertEquals(2L, r.acceptedCount());
    server.serverSends(
        "{\"id\":\"0198f000-aaaa-7bbb-8ccc-000000000009\",\"type\":\"client_connected\",\"data\":{\"user_id\":1733600000001}}");
    assertEquals(ALICE, ((ClientConnected) events.get(1)).userId());

    server.serverSends(
        "{\"id\":\"0198F000-AAAA-7BBB-8CCC-000000000001\",\"type\":\"get_chats\",\"sender\":1733600000001,\"data\":{}}");
    assertEquals(1, requests.size());
    IotaRequest req = requests.get(0);
    assertEquals(ALICE, req.sender());
    req.reply(MessageType.GET_CHATS, OmikronData.builder().put("user_ids", List.of()).build());
    String out = server.unread().poll();
    OmikronMessage reply = OmikronCodec.decode(out);
    assertEquals(
        "0198F000-AAAA-7BBB-8CCC-000000000001", reply.id(), "the reply carries the request's id");
    assertEquals(ALICE, reply.receiver());
    assertTrue(out.contains("\"receiver\":1733600000001"), out);
    assertNull(reply.sender());

    // Messages from other Iotas are not client requests.
    server.serverSends(
        "{\"id\":\"x\",\"type\":\"message_other_iota\",\"sender\":1733600000009,\"receiver\":1733600000001,"
            + "\"data\":{\"send_time\":\"5\",\"content\":\"c\"}}");
    assertEquals(1, requests.size());
    assertEquals(MessageType.MESSAGE_OTHER_IOTA, ((OmikronMessage) events.get(2)).type());

    // Conventions: onEvent for every message first, onUnknown for what is not modelled, and
    // typed subscriptions after the listeners.
    List<Object> subscribed = new ArrayList<>();
    iota.on(IotaRequest.class, subscribed::add);
    iota.on(OmikronMessage.class, subscribed::add);
    server.serverSends("{\"type\":\"totally_new\",\"data\":{}}");
    assertEquals("unknown:totally_new", events.get(3));
    server.serverSends(
        "{\"id\":\"y\",\"type\":\"settings_list\",\"sender\":1733600000001,\"data\":{}}");
    assertEquals(2, requests.size());
    assertEquals(
        3,
        subscribed.size(),
        "the unknown message, then the request's envelope and its IotaRequest");
    assertEquals(MessageType.of("totally_new"), ((OmikronMessage) subscribed.get(0)).type());
    assertEquals(requests.get(1).message(), subscribed.get(1));
    assertEquals(requests.get(1), subscribed.get(2));
    assertEquals(
        5,
        catchAll.size(),
        "client_connected, get_chats, message_other_iota, totally_new, settings_list");

    iota.sendToIota(
        "abc",
        ALICE,
        OmikronId.of(1733600000009L),
        MessageType.MESSAGE_STATE,
        OmikronData.builder().put("send_time", "5").put("message_state", "read").build());
    OmikronMessage toIota = server.next();
    assertEquals(ALICE, toIota.sender());
    assertEquals(OmikronId.of(1733600000009L), toIota.receiver());
  }

  @Test
  void pingsEveryTenSecondsWithTheLastRoundTrip() throws Exception {
    connect(WireShape.SPEC, "{\"accepted\":true}");
    assertEquals(Boolean.TRUE, ((IdentificationResponse) events.get(0)).accepted());
    clock.advance(Duration.ofSeconds(10));
    OmikronMessage first = server.next();
    assertEquals(MessageType.PING, first.type());
    assertEquals(-1L, first.data().getLong("last_ping"), "-1 before any measurement");
    clock.advance(Duration.ofMillis(40));
    server.serverSends(
        "{\"id\":\""
            + first.id()
            + "\",\"type\":\"pong\",\"data\":{\"ping_clients\":{\"1733600000001\":\"12\"}}}");
    assertEquals(Duration.ofMillis(40), events.get(1));
    assertEquals(Duration.ofMillis(40), iota.lastPong().roundTrip());
    clock.advance(Duration.ofMillis(9960));
    OmikronMessage second = server.next();
    assertEquals(40L, second.data().getLong("last_ping"));
    // In the spec shape, routing is written as sender_id/receiver_id.
    iota.sendToUser(
        ALICE,
        MessageType.CLIENT_CHANGED,
        OmikronData.builder().put("user_state", "user_online").build());
    String text = server.unread().poll();
    assertTrue(text.contains("\"receiver_id\":1733600000001"), text);
    assertFalse(text.contains("\"receiver\":"), text);
    assertEquals(ConnectionState.READY, iota.state());
  }

  @Test
  void olderSpecCallParticipantIdentification() throws Exception {
    iota =
        IotaConnection.builder()
            .transport(new ScriptedOmikron())
            .iotaId(IOTA)
            .privateKey(iotaKey)
            .runtime(rt)
            .build();
    ScriptedOmikron callServer = new ScriptedOmikron();
    OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(new SecureRandom());
    List<IdentificationResponse> idents = new ArrayList<>();
    CallGuestConnection participant =
        CallGuestConnection.builder()
            .transport(callServer)
            .callId("call-1")
            .asParticipant(ALICE, aliceKey)
            .runtime(rt)
            .wireShape(WireShape.SPEC_WITH_LOG)
            .listener(
                new OmikronListener() {
                  @Override
                  public void onIdentified(IdentificationResponse r) {
                    idents.add(r);
                  }
                })
            .build();
    try {
      CompletableFuture<Void> c = participant.connect();
      callServer.accept();
      String raw = callServer.unread().peek();
      assertTrue(raw.contains("\"log\":{\"message\":\"\",\"log_level\":0}"), raw);
      OmikronMessage ident = callServer.next();
      assertEquals("call-1", ident.data().getString("call_id"));
      assertEquals(ALICE, ident.data().getId("user_id"));
      assertEquals(aliceKey.privateKeyHash(), ident.data().getString("private_key_hash"));
      callServer.serverSends(
          "{\"id\":\""
              + ident.id()
              + "\",\"type\":\"identification_response\",\"log\":{\"message\":\"Client identified\","
              + "\"log_level\":0},\"data\":{\"acceppted\":true,\"user_ids\":{\""
              + ALICE
              + "\":\"active\",\"u2\":\"streaming\"}}}");
      assertTrue(c.isDone() && !c.isCompletedExceptionally());
      assertEquals(
          io.github.chatwire.omikron.model.CallState.STREAMING,
          idents.get(0).participants().get(OmikronId.of("u2")));
      assertEquals(idents.get(0), participant.identity());
    } finally {
      participant.close();
    }
  }

  @Test
  void olderSpecIotaIdentificationWithUserList() throws Exception {
    iota =
        IotaConnection.builder()
            .transport(server)
            .iotaId(OmikronId.of("11111111-2222-3333-4444-555555555555"))
            .identification(IdentificationStrategy.privateKeyHash())
            .userIds(
                List.of(
                    OmikronId.of("aaaaaaaa-0000-0000-0000-000000000001"),
                    OmikronId.of("aaaaaaaa-0000-0000-0000-000000000002")))
            .wireShape(WireShape.SPEC_WITH_LOG)
            .runtime(rt)
            .listener(
                new IotaListener() {
                  @Override
                  public void onIdentified(IdentificationResponse r) {
                    events.add(r);
                  }
                })
            .build();
    CompletableFuture<Void> c = iota.connect();
    server.accept();
    OmikronMessage ident = server.next();
    assertEquals(
        "aaaaaaaa-0000-0000-0000-000000000001,aaaaaaaa-0000-0000-0000-000000000002,",
        ident.data().getString("user_ids"),
        "the older spec's CSV with a trailing comma");
    assertFalse(ident.data().has("private_key_hash"));
    server.serverSends(
        "{\"id\":\""
            + ident.id()
            + "\",\"type\":\"identification_response\",\"log\":{\"message\":\"Iota identified\",\"log_level\":0},"
            + "\"data\":{\"accepted_profiles\":\"aaaaaaaa-0000-0000-0000-000000000001,\",\"denid_profiles\":\"aaaaaaaa-0000-0000-0000-000000000002\"}}");
    assertTrue(c.isDone() && !c.isCompletedExceptionally());
    IdentificationResponse r = (IdentificationResponse) events.get(0);
    assertEquals(List.of(OmikronId.of("aaaaaaaa-0000-0000-0000-000000000002")), r.deniedProfiles());
  }

  @Test
  void aWrongChallengeAnswerIsTerminalForTheIota() throws Exception {
    iota =
        IotaConnection.builder()
            .transport(server)
            .iotaId(IOTA)
            .privateKey(iotaKey)
            .runtime(rt)
            .build();
    CompletableFuture<Void> c = iota.connect();
    server.accept();
    OmikronMessage ident = server.next();
    byte[] ct = X448Challenge.encrypt(omikronKey.raw(), iotaKey.publicKey().raw(), new byte[24]);
    server.serverSends(
        "{\"id\":\""
            + ident.id()
            + "\",\"type\":\"challenge\",\"data\":{\"public_key\":\""
            + omikronKey.publicKey().base64()
            + "\",\"challenge\":\""
            + Base64.getEncoder().encodeToString(ct)
            + "\"}}");
    OmikronMessage answer = server.next();
    server.serverSends(
        "{\"id\":\"" + answer.id() + "\",\"type\":\"error_invalid_challenge\",\"data\":{}}");
    assertTrue(c.isCompletedExceptionally());
    assertEquals(ConnectionState.CLOSED, iota.state());
    assertFalse(server.isOpen(), "closed by the Iota itself");
    clock.advance(Duration.ofMinutes(10));
    assertEquals(1, server.opens(), "no reconnect after a fatal identification error");
  }

  @Test
  void registrationSkipsAnUndecodableFrameAndStillGetsItsId() throws Exception {
    iota =
        IotaConnection.builder()
            .transport(new ScriptedOmikron())
            .iotaId(IOTA)
            .privateKey(iotaKey)
            .runtime(rt)
            .build();
    CompletableFuture<OmikronId> id =
        IotaConnection.register(server, iotaKey.publicKey(), rt, Duration.ofSeconds(10));
    server.accept();
    OmikronMessage reg = server.next();
    assertEquals("register_iota", reg.type().wireName());
    server.serverSends("{\"type\":");
    assertFalse(id.isDone(), "a bad frame must not end the registration");
    server.serverSends(
        "{\"id\":\"" + reg.id() + "\",\"type\":\"success\",\"data\":{\"iota_id\":1733600000100}}");
    assertEquals(IOTA, id.get());
  }
}

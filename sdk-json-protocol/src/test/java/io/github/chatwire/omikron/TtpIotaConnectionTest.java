package io.github.chatwire.omikron;

import static io.github.chatwire.omikron.ScriptedTtpOmikron.fixtureBytes;
import static io.github.chatwire.omikron.ScriptedTtpOmikron.idOf;
import static io.github.chatwire.omikron.ScriptedTtpOmikron.withIdBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.omikron.codec.ttp.TtpContainer;
import io.github.chatwire.omikron.codec.ttp.TtpDataKeys;
import io.github.chatwire.omikron.codec.ttp.TtpMessage;
import io.github.chatwire.omikron.codec.ttp.TtpMessageTypes;
import io.github.chatwire.omikron.codec.ttp.TtpValue;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TTP session of an Iota against a scripted TTP Omikron, in virtual time. */
class TtpIotaConnectionTest {
  static final OmikronId IOTA = OmikronId.of(1_733_600_000_000L);
  static final OmikronId USER = OmikronId.of(1_733_600_000_001L);

  final VirtualScheduler clock = new VirtualScheduler(1_733_600_000_000L);
  final ChatwireRuntime rt =
      ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
  final ScriptedTtpOmikron server = new ScriptedTtpOmikron();
  final List<Object> events = new ArrayList<>();
  final List<ChatwireException> errors = new ArrayList<>();
  IotaConnection iota;

  @AfterEach
  void tearDown() {
    if (iota != null) {
      iota.close();
    }
    rt.close();
  }

  IotaConnection build() {
    iota =
        IotaConnection.builder()
            .protocol(OmikronProtocol.TTP)
            .transport(server)
            .iotaId(IOTA)
            .privateKey(OmikronPrivateKey.parse(TtpOmikronClientTest.BOB_PRIVATE))
            .runtime(rt)
            .listener(
                new IotaListener() {
                  @Override
                  public void onError(ChatwireException error) {
                    errors.add(error);
                  }

                  @Override
                  public void onClientRequest(IotaRequest request) {
                    events.add(request);
                  }

                  @Override
                  public void onPong(Pong pong) {
                    events.add(pong);
                  }
                })
            .build();
    return iota;
  }

  void handshake() throws Exception {
    server.accept();
    byte[] ident = server.nextBytes();
    long id = idOf(ident);
    assertNotEquals(0, id);
    assertArrayEquals(
        withIdBytes(fixtureBytes("client_to_server", "identification", "iota_id"), id),
        ident,
        "identification {iota_id} as the real client encodes it");
    server.serverSendsFixture("challenge", id);
    byte[] answer = server.nextBytes();
    assertArrayEquals(
        withIdBytes(fixtureBytes("client_to_server", "challenge_response"), idOf(answer)),
        answer,
        "the Iota answers with the plain string too (Omikron@7387ecf)");
    server.serverSendsFixture("identification_response", idOf(answer));
  }

  @Test
  void identifiesPingsEveryFiveSecondsAndAnswersItsUsers() throws Exception {
    build();
    CompletableFuture<Void> connected = iota.connect();
    handshake();
    assertTrue(connected.isDone() && !connected.isCompletedExceptionally());
    assertEquals(ConnectionState.READY, iota.state());

    clock.advance(Duration.ofMillis(4_999));
    assertEquals(0, server.unreadCount(), "no ping before 5 s");
    clock.advance(Duration.ofMillis(1));
    OmikronMessage ping = server.next();
    assertEquals(MessageType.PING, ping.type());
    assertEquals(-1L, ping.data().getLong("last_ping"), "no round trip measured yet");
    clock.advance(Duration.ofMillis(25));
    server.serverSendsFixture("pong", Long.parseLong(ping.id()));
    assertEquals(Duration.ofMillis(25), iota.lastPong().roundTrip());
    clock.advance(Duration.ofMillis(4_975));
    assertEquals(25L, server.next().data().getLong("last_ping"), "the next ping reports it");

    // A user's request, routed by the Omikron with the user as sender.
    server.serverSends(
        new TtpMessage(
            TtpMessageTypes.code("get_chats"), 4_242, USER.asLong(), 0, TtpContainer.EMPTY));
    IotaRequest request = (IotaRequest) events.get(events.size() - 1);
    assertEquals(USER, request.sender());
    request.reply(
        MessageType.GET_CHATS,
        OmikronData.builder().put("user_ids", List.of(OmikronId.of(7).asLong())).build());
    TtpMessage reply = server.nextTtp();
    assertEquals(4_242, reply.id(), "the reply carries the request's id");
    assertEquals(USER.asLong(), reply.receiver(), "and goes to the user");
    assertEquals(TtpMessageTypes.code("get_chats"), reply.type());
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void anIdentificationResponseWithoutAcceptedTrueIsTerminal() throws Exception {
    build();
    CompletableFuture<Void> connected = iota.connect();
    server.accept();
    server.serverSendsFixture("challenge", idOf(server.nextBytes()));
    server.serverSends(
        new TtpMessage(
            TtpMessageTypes.code("identification_response"),
            idOf(server.nextBytes()),
            0,
            0,
            TtpContainer.of(
                List.of(new TtpContainer.Entry(TtpDataKeys.code("accepted"), TtpValue.FALSE)))));
    assertTrue(connected.isCompletedExceptionally());
    assertEquals(ConnectionState.CLOSED, iota.state());
  }
}

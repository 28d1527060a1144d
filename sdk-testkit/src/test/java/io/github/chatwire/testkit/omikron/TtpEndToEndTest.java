package io.github.chatwire.testkit.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.omikron.IotaConnection;
import io.github.chatwire.omikron.IotaListener;
import io.github.chatwire.omikron.IotaRequest;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronProtocol;
import io.github.chatwire.omikron.codec.ttp.TtpDecodeException;
import io.github.chatwire.omikron.codec.ttp.TtpStreamDecoder;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.webtransport.WebTransportTransport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public API end to end on TTP: {@link OmikronClient} and {@link IotaConnection} with {@code
 * protocol(TTP)} over {@link WebTransportTransport}, through {@link FakeTtpOmikron} on real QUIC.
 */
class TtpEndToEndTest {
  static final OmikronId IOTA = OmikronId.of(1_750_000_000_001L);
  static final OmikronId ALICE = OmikronId.of(281_474_976_710_000L);
  static final Duration WAIT = Duration.ofSeconds(30);

  final SecureRandom random = new SecureRandom();
  final OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(random);
  final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(random);
  final ChatwireRuntime runtime = ChatwireRuntime.builder().build();
  final BlockingQueue<Object> iotaEvents = new LinkedBlockingQueue<>();
  final BlockingQueue<ChatwireException> clientErrors = new LinkedBlockingQueue<>();
  final BlockingQueue<ChatwireException> clientCauses = new LinkedBlockingQueue<>();
  FakeTtpOmikron omikron;
  IotaConnection iota;
  OmikronClient client;

  @BeforeEach
  void start() throws Exception {
    omikron = FakeTtpOmikron.builder().start();
    omikron.registerIota(IOTA, iotaKey.publicKey());
    omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (iota != null) {
      iota.close();
    }
    omikron.close();
    runtime.close();
  }

  WebTransportTransport transport() {
    return WebTransportTransport.builder(omikron.url())
        .trustCertificates(omikron.certificateAuthority().certificate())
        .build();
  }

  static ReconnectPolicy quickReconnect() {
    return ReconnectPolicy.builder()
        .initialDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofMillis(500))
        .jitter(0)
        .build();
  }

  void connectIota() throws Exception {
    iota =
        IotaConnection.builder()
            .protocol(OmikronProtocol.TTP)
            .transport(transport())
            .iotaId(IOTA)
            .privateKey(iotaKey)
            .runtime(runtime)
            .options(
                IotaConnection.defaultOptions(OmikronProtocol.TTP).toBuilder()
                    .reconnectPolicy(quickReconnect())
                    .build())
            .listener(
                new IotaListener() {
                  @Override
                  public void onClientRequest(IotaRequest request) {
                    iotaEvents.add(request);
                  }

                  @Override
                  public void onClientConnected(
                      ClientConnected connected, OmikronMessage envelope) {
                    iotaEvents.add(connected);
                  }
                })
            .build();
    iota.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  void connectClient() throws Exception {
    client =
        OmikronClient.builder()
            .protocol(OmikronProtocol.TTP)
            .transport(transport())
            .userId(ALICE)
            .privateKey(aliceKey)
            .runtime(runtime)
            .options(
                OmikronClient.defaultOptions(OmikronProtocol.TTP).toBuilder()
                    .reconnectPolicy(quickReconnect())
                    .build())
            .listener(
                new OmikronListener() {
                  @Override
                  public void onError(ChatwireException error) {
                    clientErrors.add(error);
                  }

                  @Override
                  public void onStateChange(StateChange change) {
                    if (change.cause() != null) {
                      clientCauses.add(change.cause());
                    }
                  }
                })
            .build();
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what + "; " + where());
      }
      Thread.sleep(20);
    }
  }

  /** Where both roles are, for a failure message (a stall says which side it was). */
  String where() {
    return "identifications: Iota "
        + omikron.identificationCount(IOTA)
        + ", client "
        + omikron.identificationCount(ALICE)
        + "; states: Iota "
        + (iota == null ? "-" : iota.state())
        + ", client "
        + (client == null ? "-" : client.state())
        + "; sessions open at the fake: "
        + omikron.openConnections();
  }

  @Test
  void aClientAndItsIotaTalkThroughTheFake() throws Exception {
    connectIota();
    assertEquals(ConnectionState.READY, iota.state());
    connectClient();
    assertEquals(ConnectionState.READY, client.state());
    ClientConnected connected =
        (ClientConnected) iotaEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(ALICE, connected.userId());

    // The generic request: get_chats' typed reply shape on TTP is the session's business.
    var chats = client.request(MessageType.GET_CHATS, OmikronData.EMPTY, null);
    IotaRequest request = (IotaRequest) iotaEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(MessageType.GET_CHATS, request.type());
    assertEquals(ALICE, request.sender(), "the fake stamps the sender");
    request.reply(
        MessageType.GET_CHATS,
        OmikronData.builder().put("user_ids", List.of(OmikronId.of(7).asLong())).build());
    OmikronMessage got = chats.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(IOTA, got.sender(), "routed back from the Iota");
    assertEquals(List.of(OmikronId.of(7)), got.data().getIdList("user_ids"), got.toString());
    assertEquals(1, omikron.identificationCount(ALICE));
    assertEquals(1, omikron.identificationCount(IOTA));
  }

  @Test
  void bothRolesReconnectAndIdentifyAgainAfterTheFakeDrops() throws Exception {
    connectIota();
    connectClient();
    omikron.drop();
    // At least, then exactly: a count that went past 2 between two looks is a clear failure at
    // once, not a wait until the deadline.
    await(() -> omikron.identificationCount(IOTA) >= 2, "the Iota identified again");
    await(() -> omikron.identificationCount(ALICE) >= 2, "the client identified again");
    await(() -> client.state() == ConnectionState.READY, "client READY");
    await(() -> iota.state() == ConnectionState.READY, "Iota READY");
    assertEquals(2, omikron.identificationCount(IOTA), where());
    assertEquals(2, omikron.identificationCount(ALICE), where());
  }

  @Test
  void closingTheClientSendsTheCloseFrame() throws Exception {
    connectIota();
    connectClient();
    client.close();
    client.closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    await(() -> omikron.closeFramesReceived() == 1, "the fake read the close frame");
    assertEquals(ConnectionState.CLOSED, client.state());
  }

  @Test
  void theFakesCloseFrameEndsTheConnectionAndTheClientComesBack() throws Exception {
    connectIota();
    connectClient();
    omikron.closeAllWithCloseFrame();
    await(() -> omikron.identificationCount(ALICE) >= 2, "the client reconnected");
    await(() -> omikron.identificationCount(IOTA) >= 2, "the Iota reconnected");
    assertEquals(2, omikron.identificationCount(ALICE), where());
    assertEquals(2, omikron.identificationCount(IOTA), where());
  }

  @Test
  void anOversizedFrameFromTheFakeIsATypedErrorAndTheClientReconnects() throws Exception {
    connectIota();
    connectClient();
    omikron.sendRawToAll(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, 0});
    await(() -> omikron.identificationCount(ALICE) >= 2, "the client reconnected");
    assertEquals(2, omikron.identificationCount(ALICE), where());
    assertTrue(
        clientCauses.stream().anyMatch(e -> e instanceof MessageTooLargeException),
        clientCauses.toString());
  }

  @Test
  void aCorruptMessageFromTheFakeIsReportedAndTheConnectionStays() throws Exception {
    connectIota();
    connectClient();
    // A well-framed message whose body is no CommunicationValue (flags promise an id, no bytes).
    omikron.sendRawToAll(TtpStreamDecoder.frame(new byte[] {0, 0, 0, 2, 1, 4}));
    ChatwireException e = clientErrors.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(e instanceof TtpDecodeException, String.valueOf(e));
    assertEquals(ConnectionState.READY, client.state());
    assertEquals(1, omikron.identificationCount(ALICE));
    client.ping().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}

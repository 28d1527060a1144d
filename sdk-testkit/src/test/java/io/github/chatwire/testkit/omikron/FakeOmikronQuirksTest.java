package io.github.chatwire.testkit.omikron;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.omikron.IotaConnection;
import io.github.chatwire.omikron.IotaListener;
import io.github.chatwire.omikron.IotaRequest;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake reproduces the reference server's quirks, each behind its switch. */
class FakeOmikronQuirksTest {
  static final OmikronId IOTA = OmikronId.of(1_733_600_000_100L);
  static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);
  final OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(new SecureRandom());
  final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(new SecureRandom());
  final OkHttpClient http = new OkHttpClient();
  FakeOmikron fake;

  @AfterEach
  void tearDown() throws Exception {
    if (fake != null) {
      fake.close();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  FakeOmikron start(FakeOmikronQuirks quirks) throws Exception {
    fake = FakeOmikron.builder().quirks(quirks).build().start();
    fake.registerIota(IOTA, iotaKey.publicKey())
        .registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    return fake;
  }

  /** A raw socket, to see exactly what the fake sends. */
  final class Raw extends WebSocketListener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    final WebSocket ws;

    Raw(String url) {
      ws = http.newWebSocket(new Request.Builder().url(url).build(), this);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      texts.add(text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      closes.add(code);
      webSocket.close(1000, null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      closes.add(-1);
    }

    OmikronMessage next() throws InterruptedException {
      String t = texts.poll(10, SECONDS);
      assertNotNull(t, "expected a message");
      return OmikronCodec.decode(t);
    }
  }

  @Test
  void idsAreEchoedLowercaseAndNonUuidIdsReplacedOnlyWithTheQuirk() throws Exception {
    start(FakeOmikronQuirks.reference());
    Raw raw = new Raw(fake.clientUrl());
    raw.ws.send(
        "{\"id\":\"0198F000-AAAA-7BBB-8CCC-00000000000A\",\"type\":\"PING\",\"data\":{\"last_ping\":1}}");
    OmikronMessage pong = raw.next();
    assertEquals("0198f000-aaaa-7bbb-8ccc-00000000000a", pong.id());
    assertEquals(MessageType.PONG, pong.type());
    assertEquals(
        -1L, pong.data().getLong("ping_iota"), "answered before identification; no Iota: -1");
    raw.ws.send("{\"id\":\"not-a-uuid\",\"type\":\"ping\",\"data\":{}}");
    assertNotEquals("not-a-uuid", raw.next().id());
    raw.ws.close(1000, null);
    fake.close();

    start(FakeOmikronQuirks.none());
    Raw plain = new Raw(fake.clientUrl());
    plain.ws.send("{\"id\":\"not-a-uuid\",\"type\":\"ping\",\"data\":{}}");
    assertEquals("not-a-uuid", plain.next().id());
    plain.ws.close(1000, null);
  }

  @Test
  void afterAFatalErrorTheSocketStaysOpenOnlyWithTheQuirk() throws Exception {
    start(FakeOmikronQuirks.reference());
    Raw raw = new Raw(fake.clientUrl());
    raw.ws.send(
        "{\"id\":\"0198f000-aaaa-7bbb-8ccc-000000000001\",\"type\":\"identification\",\"data\":{\"user_id\":42}}");
    assertEquals(MessageType.ERROR_INVALID_USER_ID, raw.next().type());
    assertNull(
        raw.closes.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS),
        "the reference never closes");
    raw.ws.close(1000, null);
    fake.close();

    start(FakeOmikronQuirks.reference().withNeverCloseAfterFatalError(false));
    Raw closing = new Raw(fake.clientUrl());
    closing.ws.send(
        "{\"id\":\"0198f000-aaaa-7bbb-8ccc-000000000001\",\"type\":\"identification\",\"data\":{}}");
    assertEquals(MessageType.ERROR_INVALID_DATA, closing.next().type());
    assertEquals(1008, closing.closes.poll(10, SECONDS));
  }

  @Test
  void unknownDataKeysCollapseIntoErrorTypeWhenRelayed() throws Exception {
    start(FakeOmikronQuirks.reference());
    BlockingQueue<IotaRequest> requests = new LinkedBlockingQueue<>();
    try (IotaConnection iota =
            IotaConnection.builder()
                .url(fake.iotaUrl())
                .iotaId(IOTA)
                .privateKey(iotaKey)
                .listener(
                    new IotaListener() {
                      @Override
                      public void onClientRequest(IotaRequest request) {
                        requests.add(request);
                      }
                    })
                .build();
        OmikronClient alice =
            OmikronClient.builder()
                .url(fake.clientUrl())
                .userId(ALICE)
                .privateKey(aliceKey)
                .build()) {
      iota.connect().get(10, SECONDS);
      alice.connect().get(10, SECONDS);
      alice
          .send(
              MessageType.MESSAGE_SEND,
              OmikronData.builder()
                  .put("receiver_id", 5L)
                  .put("content", "c")
                  .put("files", List.of("a.png"))
                  .build())
          .get(10, SECONDS);
      IotaRequest r = requests.poll(10, SECONDS);
      assertEquals(ALICE, r.sender());
      assertTrue(r.data().has("content"));
      assertFalse(r.data().asMap().containsKey("files"), "files is not a DataTypes key");
      assertTrue(r.data().asMap().containsKey("error_type"));
    }
  }

  @Test
  void withoutTheErrorNoIotaQuirkRelayedRequestsFailLoudly() throws Exception {
    start(FakeOmikronQuirks.none());
    try (OmikronClient alice =
        OmikronClient.builder().url(fake.clientUrl()).userId(ALICE).privateKey(aliceKey).build()) {
      alice.connect().get(10, SECONDS);
      Throwable e =
          org.junit.jupiter.api.Assertions.assertThrows(
                  java.util.concurrent.ExecutionException.class,
                  () -> alice.getChats().get(10, SECONDS))
              .getCause();
      assertTrue(e instanceof io.github.chatwire.omikron.IotaOfflineException, String.valueOf(e));
    }
  }

  @Test
  void intStringRoutingIsReadByTheClient() throws Exception {
    start(FakeOmikronQuirks.reference().withIntStringFields(true));
    Raw raw = new Raw(fake.iotaUrl());
    raw.ws.send(
        "{\"id\":\"0198f000-aaaa-7bbb-8ccc-000000000001\",\"type\":\"identification\",\"data\":{\"iota_id\":"
            + IOTA
            + "}}");
    assertEquals(MessageType.CHALLENGE, raw.next().type());
    raw.ws.close(1000, null);
    try (IotaConnection iota =
            IotaConnection.builder()
                .url(fake.iotaUrl())
                .iotaId(IOTA)
                .privateKey(iotaKey)
                .options(
                    IotaConnection.defaultOptions().toBuilder()
                        .pingInterval(Duration.ofMillis(100))
                        .build())
                .build();
        OmikronClient alice =
            OmikronClient.builder()
                .url(fake.clientUrl())
                .userId(ALICE)
                .privateKey(aliceKey)
                .build()) {
      iota.connect().get(10, SECONDS);
      alice.connect().get(10, SECONDS);
      BlockingQueue<OmikronMessage> got = new LinkedBlockingQueue<>();
      alice.addListener(
          new io.github.chatwire.omikron.OmikronListener() {
            @Override
            public void onUnknown(OmikronMessage message) {
              got.add(message);
            }
          });
      iota.sendToUser(ALICE, MessageType.of("custom_push"), OmikronData.EMPTY).get(10, SECONDS);
      OmikronMessage m = got.poll(10, SECONDS);
      assertEquals(IOTA, m.sender(), "sender arrived as an int-string and was read as the Iota id");
      assertEquals(ALICE, m.receiver());
    }
  }
}

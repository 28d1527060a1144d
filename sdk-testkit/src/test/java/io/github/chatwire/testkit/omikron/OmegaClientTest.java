package io.github.chatwire.testkit.omikron;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.omega.OmegaClient;
import io.github.chatwire.omikron.omega.OmegaException;
import io.github.chatwire.omikron.omega.OmegaUser;
import io.github.chatwire.omikron.omega.OmikronInfo;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Omega's HTTP API in both response generations, against MockWebServer. */
class OmegaClientTest {
  static final String PK =
      "mwj3zDG34+Z9ItWuoSEHSic70rg94Jxj+qc9LCLF2bvINmRyQdlT1AxbEtqIEg1TF3+A5TLEH6A=";
  MockWebServer server;
  ChatwireRuntime rt;
  OmegaClient omega;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    rt = ChatwireRuntime.builder().build();
    omega = OmegaClient.builder().baseUrl(server.url("/").toString()).runtime(rt).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    omega.close();
    rt.close();
    server.shutdown();
  }

  static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> f.get(10, SECONDS)).getCause();
  }

  @Test
  void discoveryInBothGenerations() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"id\":1700000000000,\"public_key\":\""
                    + PK
                    + "\",\"ip_address\":\"omikron.example:959\"}"));
    OmikronInfo e3 = omega.getOmikron().get(10, SECONDS);
    assertEquals(OmikronId.of(1700000000000L), e3.id());
    assertEquals("wss://omikron.example:959/ws/client/", e3.clientUrl(true));
    assertEquals("/api/get/omikron", server.takeRequest().getPath());

    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"status\":\"success\",\"id\":7,\"public_key\":\""
                    + PK
                    + "\",\"ip_address\":\"10.0.0.1\"}"));
    OmikronInfo e4 = omega.getOmikron(OmikronId.of(1733600000001L)).get(10, SECONDS);
    assertEquals("ws://10.0.0.1/ws/iota/", e4.iotaUrl(false));
    assertEquals("/api/get/omikron/1733600000001", server.takeRequest().getPath());

    server.enqueue(new MockResponse().setResponseCode(404).setBody("couldn't find online omikron"));
    OmegaException none = assertInstanceOf(OmegaException.class, failure(omega.getOmikron()));
    assertTrue(none.isNotFound());
    assertFalse(none.isRetryable());
    assertEquals("http_404", none.code());

    server.enqueue(
        new MockResponse().setResponseCode(404).setBody("{\"status\":\"error_not_found\"}"));
    assertEquals(
        "error_not_found", ((OmegaException) failure(omega.getOmikron(OmikronId.of(5)))).code());
    server.enqueue(
        new MockResponse().setResponseCode(400).setBody("{\"status\":\"error_bad_request\"}"));
    assertEquals(
        "error_bad_request", ((OmegaException) failure(omega.getOmikron(OmikronId.of(5)))).code());
    server.enqueue(new MockResponse().setResponseCode(503));
    assertTrue(((OmegaException) failure(omega.getOmikron())).isRetryable());
  }

  @Test
  void userLookupsInBothGenerations() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"id\":\"a\",\"type\":\"success\",\"data\":{\"username\":\"alice\",\"public_key\":\""
                    + PK
                    + "\",\"user_id\":1733600000001,\"iota_id\":1733600000100,\"sub_level\":0,\"sub_end\":0}}"));
    OmegaUser byName = omega.getUserByName("alice").get(10, SECONDS);
    assertEquals(OmikronId.of(1733600000001L), byName.userId());
    assertEquals(OmikronId.of(1733600000100L), byName.iotaId());
    assertEquals("/api/get/id/alice", server.takeRequest().getPath());

    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"type\":\"success\",\"data\":{\"username\":\"alice\",\"user_id\":1,\"status\":\"busy\",\"about\":\"hi\"}}"));
    assertEquals("busy", omega.getUser(OmikronId.of(1)).get(10, SECONDS).statusMessage());
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"status\":\"success\",\"username\":\"alice\",\"user_id\":1,\"status_message\":\"away\",\"display\":\"A\"}"));
    OmegaUser e4 = omega.getUser(OmikronId.of(1)).get(10, SECONDS);
    assertEquals("away", e4.statusMessage());
    assertEquals("A", e4.display());
    server.takeRequest();
    RecordedRequest r = server.takeRequest();
    assertEquals("/api/get/user/1", r.getPath());

    server.enqueue(
        new MockResponse().setBody("{\"id\":\"a\",\"type\":\"error_not_found\",\"data\":{}}"));
    assertTrue(((OmegaException) failure(omega.getUserByName("nobody"))).isNotFound());
    server.enqueue(new MockResponse().setBody("{\"status\":\"error\"}"));
    assertEquals("error", ((OmegaException) failure(omega.getUser(OmikronId.of(2)))).code());
  }

  @Test
  void publicKeyInBothGenerationsAndBadBodies() throws Exception {
    server.enqueue(new MockResponse().setBody(PK + "\n"));
    assertEquals(PK, omega.getPublicKey().get(10, SECONDS).base64());
    server.enqueue(
        new MockResponse().setBody("{\"status\":\"success\",\"public_key\":\"" + PK + "\"}"));
    assertEquals(PK, omega.getPublicKey().get(10, SECONDS).base64());
    server.enqueue(new MockResponse().setBody("AAAA"));
    assertInstanceOf(OmikronFormatException.class, failure(omega.getPublicKey()));
    server.enqueue(new MockResponse().setBody("{\"id\":"));
    assertInstanceOf(OmikronFormatException.class, failure(omega.getOmikron()));
    server.enqueue(new MockResponse().setBody("{\"id\":{\"nested\":1}}"));
    assertInstanceOf(OmikronFormatException.class, failure(omega.getOmikron()));
    server.enqueue(new MockResponse().setBody("x".repeat(1024 * 1024 + 10)));
    assertInstanceOf(OmikronFormatException.class, failure(omega.getPublicKey()));
  }

  @Test
  void networkFailuresAreRetryable() throws Exception {
    OmegaClient dead;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      dead =
          OmegaClient.builder().baseUrl("http://127.0.0.1:" + s.getLocalPort()).runtime(rt).build();
    }
    OmegaException e = assertInstanceOf(OmegaException.class, failure(dead.getOmikron()));
    assertTrue(e.isRetryable());
    assertEquals(0, e.httpStatus());
    dead.close();
  }

  @Test
  void aClientCanAskOmegaWhereToConnect() throws Exception {
    OmikronPrivateKey key = OmikronPrivateKey.generate(new SecureRandom());
    try (FakeOmikron f = FakeOmikron.builder().build().start()) {
      OmikronId user = OmikronId.of(1733600000001L);
      OmikronId iotaId = OmikronId.of(1733600000100L);
      OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(new SecureRandom());
      f.registerIota(iotaId, iotaKey.publicKey())
          .registerUser(UserRecord.of(user, "alice", key, iotaId));
      String hostPort = f.clientUrl().replaceFirst("^ws://", "").replaceFirst("/.*$", "");
      server.enqueue(
          new MockResponse()
              .setBody(
                  "{\"id\":1,\"public_key\":\"" + PK + "\",\"ip_address\":\"" + hostPort + "\"}"));
      try (FakeIota iota =
          new FakeIota(f.iotaUrl(), iotaId, iotaKey, java.util.Set.of(user), rt, null)) {
        iota.connect().get(10, SECONDS);
        OmikronClient client =
            OmikronClient.builder()
                .userId(user)
                .privateKey(key)
                .runtime(rt)
                .buildWithDiscovery(omega, false)
                .get(10, SECONDS);
        try {
          client.connect().get(10, SECONDS);
          assertEquals(1, f.identificationCount(user));
          assertEquals("/api/get/omikron/1733600000001", server.takeRequest().getPath());
        } finally {
          client.close();
        }
      }
    }
  }

  /** Issue 13: peers' public keys may come from Omega instead of get_user_data. */
  @Test
  void directMessagesCanTakeThePeersKeyFromOmega() throws Exception {
    OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(new SecureRandom());
    OmikronPrivateKey bobKey = OmikronPrivateKey.generate(new SecureRandom());
    OmikronId alice = OmikronId.of(1733600000001L);
    OmikronId bob = OmikronId.of(1733600000002L);
    OmikronId iotaId = OmikronId.of(1733600000100L);
    OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(new SecureRandom());
    try (FakeOmikron f = FakeOmikron.builder().build().start()) {
      f.registerIota(iotaId, iotaKey.publicKey())
          .registerUser(UserRecord.of(alice, "alice", aliceKey, iotaId))
          .registerUser(UserRecord.of(bob, "bob", bobKey, iotaId));
      server.enqueue(
          new MockResponse()
              .setBody(
                  "{\"status\":\"success\",\"username\":\"bob\",\"user_id\":"
                      + bob.value()
                      + ",\"public_key\":\""
                      + bobKey.publicKey().base64()
                      + "\",\"iota_id\":"
                      + iotaId.value()
                      + "}"));
      try (FakeIota iota =
          new FakeIota(f.iotaUrl(), iotaId, iotaKey, java.util.Set.of(alice, bob), rt, null)) {
        iota.connect().get(10, SECONDS);
        java.util.concurrent.BlockingQueue<io.github.chatwire.omikron.DirectMessage> got =
            new java.util.concurrent.LinkedBlockingQueue<>();
        try (OmikronClient a =
                OmikronClient.builder()
                    .url(f.clientUrl())
                    .userId(alice)
                    .privateKey(aliceKey)
                    .runtime(rt)
                    .peerKeysFromOmega(omega)
                    .build();
            OmikronClient b =
                OmikronClient.builder()
                    .url(f.clientUrl())
                    .userId(bob)
                    .privateKey(bobKey)
                    .runtime(rt)
                    .build()) {
          b.on(io.github.chatwire.omikron.DirectMessage.class, got::add);
          a.connect().get(10, SECONDS);
          b.connect().get(10, SECONDS);
          a.sendMessage(bob, "via omega").get(10, SECONDS);
          assertEquals("via omega", got.poll(10, SECONDS).text());
          assertEquals("/api/get/user/" + bob.value(), server.takeRequest().getPath());
          assertEquals(
              0,
              f.received().stream()
                  .filter(
                      r ->
                          alice.equals(r.peer())
                              && r.message()
                                  .type()
                                  .equals(
                                      io.github.chatwire.omikron.model.MessageType.GET_USER_DATA))
                  .count(),
              "alice asked Omega, not the Omikron");
        }
      }
    }
  }
}

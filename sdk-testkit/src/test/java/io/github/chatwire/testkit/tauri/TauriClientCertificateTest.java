package io.github.chatwire.testkit.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.tauri.ClientCertificateRejectedException;
import io.github.chatwire.tauri.TauriClientIdentity;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriTrust;
import io.netty.incubator.codec.quic.Quic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-certificate authentication really checked: the kwik client against a Netty QUIC server
 * that requires a client certificate signed by / equal to one it trusts.
 */
class TauriClientCertificateTest {
  static {
    // Before any kwik class is initialised: see FakeOmegaQuicServer.disableKwikAssertions().
    FakeOmegaQuicServer.disableKwikAssertions();
  }

  private static final String ALPN = "tauri";
  private static final TestCertificate SERVER = TestCertificate.selfSignedServer("localhost");
  private static final TestCertificate DEVICE_CA =
      TestCertificate.certificateAuthority("Omega device CA");
  private static final TestCertificate RSA_DEVICE =
      TestCertificate.selfSignedRsaClient("tauri-rsa-device");

  private NettyMutualTlsQuicServer server;
  private TauriPushClient client;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(
        Quic.isAvailable(), "netty native QUIC is not available on this platform");
    server =
        new NettyMutualTlsQuicServer(
            SERVER, ALPN, DEVICE_CA.certificate(), RSA_DEVICE.certificate());
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
  }

  private TauriPushClient client(TauriClientIdentity identity, RecordingListener listener) {
    client =
        TauriPushClient.builder()
            .host("localhost")
            .port(server.port())
            .alpn(ALPN)
            .userId("user-9")
            .clientIdentity(identity)
            .trust(TauriTrust.certificates(SERVER.certificate()))
            .options(
                ConnectionOptions.builder()
                    .reconnectPolicy(
                        ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50)).build())
                    .build())
            .listener(listener)
            .build();
    return client;
  }

  @org.junit.jupiter.api.RepeatedTest(3)
  void acceptedCertificateIdentifies() throws Exception {
    TestCertificate device = DEVICE_CA.issueClient("tauri-device-1");
    connectOrExplain(TauriClientIdentity.of(device.certificate(), device.privateKey()));
    assertEquals(ConnectionState.READY, client.state());
    assertEquals(List.of("CN=tauri-device-1"), server.identifiedSubjects);
  }

  @Test
  void acceptedCertificateFromPemWorks() throws Exception {
    TestCertificate device = DEVICE_CA.issueClient("tauri-device-pem");
    connectOrExplain(TauriClientIdentity.fromPem(device.certificatePem(), device.privateKeyPem()));
    assertEquals(List.of("CN=tauri-device-pem"), server.identifiedSubjects);
  }

  @Test
  void acceptedCertificateFromKeyStoreWorks() throws Exception {
    char[] pw = "pw".toCharArray();
    TestCertificate device = DEVICE_CA.issueClient("tauri-device-p12");
    connectOrExplain(TauriClientIdentity.fromKeyStore(device.toKeyStore("dev", pw), null, pw));
    assertEquals(List.of("CN=tauri-device-p12"), server.identifiedSubjects);
  }

  @Test
  void aSecondDeviceConnectsAfterTheFirstClosed() throws Exception {
    TestCertificate device = DEVICE_CA.issueClient("a");
    connectOrExplain(TauriClientIdentity.of(device.certificate(), device.privateKey()));
    client.close();
    client.closeFuture().get(10, TimeUnit.SECONDS);
    connectOrExplain(TauriClientIdentity.of(device.certificate(), device.privateKey()));
    assertEquals(2, server.identifiedSubjects.size());
  }

  @Test
  void acceptedRsaCertificateWorks() throws Exception {
    connectOrExplain(TauriClientIdentity.of(RSA_DEVICE.certificate(), RSA_DEVICE.privateKey()));
    assertEquals(List.of("CN=tauri-rsa-device"), server.identifiedSubjects);
  }

  @Test
  void acceptedCertificateFromKeyManagerWorks() throws Exception {
    char[] pw = "pw".toCharArray();
    TestCertificate device = DEVICE_CA.issueClient("tauri-device-km");
    javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
    kmf.init(device.toKeyStore("dev", pw), pw);
    javax.net.ssl.X509KeyManager km = (javax.net.ssl.X509KeyManager) kmf.getKeyManagers()[0];
    connectOrExplain(TauriClientIdentity.fromKeyManager(km));
    assertEquals(List.of("CN=tauri-device-km"), server.identifiedSubjects);
  }

  private void connectOrExplain(TauriClientIdentity identity) throws Exception {
    RecordingListener listener = new RecordingListener();
    try {
      client(identity, listener).connect().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("not READY in time; states " + listener.states, e);
    }
  }

  @org.junit.jupiter.api.RepeatedTest(5)
  void missingCertificateFailsWithAuthenticationError() throws Exception {
    assertRejected(null);
  }

  @org.junit.jupiter.api.RepeatedTest(3)
  void untrustedCertificateFailsWithAuthenticationError() throws Exception {
    assertRejected(TauriClientIdentity.generateSelfSigned("stranger"));
  }

  private void assertRejected(TauriClientIdentity identity) throws Exception {
    RecordingListener listener = new RecordingListener();
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client(identity, listener).connect().get(30, TimeUnit.SECONDS));
    ClientCertificateRejectedException rejected =
        assertInstanceOf(ClientCertificateRejectedException.class, e.getCause());
    assertInstanceOf(AuthenticationException.class, rejected);
    assertEquals(ConnectionState.CLOSED, client.state());
    // The rejection ends the connection at once: the transition that carries it goes straight to
    // CLOSED and nothing follows it. (A first attempt whose QUIC handshake times out on a loaded
    // machine is retried like any lost packet; that is not the authentication error.)
    // the listener hears CLOSED on the callback thread, possibly after connect() has failed
    listener.awaitState(ConnectionState.CLOSED, Duration.ofSeconds(10));
    List<StateChange> states = List.copyOf(listener.states);
    StateChange last = states.get(states.size() - 1);
    assertEquals(ConnectionState.CLOSED, last.current(), "ends CLOSED: " + states);
    assertInstanceOf(
        ClientCertificateRejectedException.class,
        last.cause(),
        "closed by the rejection: " + states);
    assertEquals(
        1,
        states.stream()
            .filter(c -> c.cause() instanceof ClientCertificateRejectedException)
            .count(),
        "an authentication error is not retried: " + states);
    assertTrue(
        states.stream()
            .allMatch(
                c ->
                    c.current() != ConnectionState.RECONNECTING
                        || !(c.cause() instanceof AuthenticationException)),
        "no reconnect is caused by an authentication error: " + states);
    assertEquals(List.of(), server.identifiedSubjects);
    client.closeFuture().get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (quicThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, quicThreads(), "the SDK's QUIC threads end after a rejection");
  }

  private static long quicThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("chatwire-tauri-quic-"))
        .count();
  }
}

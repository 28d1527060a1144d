package io.github.chatwire.testkit.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriTlsException;
import io.github.chatwire.tauri.TauriTrust;
import io.github.chatwire.testkit.tauri.TestCertificate.KeyType;
import io.github.chatwire.testkit.tauri.TestCertificate.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Server certificates as real servers present them: issued by a CA that the client trusts (the
 * CLI's {@code --trust ca.pem}), with the key usages public CAs put in them, over real QUIC on
 * loopback against the kwik fake serving the whole chain. Pinned self-signed certificates (the
 * other tests) skip the end-entity checks, which is how a wrong authType went unnoticed.
 */
class TauriServerCertificateTest extends TauriQuicTestBase {
  static Stream<Arguments> browserAcceptedChains() {
    List<Arguments> cases = new ArrayList<>();
    for (KeyType key : KeyType.values()) {
      cases.add(Arguments.of(key, new Usage[] {Usage.DIGITAL_SIGNATURE}));
      cases.add(Arguments.of(key, new Usage[] {Usage.DIGITAL_SIGNATURE, Usage.KEY_ENCIPHERMENT}));
      cases.add(Arguments.of(key, new Usage[0]));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} leaf, key usage {1}")
  @MethodSource("browserAcceptedChains")
  void aChainIssuedByATrustedCaIsAccepted(KeyType keyType, Usage[] usages) throws Exception {
    TestCertificate ca = TestCertificate.certificateAuthority("Test Root CA " + keyType, keyType);
    TestCertificate leaf = ca.issueServer("localhost").keyType(keyType).keyUsage(usages).issue();
    FakeOmegaQuicServer server = server(leaf);
    RecordingListener listener = new RecordingListener();
    TauriPushClient client = built(server, TauriTrust.certificates(ca.certificate()), listener);

    try {
      client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("refused a chain a browser accepts: " + e.getCause(), e.getCause());
    }
    assertEquals("user-1", server.awaitIdentified(WAIT).userId());
    assertEquals(ConnectionState.READY, client.state());
  }

  @Test
  void theSameChainIsAcceptedThroughAUserTrustManager() throws Exception {
    TestCertificate ca = TestCertificate.certificateAuthority("Test Root CA", KeyType.EC_P256);
    TestCertificate leaf = ca.issueServer("localhost").issue();
    FakeOmegaQuicServer server = server(leaf);
    javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
    tmf.init(TauriTrust.certificates(ca.certificate()).trustStore());
    TauriPushClient client =
        built(
            server,
            TauriTrust.trustManager((javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0]),
            new RecordingListener());
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("user-1", server.awaitIdentified(WAIT).userId());
  }

  @Test
  void aChainWhoseCaIsNotTrustedIsRefusedForGoodAndSaysWhy() throws Exception {
    TestCertificate ca = TestCertificate.certificateAuthority("Test Root CA");
    TestCertificate stranger = TestCertificate.certificateAuthority("Some Other CA");
    FakeOmegaQuicServer server = server(ca.issueServer("localhost").issue());

    TauriTlsException refused =
        assertRefused(server, TauriTrust.certificates(stranger.certificate()));
    String message = refused.getMessage().toLowerCase(Locale.ROOT);
    assertTrue(
        message.contains("not issued by a trusted ca") || message.contains("trust anchor"),
        refused.getMessage());
    assertInstanceOf(
        java.security.cert.CertificateException.class,
        refused.getCause(),
        "the validator's own exception is the cause");
  }

  @Test
  void anExpiredCertificateIsRefusedAndTheMessageSaysExpired() throws Exception {
    TestCertificate ca = TestCertificate.certificateAuthority("Test Root CA");
    Instant now = Instant.now();
    TestCertificate expired =
        ca.issueServer("localhost")
            .validity(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)))
            .issue();
    FakeOmegaQuicServer server = server(expired);

    TauriTlsException refused = assertRefused(server, TauriTrust.certificates(ca.certificate()));
    assertTrue(
        refused.getMessage().toLowerCase(Locale.ROOT).contains("expired"), refused.getMessage());
  }

  @Test
  void aCertificateForClientsOnlyIsRefused() throws Exception {
    // Extended key usage is still checked: a clientAuth-only certificate is no server's.
    TestCertificate ca = TestCertificate.certificateAuthority("Test Root CA");
    FakeOmegaQuicServer server = server(ca.issueServer("localhost").clientAuthOnly().issue());

    TauriTlsException refused = assertRefused(server, TauriTrust.certificates(ca.certificate()));
    assertTrue(
        refused.getMessage().toLowerCase(Locale.ROOT).contains("extended key usage"),
        refused.getMessage());
  }

  @Test
  void aCaIssuedCertificateForAnotherHostIsRefused() throws Exception {
    // Accepting more chains must not lose the host name check.
    TestCertificate ca = TestCertificate.certificateAuthority("Test Root CA");
    FakeOmegaQuicServer server = server(ca.issueServer("omega.example").issue());
    TauriTlsException refused = assertRefused(server, TauriTrust.certificates(ca.certificate()));
    assertTrue(
        refused.getMessage().contains("not valid for the host name 'localhost'"),
        refused.getMessage());
  }

  private TauriTlsException assertRefused(FakeOmegaQuicServer server, TauriTrust trust)
      throws Exception {
    RecordingListener listener = new RecordingListener();
    TauriPushClient client = built(server, trust, listener);
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    TauriTlsException refused = assertInstanceOf(TauriTlsException.class, e.getCause());
    assertEquals(ConnectionState.CLOSED, client.state());
    assertEquals(
        0,
        listener.count(ConnectionState.RECONNECTING),
        "a certificate failure is terminal: " + listener.states);
    assertEquals(List.of(), server.connections().stream().filter(c -> c.userId() != null).toList());
    return refused;
  }

  private FakeOmegaQuicServer server(TestCertificate certificate) throws Exception {
    return server(FakeOmegaQuicServer.builder().certificate(certificate));
  }

  private TauriPushClient built(
      FakeOmegaQuicServer server, TauriTrust trust, RecordingListener listener) {
    return track(client(server, trust, listener).build());
  }
}

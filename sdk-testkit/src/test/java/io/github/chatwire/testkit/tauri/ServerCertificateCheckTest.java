package io.github.chatwire.testkit.tauri;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.internal.ServerCertificateCheck;
import io.github.chatwire.tauri.TauriTrust;
import io.github.chatwire.testkit.tauri.TestCertificate.KeyType;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The trust check itself, without QUIC: what the JDK's validator does with which authType. */
class ServerCertificateCheckTest {
  private static final TestCertificate CA = TestCertificate.certificateAuthority("Unit CA");

  @Test
  void theJdkRefusesAnEcdsaLeafWithTheAuthTypeAgent15Passes() throws Exception {
    // The cause of the bug, pinned: with "RSA" the JDK demands keyEncipherment.
    X509Certificate[] chain =
        CA.issueServer("localhost").issue().chain().toArray(new X509Certificate[0]);
    X509TrustManager jdk = jdkTrustManager(CA.certificate());
    CertificateException e =
        assertThrows(CertificateException.class, () -> jdk.checkServerTrusted(chain, "RSA"));
    assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("key"), e.getMessage());
    assertDoesNotThrow(
        () ->
            ServerCertificateCheck.of(null, ServerCertificateCheck.trustStoreOf(CA.certificate()))
                .checkServerTrusted(chain, "RSA"));
  }

  @Test
  void anRsaLeafWithDigitalSignatureOnlyPasses() throws Exception {
    TestCertificate rsaCa = TestCertificate.certificateAuthority("RSA CA", KeyType.RSA_2048);
    X509Certificate[] chain =
        rsaCa
            .issueServer("localhost")
            .keyType(KeyType.RSA_2048)
            .issue()
            .chain()
            .toArray(new X509Certificate[0]);
    ServerCertificateCheck check =
        ServerCertificateCheck.of(null, ServerCertificateCheck.trustStoreOf(rsaCa.certificate()));
    assertDoesNotThrow(() -> check.checkServerTrusted(chain, "RSA"));
    assertNull(check.refusal());
  }

  @Test
  void aRefusalIsRememberedAndDescribed() throws Exception {
    Instant now = Instant.now();
    X509Certificate[] chain =
        CA.issueServer("localhost")
            .validity(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(2)))
            .issue()
            .chain()
            .toArray(new X509Certificate[0]);
    ServerCertificateCheck check =
        ServerCertificateCheck.of(null, ServerCertificateCheck.trustStoreOf(CA.certificate()));
    CertificateException e =
        assertThrows(CertificateException.class, () -> check.checkServerTrusted(chain, "RSA"));
    assertSame(e, check.refusal());
    String text = ServerCertificateCheck.describe(e);
    assertTrue(text.startsWith("a certificate in the server's chain has expired ("), text);
  }

  @Test
  void anUntrustedIssuerIsNamed() throws Exception {
    X509Certificate[] chain =
        CA.issueServer("localhost").issue().chain().toArray(new X509Certificate[0]);
    TestCertificate other = TestCertificate.certificateAuthority("Other CA");
    ServerCertificateCheck check =
        ServerCertificateCheck.of(null, ServerCertificateCheck.trustStoreOf(other.certificate()));
    CertificateException e =
        assertThrows(CertificateException.class, () -> check.checkServerTrusted(chain, "RSA"));
    assertTrue(
        ServerCertificateCheck.describe(e)
            .startsWith("the server certificate is not issued by a trusted CA ("),
        ServerCertificateCheck.describe(e));
  }

  @Test
  void theSystemTrustIsPkix() {
    ServerCertificateCheck system = ServerCertificateCheck.of(null, null);
    X509Certificate[] chain =
        CA.issueServer("localhost").issue().chain().toArray(new X509Certificate[0]);
    assertThrows(
        CertificateException.class,
        () -> system.checkServerTrusted(chain, "RSA"),
        "a private CA is not in cacerts");
    assertThrows(
        CertificateException.class,
        () -> system.checkClientTrusted(chain, "RSA"),
        "it never vouches for clients");
  }

  private static X509TrustManager jdkTrustManager(X509Certificate anchor) throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(TauriTrust.certificates(anchor).trustStore());
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }
}

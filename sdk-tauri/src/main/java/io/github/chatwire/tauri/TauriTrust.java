package io.github.chatwire.tauri;

import io.github.chatwire.core.internal.ServerCertificateCheck;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Which server certificates a {@link TauriPushClient} trusts. The server's host name is always
 * checked against the certificate's DNS names (the QUIC stack ignores IP-address entries, so
 * connect by host name), except in {@link #insecureTrustAnyServerForTestsOnly()}.
 *
 * <p>Chains are validated as for TLS 1.3, where the server authenticates by signing: a key usage
 * extension, if present, must allow {@code digitalSignature} (nothing more: an ECDSA certificate
 * with {@code digitalSignature} only, as public CAs issue them, is accepted), and an extended key
 * usage, if present, must allow {@code serverAuth}. A trust manager of your own is called with the
 * authType {@code ECDHE_ECDSA} (EC key), {@code ECDHE_RSA} (RSA key) or {@code UNKNOWN}. A refused
 * chain ends the client with a {@link TauriTlsException} whose message gives the reason (expired,
 * not issued by a trusted CA, ...) and whose cause is the validator's exception.
 *
 * <p>Immutable and thread-safe.
 */
public final class TauriTrust {
  private final @Nullable KeyStore trustStore;
  private final @Nullable X509TrustManager trustManager;
  private final boolean insecure;

  private TauriTrust(
      @Nullable KeyStore trustStore, @Nullable X509TrustManager trustManager, boolean insecure) {
    this.trustStore = trustStore;
    this.trustManager = trustManager;
    this.insecure = insecure;
  }

  /**
   * The platform's default trust (the JDK's {@code cacerts}). The default.
   *
   * @return the trust setting
   */
  public static TauriTrust system() {
    return new TauriTrust(null, null, false);
  }

  /**
   * Trusts the certificates in a key store (PKIX validation; a self-signed server certificate must
   * itself be in it).
   *
   * @param trustStore the loaded trust store; never null
   * @return the trust setting
   */
  public static TauriTrust keyStore(KeyStore trustStore) {
    return new TauriTrust(Objects.requireNonNull(trustStore, "trustStore"), null, false);
  }

  /**
   * Trusts exactly these certificates (CA or self-signed server certificates).
   *
   * @param certificates at least one certificate; never null
   * @return the trust setting
   */
  public static TauriTrust certificates(X509Certificate... certificates) {
    return keyStore(ServerCertificateCheck.trustStoreOf(certificates));
  }

  /**
   * Trusts what this trust manager accepts.
   *
   * @param trustManager the trust manager; never null
   * @return the trust setting
   */
  public static TauriTrust trustManager(X509TrustManager trustManager) {
    return new TauriTrust(null, Objects.requireNonNull(trustManager, "trustManager"), false);
  }

  /**
   * <b>Insecure, for tests only:</b> trusts any server certificate and skips the host name check,
   * so anyone on the network path can impersonate the server. kwik prints a security warning to
   * standard output when this is used.
   *
   * @return the trust setting
   */
  public static TauriTrust insecureTrustAnyServerForTestsOnly() {
    return new TauriTrust(null, null, true);
  }

  /**
   * The trust store, if this setting is based on one.
   *
   * @return the store; null otherwise
   */
  public @Nullable KeyStore trustStore() {
    return trustStore;
  }

  /**
   * The trust manager, if this setting is based on one.
   *
   * @return the trust manager; null otherwise
   */
  public @Nullable X509TrustManager trustManagerOrNull() {
    return trustManager;
  }

  /**
   * Whether this is the insecure test-only setting.
   *
   * @return true for {@link #insecureTrustAnyServerForTestsOnly()}
   */
  public boolean isInsecure() {
    return insecure;
  }

  @Override
  public String toString() {
    return insecure
        ? "TauriTrust[INSECURE any server]"
        : trustStore != null
            ? "TauriTrust[trust store]"
            : trustManager != null ? "TauriTrust[trust manager]" : "TauriTrust[system]";
  }
}

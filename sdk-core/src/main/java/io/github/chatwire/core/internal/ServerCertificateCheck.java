package io.github.chatwire.core.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The server-certificate check handed to kwik for one connection (sdk-tauri's raw QUIC and
 * sdk-webtransport's HTTP/3 both use kwik's TLS engine, so both need it; it lives here because it
 * needs nothing but the JDK). It fixes the authentication type and remembers why a chain was
 * refused.
 *
 * <p>Why: agent15 3.1 (kwik's TLS 1.3 engine) calls a custom trust manager with the authType {@code
 * "RSA"} for every chain. For the JDK's PKIX trust manager "RSA" means RSA key exchange, so it
 * demands the {@code keyEncipherment} key usage, which an ECDSA certificate never has and an RSA
 * certificate for TLS 1.3 need not have: valid CA-issued chains were refused with alert 42. In TLS
 * 1.3 the server always authenticates by signing, so this check passes the signature-based authType
 * of the leaf's key ({@code ECDHE_ECDSA} for EC, {@code ECDHE_RSA} for RSA, {@code UNKNOWN}
 * otherwise); the JDK then requires {@code digitalSignature} when a key usage extension is present
 * and {@code serverAuth} when an extended key usage is, as browsers do. Host name verification
 * stays with agent15 (it is not the trust manager's job there).
 *
 * <p>kwik reports a refusal only as "bad_certificate"; {@link #refusal()} keeps the validator's own
 * exception so the user can be told the real reason. Thread-safe.
 */
public final class ServerCertificateCheck implements X509TrustManager {
  private final X509TrustManager delegate;
  private volatile @Nullable CertificateException refusal;
  private volatile boolean accepted;

  private ServerCertificateCheck(X509TrustManager delegate) {
    this.delegate = delegate;
  }

  /**
   * The check for a trust setting. (An insecure "trust anything" setting has no check: callers
   * switch kwik's certificate check off instead.)
   *
   * @param trustManager the user's own trust manager; null to validate with PKIX against {@code
   *     trustStore}
   * @param trustStore the trusted certificates for PKIX; null for the platform's default trust
   *     store; ignored when {@code trustManager} is given
   * @return the check; never null
   * @throws IllegalStateException if the platform has no PKIX trust manager
   */
  public static ServerCertificateCheck of(
      @Nullable X509TrustManager trustManager, @Nullable KeyStore trustStore) {
    return new ServerCertificateCheck(trustManager != null ? trustManager : pkix(trustStore));
  }

  /**
   * An in-memory trust store holding exactly these certificates.
   *
   * @param certificates at least one certificate; never null
   * @return the loaded store
   * @throws IllegalArgumentException if there is no certificate
   * @throws IllegalStateException if the platform cannot create a key store
   */
  public static KeyStore trustStoreOf(X509Certificate... certificates) {
    if (certificates.length == 0) {
      throw new IllegalArgumentException("no certificates");
    }
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      for (int i = 0; i < certificates.length; i++) {
        ks.setCertificateEntry(
            "trusted-" + i, Objects.requireNonNull(certificates[i], "certificate"));
      }
      return ks;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot create an in-memory trust store", e);
    }
  }

  private static X509TrustManager pkix(@Nullable KeyStore trustStore) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trustStore); // null: the platform's default trust store
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager) {
          return (X509TrustManager) tm;
        }
      }
      throw new IllegalStateException("the PKIX trust manager factory made no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no PKIX trust manager: " + e.getMessage(), e);
    }
  }

  /**
   * The TLS 1.3 authType for a server whose certificate has this key.
   *
   * @param leaf the server's certificate; never null
   * @return a signature-based authType
   */
  static String authTypeFor(X509Certificate leaf) {
    switch (leaf.getPublicKey().getAlgorithm()) {
      case "EC":
        return "ECDHE_ECDSA";
      case "RSA":
      case "RSASSA-PSS":
        return "ECDHE_RSA";
      default:
        return "UNKNOWN";
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate @Nullable [] chain, String ignoredAuthType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      CertificateException e = new CertificateException("the server sent no certificate");
      refusal = e;
      throw e;
    }
    try {
      delegate.checkServerTrusted(chain, authTypeFor(chain[0]));
      accepted = true;
    } catch (CertificateException e) {
      refusal = e;
      throw e;
    } catch (RuntimeException e) {
      CertificateException wrapped = new CertificateException("the trust manager failed: " + e, e);
      refusal = wrapped;
      throw wrapped;
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager checks servers only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  /**
   * Whether a chain passed this check (so a later certificate failure of the handshake is the host
   * name check's).
   *
   * @return true once a chain was trusted
   */
  public boolean acceptedAChain() {
    return accepted;
  }

  /**
   * Why the last chain was refused.
   *
   * @return the validator's exception; null if no chain was refused
   */
  public @Nullable CertificateException refusal() {
    return refusal;
  }

  /**
   * The message for a refused chain: kwik says only "bad_certificate"; the validator knows why.
   *
   * @param e the refusal; never null
   * @return "server certificate refused: " and {@link #describe}
   */
  public static String refusedMessage(CertificateException e) {
    return "server certificate refused: " + describe(e);
  }

  /**
   * The message for a trusted chain whose certificate does not name the host.
   *
   * @param host the host connected to; never null
   * @return the message
   */
  public static String hostNameMessage(String host) {
    return "the server certificate is trusted but not valid for the host name '"
        + host
        + "' (its DNS names, or its CN, must match; IP addresses are never matched)";
  }

  /**
   * A short, human reason for a refusal, followed by the validator's own words. Certificates are
   * public; nothing secret is in either.
   *
   * @param e the refusal; never null
   * @return e.g. "the server certificate has expired (validity check failed; NotAfter: ...)"
   */
  public static String describe(CertificateException e) {
    String reason = null;
    for (Throwable t = e; t != null && reason == null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        reason = "a certificate in the server's chain has expired";
      } else if (t instanceof CertificateNotYetValidException) {
        reason = "a certificate in the server's chain is not valid yet";
      } else if (t instanceof CertPathValidatorException) {
        CertPathValidatorException.Reason r = ((CertPathValidatorException) t).getReason();
        if (r == CertPathValidatorException.BasicReason.EXPIRED) {
          reason = "a certificate in the server's chain has expired";
        } else if (r == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
          reason = "a certificate in the server's chain is not valid yet";
        } else if (r == CertPathValidatorException.BasicReason.REVOKED) {
          reason = "a certificate in the server's chain is revoked";
        } else if (r == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
          reason = "a signature in the server's chain does not verify";
        } else if (r == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
          reason = "the server's chain uses a disabled algorithm or key size";
        } else if (r == PKIXReason.NO_TRUST_ANCHOR) {
          reason = "the server certificate is not issued by a trusted CA";
        } else if (r == PKIXReason.INVALID_KEY_USAGE) {
          reason = "a CA in the server's chain may not sign certificates";
        } else if (r == PKIXReason.NOT_CA_CERT) {
          reason = "a certificate in the server's chain signs others but is no CA";
        }
      } else if (t instanceof CertPathBuilderException) {
        reason = "the server certificate is not issued by a trusted CA";
      }
    }
    String own = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (reason == null) {
      String lower = own.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("extended key usage")) {
        reason =
            "the server certificate's extended key usage does not allow TLS server authentication";
      } else if (lower.contains("keyusage") || lower.contains("key usage")) {
        reason = "the server certificate's key usage does not allow signing";
      } else {
        reason = "the server certificate is not trusted";
      }
    }
    return reason + " (" + own + ")";
  }
}

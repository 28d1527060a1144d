package io.github.chatwire.testkit.tauri;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A certificate and its private key, generated in memory for tests (no files, no network): EC P-256
 * keys with {@code SHA256withECDSA} signatures, or RSA 2048 with {@code SHA256withRSA}, which is
 * what the kwik QUIC stack can use for client authentication.
 *
 * <p>Server certificates can be issued by a test CA the way public CAs issue them ({@link
 * #issueServer(String)}: key usage {@code digitalSignature} only, extended key usage {@code
 * serverAuth}), so a client can be tested with the CA as its trust anchor rather than a pinned
 * self-signed certificate (which skips the checks a real chain gets).
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 *
 * @param certificate the certificate; never null
 * @param privateKey its private key; never null
 * @param issuers the certificates above it up to the root, nearest first (what a server sends after
 *     its own certificate); never null, empty for a self-signed certificate
 */
public record TestCertificate(
    X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> issuers) {
  /**
   * Validates the components.
   *
   * @param certificate the certificate; never null
   * @param privateKey its private key; never null
   * @param issuers the certificates above it up to the root, nearest first; never null, empty for a
   *     self-signed certificate
   */
  public TestCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    issuers = List.copyOf(Objects.requireNonNull(issuers, "issuers"));
  }

  /**
   * A certificate without issuers (self-signed).
   *
   * @param certificate the certificate; never null
   * @param privateKey its private key; never null
   */
  public TestCertificate(X509Certificate certificate, PrivateKey privateKey) {
    this(certificate, privateKey, List.of());
  }

  /** Key algorithms for test certificates. */
  public enum KeyType {
    /** EC on the P-256 curve, signed with {@code SHA256withECDSA}. */
    EC_P256,
    /** RSA 2048, signed with {@code SHA256withRSA}. */
    RSA_2048
  }

  /**
   * A self-signed P-256 certificate for a server, with {@code dnsName} as CN and DNS SAN.
   *
   * @param dnsName the host name, e.g. {@code localhost}; never null
   * @return the certificate
   */
  public static TestCertificate selfSignedServer(String dnsName) {
    return create("CN=" + dnsName, dnsName, false, null, KeyType.EC_P256, null, null, null, null);
  }

  /**
   * A self-signed P-256 client certificate with subject {@code CN=commonName}.
   *
   * @param commonName the common name; never null
   * @return the certificate
   */
  public static TestCertificate selfSignedClient(String commonName) {
    return create("CN=" + commonName, null, false, null, KeyType.EC_P256, null, null, null, null);
  }

  /**
   * A self-signed RSA 2048 client certificate signed with {@code SHA256withRSA}.
   *
   * @param commonName the common name; never null
   * @return the certificate
   */
  public static TestCertificate selfSignedRsaClient(String commonName) {
    return create("CN=" + commonName, null, false, null, KeyType.RSA_2048, null, null, null, null);
  }

  /**
   * A self-signed P-256 certificate authority.
   *
   * @param commonName the CA's common name; never null
   * @return the CA certificate
   */
  public static TestCertificate certificateAuthority(String commonName) {
    return certificateAuthority(commonName, KeyType.EC_P256);
  }

  /**
   * A self-signed certificate authority with the given key type (key usage {@code keyCertSign,
   * cRLSign}, basic constraints CA).
   *
   * @param commonName the CA's common name; never null
   * @param keyType the CA's key; never null
   * @return the CA certificate
   */
  public static TestCertificate certificateAuthority(String commonName, KeyType keyType) {
    return create(
        "CN=" + commonName,
        null,
        true,
        null,
        Objects.requireNonNull(keyType, "keyType"),
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign),
        null,
        null,
        null);
  }

  /**
   * Starts a server certificate issued by this certificate (which must be a CA), for {@code
   * dnsName} as CN and DNS SAN. Defaults are what public CAs issue: EC P-256, key usage {@code
   * digitalSignature} only, extended key usage {@code serverAuth}, valid from an hour ago for 30
   * days.
   *
   * @param dnsName the host name; never null
   * @return a builder
   */
  public ServerCertificateBuilder issueServer(String dnsName) {
    return new ServerCertificateBuilder(this, Objects.requireNonNull(dnsName, "dnsName"));
  }

  /**
   * A P-256 client certificate issued (signed) by this certificate, which must be a P-256 CA.
   *
   * @param commonName the client's common name; never null
   * @return the issued certificate
   */
  public TestCertificate issueClient(String commonName) {
    return create("CN=" + commonName, null, false, this, KeyType.EC_P256, null, null, null, null);
  }

  /**
   * The certificate followed by its issuers: the chain a server presents.
   *
   * @return the chain, leaf first; never null
   */
  public List<X509Certificate> chain() {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    chain.addAll(issuers);
    return chain;
  }

  /**
   * A PKCS#12 key store holding the key and the chain ({@link #chain()}) under {@code alias}.
   *
   * @param alias the entry alias; never null
   * @param password the store and key password; never null
   * @return the loaded key store
   */
  public KeyStore toKeyStore(String alias, char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(alias, privateKey, password, chain().toArray(new Certificate[0]));
      return ks;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a key store", e);
    }
  }

  /**
   * The certificate as PEM text.
   *
   * @return the PEM; never null
   */
  public String certificatePem() {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The private key as unencrypted PKCS#8 PEM text ({@code PRIVATE KEY}). Test material only.
   *
   * @return the PEM; never null
   */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", privateKey.getEncoded());
  }

  @Override
  public String toString() {
    return "TestCertificate[" + certificate.getSubjectX500Principal().getName() + ", key ***]";
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  @SuppressWarnings("JavaUtilDate") // BouncyCastle's certificate builder takes java.util.Date
  private static TestCertificate create(
      String subject,
      @Nullable String dnsName,
      boolean ca,
      @Nullable TestCertificate issuer,
      KeyType keyType,
      @Nullable KeyUsage keyUsage,
      KeyPurposeId @Nullable [] extendedKeyUsage,
      @Nullable Instant notBefore,
      @Nullable Instant notAfter) {
    try {
      KeyPairGenerator gen;
      if (keyType == KeyType.EC_P256) {
        gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      } else {
        gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048, new SecureRandom());
      }
      KeyPair pair = gen.generateKeyPair();
      X500Name subjectName = new X500Name(subject);
      X500Name issuerName =
          issuer == null
              ? subjectName
              : X500Name.getInstance(issuer.certificate.getSubjectX500Principal().getEncoded());
      PrivateKey signer = issuer == null ? pair.getPrivate() : issuer.privateKey;
      long now = System.currentTimeMillis();
      Date from = notBefore != null ? Date.from(notBefore) : new Date(now - 3_600_000L);
      Date to = notAfter != null ? Date.from(notAfter) : new Date(now + 30L * 86_400_000L);
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuerName,
              new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
              from,
              to,
              subjectName,
              pair.getPublic());
      if (ca) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      }
      if (keyUsage != null) {
        b.addExtension(Extension.keyUsage, true, keyUsage);
      }
      if (extendedKeyUsage != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
      }
      if (dnsName != null) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      }
      String sigAlg = "EC".equals(signer.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(signer)));
      return new TestCertificate(
          cert, pair.getPrivate(), issuer == null ? List.of() : issuer.chain());
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate a test certificate: " + e.getMessage(), e);
    }
  }

  /** Key usage bits of a test server certificate. */
  public enum Usage {
    /** {@code digitalSignature}: the key signs (all a TLS 1.3 server needs). */
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
    /** {@code keyEncipherment}: the key encrypts keys (RSA key exchange before TLS 1.3). */
    KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
    /** {@code keyAgreement}. */
    KEY_AGREEMENT(KeyUsage.keyAgreement);

    private final int bit;

    Usage(int bit) {
      this.bit = bit;
    }
  }

  /** Builds a CA-issued server certificate ({@link #issueServer(String)}). Not thread-safe. */
  public static final class ServerCertificateBuilder {
    private final TestCertificate issuer;
    private final String dnsName;
    private KeyType keyType = KeyType.EC_P256;
    private int usage = KeyUsage.digitalSignature;
    private boolean withKeyUsage = true;
    private KeyPurposeId[] extendedKeyUsage = {KeyPurposeId.id_kp_serverAuth};
    private @Nullable Instant notBefore; // null: an hour ago
    private @Nullable Instant notAfter; // null: in 30 days

    private ServerCertificateBuilder(TestCertificate issuer, String dnsName) {
      this.issuer = issuer;
      this.dnsName = dnsName;
    }

    /**
     * The key type. Default EC P-256.
     *
     * @param keyType never null
     * @return this builder
     */
    public ServerCertificateBuilder keyType(KeyType keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      return this;
    }

    /**
     * The key usage extension's bits; none given means no key usage extension at all. Default
     * {@code digitalSignature}.
     *
     * @param usages the bits
     * @return this builder
     */
    public ServerCertificateBuilder keyUsage(Usage... usages) {
      usage = 0;
      for (Usage u : usages) {
        usage |= u.bit;
      }
      withKeyUsage = usages.length > 0;
      return this;
    }

    /**
     * Only {@code clientAuth} as extended key usage (a certificate a server must not use). Default
     * {@code serverAuth}.
     *
     * @return this builder
     */
    public ServerCertificateBuilder clientAuthOnly() {
      extendedKeyUsage = new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
      return this;
    }

    /**
     * The validity period. Default: from an hour ago for 30 days.
     *
     * @param notBefore never null
     * @param notAfter never null
     * @return this builder
     */
    public ServerCertificateBuilder validity(Instant notBefore, Instant notAfter) {
      this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
      this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
      return this;
    }

    /**
     * Generates the key and issues the certificate.
     *
     * @return the certificate with its key and the issuer chain
     */
    public TestCertificate issue() {
      return create(
          "CN=" + dnsName,
          dnsName,
          false,
          issuer,
          keyType,
          withKeyUsage ? new KeyUsage(usage) : null,
          extendedKeyUsage,
          notBefore,
          notAfter);
    }
  }
}

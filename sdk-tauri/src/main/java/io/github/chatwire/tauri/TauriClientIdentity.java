package io.github.chatwire.tauri;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.Enumeration;
import java.util.Objects;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The client certificate and private key a {@link TauriPushClient} presents to Omega in the QUIC
 * (TLS 1.3) handshake.
 *
 * <p>Only two key types work with the QUIC stack (kwik/agent15), which chooses the signature scheme
 * from the certificate's signature algorithm: an EC <b>P-256</b> key in a certificate signed with
 * ECDSA ({@code SHA256withECDSA}), or an <b>RSA</b> key in a certificate signed with RSA. Every
 * factory checks this and throws {@link IllegalArgumentException} otherwise, rather than letting
 * the handshake fail later.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the certificate's subject only, never the
 * key.
 */
public final class TauriClientIdentity {
  private final X509Certificate certificate;
  private final PrivateKey privateKey;

  private TauriClientIdentity(X509Certificate certificate, PrivateKey privateKey) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    validate(certificate, privateKey);
  }

  /**
   * An identity from a certificate and its private key.
   *
   * @param certificate the client certificate; never null
   * @param privateKey its private key; never null
   * @return the identity
   * @throws IllegalArgumentException if the key is not P-256 or RSA, or does not fit the
   *     certificate's key or signature algorithm
   */
  public static TauriClientIdentity of(X509Certificate certificate, PrivateKey privateKey) {
    return new TauriClientIdentity(certificate, privateKey);
  }

  /**
   * An identity from a key store entry (for example a PKCS#12 file or the Android key store).
   *
   * @param keyStore the loaded key store; never null
   * @param alias the entry's alias; null to take the only private-key entry
   * @param password the entry's password; may be null for stores without entry passwords. The array
   *     is not retained.
   * @return the identity
   * @throws IllegalArgumentException if the entry is missing, ambiguous, not a private key with an
   *     X.509 certificate, or of an unsupported key type
   */
  public static TauriClientIdentity fromKeyStore(KeyStore keyStore, String alias, char[] password) {
    Objects.requireNonNull(keyStore, "keyStore");
    try {
      String chosen = alias;
      if (chosen == null) {
        for (Enumeration<String> e = keyStore.aliases(); e.hasMoreElements(); ) {
          String a = e.nextElement();
          if (keyStore.isKeyEntry(a)) {
            if (chosen != null) {
              throw new IllegalArgumentException(
                  "key store holds several private keys; name the alias");
            }
            chosen = a;
          }
        }
        if (chosen == null) {
          throw new IllegalArgumentException("key store holds no private key");
        }
      }
      Key key = keyStore.getKey(chosen, password);
      Certificate cert = keyStore.getCertificate(chosen);
      if (!(key instanceof PrivateKey) || !(cert instanceof X509Certificate)) {
        throw new IllegalArgumentException(
            "key store entry '" + chosen + "' is not a private key with an X.509 certificate");
      }
      return new TauriClientIdentity((X509Certificate) cert, (PrivateKey) key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot read the key store entry: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * An identity from a key manager: the alias it chooses for an EC or RSA client key.
   *
   * @param keyManager the key manager; never null
   * @return the identity
   * @throws IllegalArgumentException if it offers no suitable key and certificate
   */
  public static TauriClientIdentity fromKeyManager(X509KeyManager keyManager) {
    Objects.requireNonNull(keyManager, "keyManager");
    String alias = keyManager.chooseClientAlias(new String[] {"EC", "RSA"}, null, null);
    if (alias == null) {
      throw new IllegalArgumentException("key manager offers no EC or RSA client key");
    }
    X509Certificate[] chain = keyManager.getCertificateChain(alias);
    PrivateKey key = keyManager.getPrivateKey(alias);
    if (chain == null || chain.length == 0 || key == null) {
      throw new IllegalArgumentException(
          "key manager has no certificate or key for its chosen alias");
    }
    return new TauriClientIdentity(chain[0], key);
  }

  /**
   * An identity from PEM text: a {@code CERTIFICATE} block and an unencrypted private key block
   * ({@code PRIVATE KEY} (PKCS#8), {@code EC PRIVATE KEY} or {@code RSA PRIVATE KEY}).
   *
   * @param certificatePem the certificate PEM; never null
   * @param privateKeyPem the private key PEM; never null; not retained
   * @return the identity
   * @throws IllegalArgumentException if either cannot be parsed (the message never contains key
   *     material), or the key type is unsupported
   */
  public static TauriClientIdentity fromPem(String certificatePem, String privateKeyPem) {
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    X509Certificate cert = parseCertificate(certificatePem);
    PrivateKey key;
    try (PEMParser parser = new PEMParser(new StringReader(privateKeyPem))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair) {
        key = converter.getKeyPair((PEMKeyPair) o).getPrivate();
      } else if (o instanceof PrivateKeyInfo) {
        key = converter.getPrivateKey((PrivateKeyInfo) o);
      } else {
        throw new IllegalArgumentException("no unencrypted private key found in the key PEM");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException(
          "cannot parse the private key PEM (" + e.getClass().getSimpleName() + ")");
    }
    return new TauriClientIdentity(cert, key);
  }

  /**
   * Generates a new device identity: an EC P-256 key and a self-signed {@code SHA256withECDSA}
   * certificate with subject {@code CN=commonName}, valid from one day ago for ten years. Whether
   * Omega accepts self-signed device certificates is not specified; register the certificate as
   * Omega requires.
   *
   * @param commonName the certificate's common name; never null
   * @return the identity
   */
  @SuppressWarnings("JavaUtilDate") // BouncyCastle's certificate builder takes java.util.Date
  public static TauriClientIdentity generateSelfSigned(String commonName) {
    Objects.requireNonNull(commonName, "commonName");
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = gen.generateKeyPair();
      X500Name name = new X500Name("CN=" + commonName.replace(",", "\\,"));
      long now = System.currentTimeMillis();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
              new Date(now - 86_400_000L),
              new Date(now + 3650L * 86_400_000L),
              name,
              pair.getPublic());
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new TauriClientIdentity(cert, pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate a P-256 identity: " + e.getMessage(), e);
    }
  }

  /**
   * The client certificate.
   *
   * @return the certificate; never null
   */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * The private key. Handle with care: never log it.
   *
   * @return the key; never null
   */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * The certificate as PEM text (for registering the device with a server).
   *
   * @return the PEM text; never null
   */
  public String certificatePem() {
    try {
      String b64 =
          java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot encode the certificate", e);
    }
  }

  @Override
  public String toString() {
    return "TauriClientIdentity["
        + certificate.getSubjectX500Principal().getName()
        + ", "
        + privateKey.getAlgorithm()
        + " key ***]";
  }

  static X509Certificate parseCertificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException("cannot parse the certificate PEM: " + e.getMessage(), e);
    }
  }

  private static void validate(X509Certificate cert, PrivateKey key) {
    String sigAlg = cert.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
    if (key instanceof ECPrivateKey) {
      if (!(cert.getPublicKey() instanceof ECPublicKey)) {
        throw new IllegalArgumentException(
            "EC private key but the certificate holds a "
                + cert.getPublicKey().getAlgorithm()
                + " key");
      }
      int bits = ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize();
      if (bits != 256) {
        throw new IllegalArgumentException(
            "EC client keys must be P-256 (got a " + bits + "-bit curve)");
      }
      if (!sigAlg.contains("WITHECDSA")) {
        throw new IllegalArgumentException(
            "a P-256 client certificate must be signed with ECDSA (got "
                + cert.getSigAlgName()
                + ")");
      }
    } else if (key instanceof RSAPrivateKey || "RSA".equalsIgnoreCase(key.getAlgorithm())) {
      if (!(cert.getPublicKey() instanceof RSAPublicKey)) {
        throw new IllegalArgumentException(
            "RSA private key but the certificate holds a "
                + cert.getPublicKey().getAlgorithm()
                + " key");
      }
      if (!sigAlg.contains("WITHRSA")) {
        throw new IllegalArgumentException(
            "an RSA client certificate must be signed with RSA (got " + cert.getSigAlgName() + ")");
      }
    } else if ("EC".equalsIgnoreCase(key.getAlgorithm())) {
      // Hardware-backed keys (Android key store) do not expose ECPrivateKey; check the certificate.
      if (!(cert.getPublicKey() instanceof ECPublicKey)
          || ((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()
              != 256) {
        throw new IllegalArgumentException("EC client keys must be P-256");
      }
      if (!sigAlg.contains("WITHECDSA")) {
        throw new IllegalArgumentException(
            "a P-256 client certificate must be signed with ECDSA (got "
                + cert.getSigAlgName()
                + ")");
      }
    } else {
      throw new IllegalArgumentException(
          "unsupported client key type " + key.getAlgorithm() + "; use EC P-256 or RSA");
    }
  }
}

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
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate and its private key, generated in memory for tests (no files, no network): EC
 * P-256 keys with {@code SHA256withECDSA} signatures, or RSA 2048 with {@code SHA256withRSA},
 * which is what the kwik QUIC stack can use for client authentication.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 *
 * @param certificate the certificate; never null
 * @param privateKey its private key; never null
 */
public record TestCertificate(X509Certificate certificate, PrivateKey privateKey) {
    /** Validates the components. */
    public TestCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * A self-signed P-256 certificate for a server, with {@code dnsName} as CN and DNS SAN.
     *
     * @param dnsName the host name, e.g. {@code localhost}; never null
     * @return the certificate
     */
    public static TestCertificate selfSignedServer(String dnsName) {
        return create("CN=" + dnsName, dnsName, false, null, "EC");
    }

    /**
     * A self-signed P-256 client certificate with subject {@code CN=commonName}.
     *
     * @param commonName the common name; never null
     * @return the certificate
     */
    public static TestCertificate selfSignedClient(String commonName) {
        return create("CN=" + commonName, null, false, null, "EC");
    }

    /**
     * A self-signed RSA 2048 client certificate signed with {@code SHA256withRSA}.
     *
     * @param commonName the common name; never null
     * @return the certificate
     */
    public static TestCertificate selfSignedRsaClient(String commonName) {
        return create("CN=" + commonName, null, false, null, "RSA");
    }

    /**
     * A self-signed P-256 certificate authority.
     *
     * @param commonName the CA's common name; never null
     * @return the CA certificate
     */
    public static TestCertificate certificateAuthority(String commonName) {
        return create("CN=" + commonName, null, true, null, "EC");
    }

    /**
     * A P-256 client certificate issued (signed) by this certificate, which must be a P-256 CA.
     *
     * @param commonName the client's common name; never null
     * @return the issued certificate
     */
    public TestCertificate issueClient(String commonName) {
        return create("CN=" + commonName, null, false, this, "EC");
    }

    /**
     * A PKCS#12 key store holding the key and certificate under {@code alias}.
     *
     * @param alias the entry alias; never null
     * @param password the store and key password; never null
     * @return the loaded key store
     */
    public KeyStore toKeyStore(String alias, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, privateKey, password, new Certificate[] {certificate});
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
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static TestCertificate create(String subject, String dnsName, boolean ca, TestCertificate issuer, String keyType) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance(keyType);
            if ("EC".equals(keyType)) {
                gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            } else {
                gen.initialize(2048, new SecureRandom());
            }
            KeyPair pair = gen.generateKeyPair();
            X500Name subjectName = new X500Name(subject);
            X500Name issuerName = issuer == null ? subjectName
                    : X500Name.getInstance(issuer.certificate.getSubjectX500Principal().getEncoded());
            PrivateKey signer = issuer == null ? pair.getPrivate() : issuer.privateKey;
            long now = System.currentTimeMillis();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                    new Date(now - 3_600_000L), new Date(now + 30L * 86_400_000L), subjectName, pair.getPublic());
            if (ca) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
            if (dnsName != null) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            }
            String sigAlg = "EC".equals(signer.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(signer)));
            return new TestCertificate(cert, pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a test certificate: " + e.getMessage(), e);
        }
    }
}

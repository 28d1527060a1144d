package io.github.chatwire.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TauriClientIdentityTest {

  @Test
  void generatesP256SelfSignedIdentity() {
    TauriClientIdentity id = TauriClientIdentity.generateSelfSigned("device-1");
    assertEquals("CN=device-1", id.certificate().getSubjectX500Principal().getName());
    assertEquals("SHA256withECDSA", id.certificate().getSigAlgName());
    assertFalse(
        id.toString().contains(Base64.getEncoder().encodeToString(id.privateKey().getEncoded())));
    assertTrue(id.toString().contains("***"));
  }

  @Test
  void roundTripsThroughPemAndKeyStore() throws Exception {
    TauriClientIdentity id = TauriClientIdentity.generateSelfSigned("d");
    String keyPem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(id.privateKey().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    TauriClientIdentity fromPem = TauriClientIdentity.fromPem(id.certificatePem(), keyPem);
    assertEquals(id.certificate(), fromPem.certificate());
    assertEquals(id.privateKey(), fromPem.privateKey());

    char[] pw = "pw".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("a", id.privateKey(), pw, new Certificate[] {id.certificate()});
    assertEquals(id.certificate(), TauriClientIdentity.fromKeyStore(ks, null, pw).certificate());
  }

  @Test
  void refusesUnsupportedKeysAndBadPem() throws Exception {
    TauriClientIdentity id = TauriClientIdentity.generateSelfSigned("d");
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair pair = rsa.generateKeyPair();
    assertThrows(
        IllegalArgumentException.class,
        () -> TauriClientIdentity.of(id.certificate(), pair.getPrivate()));
    KeyPairGenerator ec384 = KeyPairGenerator.getInstance("EC");
    ec384.initialize(384);
    assertThrows(
        IllegalArgumentException.class,
        () -> TauriClientIdentity.of(id.certificate(), ec384.generateKeyPair().getPrivate()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TauriClientIdentity.fromPem(
                    id.certificatePem(),
                    "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    assertFalse(e.getMessage().contains("AAAA"));
  }
}

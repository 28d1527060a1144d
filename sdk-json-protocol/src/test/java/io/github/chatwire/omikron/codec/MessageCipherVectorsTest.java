package io.github.chatwire.omikron.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.omikron.OmikronPrivateKey;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okio.Okio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every vector of fixtures/omikron/e2e-message-vectors.json (computed independently with Python
 * cryptography and checked against the real Tensamin clients' code): the SDK decrypts each content
 * and encrypts each plaintext to exactly that content.
 */
class MessageCipherVectorsTest {
  private static Map<String, Object> v;
  private static SharedSecret aliceToBob;
  private static SharedSecret bobToAlice;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        MessageCipherVectorsTest.class.getResourceAsStream("/omikron/e2e-message-vectors.json")) {
      v = map(JsonReader.of(Okio.buffer(Okio.source(in))).readJsonValue());
    }
    OmikronPrivateKey a = OmikronPrivateKey.parse(str(map(v.get("user_a")), "private_key"));
    OmikronPrivateKey b = OmikronPrivateKey.parse(str(map(v.get("user_b")), "private_key"));
    assertEquals(str(map(v.get("user_a")), "public_key"), a.publicKey().base64());
    assertEquals(str(map(v.get("user_b")), "public_key"), b.publicKey().base64());
    aliceToBob = SharedSecret.agree(a.raw(), b.publicKey().raw());
    bobToAlice = SharedSecret.agree(b.raw(), a.publicKey().raw());
    assertEquals(
        str(v, "shared_secret_hex"), hex(X448Challenge.sharedSecret(a.raw(), b.publicKey().raw())));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> cases(String scheme) {
    return (List<Map<String, Object>>) map(v.get(scheme)).get("cases");
  }

  private static String str(Map<String, Object> m, String k) {
    return (String) m.get(k);
  }

  private static String hex(byte[] b) {
    return X448ChallengeVectorsTest.hex(b);
  }

  @Test
  void derivedKeysMatchTheFixture() {
    assertEquals(str(map(v.get("frontend_aes_cbc")), "key_hex"), hex(aliceToBob.webClientKey()));
    assertEquals(str(map(v.get("client_hkdf_aes_gcm")), "key_hex"), hex(aliceToBob.gcmKey()));
    assertEquals(str(map(v.get("client_hkdf_aes_gcm")), "nonce_hex"), hex(aliceToBob.gcmNonce()));
    assertEquals(
        hex(aliceToBob.webClientKey()),
        hex(bobToAlice.webClientKey()),
        "both sides derive the same key");
    assertFalse(aliceToBob.toString().contains(hex(aliceToBob.gcmKey()).substring(0, 8)));
  }

  @Test
  void webClientVectorsDecryptAndEncryptExactly() throws Exception {
    FixedIvs ivs = new FixedIvs();
    WebClientCipher cipher = MessageCipher.webClient(ivs);
    for (Map<String, Object> c : cases("frontend_aes_cbc")) {
      String plain = str(c, "plaintext");
      String content = str(c, "content");
      assertEquals(str(c, "peer_sees"), cipher.decrypt(bobToAlice, content), "decrypts " + content);
      assertEquals(str(c, "peer_sees"), WebClientCipher.peerSees(plain));
      assertEquals(plain.equals(str(c, "peer_sees")), WebClientCipher.survives(plain), plain);
      ivs.add(str(c, "iv_hex"));
      assertEquals(content, cipher.encrypt(aliceToBob, plain), "encrypts " + plain);
      MessageDecryption.Outcome o =
          MessageDecryption.open(bobToAlice, content, MessageScheme.HKDF_GCM);
      assertEquals(MessageScheme.WEB_CLIENT, o.scheme(), "found without being told the scheme");
      assertEquals(str(c, "peer_sees"), o.text());
    }
  }

  @Test
  void hkdfGcmVectorsDecryptAndEncryptExactly() throws Exception {
    MessageCipher cipher = MessageCipher.hkdfGcm();
    for (Map<String, Object> c : cases("client_hkdf_aes_gcm")) {
      String plain = str(c, "plaintext");
      String content = str(c, "content");
      assertEquals(plain, cipher.decrypt(bobToAlice, content), "decrypts " + content);
      assertEquals(content, cipher.encrypt(aliceToBob, plain), "encrypts " + plain);
      MessageDecryption.Outcome o =
          MessageDecryption.open(bobToAlice, content, MessageScheme.WEB_CLIENT);
      assertEquals(MessageScheme.HKDF_GCM, o.scheme());
      assertEquals(plain, o.text());
    }
  }

  @Test
  void badInputIsMalformedAndAWrongKeyIsNot() throws Exception {
    SharedSecret other =
        SharedSecret.agree(
            OmikronPrivateKey.generate(new SecureRandom()).raw(),
            OmikronPrivateKey.generate(new SecureRandom()).publicKey().raw());
    MessageCipher web = MessageCipher.webClient(new SecureRandom());
    MessageCipher gcm = MessageCipher.hkdfGcm();
    String thirtyOneBytes = Base64.getEncoder().encodeToString(new byte[31]);
    String threeBlocksMinusOne = Base64.getEncoder().encodeToString(new byte[47]);
    for (String bad :
        new String[] {"%%%", "not base64!", "AAAA", thirtyOneBytes, threeBlocksMinusOne}) {
      assertInstanceOf(
          MalformedInputException.class,
          assertThrows(GeneralSecurityException.class, () -> web.decrypt(aliceToBob, bad)),
          bad);
    }
    assertInstanceOf(
        MalformedInputException.class,
        assertThrows(GeneralSecurityException.class, () -> gcm.decrypt(aliceToBob, "AAAA")));
    assertInstanceOf(
        MalformedInputException.class,
        assertThrows(GeneralSecurityException.class, () -> gcm.decrypt(aliceToBob, "?")));

    String gcmHello = str(cases("client_hkdf_aes_gcm").get(0), "content");
    GeneralSecurityException tag =
        assertThrows(GeneralSecurityException.class, () -> gcm.decrypt(other, gcmHello));
    assertFalse(tag instanceof MalformedInputException);
    byte[] flipped = Base64.getDecoder().decode(gcmHello);
    flipped[0] ^= 1;
    assertThrows(
        GeneralSecurityException.class,
        () -> gcm.decrypt(aliceToBob, Base64.getEncoder().encodeToString(flipped)));

    MessageDecryption.Outcome o =
        MessageDecryption.open(aliceToBob, "AAAA", MessageScheme.WEB_CLIENT);
    assertFalse(o.isDecrypted());
    assertTrue(o.malformed());
    assertTrue(o.reason().contains("web:") && o.reason().contains("hkdf-gcm:"), o.reason());
    MessageDecryption.Outcome wrongKey =
        MessageDecryption.open(other, gcmHello, MessageScheme.WEB_CLIENT);
    assertFalse(wrongKey.isDecrypted());
    assertFalse(wrongKey.malformed(), "a fresher key might help");
    assertEquals(
        MessageScheme.PLAIN,
        MessageDecryption.open(other, "just text", MessageScheme.PLAIN).scheme());
  }

  @Test
  void webClientIvsAreFreshAndTextRoundTrips() throws Exception {
    MessageCipher web = MessageCipher.webClient(new SecureRandom());
    String a = web.encrypt(aliceToBob, "same text");
    String b = web.encrypt(aliceToBob, "same text");
    assertNotEquals(a, b, "a random IV per message");
    assertEquals("same text", web.decrypt(bobToAlice, a));
    assertEquals("ünïcödé ÿ", web.decrypt(bobToAlice, web.encrypt(aliceToBob, "ünïcödé ÿ")));
    assertEquals(
        "emoji 😀 and € — 中文",
        MessageCipher.hkdfGcm()
            .decrypt(
                bobToAlice, MessageCipher.hkdfGcm().encrypt(aliceToBob, "emoji 😀 and € — 中文")));
    assertEquals(MessageScheme.HKDF_GCM, MessageScheme.parse("hkdf-gcm"));
    assertEquals(MessageScheme.WEB_CLIENT, MessageScheme.parse("web"));
    assertEquals(MessageScheme.PLAIN, MessageScheme.parse("PLAIN"));
    assertThrows(IllegalArgumentException.class, () -> MessageScheme.parse("rot13"));
  }

  /** Whatever a peer puts in content, opening it returns an outcome and never throws. */
  @Test
  void openingArbitraryContentNeverThrows() {
    java.util.Random r = new java.util.Random(13);
    String alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ %\u00e9\ud83d";
    for (int i = 0; i < 5000; i++) {
      String content;
      if (i % 2 == 0) {
        byte[] b = new byte[r.nextInt(80)];
        r.nextBytes(b);
        content = Base64.getEncoder().encodeToString(b);
      } else {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(60); n > 0; n--) {
          sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        content = sb.toString();
      }
      MessageDecryption.Outcome o =
          MessageDecryption.open(aliceToBob, content, MessageScheme.WEB_CLIENT);
      assertTrue(o.isDecrypted() || o.reason() != null, content);
    }
  }
}

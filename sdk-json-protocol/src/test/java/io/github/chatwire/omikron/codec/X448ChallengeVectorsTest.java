package io.github.chatwire.omikron.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.omikron.OmikronKeyFile;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronPublicKey;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import okio.Okio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The known-answer vectors of fixtures/omikron/x448-challenge-vectors.json. */
class X448ChallengeVectorsTest {
  private static Map<String, Object> v;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws Exception {
    try (InputStream in =
        X448ChallengeVectorsTest.class.getResourceAsStream(
            "/omikron/x448-challenge-vectors.json")) {
      v = (Map<String, Object>) JsonReader.of(Okio.buffer(Okio.source(in))).readJsonValue();
    }
  }

  private static String s(String key) {
    return (String) v.get(key);
  }

  @SuppressWarnings("unchecked")
  private static String s(String obj, String key) {
    return (String) ((Map<String, Object>) v.get(obj)).get(key);
  }

  private static byte[] b64(String s) {
    return Base64.getDecoder().decode(s);
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }

  @Test
  void publicKeysDeriveFromPrivateKeys() {
    assertEquals(
        s("omikron_public_key"),
        OmikronPrivateKey.parse(s("omikron_private_key")).publicKey().base64());
    assertEquals(
        s("peer_public_key"), OmikronPrivateKey.parse(s("peer_private_key")).publicKey().base64());
  }

  @Test
  void sharedSecretAndHkdfMatch() throws Exception {
    byte[] z = X448Challenge.sharedSecret(b64(s("peer_private_key")), b64(s("omikron_public_key")));
    assertEquals(s("shared_secret_hex"), hex(z));
    byte[] z2 =
        X448Challenge.sharedSecret(b64(s("omikron_private_key")), b64(s("peer_public_key")));
    assertArrayEquals(z, z2);
    byte[] okm = X448Challenge.deriveKeyAndNonce(z);
    assertEquals(s("hkdf_key_hex"), hex(Arrays.copyOf(okm, 32)));
    assertEquals(s("hkdf_nonce_hex"), hex(Arrays.copyOfRange(okm, 32, 44)));
  }

  @Test
  void clientVariantEncryptsAndSolves() throws Exception {
    byte[] plain = s("challenge_string").getBytes(StandardCharsets.US_ASCII);
    byte[] ct =
        X448Challenge.encrypt(b64(s("omikron_private_key")), b64(s("peer_public_key")), plain);
    assertEquals(s("client_variant", "challenge_field"), Base64.getEncoder().encodeToString(ct));
    byte[] peerPriv = b64(s("peer_private_key"));
    assertEquals(
        s("client_variant", "response_base64_form"),
        X448Challenge.solve(
            peerPriv, s("omikron_public_key"), s("client_variant", "challenge_field"), true));
    assertEquals(
        s("client_variant", "response_plain_form"),
        X448Challenge.solve(
            peerPriv, s("omikron_public_key"), s("client_variant", "challenge_field"), false));
  }

  @Test
  void iotaVariantEncryptsAndSolves() throws Exception {
    byte[] plain = Base64.getDecoder().decode(s("challenge_string"));
    assertEquals(24, plain.length);
    byte[] ct =
        X448Challenge.encrypt(b64(s("omikron_private_key")), b64(s("peer_public_key")), plain);
    assertEquals(s("iota_variant", "challenge_field"), Base64.getEncoder().encodeToString(ct));
    assertEquals(
        s("iota_variant", "response"),
        X448Challenge.solve(
            b64(s("peer_private_key")),
            s("omikron_public_key"),
            s("iota_variant", "challenge_field"),
            true));
  }

  @Test
  void privateKeyHashCoversTheExactText() {
    assertEquals(
        s("private_key_hash", "sha256_hex"),
        OmikronPrivateKey.parse(s("private_key_hash", "input")).privateKeyHash());
    OmikronPrivateKey clamped = OmikronPrivateKey.parse(s("private_key_hash", "clamped_input"));
    assertEquals(s("private_key_hash", "clamped_sha256_hex"), clamped.privateKeyHash());
    // Clamping does not change the X448 result: same public key, different hash.
    assertEquals(OmikronPrivateKey.parse(s("peer_private_key")).publicKey(), clamped.publicKey());
  }

  @Test
  void derFormsParseToTheRawKeys() {
    assertEquals(
        s("peer_public_key"),
        OmikronPublicKey.parse(s("der_forms_of_peer_key", "spki_base64")).base64());
    assertEquals(
        OmikronPrivateKey.parse(s("peer_private_key")),
        OmikronPrivateKey.parse(s("der_forms_of_peer_key", "pkcs8_base64")));
  }

  @Test
  void keyFileParses() {
    OmikronKeyFile f = OmikronKeyFile.parse("1733600000000::" + s("peer_private_key") + "\n");
    assertEquals("1733600000000", f.userId().value());
    assertEquals(OmikronPrivateKey.parse(s("peer_private_key")), f.privateKey());
    assertFalse(f.toString().contains(s("peer_private_key")));
    assertThrows(IllegalArgumentException.class, () -> OmikronKeyFile.parse(s("peer_private_key")));
    assertThrows(
        IllegalArgumentException.class, () -> OmikronKeyFile.parse("::" + s("peer_private_key")));
  }

  @Test
  void badKeysAreRejectedWithoutShowingThem() {
    String short48 = Base64.getEncoder().encodeToString(new byte[48]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OmikronPrivateKey.parse(short48));
    assertFalse(e.getMessage().contains(short48));
    assertThrows(IllegalArgumentException.class, () -> OmikronPrivateKey.parse("not base64 !!"));
    assertThrows(IllegalArgumentException.class, () -> OmikronPublicKey.parse(short48));
    assertEquals(
        "OmikronPrivateKey[***]", OmikronPrivateKey.parse(s("peer_private_key")).toString());
  }

  @Test
  void wrongKeyOrTamperedChallengeFailsToDecrypt() {
    byte[] other = OmikronPrivateKey.generate(new SecureRandom()).raw();
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () ->
                X448Challenge.solve(
                    other, s("omikron_public_key"), s("client_variant", "challenge_field"), true));
    assertFalse(e.getMessage().contains(s("omikron_public_key")));
    byte[] ct = b64(s("client_variant", "challenge_field"));
    ct[3] ^= 1;
    assertThrows(
        GeneralSecurityException.class,
        () ->
            X448Challenge.solve(
                b64(s("peer_private_key")),
                s("omikron_public_key"),
                Base64.getEncoder().encodeToString(ct),
                true));
    String shortKey = Base64.getEncoder().encodeToString(new byte[32]);
    assertThrows(
        GeneralSecurityException.class,
        () ->
            X448Challenge.solve(
                b64(s("peer_private_key")),
                shortKey,
                s("client_variant", "challenge_field"),
                true));
    // A low-order point (u = 0) gives an all-zero secret and must be refused.
    assertThrows(
        GeneralSecurityException.class,
        () -> X448Challenge.sharedSecret(b64(s("peer_private_key")), new byte[56]));
  }

  @Test
  void challengeStringsAreAlphanumeric() {
    String c = X448Challenge.newChallengeString(new SecureRandom());
    assertEquals(32, c.length());
    assertTrue(c.matches("[A-Za-z0-9]{32}"));
  }
}

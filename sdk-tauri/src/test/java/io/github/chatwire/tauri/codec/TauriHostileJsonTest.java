package io.github.chatwire.tauri.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.internal.json.JsonCursor;
import io.github.chatwire.tauri.model.TauriMessage;
import io.github.chatwire.tauri.model.UserProfile;
import org.junit.jupiter.api.Test;

/**
 * Hostile JSON in Tauri messages and Omega API bodies meets the rules every chatwire decoder shares
 * (sdk-core's {@code core.internal.json}): one depth limit, one number rule, a repeated name keeps
 * its first value, nothing after the value, escapes never echoed, text never altered. Each case
 * names what the old Moshi-based decoders did.
 */
class TauriHostileJsonTest {
  private static final String PUSH =
      "{\"type\":\"push_notification\",\"data\":{\"sender_id\":\"7\"";

  private static String nested(int depth) {
    return "[".repeat(depth) + "1" + "]".repeat(depth);
  }

  @Test
  void nestingBeyondTheSharedLimitFailsTheMessage() {
    // Moshi allowed 255 levels; every chatwire decoder allows JsonCursor.MAX_DEPTH
    String deep = PUSH + ",\"x\":" + nested(JsonCursor.MAX_DEPTH) + "}}";
    TauriDecodeException e =
        assertThrows(TauriDecodeException.class, () -> TauriMessageCodec.decode(deep));
    assertNull(e.field());
    assertThrows(
        TauriDecodeException.class,
        () -> TauriMessageCodec.decode("{\"type\":\"future\",\"x\":" + nested(100) + "}"));
    assertThrows(
        ProtocolException.class,
        () -> OmegaApiJson.parseStatus("{\"status\":\"success\",\"x\":" + nested(100) + "}"));
    // right at the limit stays accepted: the envelope and data objects count as two levels
    String atLimit = PUSH + ",\"x\":" + nested(JsonCursor.MAX_DEPTH - 2) + "}}";
    assertEquals(new TauriMessage.PushNotification("7"), TauriMessageCodec.decode(atLimit));
  }

  @Test
  void numbersOfAnyMagnitudeKeepTheirLiteralAndFailOnlyWhereRead() {
    // Tauri numbers are literals (ids keep their decimal text), the rule of the literal-keeping
    // decoders (Omikron's); a field read as an integer must fit 64 bits and fails by its name.
    // Changed: Moshi called 1 followed by 64 or more zeros malformed JSON (its long accumulator
    // wraps to 0 and then reads a "leading zero"), so the error named no field.
    assertEquals(
        new TauriMessage.PushNotification("7"),
        TauriMessageCodec.decode(PUSH + ",\"x\":1e400,\"y\":" + "9".repeat(400) + "}}"));
    assertEquals(1, OmegaApiJson.parseProfile("{\"user_id\":1,\"x\":-1e400}").userId());
    for (String big :
        new String[] {"1e400", "1e-400", "9223372036854775808", "1" + "0".repeat(70)}) {
      TauriDecodeException e =
          assertThrows(
              TauriDecodeException.class,
              () ->
                  TauriMessageCodec.decode(
                      "{\"type\":\"ping\",\"data\":{\"last_ping\":" + big + "}}"),
              big);
      assertEquals("data.last_ping", e.field(), big + ": " + e.getMessage());
      assertThrows(
          ProtocolException.class,
          () -> OmegaApiJson.parseProfile("{\"user_id\":" + big + "}"),
          big);
    }
    // what is not a number by the JSON grammar never was one
    for (String bad : new String[] {"01", "1.", "-", "+1", ".5", "1e", "NaN", "0x10"}) {
      assertThrows(
          TauriDecodeException.class,
          () -> TauriMessageCodec.decode(PUSH + ",\"x\":" + bad + "}}"),
          bad);
    }
  }

  @Test
  void aBadEscapeFailsWithoutEchoingTheInput() {
    // Moshi's message quoted the four characters after a bad \\u
    String bad = PUSH + ",\"token\":\"\\uSECR\"}}";
    TauriDecodeException e =
        assertThrows(TauriDecodeException.class, () -> TauriMessageCodec.decode(bad));
    assertFalse(e.getMessage().contains("SECR"), e.getMessage());
    ProtocolException p =
        assertThrows(
            ProtocolException.class,
            () -> OmegaApiJson.parseProfile("{\"user_id\":1,\"about\":\"\\uSECR\"}"));
    assertFalse(p.getMessage().contains("SECR"), p.getMessage());
    assertThrows(
        TauriDecodeException.class, () -> TauriMessageCodec.decode(PUSH + ",\"x\":\"\\q\"}}"));
  }

  @Test
  void loneSurrogatesAreKeptNotReplaced() {
    // Moshi read the text through UTF-8 and turned a lone surrogate into '?'
    TauriMessage.Unknown u =
        assertInstanceOf(
            TauriMessage.Unknown.class, TauriMessageCodec.decode("{\"type\":\"x\uD800y\"}"));
    assertEquals("x\uD800y", u.type());
    UserProfile p = OmegaApiJson.parseProfile("{\"user_id\":1,\"username\":\"a\uDC00\"}");
    assertEquals("a\uDC00", p.username());
    // escaped, it was and is the same lone character; as an id it was and is refused
    assertEquals(
        "x\uD800",
        ((TauriMessage.Unknown) TauriMessageCodec.decode("{\"type\":\"x\\ud800\"}")).type());
    assertEquals(
        "data.sender_id",
        assertThrows(
                TauriDecodeException.class,
                () ->
                    TauriMessageCodec.decode(
                        "{\"type\":\"push_notification\",\"data\":{\"sender_id\":\"1\\ud800\"}}"))
            .field());
  }

  @Test
  void aRepeatedNameKeepsItsFirstValue() {
    // Moshi's loops kept the last value; every chatwire tree and streaming decoder keeps the first
    assertEquals(
        new TauriMessage.Ping(1),
        TauriMessageCodec.decode(
            "{\"type\":\"ping\",\"type\":\"pong\",\"data\":{\"last_ping\":1,\"last_ping\":2}}"));
    assertEquals(
        new TauriMessage.PushNotification("7"),
        TauriMessageCodec.decode(PUSH + "},\"data\":{\"sender_id\":\"8\"}}"));
    assertEquals(
        "a",
        OmegaApiJson.parseProfile("{\"user_id\":1,\"username\":\"a\",\"username\":\"b\"}")
            .username());
  }

  @Test
  void somethingAfterTheBodyFailsIt() {
    // the message codec refused trailing data before; the API bodies now do too
    assertThrows(
        ProtocolException.class, () -> OmegaApiJson.parseStatus("{\"status\":\"success\"} x"));
    assertThrows(
        ProtocolException.class, () -> OmegaApiJson.parseProfile("{\"user_id\":1}{\"user_id\":2}"));
    assertThrows(
        ProtocolException.class, () -> OmegaApiJson.parseNotifications("{\"notifications\":[]}]"));
    OmegaApiJson.parseStatus("{\"status\":\"success\"}\r\n");
    assertThrows(TauriDecodeException.class, () -> TauriMessageCodec.decode(PUSH + "}} {}"));
  }
}

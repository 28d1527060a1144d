package io.github.chatwire.omikron.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.omikron.model.JsonNumber;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OmikronCodecTest {
  @Test
  void readsTheReferenceEnvelope() {
    OmikronMessage m =
        OmikronCodec.decode(
            "{\"id\":\"6F1C0000-AAAA-4BBB-8CCC-000000000001\",\"type\":\"get_chats\","
                + "\"sender\":1733600000000,\"receiver\":1733600000001,\"data\":{\"user_ids\":[]}}");
    assertEquals(MessageType.GET_CHATS, m.type());
    assertEquals("6f1c0000-aaaa-4bbb-8ccc-000000000001", m.correlationKey());
    assertEquals(OmikronId.of(1733600000000L), m.sender());
    assertEquals(OmikronId.of(1733600000001L), m.receiver());
    assertTrue(m.data().has("user_ids"));
    assertNull(m.log());
  }

  @ParameterizedTest
  @ValueSource(strings = {"getChats", "GET_CHATS", "get_chats", "GetChats", "g_e_t_chats"})
  void typesMatchIgnoringCaseAndUnderscores(String type) {
    assertEquals(MessageType.GET_CHATS, OmikronCodec.decode("{\"type\":\"" + type + "\"}").type());
  }

  @Test
  void readsOlderShapesLeniently() {
    // Older spec: log object, sender_id/receiver_id, UUID ids.
    OmikronMessage m =
        OmikronCodec.decode(
            "{\"id\":\"x\",\"type\":\"identification\",\"log\":{\"message\":\"Iota identifying\",\"log_level\":0},"
                + "\"sender_id\":\"22222222-2222-2222-2222-222222222222\",\"data\":{\"iota_id\":\"abc\"}}");
    assertEquals("Iota identifying", m.log().message());
    assertEquals("22222222-2222-2222-2222-222222222222", m.sender().value());
    // Early E2: int-strings for routing; E1: always present, random UUIDs; 0 means none.
    OmikronMessage e2 =
        OmikronCodec.decode(
            "{\"id\":\"a\",\"type\":\"pong\",\"sender\":\"1733600000000\",\"receiver\":\"0\",\"data\":{}}");
    assertEquals(1733600000000L, e2.sender().asLong());
    assertNull(e2.receiver());
    // Non-numeric garbage routing reads as none, like the real server.
    OmikronMessage junk =
        OmikronCodec.decode("{\"type\":\"pong\",\"sender\":true,\"receiver\":{\"a\":1}}");
    assertNull(junk.sender());
    assertNull(junk.receiver());
    // Numeric id.
    assertEquals("42", OmikronCodec.decode("{\"id\":42,\"type\":\"ping\"}").id());
    // Missing data is empty, data null is empty.
    assertTrue(OmikronCodec.decode("{\"type\":\"ping\",\"data\":null}").data().isEmpty());
  }

  @Test
  void unknownTypesAndFieldsAreKept() {
    String json =
        "{\"id\":\"a\",\"type\":\"brand_new\",\"extra\":[1,2],\"data\":{\"files\":[{\"n\":1}],\"big\":123456789012345678901234567890}}";
    OmikronMessage m = OmikronCodec.decode(json);
    assertFalse(m.type().isKnown());
    assertEquals("brand_new", m.type().wireName());
    assertEquals(List.of(JsonNumber.of(1), JsonNumber.of(2)), m.extras().get("extra"));
    OmikronMessage again = OmikronCodec.decode(OmikronCodec.encode(m));
    assertEquals(m.data(), again.data());
    assertEquals(m.extras(), again.extras());
    assertEquals(
        "123456789012345678901234567890", ((JsonNumber) again.data().get("big")).literal());
  }

  @Test
  void int64IdsSurviveExactly() {
    long big = 9_007_199_254_740_993L; // not representable as a double
    String json =
        OmikronCodec.encode(
            OmikronMessage.of(
                MessageType.GET_USER_DATA,
                OmikronData.builder().put("user_id", OmikronId.of(big)).build()));
    assertTrue(json.contains("\"user_id\":9007199254740993"), json);
    assertEquals(big, OmikronCodec.decode(json).data().getLong("user_id"));
  }

  @Test
  void writesTheConfiguredShape() {
    OmikronMessage m =
        new OmikronMessage(
            "id-1",
            MessageType.PING,
            OmikronId.of(5),
            null,
            OmikronData.builder().put("last_ping", 7L).build(),
            null,
            null);
    assertEquals(
        "{\"id\":\"id-1\",\"type\":\"ping\",\"sender\":5,\"data\":{\"last_ping\":7}}",
        OmikronCodec.encode(m));
    assertEquals(
        "{\"id\":\"id-1\",\"type\":\"ping\",\"sender_id\":5,\"data\":{\"last_ping\":7}}",
        OmikronCodec.encode(m, WireShape.SPEC));
    assertEquals(
        "{\"id\":\"id-1\",\"type\":\"ping\",\"sender_id\":5,\"log\":{\"message\":\"\",\"log_level\":-1},\"data\":{\"last_ping\":7}}",
        OmikronCodec.encode(m, WireShape.SPEC_WITH_LOG));
    assertEquals(
        "{\"type\":\"ping\",\"data\":{}}",
        OmikronCodec.encode(
            new OmikronMessage(null, MessageType.PING, null, null, null, null, null)));
    // UUID routing is written as a string.
    assertTrue(
        OmikronCodec.encode(m.withRouting(OmikronId.of("AB-CD"), null))
            .contains("\"sender\":\"ab-cd\""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "\"x\"",
        "{",
        "{\"type\":",
        "{\"id\":\"a\"}",
        "{\"type\":5}",
        "{\"type\":\"ping\",\"data\":[1]}",
        "{\"type\":\"ping\",\"data\":\"s\"}",
        "{\"type\":\"ping\"} {}",
        "{\"type\":\"ping\",\"id\":{}}",
        "nul",
        "{\"type\":\"ping\",\"data\":{\"a\":tru}}"
      })
  void malformedInputGivesTypedErrors(String json) {
    assertThrows(OmikronFormatException.class, () -> OmikronCodec.decode(json));
  }

  @Test
  void hugeNumberLiteralsAreRefusedCheaply() {
    String digits = "9".repeat(2_000_000);
    assertThrows(
        OmikronFormatException.class,
        () -> OmikronCodec.decode("{\"type\":\"x\",\"data\":{\"n\":" + digits + "}}"));
    assertThrows(
        OmikronFormatException.class,
        () -> OmikronCodec.decode("{\"type\":\"x\",\"sender\":" + digits + "}"));
    assertEquals(
        JsonNumber.of("1e2147483647"),
        OmikronCodec.decode("{\"type\":\"x\",\"data\":{\"n\":1e2147483647}}").data().get("n"));
    assertThrows(
        OmikronFormatException.class,
        () ->
            OmikronCodec.decode("{\"type\":\"x\",\"data\":{\"n\":1e2147483647}}")
                .data()
                .getLong("n"));
  }

  @Test
  void deepNestingIsRefusedNotACrash() {
    String deep = "{\"type\":\"x\",\"data\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
    assertThrows(OmikronFormatException.class, () -> OmikronCodec.decode(deep));
  }

  @Test
  void errorMessagesNeverContainValues() {
    OmikronFormatException e =
        assertThrows(
            OmikronFormatException.class,
            () ->
                OmikronCodec.decode(
                    "{\"type\":\"challenge_response\",\"data\":{\"challenge\":\"SECRETSECRET\"} trailing"));
    assertFalse(e.getMessage().contains("SECRETSECRET"));
    OmikronMessage m =
        OmikronCodec.decode(
            "{\"type\":\"challenge_response\",\"data\":{\"challenge\":\"SECRETSECRET\"}}");
    assertFalse(m.toString().contains("SECRETSECRET"));
    OmikronFormatException wrong =
        assertThrows(
            OmikronFormatException.class,
            () ->
                OmikronCodec.decode("{\"type\":\"x\",\"data\":{\"user_id\":\"SECRETSECRET\"}}")
                    .data()
                    .getLong("user_id"));
    assertFalse(wrong.getMessage().contains("SECRETSECRET"));
  }

  @Test
  void dataAccessorsAreLenient() {
    OmikronData d =
        OmikronCodec.decode(
                "{\"type\":\"x\",\"data\":{\"Send_Time\":\"1733600000000\",\"accepted\":\"2\","
                    + "\"flag\":\"true\",\"ids\":\",1,2,\",\"arr\":[3,\"4\"],\"n\":5,\"zero\":0,\"obj\":{\"k\":1}}}")
            .data();
    assertEquals(1733600000000L, d.getLong("send_time"));
    assertEquals(1733600000000L, d.getLong("sendTime"));
    assertEquals(2L, d.getLong("accepted"));
    assertEquals(Boolean.TRUE, d.getBoolean("flag"));
    assertEquals(List.of(OmikronId.of(1), OmikronId.of(2)), d.getIdList("ids"));
    assertEquals(List.of(OmikronId.of(3), OmikronId.of(4)), d.getIdList("arr"));
    assertEquals("5", d.getString("n"));
    assertNull(d.getId("zero"));
    assertNull(d.getLong("absent"));
    assertEquals(Map.of("k", JsonNumber.of(1)), d.getObject("obj").asMap());
    assertThrows(OmikronFormatException.class, () -> d.getLong("obj"));
    assertThrows(OmikronFormatException.class, () -> d.getString("arr"));
    assertThrows(OmikronFormatException.class, () -> d.getBoolean("n"));
    assertThrows(OmikronFormatException.class, () -> d.getObject("n"));
  }

  @Test
  void idListRefusesNumbersThatAreNotIdsLikeGetIdDoes() {
    OmikronData d =
        OmikronCodec.decode(
                "{\"type\":\"x\",\"data\":{\"frac\":[1,2.5],\"big\":[1e30],"
                    + "\"one\":7.9,\"ok\":[7,\"8\"]}}")
            .data();
    // each used to become a silently truncated id (2, Long.MAX_VALUE, 7)
    assertThrows(OmikronFormatException.class, () -> d.getIdList("frac"));
    assertThrows(OmikronFormatException.class, () -> d.getIdList("big"));
    assertThrows(OmikronFormatException.class, () -> d.getIdList("one"));
    assertThrows(OmikronFormatException.class, () -> d.getId("one"));
    assertEquals(List.of(OmikronId.of(7), OmikronId.of(8)), d.getIdList("ok"));
  }
}

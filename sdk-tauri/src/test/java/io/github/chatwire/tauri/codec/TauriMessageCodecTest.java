package io.github.chatwire.tauri.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.tauri.model.TauriMessage;
import org.junit.jupiter.api.Test;

class TauriMessageCodecTest {

  @Test
  void encodesIdentificationAsInTheSpec() {
    assertEquals(
        "{\"type\":\"tauri_identification\",\"data\":{\"user_id\":\"42\"}}",
        TauriMessageCodec.encode(new TauriMessage.Identification("42")));
  }

  @Test
  void encodesPongWithNumericLastPing() {
    assertEquals(
        "{\"type\":\"pong\",\"data\":{\"last_ping\":1700000000123}}",
        TauriMessageCodec.encode(new TauriMessage.Pong(1700000000123L)));
  }

  @Test
  void decodesSuccessWithId() {
    assertEquals(
        new TauriMessage.Success("m-1"),
        TauriMessageCodec.decode("{\"type\":\"success\",\"id\":\"m-1\"}"));
    assertEquals(
        new TauriMessage.Success(null), TauriMessageCodec.decode("{\"type\":\"success\"}"));
  }

  @Test
  void decodesPingWithNumberOrNumericString() {
    assertEquals(
        new TauriMessage.Ping(17),
        TauriMessageCodec.decode("{\"type\":\"ping\",\"data\":{\"last_ping\":17}}"));
    assertEquals(
        new TauriMessage.Ping(9007199254740993L),
        TauriMessageCodec.decode(
            "{\"data\":{\"last_ping\":\"9007199254740993\"},\"type\":\"ping\"}"));
    assertEquals(
        new TauriMessage.Ping(1700000000000L),
        TauriMessageCodec.decode("{\"type\":\"ping\",\"data\":{\"last_ping\":1.7E12}}"));
  }

  @Test
  void keepsLargeNumericSenderIdsExactly() {
    assertEquals(
        new TauriMessage.PushNotification("9007199254740993"),
        TauriMessageCodec.decode(
            "{\"type\":\"push_notification\",\"data\":{\"sender_id\":9007199254740993}}"));
    assertEquals(
        new TauriMessage.ReadNotification("abc"),
        TauriMessageCodec.decode(
            "{\"type\":\"read_notification\",\"data\":{\"sender_id\":\"abc\",\"extra\":[1,2]}}"));
  }

  @Test
  void roundTripsEveryKnownType() {
    TauriMessage[] all = {
      new TauriMessage.Identification("u1"), new TauriMessage.Success("x"),
          new TauriMessage.Ping(5),
      new TauriMessage.Pong(-3), new TauriMessage.PushNotification("s"),
          new TauriMessage.ReadNotification("r")
    };
    for (TauriMessage m : all) {
      String json = TauriMessageCodec.encode(m);
      assertFalse(json.contains("\n"));
      assertEquals(m, TauriMessageCodec.decode(json));
    }
  }

  @Test
  void keepsUnknownTypes() {
    String json = "{\"type\":\"future_thing\",\"data\":{\"a\":1}}";
    TauriMessage.Unknown u =
        assertInstanceOf(TauriMessage.Unknown.class, TauriMessageCodec.decode(json));
    assertEquals("future_thing", u.type());
    assertEquals(json, u.json());
    assertEquals(json, TauriMessageCodec.encode(u));
  }

  @Test
  void rejectsMalformedInputWithProtocolException() {
    String[] bad = {
      "",
      "not json",
      "[1,2]",
      "{\"type\":1}",
      "{\"data\":{}}",
      "{\"type\":\"ping\"}",
      "{\"type\":\"ping\",\"data\":{\"last_ping\":\"soon\"}}",
      "{\"type\":\"ping\",\"data\":{\"last_ping\":1.5}}",
      "{\"type\":\"push_notification\",\"data\":{}}",
      "{\"type\":\"push_notification\",\"data\":5}",
      "{\"type\":\"success\"} {\"type\":\"success\"}",
      "{\"type\":\"success\""
    };
    for (String s : bad) {
      assertThrows(ProtocolException.class, () -> TauriMessageCodec.decode(s), s);
    }
  }

  @Test
  void idsAreBoundedAndValidated() {
    String huge = "9".repeat(50_000);
    TauriDecodeException e =
        assertThrows(
            TauriDecodeException.class,
            () ->
                TauriMessageCodec.decode(
                    "{\"type\":\"push_notification\",\"data\":{\"sender_id\":" + huge + "}}"));
    assertEquals("push_notification", e.messageType());
    assertEquals("data.sender_id", e.field());
    assertTrue(
        e.getMessage().length() < 300,
        "the message does not echo the id: " + e.getMessage().length());
    assertTrue(e.getMessage().contains("50000"), e.getMessage());
    assertThrows(
        TauriDecodeException.class,
        () ->
            TauriMessageCodec.decode(
                "{\"type\":\"read_notification\",\"data\":{\"sender_id\":\"" + huge + "\"}}"));
    assertThrows(
        TauriDecodeException.class,
        () ->
            TauriMessageCodec.decode(
                "{\"type\":\"success\",\"id\":\""
                    + "a".repeat(TauriMessageCodec.MAX_ID_LENGTH + 1)
                    + "\"}"));
    for (String bad :
        new String[] {"\"\"", "\"a b\"", "\"a\\nb\"", "\"\\u0000\"", "true", "\"<script>\""}) {
      assertThrows(
          TauriDecodeException.class,
          () ->
              TauriMessageCodec.decode(
                  "{\"type\":\"push_notification\",\"data\":{\"sender_id\":" + bad + "}}"),
          bad);
    }
    // What real ids look like stays accepted: int64, negative, UUID, up to the limit.
    String longest = "7".repeat(TauriMessageCodec.MAX_ID_LENGTH);
    for (String good :
        new String[] {
          "9223372036854775807", "-1", "123e4567-e89b-12d3-a456-426614174000", "user_9.x:1", longest
        }) {
      assertEquals(
          new TauriMessage.PushNotification(good),
          TauriMessageCodec.decode(
              "{\"type\":\"push_notification\",\"data\":{\"sender_id\":\"" + good + "\"}}"));
    }
  }
}

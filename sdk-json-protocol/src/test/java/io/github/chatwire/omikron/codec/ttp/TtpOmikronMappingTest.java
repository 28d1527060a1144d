package io.github.chatwire.omikron.codec.ttp;

import static io.github.chatwire.omikron.codec.ttp.TtpTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.omikron.model.JsonNumber;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the mapping keeps, and what it refuses to send rather than drop. */
class TtpOmikronMappingTest {
  private static final TtpCodec CODEC = new TtpCodec();

  @Test
  void unknownTypesAndKeysAreKeptAsNumbersAndSentBackUnchanged() {
    // type 0x5a (90, beyond the list), key 0xc8 (200) holding a string, key 0x59 sent_by_self
    byte[] wire =
        hex(
            "00000010"
                + "5a04"
                + "00000063"
                + "0002"
                + "0159"
                + "040002c8"
                + "6869"); // sorted, as the encoders write
    OmikronMessage m = TtpOmikronMapping.toOmikron(CODEC.decode(wire));
    assertEquals("ttp_type_90", m.type().wireName());
    assertFalse(m.type().isKnown());
    assertEquals("99", m.id());
    assertEquals("hi", m.data().getString("ttp_key_200"));
    assertEquals(Boolean.TRUE, m.data().getBoolean("sent_by_self"));
    assertEquals(hex(wire), hex(CODEC.encode(TtpOmikronMapping.toTtp(m))));
  }

  @Test
  void aKeyOfTheWrongKindIsKeptAsSent() {
    // user_id (expected i64) sent as a string by a peer
    byte[] wire = hex("0000000a" + "4e00" + "0001" + "0400020b" + "3432");
    OmikronMessage m = TtpOmikronMapping.toOmikron(CODEC.decode(wire));
    assertEquals("42", m.data().get("user_id"));
    assertEquals(OmikronId.of(42), m.data().getId("user_id"));
  }

  @Test
  void aRepeatedKeyTakesTheLaterValue() {
    byte[] wire = hex("00000008" + "3100" + "0002" + "0114" + "0214");
    assertEquals(
        Boolean.FALSE,
        TtpOmikronMapping.toOmikron(CODEC.decode(wire)).data().getBoolean("accepted"));
  }

  @Test
  void routingIdsAndMessageIds() {
    TtpMessage t =
        new TtpMessage(25, TtpMessage.MAX_ID, TtpMessage.MAX_ROUTING_ID, 1, TtpContainer.EMPTY);
    OmikronMessage m = TtpOmikronMapping.toOmikron(t);
    assertEquals("4294967295", m.id());
    assertEquals(OmikronId.of(TtpMessage.MAX_ROUTING_ID), m.sender());
    assertEquals(MessageType.MESSAGE_LIVE, m.type());
    assertEquals(t, TtpOmikronMapping.toTtp(m));
    OmikronMessage none =
        TtpOmikronMapping.toOmikron(new TtpMessage(49, 0, 0, 0, TtpContainer.EMPTY));
    assertNull(none.id());
    assertNull(none.sender());
    assertNull(none.receiver());
    Random r = new Random(1);
    for (int i = 0; i < 1000; i++) {
      long id = Long.parseLong(TtpOmikronMapping.newMessageId(r));
      assertTrue(id > 0 && id < TtpMessage.MAX_ID);
    }
  }

  @Test
  void getConversationsIsGetChats() {
    OmikronMessage m = OmikronMessage.of(MessageType.of("get_conversations"), null).withId("5");
    assertEquals(35, TtpOmikronMapping.toTtp(m).type());
    assertEquals(
        MessageType.GET_CHATS, TtpOmikronMapping.toOmikron(TtpOmikronMapping.toTtp(m)).type());
  }

  @Test
  void whatTtpCannotCarryIsRefusedNotDropped() {
    OmikronData userId = OmikronData.builder().put("user_id", 5L).build();
    // a WebSocket-style UUID id
    IllegalArgumentException uuid =
        assertThrows(
            IllegalArgumentException.class,
            () -> TtpOmikronMapping.toTtp(OmikronMessage.of(MessageType.GET_USER_DATA, userId)));
    assertTrue(uuid.getMessage().contains("decimal u32"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TtpOmikronMapping.toTtp(
                OmikronMessage.of(MessageType.PING, null).withId("4294967296")));
    // a type only the WebSocket protocol has
    assertThrows(
        IllegalArgumentException.class,
        () -> TtpOmikronMapping.toTtp(OmikronMessage.of(MessageType.ADD_CHAT, null).withId("1")));
    // a key TTP does not have ("files" of message_send)
    OmikronData files = OmikronData.builder().put("files", Collections.singletonList("x")).build();
    IllegalArgumentException key =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TtpOmikronMapping.toTtp(
                    OmikronMessage.of(MessageType.MESSAGE_SEND, files).withId("1")));
    assertTrue(key.getMessage().contains("files"));
    // wrong kinds
    for (Object[] bad :
        new Object[][] {
          {"user_id", "abc"},
          {"accepted", "yes"},
          {"content", 5L},
          {"user_ids", Arrays.asList("a")},
          {"settings", "x"},
          {"user_id", JsonNumber.of("1.5")}
        }) {
      OmikronData d = OmikronData.builder().put((String) bad[0], bad[1]).build();
      assertThrows(
          IllegalArgumentException.class,
          () -> TtpOmikronMapping.toTtp(OmikronMessage.of(MessageType.PING, d).withId("1")),
          bad[0] + "");
    }
    // routing beyond 48 bits, or a UUID
    OmikronMessage big =
        OmikronMessage.of(MessageType.PING, null)
            .withId("1")
            .withRouting(OmikronId.of(1L << 48), null);
    assertThrows(IllegalArgumentException.class, () -> TtpOmikronMapping.toTtp(big));
    OmikronMessage uuidRouting =
        OmikronMessage.of(MessageType.PING, null)
            .withId("1")
            .withRouting(null, OmikronId.of("3f1c2b8e-1111-2222-3333-444455556666"));
    assertThrows(IllegalArgumentException.class, () -> TtpOmikronMapping.toTtp(uuidRouting));
  }

  @Test
  void numericStringsAreSentAsNumbersAndNullAsNull() {
    OmikronData d =
        OmikronData.builder().put("user_id", "1733600000002").put("omikron", null).build();
    TtpMessage t =
        TtpOmikronMapping.toTtp(OmikronMessage.of(MessageType.GET_USER_DATA, d).withId("11"));
    assertEquals(1733600000002L, t.data().get(11).asLong());
    assertTrue(t.data().get(49).isNull());
  }

  @Test
  void oversizedEntriesAreRefusedByTheEncoder() {
    char[] big = new char[70_000];
    Arrays.fill(big, 'a');
    TtpMessage t =
        new TtpMessage(
            22,
            1,
            0,
            0,
            TtpContainer.of(
                Collections.singletonList(
                    new TtpContainer.Entry(23, TtpValue.of(new String(big))))));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode(t))
            .getMessage()
            .contains("content"));
    TtpCodec small = new TtpCodec(TtpLimits.DEFAULT.withMaxMessageBytes(16));
    TtpMessage fits =
        new TtpMessage(
            22,
            1,
            0,
            0,
            TtpContainer.of(
                Collections.singletonList(new TtpContainer.Entry(23, TtpValue.of("0123456789")))));
    assertThrows(IllegalArgumentException.class, () -> small.encode(fits));
  }

  @Test
  void toStringShowsNoContent() {
    TtpMessage t =
        CODEC.decode(
            hex(
                "0000002c2904000000080001040020486162636465666768696a6b6c6d6e6f707172737475767778797a414243444546"));
    assertFalse(t.toString().contains("abcdef"), t.toString());
    assertTrue(t.toString().contains("challenge"));
  }
}

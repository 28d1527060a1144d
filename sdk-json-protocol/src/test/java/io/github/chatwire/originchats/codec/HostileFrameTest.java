package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chatwire.originchats.model.ServerFrame;
import org.junit.jupiter.api.Test;

/**
 * Hostile frames: every one decodes or fails with {@link FrameDecodeException}, and an accepted
 * frame's lazily parsed {@code raw()} agrees with its typed fields.
 */
class HostileFrameTest {
  private static final String[] BAD = {
    "",
    " ",
    "\t\n",
    "{",
    "}",
    "[",
    "{\"cmd\"",
    "{\"cmd\":",
    "{\"cmd\":\"ping\"",
    "{\"cmd\":\"ping\"}x",
    "{\"cmd\":\"ping\"} {}",
    "{\"cmd\":\"ping\",}",
    "{\"cmd\":\"ping\",\"x\":01}",
    "{\"cmd\":\"ping\",\"x\":0x1}",
    "{\"cmd\":\"ping\",\"x\":1e999999}",
    "{\"cmd\":\"ping\",\"x\":-}",
    "{\"cmd\":\"ping\",\"x\":1.}",
    "{\"cmd\":\"ping\",\"x\":.5}",
    "{\"cmd\":\"ping\",\"x\":\"\\u12G4\"}",
    "{\"cmd\":\"ping\",\"x\":\"\\u12\"}",
    "{\"cmd\":\"ping\",\"x\":\"\\",
    "{\"cmd\":\"ping\",\"x\":\"\\x\"}",
    "{\"cmd\":\"message_new\",\"message\":{\"id\":1e999999}}",
    "{\"cmd\":\"message_new\",\"message\":{\"id\":\"\\u00\"}}",
    "{\"cmd\":\"message_new\",\"message\":{\"timestamp\":-1e309}}",
    "{\"cmd\":\"typing\",\"user\":{\"username\":1e400}}",
    "{\"\\u0063md\":\"ping\"",
    "{\"cmd\":\"ping\",\"x\":tRuE}x"
  };

  @Test
  void malformedFramesFailTyped() {
    for (String s : BAD) {
      assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode(s), s);
    }
  }

  @Test
  void numbersAtTheEdgesAgreeWithTheTree() {
    String[] ids = {
      "-0",
      "0",
      "12345678901234567890",
      "-9223372036854775808",
      "999999999999999999",
      "1e17",
      "1.5",
      "4.9e-324",
      "1" + "0".repeat(300)
    };
    for (String id : ids) {
      String f = "{\"cmd\":\"message_delete\",\"id\":" + id + ",\"channel\":\"c\"}";
      ServerFrame.MessageDelete d = (ServerFrame.MessageDelete) FrameDecoder.decode(f);
      ServerFrame.MessageDelete t =
          (ServerFrame.MessageDelete) FrameDecoder.decode(OcJson.parseObject(f));
      assertEquals(t.id(), d.id(), id);
      assertEquals(t.raw(), d.raw(), id);
    }
  }

  @Test
  void duplicateKeysFirstWinsInTypedFieldsAndRaw() {
    String f =
        "{\"cmd\":\"message_new\",\"cmd\":\"ping\",\"message\":{\"id\":\"a\",\"id\":\"b\",\"content\":\"x\"},"
            + "\"message\":{\"id\":\"c\"},\"channel\":\"c1\",\"channel\":\"c2\",\"listener\":\"l1\",\"listener\":\"l2\"}";
    ServerFrame.MessageNew m = (ServerFrame.MessageNew) FrameDecoder.decode(f);
    assertEquals("a", m.message().id());
    assertEquals("c1", m.channel());
    assertEquals("l1", m.listener());
    assertEquals("l1", m.raw().get("listener"));
    assertEquals("c1", m.raw().get("channel"));
    assertEquals("message_new", m.raw().get("cmd"));
    assertEquals("a", ((java.util.Map<?, ?>) m.raw().get("message")).get("id"));
    assertEquals("a", m.message().raw().get("id"));
  }

  @Test
  void longInputsStayLinear() {
    // a 4 MB string with an escape at the end, a long array of skipped values, many members
    String big = "a".repeat(4_000_000);
    ServerFrame f =
        FrameDecoder.decode(
            "{\"cmd\":\"ping\",\"x\":\"" + big + "\\n\",\"y\":[" + "1,".repeat(500_000) + "1]}");
    assertEquals("ping", f.cmd());
    StringBuilder members = new StringBuilder("{\"cmd\":\"ping\"");
    for (int i = 0; i < 200_000; i++) {
      members.append(",\"k").append(i).append("\":").append(i);
    }
    ServerFrame g = FrameDecoder.decode(members.append('}').toString());
    assertEquals(200_001, g.raw().size());
  }
}

package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandEncoderTest {
  @Test
  void cmdFirstListenerLastNullsLeftOutAndTargetsMergedIn() {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("thread_id", "th-1");
    String json =
        CommandEncoder.encode(
            "message_new",
            CommandEncoder.fields("", target, "content", "hi", "reply_to", null, "ping", false),
            "cw-x-1");
    assertEquals(
        "{\"cmd\":\"message_new\",\"thread_id\":\"th-1\",\"content\":\"hi\",\"ping\":false,"
            + "\"listener\":\"cw-x-1\"}",
        json);
  }

  @Test
  void fieldsCannotOverrideCmdOrListener() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("cmd", "user_ban");
    f.put("listener", "someone-elses");
    String json = CommandEncoder.encode("ping", f, null);
    assertEquals("{\"cmd\":\"ping\"}", json, "login commands carry no listener at all");
  }

  @Test
  void aFrameOverTheServersLimitIsRefusedWithoutItsContentInTheMessage() {
    String big = "x".repeat(CommandEncoder.MAX_FRAME_BYTES);
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> CommandEncoder.encode("message_new", CommandEncoder.fields("content", big), "k"));
    assertTrue(e.getMessage().contains("message_new"));
    assertFalse(e.getMessage().contains("xxxx"));
  }

  @Test
  void oddOrNonStringNamesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> CommandEncoder.fields("a"));
    assertThrows(IllegalArgumentException.class, () -> CommandEncoder.fields(1, "a"));
  }
}

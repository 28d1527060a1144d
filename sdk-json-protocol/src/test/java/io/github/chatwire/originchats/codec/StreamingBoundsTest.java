package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chatwire.core.internal.json.JsonObjectView;
import io.github.chatwire.originchats.model.ServerFrame;
import org.junit.jupiter.api.Test;

/**
 * The limits hold on the streaming path too: what a hostile frame hides in a field the decoder
 * skips is still validated (nesting, number range, grammar), fails as a typed error, and the lazily
 * parsed {@code raw()} of an accepted frame can never fail later.
 */
class StreamingBoundsTest {
  private static String messageNewWith(String hidden) {
    return "{\"cmd\":\"message_new\",\"message\":{\"id\":\"m\",\"x\":"
        + hidden
        + "},\"channel\":\"c\"}";
  }

  @Test
  void nestingBeyondTheLimitInASkippedFieldIsRefused() {
    // 64 levels inside the message's unknown field x: the value at the bottom sits at depth 66
    String deep = "[".repeat(64) + "1" + "]".repeat(64);
    assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode(messageNewWith(deep)));
    String ok = "[".repeat(60) + "1" + "]".repeat(60);
    ServerFrame.MessageNew m =
        assertInstanceOf(ServerFrame.MessageNew.class, FrameDecoder.decode(messageNewWith(ok)));
    assertInstanceOf(JsonObjectView.class, m.raw());
    assertEquals("m", m.message().id());
    assertEquals(3, m.raw().size()); // cmd, message, channel: parsing the view cannot fail
  }

  @Test
  void hostileDepthFailsFastWithoutOverflowingTheStack() {
    String huge = "[".repeat(200_000) + "]".repeat(200_000);
    assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode(messageNewWith(huge)));
    assertThrows(
        FrameDecodeException.class,
        () -> FrameDecoder.decode("{\"cmd\":\"roles_list\",\"x\":" + huge + "}"));
  }

  @Test
  void numbersBeyondADoubleInASkippedFieldAreRefused() {
    assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode(messageNewWith("1e400")));
    assertThrows(
        FrameDecodeException.class,
        () -> FrameDecoder.decode(messageNewWith("1" + "0".repeat(400))));
    assertThrows(
        FrameDecodeException.class, () -> FrameDecoder.decode(messageNewWith("\"\\u12\"")));
    assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode(messageNewWith("tru")));
  }
}

package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chatwire.originchats.model.ServerFrame;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs for the issue-12 fast paths: frames aimed at the new name matching and the flat
 * re-read of message_new (flatMessage seeks back to the frame start): escaped spellings of known
 * names first and second, names that are prefixes or extensions of known ones, a repeated name
 * whose first copy is escaped, strings ending in escaped quotes and backslashes, numbers at the
 * end. The streaming decoder and the tree reference must agree (or both refuse).
 */
class StreamingNamesReviewTest {
  private static final String[] FRAMES = {
    "{\"cmd\":\"message_new\",\"c\\u006fntent\":\"esc\",\"content\":\"plain\",\"id\":\"m\",\"user\":\"u\"}",
    "{\"cmd\":\"message_new\",\"content\":\"plain\",\"c\\u006fntent\":\"esc\",\"id\":1e2,\"user\":\"u\"}",
    "{\"c\\u006dd\":\"message_new\",\"message\":{\"id\":\"m\"}}",
    "{\"cmd\":\"message_new\",\"message\":{\"i\\u0064\":\"esc\",\"id\":\"plain\",\"use\":\"x\",\"users\":\"y\"}}",
    "{\"cmd\":\"message_new\",\"messag\":{\"id\":\"n\"},\"messages\":{\"id\":\"o\"},\"id\":\"m\",\"pinned\":true}",
    "{\"cmd\":\"message_new\",\"id\":\"m\\\\\",\"content\":\"a\\\\\\\"\",\"user\":\"u\\\"\",\"timestamp\":17}",
    "{\"cmd\":\"message_new\",\"message\":5,\"id\":\"m\",\"reactions\":{\"\\u0078\":[\"a\"],\"x\":[\"b\"]}}",
    "{\"cmd\":\"message_edit\",\"id\":\"m\",\"content\":\"c\",\"message\":{\"id\":\"m\",\"edited\":true},"
        + "\"channel\":\"\\u0063\",\"thread_id\":\"t\",\"t\\u0068read_id\":\"u\"}",
    "{\"cmd\":\"message_react_add\",\"id\":-0,\"emoji\":\"\\ud83d\\ude00\",\"from\":\"f\",\"fro\\u006d\":\"g\"}",
    "{\"cmd\":\"typing\",\"channel\":\"c\",\"user\":{\"usernam\\u0065\":\"esc\",\"username\":\"b\"}}",
    "{\"cmd\":\"message_new\",\"id\":\"m\",\"timestamp\":1.5e9}",
    "{\"cmd\":\"message_new\",\"id\":\"m\",\"timestamp\":1.5e",
    "{\"cmd\":\"message_new\",\"id\":\"m\",\"content\":\"x\\\"}",
    "{\"cmd\":\"message_new\",\"id\":\"m\",\"\\u0000content\":\"nul\",\"content\\u0000\":\"lun\"}",
    "{\"cmd\":\"message_new\",\"id\":\"m\",\"c\\u00f6ntent\":\"latin1\",\"c\\u016fntent\":\"wide\"}",
  };

  @Test
  void escapedPrefixedAndRepeatedNamesAgreeWithTheTreeDecoder() {
    for (String f : FRAMES) {
      ServerFrame want;
      String wantError = null;
      try {
        want = ReferenceFrameDecoder.decode(f);
      } catch (FrameDecodeException e) {
        want = null;
        wantError = e.cmd() + "/" + e.listener();
      }
      ServerFrame got;
      String gotError = null;
      try {
        got = FrameDecoder.decode(f);
      } catch (FrameDecodeException e) {
        got = null;
        gotError = e.cmd() + "/" + e.listener();
      }
      assertEquals(wantError, gotError, f);
      assertEquals(want, got, f);
    }
  }
}

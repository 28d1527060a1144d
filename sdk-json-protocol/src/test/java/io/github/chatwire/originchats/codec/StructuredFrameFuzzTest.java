package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded structural fuzz: well-formed frames built from the field names the decoders know and
 * hostile leaves (edge numbers, escaped surrogate halves, odd-case literals, wrong types). Each
 * frame decodes or fails typed; one the streaming path accepts, the tree path accepts as the same
 * frame (typed fields, raw and listener); the same text as an Omikron envelope decodes, re-encodes,
 * or fails with OmikronFormatException.
 */
class StructuredFrameFuzzTest {
  private static final String[] CMDS = {
    "message_new",
    "message_edit",
    "message_delete",
    "message_react_add",
    "message_react_remove",
    "typing",
    "ping",
    "pong",
    "user_disconnect",
    "messages_get",
    "channels_get",
    "users_list",
    "user_connect",
    "handshake",
    "auth_success",
    "ready",
    "error",
    "rate_limit",
    "roles_list",
    "poll_create"
  };
  private static final String[] KEYS = {
    "id",
    "user",
    "content",
    "timestamp",
    "type",
    "pinned",
    "edited",
    "reply_to",
    "interaction",
    "reactions",
    "embeds",
    "attachments",
    "webhook",
    "pings",
    "poll_id",
    "cmd",
    "message",
    "channel",
    "thread_id",
    "username",
    "emoji",
    "from",
    "listener",
    "messages",
    "channels",
    "users",
    "roles",
    "val",
    "name",
    "size",
    "mime_type",
    "url",
    "expires_at",
    "permanent",
    "replies",
    "command",
    "status",
    "results",
    "options",
    "data",
    "sender",
    "receiver",
    "sender_id",
    "receiver_id",
    "log",
    "log_level",
    "threads"
  };
  private static final String[] LEAVES = {
    "null",
    "0",
    "-0",
    "1e308",
    "-1e-400",
    "12345678901234567890",
    "1.5",
    "true",
    "FALSE",
    "nUlL",
    "\"\"",
    "\"x\"",
    "\"\\ud800\"",
    "\"\\udc00\\ud800\"",
    "\"\\u0000\"",
    "[]",
    "{}",
    "[null]",
    "[1,\"a\"]",
    "\"0\"",
    "-9223372036854775809",
    "9.999e17"
  };

  private static String value(Random r, int depth) {
    int k = r.nextInt(depth > 6 ? 2 : 4);
    if (k < 2) {
      return LEAVES[r.nextInt(LEAVES.length)];
    }
    StringBuilder b = new StringBuilder(k == 2 ? "[" : "{");
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      if (k == 3) {
        b.append('"').append(KEYS[r.nextInt(KEYS.length)]).append("\":");
      }
      b.append(value(r, depth + 1));
    }
    return b.append(k == 2 ? ']' : '}').toString();
  }

  @Test
  void structuredHostileFramesDecodeAlikeOnBothPathsOrFailTyped() {
    Random r = new Random(20261201L);
    int decoded = 0;
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b =
          new StringBuilder("{\"cmd\":\"").append(CMDS[r.nextInt(CMDS.length)]).append('"');
      for (int j = r.nextInt(6); j > 0; j--) {
        b.append(",\"").append(KEYS[r.nextInt(KEYS.length)]).append("\":").append(value(r, 1));
      }
      String s = b.append('}').toString();
      ServerFrame f;
      try {
        f = FrameDecoder.decode(s);
        decoded++;
      } catch (FrameDecodeException e) {
        refused++;
        f = null;
      }
      if (f != null) {
        ServerFrame t =
            FrameDecoder.decode(OcJson.parseObject(s)); // must not fail where streaming did not
        assertEquals(t, f, s);
        assertEquals(t.toString(), f.toString(), s);
        assertEquals(t.listener(), f.listener(), s);
      }
      String o = s.replace("\"cmd\"", "\"type\"");
      try {
        OmikronCodec.encode(OmikronCodec.decode(o));
      } catch (OmikronFormatException expected) {
        // typed refusal
      }
    }
    assertTrue(
        decoded > 5_000 && refused > 1_000, "both outcomes exercised: " + decoded + "/" + refused);
  }
}

package io.github.chatwire.omikron.codec;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.chatwire.omikron.model.Chats;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.Messages;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.omikron.model.UserData;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of real message shapes: the decoder and every typed reader must either
 * succeed or throw {@link OmikronFormatException}, never anything else.
 */
class OmikronDecoderFuzzTest {
  static final String[] SEEDS = {
    "{\"id\":\"6f1c0000-aaaa-4bbb-8ccc-000000000001\",\"type\":\"get_chats\",\"sender\":1733600000000,\"receiver\":1733600000001,"
        + "\"data\":{\"user_ids\":[{\"user_id\":2,\"user_name\":\"bob\",\"calls\":[{\"call_id\":\"c\",\"admin\":true}]}]}}",
    "{\"id\":\"a\",\"type\":\"identification_response\",\"data\":{\"accepted_ids\":\"1,2\",\"accepted\":\"2\",\"user_ids\":{\"u\":\"muted\"}}}",
    "{\"id\":\"a\",\"type\":\"pong\",\"log\":{\"message\":\"Pong\",\"log_level\":-1},\"data\":{\"ping_clients\":{\"5\":\"30\"},\"ping_iota\":3}}",
    "{\"id\":\"a\",\"type\":\"message_live\",\"data\":{\"send_time\":\"1733600000000\",\"message\":\"aGk=\",\"sender_id\":2}}",
    "{\"id\":\"a\",\"type\":\"get_user_data\",\"data\":{\"user_id\":1,\"omikron_connections\":[1,2],\"sub_end\":\"5\",\"online_status\":\"user_dnd\"}}",
    "{\"id\":\"a\",\"type\":\"messages_get\",\"data\":{\"messages\":[{\"timestamp\":5,\"content\":\"x\",\"sent_by_self\":true,\"message_state\":\"read\"}]}}",
  };
  static final String ALPHABET = "{}[]\":,0123456789-.eEtruefalsn \\ab_";

  @Test
  void mutatedMessagesNeverThrowAnythingButFormatErrors() {
    Random r = new Random(20260221L);
    int decoded = 0;
    for (int i = 0; i < 10_000; i++) {
      String s = mutate(SEEDS[r.nextInt(SEEDS.length)], r);
      OmikronMessage m;
      try {
        m = OmikronCodec.decode(s);
      } catch (OmikronFormatException e) {
        continue;
      } catch (RuntimeException e) {
        fail("decoder threw " + e + " for " + s);
        return;
      }
      decoded++;
      OmikronData d = m.data();
      try {
        Chats.from(d);
        IdentificationResponse.from(d);
        Pong.from(d);
        MessageLive.from(d);
        UserData.from(d);
        Messages.from(d);
        OmikronCodec.decode(OmikronCodec.encode(m, WireShape.SPEC_WITH_LOG));
      } catch (OmikronFormatException e) {
        // expected for wrong types
      } catch (RuntimeException e) {
        fail("typed reader threw " + e + " for " + s);
      }
    }
    if (decoded < 300) {
      fail("too few mutations decoded (" + decoded + "); the test would prove little");
    }
  }

  static String mutate(String s, Random r) {
    StringBuilder b = new StringBuilder(s);
    int n = 1 + r.nextInt(3);
    for (int k = 0; k < n && b.length() > 0; k++) {
      int pos = r.nextInt(b.length());
      switch (r.nextInt(4)) {
        case 0:
          b.setCharAt(pos, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
          break;
        case 1:
          b.insert(pos, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
          break;
        case 2:
          b.deleteCharAt(pos);
          break;
        default:
          b.setLength(pos);
      }
    }
    return b.toString();
  }
}

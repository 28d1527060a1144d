package io.github.chatwire.tauri.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.ServerErrorException;
import io.github.chatwire.tauri.model.TauriMessage;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and mutated inputs: the decoders may only return a value or throw their documented
 * typed exceptions, never anything else.
 */
class TauriCodecRandomInputTest {
  private static final String[] SEEDS = {
    "{\"type\":\"ping\",\"data\":{\"last_ping\":123}}",
    "{\"type\":\"push_notification\",\"data\":{\"sender_id\":\"a\"}}",
    "{\"type\":\"success\",\"id\":\"1\"}",
    "{\"status\":\"success\",\"notifications\":[{\"sender_id\":1,\"amount\":2}]}",
    "{\"status\":\"success\",\"user_id\":1,\"online_status\":\"user_online\"}"
  };

  @Test
  void messageCodecOnlyThrowsProtocolException() {
    Random random = new Random(42);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      String input = mutate(SEEDS[random.nextInt(SEEDS.length)], random);
      try {
        TauriMessage m = TauriMessageCodec.decode(input);
        assertTrue(m.type() != null);
        decoded++;
      } catch (ProtocolException expected) {
        // fine
      }
    }
    assertTrue(decoded > 0, "some mutations stay valid");
  }

  @Test
  void apiParsersOnlyThrowTypedExceptions() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String input = mutate(SEEDS[random.nextInt(SEEDS.length)], random);
      try {
        OmegaApiJson.parseNotifications(input);
      } catch (ProtocolException | ServerErrorException expected) {
        // fine
      }
      try {
        OmegaApiJson.parseProfile(input);
      } catch (ProtocolException | ServerErrorException expected) {
        // fine
      }
    }
  }

  @Test
  void frameDecodersOnlyThrowTypedExceptionsAndStayBounded() {
    Random random = new Random(1);
    for (TauriFraming f : TauriFraming.values()) {
      for (int i = 0; i < 2_000; i++) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        TauriFraming.Decoder d = f.newDecoder(64);
        try {
          for (String m : d.feed(bytes, 0, bytes.length)) {
            assertTrue(m.getBytes(StandardCharsets.UTF_8).length <= 64);
          }
        } catch (MessageTooLargeException | ProtocolException expected) {
          // fine
        }
      }
    }
  }

  @Test
  void encodeDecodeRoundTripsRandomIds() {
    // Any text survives encoding and framing; on decoding, a valid id comes back equal and
    // anything else is refused as a bad id (never as broken JSON).
    Random random = new Random(3);
    String idChars = "abcXYZ0189-_.:";
    int valid = 0;
    for (int i = 0; i < 2_000; i++) {
      StringBuilder id = new StringBuilder();
      int n = random.nextInt(20);
      boolean anyText = random.nextInt(4) == 0;
      for (int k = 0; k < n; k++) {
        id.append(
            anyText
                ? (char) (random.nextInt(0xD7FF - 1) + 1)
                : idChars.charAt(random.nextInt(idChars.length())));
      }
      TauriMessage m = new TauriMessage.PushNotification(id.toString());
      byte[] framed = TauriFraming.NEWLINE_DELIMITED.encode(TauriMessageCodec.encode(m));
      String line =
          TauriFraming.NEWLINE_DELIMITED.newDecoder(1 << 16).feed(framed, 0, framed.length).get(0);
      if (id.toString().matches("[A-Za-z0-9._:-]{1,64}")) {
        assertEquals(m, TauriMessageCodec.decode(line));
        valid++;
      } else {
        TauriDecodeException e =
            assertThrows(TauriDecodeException.class, () -> TauriMessageCodec.decode(line));
        assertEquals("data.sender_id", e.field());
      }
    }
    assertTrue(valid > 1_000 && valid < 2_000, "both kinds were tried: " + valid);
  }

  private static String mutate(String seed, Random random) {
    StringBuilder sb = new StringBuilder(seed);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int pos = random.nextInt(sb.length());
      switch (random.nextInt(3)) {
        case 0:
          sb.deleteCharAt(pos);
          break;
        case 1:
          sb.insert(pos, "{}[]\":,0a-\\ e".charAt(random.nextInt(13)));
          break;
        default:
          sb.setCharAt(pos, (char) (32 + random.nextInt(95)));
      }
    }
    return sb.toString();
  }
}

package io.github.chatwire.tauri.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TauriFramingTest {

  @Test
  void defaultIsNewlineDelimited() {
    assertEquals(TauriFraming.NEWLINE_DELIMITED, TauriFraming.DEFAULT);
  }

  @Test
  void lengthPrefixIsU32BigEndian() {
    byte[] framed = TauriFraming.LENGTH_PREFIXED.encode("{}\u00e9");
    assertArrayEquals(new byte[] {0, 0, 0, 4, '{', '}', (byte) 0xC3, (byte) 0xA9}, framed);
  }

  @Test
  void newlineFramingAppendsLfAndRefusesLineBreaks() {
    assertArrayEquals(
        "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8),
        TauriFraming.NEWLINE_DELIMITED.encode("{\"a\":1}"));
    assertThrows(
        IllegalArgumentException.class, () -> TauriFraming.NEWLINE_DELIMITED.encode("{\n}"));
  }

  @Test
  void bothFramingsSurviveArbitrarySplits() {
    String[] messages = {
      "{\"type\":\"ping\",\"data\":{\"last_ping\":1}}", "{\"x\":\"\u00fc\u20ac\ud83d\ude00\"}", "{}"
    };
    for (TauriFraming f : TauriFraming.values()) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (String m : messages) {
        byte[] b = f.encode(m);
        all.write(b, 0, b.length);
      }
      byte[] stream = all.toByteArray();
      for (int chunk = 1; chunk <= stream.length; chunk++) {
        TauriFraming.Decoder d = f.newDecoder(1000);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
          got.addAll(d.feed(stream, i, Math.min(chunk, stream.length - i)));
        }
        assertEquals(List.of(messages), got, f + " chunk " + chunk);
        assertFalse(d.hasPartialMessage());
      }
    }
  }

  @Test
  void newlineDecoderSkipsBlankLinesAndDropsCr() {
    byte[] in = "\r\n{\"a\":1}\r\n\n  \n{\"b\":2}\n{\"c\"".getBytes(StandardCharsets.UTF_8);
    TauriFraming.Decoder d = TauriFraming.NEWLINE_DELIMITED.newDecoder(100);
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), d.feed(in, 0, in.length));
    assertTrue(d.hasPartialMessage());
  }

  @Test
  void oversizedMessagesFailBeforeBuffering() {
    TauriFraming.Decoder lines = TauriFraming.NEWLINE_DELIMITED.newDecoder(8);
    byte[] longLine = "0123456789".getBytes(StandardCharsets.UTF_8);
    MessageTooLargeException e =
        assertThrows(
            MessageTooLargeException.class, () -> lines.feed(longLine, 0, longLine.length));
    assertEquals(8, e.limit());
    assertThrows(IllegalStateException.class, () -> lines.feed(longLine, 0, 1));

    TauriFraming.Decoder prefixed = TauriFraming.LENGTH_PREFIXED.newDecoder(8);
    byte[] header = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    MessageTooLargeException e2 =
        assertThrows(MessageTooLargeException.class, () -> prefixed.feed(header, 0, 4));
    assertEquals(0xFFFFFFFFL, e2.size());
  }

  @Test
  void invalidUtf8IsAProtocolError() {
    byte[] bad = {0, 0, 0, 2, (byte) 0xC3, (byte) 0x28};
    assertThrows(
        ProtocolException.class,
        () -> TauriFraming.LENGTH_PREFIXED.newDecoder(10).feed(bad, 0, bad.length));
    byte[] badLine = {(byte) 0xFF, '\n'};
    assertThrows(
        ProtocolException.class,
        () -> TauriFraming.NEWLINE_DELIMITED.newDecoder(10).feed(badLine, 0, 2));
  }
}

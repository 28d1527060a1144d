package io.github.chatwire.omikron.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chatwire.omikron.model.OmikronFormatException;
import org.junit.jupiter.api.Test;

/**
 * What a hostile peer (or an Omega HTTP body) can send fails as the documented {@link
 * OmikronFormatException}, never as another exception type.
 */
class OmikronHostileInputTest {
  private static final String[] NOT_AN_OBJECT = {
    "", " ", "\n\t ", "x", "-", "0x1", "\"", "]", "\u0000", "\uD800"
  };

  @Test
  void decodeObjectRefusesEmptyWhitespaceAndGarbageAsOmikronFormatException() {
    for (String s : NOT_AN_OBJECT) {
      assertThrows(
          OmikronFormatException.class, () -> OmikronCodec.decodeObject(s), "input: " + s.length());
    }
  }

  @Test
  void decodeRefusesEmptyWhitespaceAndGarbageAsOmikronFormatException() {
    for (String s : NOT_AN_OBJECT) {
      assertThrows(
          OmikronFormatException.class, () -> OmikronCodec.decode(s), "input: " + s.length());
    }
  }
}

package io.github.chatwire.omikron.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.omikron.codec.WireShape;
import io.github.chatwire.omikron.codec.ttp.TtpLimits;
import io.github.chatwire.omikron.model.MessageType;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OmikronWireTest {
  /** A "random" source that returns the given ints in order. */
  static Random sequence(Integer... values) {
    Deque<Integer> q = new ArrayDeque<>(Arrays.asList(values));
    return new Random() {
      @Override
      public int nextInt() {
        return q.removeFirst();
      }
    };
  }

  @Test
  void ttpIdsSkipZeroAndTheTopValueAndAreNeverReusedWhileInFlight() {
    OmikronWire wire = OmikronWire.ttp(TtpLimits.DEFAULT, sequence(0, 5, 5, -1, 5, 7, 5));
    assertEquals("5", wire.reserve(MessageType.GET_USER_DATA), "0 is no id");
    assertEquals(
        "7", wire.reserve(MessageType.PING), "5 is in flight, 0xFFFFFFFF is never used: skipped");
    assertEquals(MessageType.GET_USER_DATA, wire.reservedFor("5"));
    assertEquals(MessageType.PING, wire.reservedFor("7"));
    wire.release("5");
    assertNull(wire.reservedFor("5"));
    assertEquals("5", wire.reserve(MessageType.MESSAGES_GET), "free again once released");
    assertEquals(2, wire.inFlight());
  }

  @Test
  void jsonIdsAreUuidsAndTheRegistryIsShared() {
    OmikronWire wire = OmikronWire.json(WireShape.REFERENCE);
    String id = wire.reserve(MessageType.GET_CHATS);
    assertEquals(36, id.length());
    assertEquals(MessageType.GET_CHATS, wire.reservedFor(id));
    wire.release(id);
    assertEquals(0, wire.inFlight());
  }

  @Test
  void aPongAnswersOnlyAPingAndPushedTypesOnlyTheirOwnRequests() {
    assertTrue(OmikronProtocolHandler.answers(MessageType.PONG, MessageType.PING));
    assertFalse(OmikronProtocolHandler.answers(MessageType.PONG, MessageType.GET_USER_DATA));
    assertFalse(OmikronProtocolHandler.answers(MessageType.GET_USER_DATA, MessageType.PING));
    assertFalse(OmikronProtocolHandler.answers(MessageType.MESSAGE_LIVE, MessageType.GET_CHATS));
    assertTrue(OmikronProtocolHandler.answers(MessageType.MESSAGE_LIVE, MessageType.MESSAGE_LIVE));
    assertTrue(OmikronProtocolHandler.answers(MessageType.SUCCESS, MessageType.MESSAGE_SEND));
    assertTrue(
        OmikronProtocolHandler.answers(MessageType.ERROR_NOT_FOUND, MessageType.PING),
        "an error answers anything");
    assertTrue(
        OmikronProtocolHandler.answers(MessageType.PONG, null), "an id not reserved: as before");
  }
}

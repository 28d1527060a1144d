package io.github.chatwire.omikron.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The open-set value types (CallState, MessageState, UserState, MessageType) behave alike. */
class OpenValueTest {

  @Test
  void knownNamesMatchIgnoringCaseAndUnderscoresAndGiveTheConstant() {
    assertSame(CallState.DEAFED, CallState.of("DE_AFED"));
    assertSame(MessageState.READ, MessageState.of("Read"));
    assertSame(UserState.USER_WC, UserState.of("userWc"));
    assertSame(MessageType.GET_CHATS, MessageType.of("getChats"));
    assertTrue(CallState.of("muted").isKnown());
    assertEquals("muted", CallState.of("MUTED").wireName());
  }

  @Test
  void unknownNamesAreKeptAsGivenAndCompareByName() {
    CallState odd = CallState.of("Sleeping_Now");
    assertFalse(odd.isKnown());
    assertEquals("Sleeping_Now", odd.wireName());
    assertEquals("Sleeping_Now", odd.toString());
    assertEquals(CallState.of("Sleeping_Now"), odd);
    assertEquals(CallState.of("Sleeping_Now").hashCode(), odd.hashCode());
    assertNotEquals(CallState.of("sleeping_now"), odd);
    assertFalse(MessageType.of("frobnicate").isKnown());
  }

  @Test
  void valuesOfDifferentTypesWithTheSameNameAreNotEqual() {
    assertNotEquals(MessageState.of("x"), CallState.of("x"));
    assertNotEquals(UserState.of("x"), MessageType.of("x"));
    assertNotEquals(CallState.ACTIVE, "active");
    assertNotEquals(CallState.ACTIVE, null);
  }

  @Test
  void aliasesOnlyWhereDeclared() {
    assertSame(UserState.USER_IDLE, UserState.of("IDLE"));
    assertFalse(CallState.of("online").isKnown());
    assertFalse(MessageState.of("idle").isKnown());
  }

  @Test
  void nullNameIsRejected() {
    assertThrows(NullPointerException.class, () -> CallState.of(null));
    assertThrows(NullPointerException.class, () -> MessageState.of(null));
    assertThrows(NullPointerException.class, () -> UserState.of(null));
    assertThrows(NullPointerException.class, () -> MessageType.of(null));
  }

  @Test
  void knownTypesAreInDeclarationOrderAndUnmodifiable() {
    List<MessageType> all = new ArrayList<>(MessageType.knownTypes());
    assertSame(MessageType.ERROR, all.get(0));
    assertSame(MessageType.ADD_CHAT, all.get(all.size() - 1));
    assertTrue(all.contains(MessageType.PING));
    assertTrue(all.stream().allMatch(MessageType::isKnown));
    assertThrows(UnsupportedOperationException.class, () -> MessageType.knownTypes().clear());
  }
}

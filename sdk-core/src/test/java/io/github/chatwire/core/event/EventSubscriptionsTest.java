package io.github.chatwire.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSubscriptionsTest {
  interface Event {}

  record Hello(String who) implements Event {}

  record Bye(String who) implements Event {}

  @Test
  void aHandlerSeesOnlyEventsOfItsClassInOrder() {
    EventSubscriptions<Event> subs = new EventSubscriptions<>();
    List<String> seen = new ArrayList<>();
    subs.on(Hello.class, h -> seen.add("hello " + h.who()));
    subs.on(Event.class, e -> seen.add("any " + e.getClass().getSimpleName()));
    subs.publish(new Hello("a"));
    subs.publish(new Bye("b"));
    assertEquals(List.of("hello a", "any Hello", "any Bye"), seen);
  }

  @Test
  void closingTheHandleRemovesTheSubscriptionAndIsIdempotent() {
    EventSubscriptions<Event> subs = new EventSubscriptions<>();
    List<Event> seen = new ArrayList<>();
    Subscription s = subs.on(Hello.class, seen::add);
    s.close();
    s.close();
    subs.publish(new Hello("a"));
    assertTrue(seen.isEmpty());
    assertTrue(subs.isEmpty());
  }

  @Test
  void aThrowingHandlerDoesNotStopTheOthers() {
    EventSubscriptions<Event> subs = new EventSubscriptions<>();
    List<Event> seen = new ArrayList<>();
    subs.on(
        Hello.class,
        h -> {
          throw new IllegalStateException("boom");
        });
    subs.on(Hello.class, seen::add);
    subs.publish(new Hello("a"));
    assertEquals(1, seen.size());
  }

  @Test
  void aHandlerMayUnsubscribeItselfWhileBeingCalled() {
    EventSubscriptions<Event> subs = new EventSubscriptions<>();
    List<Event> seen = new ArrayList<>();
    Subscription[] self = new Subscription[1];
    self[0] =
        subs.on(
            Hello.class,
            h -> {
              seen.add(h);
              self[0].close();
            });
    subs.publish(new Hello("a"));
    subs.publish(new Hello("b"));
    assertEquals(1, seen.size());
  }

  @Test
  void nullArgumentsAreRefusedWithTheirName() {
    EventSubscriptions<Event> subs = new EventSubscriptions<>();
    NullPointerException e = assertThrows(NullPointerException.class, () -> subs.on(null, x -> {}));
    assertEquals("type", e.getMessage());
  }
}

package io.github.chatwire.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.connection.ConnectionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A listener that throws never keeps the other listeners from being called. */
class ListenersTest {

  @Test
  void aThrowingListenerIsSkippedAndTheRestAreCalledInOrder() {
    List<String> calls = new ArrayList<>();
    List<String> listeners = List.of("a", "boom", "c");
    Listeners.each(
        listeners,
        name -> {
          if (name.equals("boom")) {
            throw new IllegalStateException("listener bug");
          }
          calls.add(name);
        },
        ListenersTest.class);
    assertEquals(List.of("a", "c"), calls);
  }

  @Test
  void forwardPassesErrorsToEveryListenerEvenWhenOneThrows() {
    List<ChatwireException> seen = new ArrayList<>();
    CopyOnWriteArrayList<OmikronListener> listeners = new CopyOnWriteArrayList<>();
    listeners.add(
        new OmikronListener() {
          @Override
          public void onError(ChatwireException error) {
            throw new IllegalStateException("listener bug");
          }
        });
    listeners.add(
        new OmikronListener() {
          @Override
          public void onError(ChatwireException error) {
            seen.add(error);
          }
        });
    ConnectionListener engineSide = Listeners.forward(listeners, ListenersTest.class);
    ProtocolException error = new ProtocolException("bad frame");
    engineSide.onError(error);
    assertEquals(List.of(error), seen);
    // listeners added later are seen too: the list is read at call time
    listeners.add(
        new OmikronListener() {
          @Override
          public void onError(ChatwireException e) {
            seen.add(e);
          }
        });
    engineSide.onError(error);
    assertEquals(List.of(error, error, error), seen);
  }
}

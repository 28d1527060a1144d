package io.github.chatwire.omikron;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.core.connection.StateChange;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * How the Omikron connections call their user listeners: each listener in turn, a listener that
 * throws is logged and skipped so the others (and the connection) carry on. Stateless.
 */
final class Listeners {
  private Listeners() {}

  /**
   * Calls every listener, isolating failures.
   *
   * @param listeners the listeners (a concurrent list: iteration sees a snapshot)
   * @param call what to call on each
   * @param logAs the class whose logger reports a listener's exception
   * @param <L> the listener type
   */
  static <L> void each(Iterable<L> listeners, Consumer<? super L> call, Class<?> logAs) {
    for (L l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(logAs).warn("listener failed", e);
      }
    }
  }

  /**
   * An engine listener that passes state changes and errors on to the user listeners.
   *
   * @param listeners the user listeners
   * @param logAs the class whose logger reports a listener's exception
   * @param <L> the listener type
   * @return the engine listener
   */
  static <L extends ConnectionListener> ConnectionListener forward(
      Iterable<L> listeners, Class<?> logAs) {
    return new ConnectionListener() {
      @Override
      public void onStateChange(StateChange change) {
        each(listeners, l -> l.onStateChange(change), logAs);
      }

      @Override
      public void onError(ChatwireException error) {
        each(listeners, l -> l.onError(error), logAs);
      }
    };
  }
}

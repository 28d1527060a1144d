package io.github.chatwire.omikron;

import io.github.chatwire.core.Subscription;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.event.EventSubscriptions;
import io.github.chatwire.omikron.model.OmikronEvent;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The user-facing side of one Omikron connection: its listeners and typed subscriptions, and the
 * one order in which an event reaches them — every listener's catch-all {@code onEvent}, then the
 * specific listener method, then the subscriptions (envelope first, then the typed record), as
 * docs/api-conventions.md says. Thread-safe.
 *
 * @param <L> the listener type
 */
final class Dispatch<L> {
  private final List<L> listeners = new CopyOnWriteArrayList<>();
  private final EventSubscriptions<OmikronEvent> subscriptions = new EventSubscriptions<>();
  private final BiConsumer<L, OmikronMessage> onEvent;
  private final Class<?> logAs;

  Dispatch(BiConsumer<L, OmikronMessage> onEvent, Class<?> logAs) {
    this.onEvent = onEvent;
    this.logAs = logAs;
  }

  List<L> listeners() {
    return listeners;
  }

  Subscription addListener(L listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return () -> listeners.remove(listener);
  }

  <T extends OmikronEvent> Subscription on(Class<T> type, Consumer<? super T> handler) {
    return subscriptions.on(type, handler);
  }

  /**
   * Hands an event to the callback executor.
   *
   * @param ctx the connection context
   * @param envelope the message it came in; null if it has none (a decrypted direct message that
   *     was already announced as its envelope)
   * @param typed the typed record; null if none
   * @param specific the listener method for it; null if none
   */
  void emit(
      ProtocolContext ctx,
      @Nullable OmikronMessage envelope,
      @Nullable OmikronEvent typed,
      @Nullable Consumer<? super L> specific) {
    ctx.emit(() -> deliver(envelope, typed, specific));
  }

  /** Delivers on the calling thread (already the callback executor). */
  void deliver(
      @Nullable OmikronMessage envelope,
      @Nullable OmikronEvent typed,
      @Nullable Consumer<? super L> specific) {
    if (envelope != null) {
      Listeners.each(listeners, l -> onEvent.accept(l, envelope), logAs);
    }
    if (specific != null) {
      Listeners.each(listeners, specific, logAs);
    }
    if (!subscriptions.isEmpty()) {
      if (envelope != null) {
        subscriptions.publish(envelope);
      }
      if (typed != null && typed != envelope) {
        subscriptions.publish(typed);
      }
    }
  }
}

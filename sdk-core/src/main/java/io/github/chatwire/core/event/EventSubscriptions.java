package io.github.chatwire.core.event;

import io.github.chatwire.core.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed subscriptions behind every client's {@code on(Class, Consumer)}: a handler receives
 * each published event that is an instance of its class (subclasses included).
 *
 * <p>Thread-safe: handlers may be added and removed from any thread, also from inside a handler.
 * {@link #publish} calls matching handlers in the order they were added, on the calling thread (for
 * clients: the connection's callback executor, in event order). A handler that throws is logged and
 * does not stop the others.
 *
 * @param <E> the protocol's common event supertype
 */
public final class EventSubscriptions<E> {
  private static final Logger log = LoggerFactory.getLogger(EventSubscriptions.class);

  private final List<Entry<? extends E>> entries = new CopyOnWriteArrayList<>();

  /** Creates an empty set of subscriptions. */
  public EventSubscriptions() {}

  /**
   * Subscribes {@code handler} to every published event of {@code type}.
   *
   * @param type the event class; never null
   * @param handler called with each matching event; never null
   * @param <T> the event type
   * @return a handle whose {@code close()} removes the subscription; idempotent
   * @throws NullPointerException if an argument is null
   */
  public <T extends E> Subscription on(Class<T> type, Consumer<? super T> handler) {
    Entry<T> entry =
        new Entry<>(
            Objects.requireNonNull(type, "type"), Objects.requireNonNull(handler, "handler"));
    entries.add(entry);
    return () -> entries.remove(entry);
  }

  /**
   * Hands {@code event} to every subscription whose class it is an instance of.
   *
   * @param event the event; never null
   */
  public void publish(E event) {
    Objects.requireNonNull(event, "event");
    for (Entry<? extends E> entry : entries) {
      entry.offer(event);
    }
  }

  /**
   * Whether nothing is subscribed (lets a client skip building events nobody wants).
   *
   * @return true if there are no subscriptions
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  private static final class Entry<T> {
    private final Class<T> type;
    private final Consumer<? super T> handler;

    Entry(Class<T> type, Consumer<? super T> handler) {
      this.type = type;
      this.handler = handler;
    }

    void offer(Object event) {
      if (!type.isInstance(event)) {
        return;
      }
      try {
        handler.accept(type.cast(event));
      } catch (RuntimeException e) {
        log.warn(
            "A subscription for {} threw; the other handlers still run", type.getSimpleName(), e);
      }
    }
  }
}

package io.github.chatwire.originchats;

import io.github.chatwire.core.event.EventSubscriptions;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every OriginChats event goes, in one place: one table from frame class to the listener's
 * typed method. A frame goes to {@link OriginChatsListener#onEvent} of every listener, then to its
 * typed method, then to the typed subscriptions. Adding an event touches the record, the decoder
 * and one line of {@link #TYPED}. Called on the callback executor; a throwing listener is logged.
 */
final class EventDispatch {
  private static final Logger log = LoggerFactory.getLogger(EventDispatch.class);

  private static final Map<
          Class<? extends ServerFrame>, BiConsumer<OriginChatsListener, ServerFrame>>
      TYPED = table();

  final List<OriginChatsListener> listeners = new CopyOnWriteArrayList<>();
  final EventSubscriptions<ServerFrame> subscriptions = new EventSubscriptions<>();

  private static Map<Class<? extends ServerFrame>, BiConsumer<OriginChatsListener, ServerFrame>>
      table() {
    Map<Class<? extends ServerFrame>, BiConsumer<OriginChatsListener, ServerFrame>> t =
        new HashMap<>();
    put(t, ServerFrame.MessageNew.class, OriginChatsListener::onMessageNew);
    put(t, ServerFrame.MessageEdit.class, OriginChatsListener::onMessageEdit);
    put(t, ServerFrame.MessageDelete.class, OriginChatsListener::onMessageDelete);
    put(t, ServerFrame.Reaction.class, OriginChatsListener::onReaction);
    put(t, ServerFrame.Typing.class, OriginChatsListener::onTyping);
    put(t, ServerFrame.UserPresence.class, OriginChatsListener::onUserPresence);
    put(t, ServerFrame.UserGone.class, OriginChatsListener::onUserGone);
    put(t, ServerFrame.SlashCall.class, OriginChatsListener::onSlashCall);
    put(t, ServerFrame.RateLimit.class, OriginChatsListener::onRateLimit);
    put(t, ServerFrame.Unknown.class, OriginChatsListener::onUnknown);
    return Collections.unmodifiableMap(t);
  }

  private static <T extends ServerFrame> void put(
      Map<Class<? extends ServerFrame>, BiConsumer<OriginChatsListener, ServerFrame>> t,
      Class<T> type,
      BiConsumer<OriginChatsListener, T> method) {
    t.put(type, (l, f) -> method.accept(l, type.cast(f)));
  }

  /**
   * Delivers one frame.
   *
   * @param f the frame; never null
   * @param reply whether it answered one of this client's requests: the echo of the client's own
   *     slash_call is then not a call for its commands, and does not reach onSlashCall
   */
  void deliver(ServerFrame f, boolean reply) {
    BiConsumer<OriginChatsListener, ServerFrame> typed =
        reply && f instanceof ServerFrame.SlashCall ? null : TYPED.get(f.getClass());
    for (OriginChatsListener l : listeners) {
      safely(() -> l.onEvent(f));
      if (typed != null) {
        safely(() -> typed.accept(l, f));
      }
    }
    subscriptions.publish(f);
  }

  /** Calls every listener with the same callback (state, errors, ready, re-sync). */
  void each(Consumer<OriginChatsListener> call) {
    for (OriginChatsListener l : listeners) {
      safely(() -> call.accept(l));
    }
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("OriginChats listener failed", e);
    }
  }
}

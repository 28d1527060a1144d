package io.github.chatwire.omikron;

import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.omikron.codec.MessageCipher;
import io.github.chatwire.omikron.codec.MessageDecryption;
import io.github.chatwire.omikron.codec.MessageScheme;
import io.github.chatwire.omikron.codec.WebClientCipher;
import io.github.chatwire.omikron.internal.OmikronSession;
import io.github.chatwire.omikron.internal.PeerKeyCache;
import io.github.chatwire.omikron.internal.PeerKeyCache.PeerKey;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.MessageSend;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.Messages;
import io.github.chatwire.omikron.model.MessagesGet;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.StoredMessage;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end encryption of one client's direct messages: encrypts outgoing text for the receiver,
 * opens live and stored messages, and keeps both in order — sends go out in call order and live
 * messages reach listeners in arrival order even while a sender's key is being fetched.
 * Thread-safe.
 */
final class DirectMessages {
  /** The most sends, and the most live messages, that may wait in order for a key lookup. */
  static final int MAX_WAITING = 1024;

  private final OmikronSession session;
  private final PeerKeyCache keys;
  private final MessageScheme scheme;
  private final SecureRandom random;
  private final LossyTextPolicy lossy;
  private final Dispatch<OmikronListener> dispatch;
  private CompletableFuture<Void> sendTail = CompletableFuture.completedFuture(null);
  private CompletableFuture<Void> inboundTail = CompletableFuture.completedFuture(null);
  private int sendsWaiting;
  private int inboundWaiting;

  DirectMessages(
      OmikronSession session,
      PeerKeyCache keys,
      MessageScheme scheme,
      SecureRandom random,
      LossyTextPolicy lossy,
      Dispatch<OmikronListener> dispatch) {
    this.session = session;
    this.keys = keys;
    this.scheme = scheme;
    this.random = random;
    this.lossy = lossy;
    this.dispatch = dispatch;
  }

  MessageScheme scheme() {
    return scheme;
  }

  PeerKeyCache keys() {
    return keys;
  }

  // ---- sending ----

  @SuppressWarnings("FutureReturnValueIgnored") // the inner whenComplete only feeds result
  CompletableFuture<Void> send(OmikronId receiver, String text, MessageScheme with) {
    if (with == MessageScheme.WEB_CLIENT
        && lossy == LossyTextPolicy.REJECT
        && !WebClientCipher.survives(text)) {
      String seen = WebClientCipher.peerSees(text);
      int altered = 0;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        altered += cp > 0xFF ? 1 : 0;
        i += Character.charCount(cp);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      f.completeExceptionally(new LossyTextException(seen, altered));
      return f;
    }
    CompletableFuture<PeerKey> key =
        with == MessageScheme.PLAIN ? CompletableFuture.completedFuture(null) : keys.get(receiver);
    CompletableFuture<Void> result = new CompletableFuture<>();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    synchronized (this) {
      if (sendsWaiting >= MAX_WAITING) {
        result.completeExceptionally(
            new io.github.chatwire.core.QueueFullException(
                MAX_WAITING + " direct messages are already waiting for receivers' public keys"));
        return result;
      }
      sendsWaiting++;
      // Encrypt and enqueue strictly in call order, whichever key lookup finishes first. The
      // link waits for the gate, so nothing runs while this lock is held: the request takes
      // the connection's lock, which the reader thread holds when it calls inbound().
      sendTail =
          sendTail
              .thenCompose(v -> gate)
              .thenCompose(
                  v ->
                      key.handle(
                          (k, e) -> {
                            synchronized (this) {
                              sendsWaiting--;
                            }
                            if (result.isCancelled()) {
                              return null; // cancelled while it waited: never sent
                            }
                            String content;
                            try {
                              if (e != null) {
                                throw unwrap(e);
                              }
                              content = k == null ? text : encrypt(with, k, text);
                            } catch (Throwable failure) {
                              result.completeExceptionally(failure);
                              return null;
                            }
                            session
                                .request(
                                    MessageType.MESSAGE_SEND,
                                    new MessageSend(receiver, content, OmikronData.EMPTY).toData(),
                                    m -> (Void) null)
                                .whenComplete(
                                    (x, e2) -> {
                                      if (e2 != null) {
                                        result.completeExceptionally(unwrap(e2));
                                      } else {
                                        result.complete(null);
                                      }
                                    });
                            return null;
                          }));
    }
    gate.complete(null);
    return result;
  }

  private String encrypt(MessageScheme with, PeerKey k, String text) {
    try {
      return MessageCipher.of(with, random).encrypt(k.secret(), text);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not encrypt: " + e.getMessage());
    }
  }

  // ---- receiving ----

  /**
   * A {@code message_live} arrived (connection lock held): opens it and emits a {@link
   * DirectMessage} or {@link UndecryptableMessage} after every earlier one. Never throws.
   */
  void inbound(ProtocolContext ctx, OmikronMessage envelope, MessageLive live) {
    OmikronId fromData = live.senderId();
    OmikronId sender = fromData != null ? fromData : envelope.sender();
    CompletableFuture<DirectMessageEvent> opened;
    try {
      opened = open(sender, false, live.message(), live.sendTime(), null, envelope.id());
    } catch (RuntimeException e) {
      opened =
          CompletableFuture.completedFuture(
              new UndecryptableMessage(
                  sender,
                  false,
                  orEmpty(live.message()),
                  "internal error: " + e.getClass().getSimpleName(),
                  live.sendTime(),
                  null,
                  envelope.id()));
    }
    CompletableFuture<DirectMessageEvent> ready = opened;
    CompletableFuture<Void> gate = new CompletableFuture<>();
    boolean queued;
    synchronized (this) {
      queued = inboundWaiting < MAX_WAITING;
      if (queued) {
        inboundWaiting++;
        // As in send(): the gate keeps the delivery from running under this lock.
        inboundTail =
            inboundTail
                .thenCompose(v -> gate)
                .thenCompose(v -> ready)
                .handle((event, e) -> deliver(ctx, envelope, live, sender, event, e));
      }
    }
    if (queued) {
      gate.complete(null);
      return;
    }
    // A flood while keys are being fetched: deliver at once rather than queue without bound.
    UndecryptableMessage um =
        new UndecryptableMessage(
            sender,
            false,
            orEmpty(live.message()),
            "more than " + MAX_WAITING + " direct messages are waiting for senders' public keys",
            live.sendTime(),
            null,
            envelope.id());
    dispatch.emit(ctx, null, um, l -> l.onUndecryptableMessage(um, envelope));
  }

  private Void deliver(
      ProtocolContext ctx,
      OmikronMessage envelope,
      MessageLive live,
      @Nullable OmikronId sender,
      @Nullable DirectMessageEvent event,
      @Nullable Throwable e) {
    synchronized (this) {
      inboundWaiting--;
    }
    DirectMessageEvent ev =
        event != null
            ? event
            : new UndecryptableMessage(
                sender,
                false,
                orEmpty(live.message()),
                "internal error: " + describe(e),
                live.sendTime(),
                null,
                envelope.id());
    if (ev instanceof DirectMessage) {
      DirectMessage dm = (DirectMessage) ev;
      dispatch.emit(ctx, null, dm, l -> l.onDirectMessage(dm, envelope));
    } else {
      UndecryptableMessage um = (UndecryptableMessage) ev;
      dispatch.emit(ctx, null, um, l -> l.onUndecryptableMessage(um, envelope));
    }
    return null;
  }

  CompletableFuture<List<DirectMessageEvent>> history(OmikronId partner, long offset, long amount) {
    return session
        .request(
            MessageType.MESSAGES_GET,
            new MessagesGet(partner, offset, amount, OmikronData.EMPTY).toData(),
            m -> Messages.from(m.data()))
        .thenCompose(
            page -> {
              List<CompletableFuture<DirectMessageEvent>> items = new ArrayList<>();
              for (StoredMessage s : page.messages()) {
                items.add(
                    open(
                        partner,
                        Boolean.TRUE.equals(s.sentBySelf()),
                        s.content(),
                        s.timestamp(),
                        s.messageState(),
                        null));
              }
              return CompletableFuture.allOf(items.toArray(new CompletableFuture<?>[0]))
                  .thenApply(
                      v -> {
                        List<DirectMessageEvent> out = new ArrayList<>(items.size());
                        for (CompletableFuture<DirectMessageEvent> f : items) {
                          out.add(f.join());
                        }
                        return java.util.Collections.unmodifiableList(out);
                      });
            });
  }

  /** Opens one content; the future never fails. */
  @SuppressWarnings("FutureReturnValueIgnored") // handle(..) yields a future that is composed
  private CompletableFuture<DirectMessageEvent> open(
      @Nullable OmikronId partner,
      boolean own,
      @Nullable String content,
      @Nullable Long time,
      @Nullable MessageState state,
      @Nullable String id) {
    if (content == null) {
      return done(
          new UndecryptableMessage(
              partner, own, "", "the message has no content", time, state, id));
    }
    if (partner == null) {
      return plainOr(
          content,
          own,
          time,
          state,
          id,
          null,
          "the message names no sender, so there is no key to try");
    }
    return keys.get(partner)
        .handle(
            (k, e) -> {
              if (e != null) {
                return plainOr(
                    content,
                    own,
                    time,
                    state,
                    id,
                    partner,
                    "the sender's public key is unavailable: " + describe(e));
              }
              MessageDecryption.Outcome o = MessageDecryption.open(k.secret(), content, scheme);
              if (o.isDecrypted() || o.malformed()) {
                return done(event(o, partner, own, content, time, state, id));
              }
              // Keys rotate (change_user_data): fetch the partner's key again, once.
              return keys.refresh(partner, k)
                  .handle(
                      (fresh, e2) -> {
                        if (e2 != null || fresh == k) {
                          return event(o, partner, own, content, time, state, id);
                        }
                        return event(
                            MessageDecryption.open(fresh.secret(), content, scheme),
                            partner,
                            own,
                            content,
                            time,
                            state,
                            id);
                      });
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<DirectMessageEvent> plainOr(
      String content,
      boolean own,
      @Nullable Long time,
      @Nullable MessageState state,
      @Nullable String id,
      @Nullable OmikronId partner,
      String reason) {
    if (scheme == MessageScheme.PLAIN) {
      return done(
          new DirectMessage(partner, own, content, MessageScheme.PLAIN, time, state, id, content));
    }
    return done(new UndecryptableMessage(partner, own, content, reason, time, state, id));
  }

  private static DirectMessageEvent event(
      MessageDecryption.Outcome o,
      OmikronId partner,
      boolean own,
      String content,
      @Nullable Long time,
      @Nullable MessageState state,
      @Nullable String id) {
    String text = o.text();
    MessageScheme by = o.scheme();
    if (text != null && by != null) { // decrypted
      return new DirectMessage(partner, own, text, by, time, state, id, content);
    }
    String reason = o.reason();
    return new UndecryptableMessage(
        partner, own, content, reason == null ? "no scheme opened it" : reason, time, state, id);
  }

  private static CompletableFuture<DirectMessageEvent> done(DirectMessageEvent e) {
    return CompletableFuture.completedFuture(e);
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private static String describe(@Nullable Throwable e) {
    if (e == null) {
      return "unknown";
    }
    Throwable c = unwrap(e);
    String message = c.getMessage();
    return c.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}

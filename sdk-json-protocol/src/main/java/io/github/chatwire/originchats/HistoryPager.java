package io.github.chatwire.originchats;

import io.github.chatwire.core.internal.Futures;
import io.github.chatwire.originchats.model.Message;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Walks a channel's or thread's history backwards, page by page, each message once. The first page
 * is the newest ({@code messages_get start 0}); later pages are anchored on the oldest message
 * seen, with {@code messages_around {above: 0, below: n}} when the server's capabilities list it,
 * else integer offsets ({@code messages_get start = messages seen}). The crashing string-{@code
 * start} form of messages_get is never used. Messages already returned are skipped, so deletions
 * and new messages never produce duplicates. If the anchor was deleted meanwhile, the next older
 * message of the previous page serves as the anchor (integer offsets, which deletions shift, are
 * the last resort).
 *
 * <p>Not thread-safe: call {@link #next()} again only after the previous future completed.
 */
public final class HistoryPager {
  private static final int MAX_ANCHOR_TRIES = 5;

  private final OriginChatsClient client;
  private final Target target;
  private final int pageSize;
  private final Set<String> seen = new HashSet<>();
  private List<String> anchors = Collections.emptyList();
  private int loaded;
  private boolean done;

  HistoryPager(OriginChatsClient client, Target target, int pageSize) {
    if (pageSize < 1 || pageSize > 200) {
      throw new IllegalArgumentException("pageSize must be within 1..200");
    }
    this.client = client;
    this.target = Objects.requireNonNull(target, "target");
    this.pageSize = pageSize;
  }

  /**
   * Whether more pages may exist.
   *
   * @return false once the start of the history was reached
   */
  public boolean hasMore() {
    return !done;
  }

  /**
   * Fetches the next older page.
   *
   * @return the page, oldest first; empty when the history is exhausted; fails like the underlying
   *     request (timeout, server error)
   */
  public CompletableFuture<List<Message>> next() {
    if (done) {
      return CompletableFuture.completedFuture(Collections.<Message>emptyList());
    }
    if (anchors.isEmpty()) {
      return client.messages(target, 0, pageSize).thenApply(l -> accept(l.messages(), null));
    }
    if (!client.supports("messages_around")) {
      return offsetPage();
    }
    return anchoredPage(0);
  }

  private CompletableFuture<List<Message>> offsetPage() {
    return client.messages(target, loaded, pageSize).thenApply(l -> accept(l.messages(), null));
  }

  @SuppressWarnings("FutureReturnValueIgnored") // handle(..) yields a future that is composed
  private CompletableFuture<List<Message>> anchoredPage(int attempt) {
    String anchor = anchors.get(attempt);
    CompletableFuture<ServerFrame.MessageList> page =
        client.messagesAround(target, anchor, 0, pageSize);
    return page.handle(
            (list, err) -> {
              if (err == null) {
                return CompletableFuture.completedFuture(accept(list.messages(), anchor));
              }
              Throwable cause =
                  err instanceof CompletionException && err.getCause() != null
                      ? err.getCause()
                      : err;
              if (!(cause instanceof OriginChatsServerException)) {
                return Futures.<List<Message>>failed(cause);
              }
              if (attempt + 1 < anchors.size() && attempt + 1 < MAX_ANCHOR_TRIES) {
                return anchoredPage(
                    attempt + 1); // the anchor is gone; try the next older one we know
              }
              return offsetPage();
            })
        .thenCompose(f -> f);
  }

  private List<Message> accept(List<Message> messages, @Nullable String anchor) {
    int older = messages.size();
    if (anchor != null) {
      older = 0;
      while (older < messages.size() && !anchor.equals(messages.get(older).id())) {
        older++;
      }
    }
    List<Message> fresh = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Message m : messages) {
      if (m.id() == null) {
        continue;
      }
      ids.add(m.id());
      if (seen.add(m.id())) {
        fresh.add(m);
      }
    }
    loaded += fresh.size();
    if (!ids.isEmpty()) {
      anchors = ids; // ascending: the oldest first, the next ones as fallbacks
    }
    if (older < pageSize || fresh.isEmpty()) {
      done = true;
    }
    return Collections.unmodifiableList(fresh);
  }
}

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

/**
 * Walks a channel's or thread's history backwards, page by page, each message once. The first page
 * is the newest ({@code messages_get start 0}); later pages are anchored on the oldest message seen,
 * with {@code messages_around {above: 0, below: n}} when the server's capabilities list it, else
 * integer offsets ({@code messages_get start = messages seen}). The crashing string-{@code start}
 * form of messages_get is never used. Messages already returned are skipped, so deletions and new
 * messages never produce duplicates (integer offsets may still skip a message that moved).
 *
 * <p>Not thread-safe: call {@link #next()} again only after the previous future completed.
 */
public final class HistoryPager {
    private final OriginChatsClient client;
    private final Target target;
    private final int pageSize;
    private final Set<String> seen = new HashSet<>();
    private String oldestId;
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
     * @return false once a page came back short or empty
     */
    public boolean hasMore() {
        return !done;
    }

    /**
     * Fetches the next older page.
     *
     * @return the page, oldest first; empty when the history is exhausted; fails like the
     *     underlying request (timeout, server error)
     */
    public CompletableFuture<List<Message>> next() {
        if (done) {
            return CompletableFuture.completedFuture(Collections.<Message>emptyList());
        }
        CompletableFuture<ServerFrame.MessageList> page;
        boolean anchored = oldestId != null && client.supports("messages_around");
        if (oldestId == null) {
            page = client.messages(target, 0, pageSize);
        } else if (anchored) {
            page = client.messagesAround(target, oldestId, 0, pageSize);
        } else {
            page = client.messages(target, loaded, pageSize);
        }
        if (page == null) {
            return Futures.failed(new IllegalStateException("no request"));
        }
        return page.thenApply(list -> accept(list.messages(), anchored));
    }

    private List<Message> accept(List<Message> messages, boolean anchored) {
        int older = anchored ? messages.size() - 1 : messages.size(); // the anchor comes back too
        List<Message> fresh = new ArrayList<>();
        for (Message m : messages) {
            if (m.id() != null && seen.add(m.id())) {
                fresh.add(m);
            }
        }
        loaded += messages.size() - (anchored ? 1 : 0);
        if (!messages.isEmpty() && messages.get(0).id() != null) {
            oldestId = messages.get(0).id();
        }
        if (older < pageSize || fresh.isEmpty()) {
            done = true;
        }
        return Collections.unmodifiableList(fresh);
    }
}

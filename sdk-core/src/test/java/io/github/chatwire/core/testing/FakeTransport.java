package io.github.chatwire.core.testing;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory transport: the test plays the server by driving each session's listener. */
public final class FakeTransport implements Transport {
    public final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    public volatile RuntimeException failOpen;

    @Override
    public TransportSession open(ChatwireRuntime runtime, TransportListener listener) {
        if (failOpen != null) {
            throw failOpen;
        }
        FakeSession s = new FakeSession(listener);
        sessions.add(s);
        return s;
    }

    @Override
    public String describe() {
        return "fake://server";
    }

    public FakeSession last() {
        return sessions.get(sessions.size() - 1);
    }

    public static final class FakeSession implements TransportSession {
        public final TransportListener listener;
        public final List<String> sent = new ArrayList<>();
        public volatile boolean refuseSends;
        public volatile Integer closedWith;
        public volatile boolean cancelled;
        /** Like OkHttp's outbound buffer: a message larger than this is refused. */
        public volatile long bufferBytes = Long.MAX_VALUE;
        /** Bytes "still being written", as the test says; refuses what would overflow bufferBytes. */
        public volatile long queuedBytes;

        FakeSession(TransportListener listener) {
            this.listener = listener;
        }

        @Override
        public synchronized boolean sendText(String text) {
            if (refuseSends || closedWith != null || queuedBytes + text.length() > bufferBytes) {
                return false;
            }
            sent.add(text);
            return true;
        }

        @Override
        public synchronized boolean sendBinary(byte[] bytes) {
            if (queuedBytes + bytes.length > bufferBytes) {
                return false;
            }
            return sendText("bin:" + bytes.length);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public long queuedBytes() {
            return queuedBytes;
        }

        @Override
        public long maxQueuedBytes() {
            return bufferBytes;
        }

        public synchronized List<String> sent() {
            return new ArrayList<>(sent);
        }

        public void open() {
            listener.onOpen();
        }

        public void receive(String text) {
            listener.onText(text);
        }

        public void serverClose(int code, String reason) {
            listener.onClosed(code, reason);
        }

        public void fail(ChatwireException e) {
            listener.onFailure(e);
        }
    }
}

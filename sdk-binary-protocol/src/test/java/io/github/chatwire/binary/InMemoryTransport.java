package io.github.chatwire.binary;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import java.util.ArrayList;
import java.util.List;

/** A transport whose sessions the test drives by hand: it opens them, feeds messages, closes them. */
final class InMemoryTransport implements Transport {
    final List<Session> sessions = new ArrayList<>();

    @Override
    public synchronized TransportSession open(ChatwireRuntime runtime, TransportListener listener) {
        Session s = new Session(listener);
        sessions.add(s);
        return s;
    }

    synchronized Session last() {
        return sessions.get(sessions.size() - 1);
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    static final class Session implements TransportSession {
        final TransportListener listener;
        final List<byte[]> sent = new ArrayList<>();
        final List<Long> sentAtNanos = new ArrayList<>();
        java.util.function.LongSupplier clock = () -> 0L;
        int closedWith = -1;

        Session(TransportListener listener) {
            this.listener = listener;
        }

        @Override
        public boolean sendText(String text) {
            throw new AssertionError("the binary client sent text");
        }

        @Override
        public synchronized boolean sendBinary(byte[] bytes) {
            if (closedWith >= 0) {
                return false;
            }
            sent.add(bytes.clone());
            sentAtNanos.add(clock.getAsLong());
            return true;
        }

        @Override
        public synchronized void close(int code, String reason) {
            if (closedWith < 0) {
                closedWith = code;
            }
        }

        @Override
        public synchronized void cancel() {
            closedWith = 1006;
        }

        void serverCloses(int code, String reason) {
            listener.onClosed(code, reason);
        }
    }
}

package io.github.chatwire.tauri;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory transport: the test plays the server by driving each session's listener. */
final class FakeTransport implements Transport {
    final List<Session> sessions = new CopyOnWriteArrayList<>();

    @Override
    public TransportSession open(ChatwireRuntime runtime, TransportListener listener) {
        Session s = new Session(listener);
        sessions.add(s);
        return s;
    }

    @Override
    public String describe() {
        return "fake";
    }

    Session last() {
        return sessions.get(sessions.size() - 1);
    }

    static final class Session implements TransportSession {
        final TransportListener listener;
        final List<String> sent = new ArrayList<>();
        Integer closedWith;

        Session(TransportListener listener) {
            this.listener = listener;
        }

        @Override
        public synchronized boolean sendText(String text) {
            if (closedWith != null) {
                return false;
            }
            sent.add(text);
            return true;
        }

        @Override
        public boolean sendBinary(byte[] bytes) {
            return false;
        }

        @Override
        public synchronized void close(int code, String reason) {
            if (closedWith == null) {
                closedWith = code;
            }
        }

        @Override
        public void cancel() {
            close(1001, "cancel");
        }

        synchronized List<String> sent() {
            return new ArrayList<>(sent);
        }
    }
}

package io.github.chatwire.omikron;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** An in-memory transport the test plays the server on; everything runs on the test's thread. */
final class ScriptedTransport implements Transport {
    final ArrayDeque<String> sent = new ArrayDeque<>();
    final List<int[]> closes = new ArrayList<>();
    TransportListener listener;
    int opens;
    boolean open;

    @Override
    public TransportSession open(ChatwireRuntime runtime, TransportListener l) {
        listener = l;
        opens++;
        open = true;
        return new TransportSession() {
            @Override
            public boolean sendText(String text) {
                if (!open) {
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
            public void close(int code, String reason) {
                if (open) {
                    open = false;
                    closes.add(new int[] {code});
                    l.onClosed(code, reason == null ? "" : reason);
                }
            }

            @Override
            public void cancel() {
                open = false;
            }
        };
    }

    @Override
    public String describe() {
        return "scripted";
    }

    void accept() {
        listener.onOpen();
    }

    void serverSends(String json) {
        listener.onText(json);
    }

    void serverCloses(int code) {
        open = false;
        listener.onClosed(code, "");
    }

    OmikronMessage next() {
        String s = sent.poll();
        if (s == null) {
            throw new AssertionError("nothing was sent");
        }
        return OmikronCodec.decode(s);
    }
}

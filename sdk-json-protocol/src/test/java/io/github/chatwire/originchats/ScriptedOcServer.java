package io.github.chatwire.originchats;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import io.github.chatwire.originchats.codec.OcJson;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * An in-memory transport on which the test plays the OriginChats server, frame by frame; all on
 * the test's thread. Frames the client sends are parsed back into JSON objects.
 */
final class ScriptedOcServer implements Transport {
    static final String HANDSHAKE_CRACKED = handshake("cracked", "originChats-key-1");

    final ArrayDeque<Map<String, Object>> sent = new ArrayDeque<>();
    TransportListener listener;
    int opens;
    boolean open;

    static String handshake(String authMode, String validatorKey) {
        return "{\"cmd\":\"handshake\",\"val\":{\"server\":{\"name\":\"scripted\"},\"limits\":{\"post_content\":2000},"
                + "\"version\":\"1.1.0\",\"validator_key\":\"" + validatorKey + "\",\"auth_mode\":\"" + authMode
                + "\",\"capabilities\":[\"auth\",\"channels_get\",\"message_new\",\"users_online\",\"slash_call\"]}}";
    }

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
                sent.add(OcJson.parseObject(text));
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

    /** The WebSocket opens and the server greets with a handshake. */
    void accept(String handshake) {
        listener.onOpen();
        listener.onText(handshake);
    }

    void serverSends(String json) {
        listener.onText(json);
    }

    void serverCloses(int code) {
        open = false;
        listener.onClosed(code, "");
    }

    /** The next frame the client sent, which must have this cmd. */
    Map<String, Object> next(String cmd) {
        Map<String, Object> f = sent.poll();
        if (f == null) {
            throw new AssertionError("the client sent nothing; expected " + cmd);
        }
        if (!cmd.equals(f.get("cmd"))) {
            throw new AssertionError("expected " + cmd + " but the client sent " + f.get("cmd"));
        }
        return f;
    }

    /** Answers a password login with the reference's sequence: auth_success, then ready. */
    void loginSucceeds(String username) {
        serverSends("{\"cmd\":\"auth_success\",\"val\":\"Authentication successful\"}");
        serverSends("{\"cmd\":\"ready\",\"user\":{\"username\":\"" + username + "\",\"roles\":[\"user\"]},"
                + "\"validator\":\"tok\"}");
    }

    /** Answers the re-sync requests (channels_get, users_online) the client sends after every login. */
    void answerResync() {
        Map<String, Object> c = next("channels_get");
        serverSends("{\"cmd\":\"channels_get\",\"val\":[{\"name\":\"general\",\"type\":\"text\"}],\"listener\":\""
                + c.get("listener") + "\"}");
        Map<String, Object> u = next("users_online");
        serverSends("{\"cmd\":\"users_online\",\"users\":[],\"listener\":\"" + u.get("listener") + "\"}");
    }

    static String listener(Map<String, Object> frame) {
        return (String) frame.get("listener");
    }
}

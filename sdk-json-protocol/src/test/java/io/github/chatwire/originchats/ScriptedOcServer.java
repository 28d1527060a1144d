package io.github.chatwire.originchats;

import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.originchats.codec.OcJson;
import java.util.Map;

/**
 * sdk-core's {@link ScriptedTransport} with OriginChats script helpers: the test plays the server
 * frame by frame, on its own thread, and reads back what the client sent as JSON objects. A client
 * close ends the session at once; OriginChats speaks text only.
 */
final class ScriptedOcServer extends ScriptedTransport {
  static final String HANDSHAKE_CRACKED = handshake("cracked", "originChats-key-1");

  ScriptedOcServer() {
    completeClosesAtOnce().textOnly();
  }

  static String handshake(String authMode, String validatorKey) {
    return "{\"cmd\":\"handshake\",\"val\":{\"server\":{\"name\":\"scripted\"},\"limits\":{\"post_content\":2000},"
        + "\"version\":\"1.1.0\",\"validator_key\":\""
        + validatorKey
        + "\",\"auth_mode\":\""
        + authMode
        + "\",\"capabilities\":[\"auth\",\"channels_get\",\"message_new\",\"users_online\",\"slash_call\"]}}";
  }

  /** The WebSocket opens and the server greets with a handshake. */
  void accept(String handshake) {
    accept();
    serverSends(handshake);
  }

  /** The next frame the client sent, which must have this cmd. */
  Map<String, Object> next(String cmd) {
    String raw = unread().poll();
    if (raw == null) {
      throw new AssertionError("the client sent nothing; expected " + cmd);
    }
    Map<String, Object> f = OcJson.parseObject(raw);
    if (!cmd.equals(f.get("cmd"))) {
      throw new AssertionError("expected " + cmd + " but the client sent " + f.get("cmd"));
    }
    return f;
  }

  /** Answers a password login with the reference's sequence: auth_success, then ready. */
  void loginSucceeds(String username) {
    serverSends("{\"cmd\":\"auth_success\",\"val\":\"Authentication successful\"}");
    serverSends(
        "{\"cmd\":\"ready\",\"user\":{\"username\":\""
            + username
            + "\",\"roles\":[\"user\"]},"
            + "\"validator\":\"tok\"}");
  }

  /**
   * Answers the re-sync requests (channels_get, users_online) the client sends after every login.
   */
  void answerResync() {
    Map<String, Object> c = next("channels_get");
    serverSends(
        "{\"cmd\":\"channels_get\",\"val\":[{\"name\":\"general\",\"type\":\"text\"}],\"listener\":\""
            + c.get("listener")
            + "\"}");
    Map<String, Object> u = next("users_online");
    serverSends(
        "{\"cmd\":\"users_online\",\"users\":[],\"listener\":\"" + u.get("listener") + "\"}");
  }

  static String listener(Map<String, Object> frame) {
    return (String) frame.get("listener");
  }
}

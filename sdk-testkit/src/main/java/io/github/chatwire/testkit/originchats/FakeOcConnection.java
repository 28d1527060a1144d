package io.github.chatwire.testkit.originchats;

import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.originchats.codec.OcJson;
import java.util.Map;
import okhttp3.WebSocket;
import org.jspecify.annotations.Nullable;

/** One WebSocket of the fake, and who is logged in on it. Guarded by the state's lock. */
final class FakeOcConnection {
  final String id;
  final WebSocket ws;
  final String validatorKey;

  /** The logged-in user's id; null before login. */
  @Nullable String userId;

  /** The logged-in user's name; null before login. */
  @Nullable String username;

  boolean cracked;
  Cancellable ping = Cancellable.NONE;

  FakeOcConnection(String id, WebSocket ws, String validatorKey) {
    this.id = id;
    this.ws = ws;
    this.validatorKey = validatorKey;
  }

  boolean authed() {
    return userId != null;
  }

  /** The logged-in user's id, for the commands of a logged-in socket. */
  String userId() {
    String id = userId;
    if (id == null) {
      throw new IllegalStateException("connection " + this.id + " is not logged in");
    }
    return id;
  }

  /** The logged-in user's name, for the commands of a logged-in socket. */
  String username() {
    String name = username;
    if (name == null) {
      throw new IllegalStateException("connection " + id + " is not logged in");
    }
    return name;
  }

  void send(Map<String, Object> frame) {
    ws.send(OcJson.write(frame));
  }
}

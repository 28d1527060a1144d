package io.github.chatwire.testkit.originchats;

import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.originchats.codec.OcJson;
import java.util.Map;
import okhttp3.WebSocket;

/** One WebSocket of the fake, and who is logged in on it. Guarded by the state's lock. */
final class FakeOcConnection {
  final String id;
  final WebSocket ws;
  final String validatorKey;
  String userId;
  String username;
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

  void send(Map<String, Object> frame) {
    ws.send(OcJson.write(frame));
  }
}

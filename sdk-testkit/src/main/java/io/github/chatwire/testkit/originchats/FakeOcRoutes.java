package io.github.chatwire.testkit.originchats;

import io.github.chatwire.originchats.codec.OcJson;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * The fake's HTTP routes on the WebSocket port: the upgrade on {@code /}, the Rotur routes ({@code
 * /generate_validator}, {@code /validate}), attachment upload and download, {@code /info}.
 */
final class FakeOcRoutes {
  private final FakeOcState state;
  private final Supplier<WebSocketListener> upgrade;

  FakeOcRoutes(FakeOcState state, Supplier<WebSocketListener> upgrade) {
    this.state = state;
    this.upgrade = upgrade;
  }

  MockResponse route(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    String path = url == null ? "/" : url.encodedPath();
    String method = request.getMethod();
    if ("GET".equals(method)
        && "/".equals(path)
        && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      return new MockResponse().withWebSocketUpgrade(upgrade.get());
    }
    synchronized (state.lock) {
      if ("GET".equals(method) && "/generate_validator".equals(path)) {
        return generateValidator(request, url);
      }
      if ("GET".equals(method) && "/validate".equals(path)) {
        String[] v = state.validators.get(url.queryParameter("v"));
        Map<String, Object> body = new LinkedHashMap<>();
        if (v != null && v[0].equals(url.queryParameter("key"))) {
          body.put("valid", true);
          body.put("username", v[2]);
          body.put("id", v[1]);
        } else {
          body.put("valid", false);
          body.put("error", "Invalid validator");
        }
        return json(200, body);
      }
      if ("POST".equals(method) && "/attachments/upload".equals(path)) {
        return upload(request);
      }
      if ("GET".equals(method) && path.startsWith("/attachments/")) {
        String id = path.substring("/attachments/".length());
        byte[] data = state.attachmentData.get(id);
        Map<String, Object> attachment = state.attachments.get(id);
        if (data == null || attachment == null) {
          return json(404, Collections.singletonMap("error", "Attachment not found"));
        }
        return new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", String.valueOf(attachment.get("mime_type")))
            .setBody(new Buffer().write(data));
      }
      if ("GET".equals(method) && "/info".equals(path)) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server", state.serverInfo());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("connected_users", state.conns.size());
        stats.put("total_channels", state.channels.size());
        body.put("stats", stats);
        return json(200, body);
      }
    }
    return json(404, Collections.singletonMap("error", "Not found"));
  }

  private MockResponse generateValidator(RecordedRequest request, HttpUrl url) {
    String auth = request.getHeader("Authorization");
    String token =
        auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : url.queryParameter("auth");
    String key = url.queryParameter("key");
    String[] user = token == null ? null : state.roturTokens.get(token);
    if (key == null) {
      return json(400, Collections.singletonMap("error", "key is required"));
    }
    if (user == null) {
      return json(401, Collections.singletonMap("error", "Invalid token"));
    }
    String validator = user[0] + "," + state.randomHex(32);
    state.validators.put(validator, new String[] {key, user[0], user[1]});
    return json(200, Collections.singletonMap("validator", validator));
  }

  private MockResponse upload(RecordedRequest request) {
    Map<String, Object> body;
    try {
      body = OcJson.parseObject(request.getBody().readUtf8());
    } catch (RuntimeException e) {
      return json(400, Collections.singletonMap("error", "Invalid JSON"));
    }
    String[] v = state.validators.get(String.valueOf(body.get("validator")));
    if (v == null || !v[0].equals(body.get("validator_key"))) {
      return json(401, Collections.singletonMap("error", "Invalid authentication"));
    }
    if (!state.channels.containsKey(String.valueOf(body.get("channel")))) {
      return json(404, Collections.singletonMap("error", "Channel not found"));
    }
    String file = String.valueOf(body.get("file"));
    int comma = file.startsWith("data:") ? file.indexOf(',') : -1;
    byte[] data;
    try {
      data = Base64.getDecoder().decode(file.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      return json(400, Collections.singletonMap("error", "Invalid file data"));
    }
    String id = UUID.randomUUID().toString();
    Map<String, Object> att = new LinkedHashMap<>();
    att.put("id", id);
    att.put("name", body.get("name"));
    att.put("mime_type", body.get("mime_type"));
    att.put("size", data.length);
    att.put("url", state.httpUrl() + "/attachments/" + id);
    att.put("expires_at", state.scheduler.currentTimeMillis() / 1000.0 + 49 * 86400);
    att.put("permanent", false);
    att.put("uploader", v[1]);
    state.attachments.put(id, att);
    state.attachmentData.put(id, data);
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("attachment", publicAttachment(att));
    reply.put("permanent", false);
    return json(201, reply);
  }

  static Map<String, Object> publicAttachment(Map<String, Object> att) {
    Map<String, Object> copy = new LinkedHashMap<>(att);
    copy.remove("uploader");
    return copy;
  }

  private static MockResponse json(int code, Object body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(OcJson.write(body));
  }

  // ------------------------------------------------------------------ WebSocket
}

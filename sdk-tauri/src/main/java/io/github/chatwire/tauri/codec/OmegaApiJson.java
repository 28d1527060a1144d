package io.github.chatwire.tauri.codec;

import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.ServerErrorException;
import io.github.chatwire.core.internal.json.JsonCursor;
import io.github.chatwire.core.internal.json.JsonFormatException;
import io.github.chatwire.core.internal.json.JsonNames;
import io.github.chatwire.tauri.model.OnlineStatus;
import io.github.chatwire.tauri.model.PendingNotification;
import io.github.chatwire.tauri.model.UserProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Parses the JSON bodies of Omega's notification HTTP API. Lenient where the spec is vague: numbers
 * may come as JSON numbers or numeric strings, a notification's sender may be named {@code
 * sender_id} or {@code sender} (as in Omega's public Omikron messages), unknown fields are ignored.
 * A body whose {@code status} is present and not {@code success} is a server error.
 *
 * <p>The JSON rules are those of every chatwire decoder (sdk-core's shared cursor): strict JSON, at
 * most {@link JsonCursor#MAX_DEPTH} levels of nesting, numbers kept as their literal (a field read
 * as an integer must fit 64 bits), a repeated name keeps its first value, nothing but white space
 * after the body, text kept exactly as received. Error messages name the offset, never the content.
 *
 * <p>Pure and thread-safe.
 */
public final class OmegaApiJson {
  private static final JsonNames PROFILE =
      JsonNames.of(
          "status",
          "user_id",
          "username",
          "display",
          "public_key",
          "iota_id",
          "online_status",
          "sub_level",
          "sub_end",
          "about",
          "avatar",
          "status_message",
          "message",
          "error");
  private static final JsonNames LIST = JsonNames.of("status", "notifications", "message", "error");
  private static final JsonNames ENTRY = JsonNames.of("sender_id", "sender", "amount");
  private static final JsonNames STATUS = JsonNames.of("status", "message", "error");

  private OmegaApiJson() {}

  /**
   * Parses a user profile.
   *
   * @param json the response body; never null
   * @return the profile; never null
   * @throws ProtocolException if the body is malformed or lacks {@code user_id}
   * @throws ServerErrorException if {@code status} is not {@code success}
   */
  public static UserProfile parseProfile(String json) {
    String[] v = fields(json, PROFILE);
    checkStatus(v[0], v[12], v[13]);
    if (v[1] == null) {
      throw new ProtocolException("profile has no user_id");
    }
    return new UserProfile(
        number("user_id", v[1]),
        nz(v[2]),
        nz(v[3]),
        nz(v[4]),
        v[5] == null ? 0 : number("iota_id", v[5]),
        new OnlineStatus(nz(v[6])),
        v[7] == null ? 0 : number("sub_level", v[7]),
        v[8] == null ? 0 : number("sub_end", v[8]),
        v[9],
        v[10],
        v[11]);
  }

  /**
   * Parses a list of pending notifications.
   *
   * @param json the response body; never null
   * @return the notifications, unmodifiable; never null
   * @throws ProtocolException if the body is malformed
   * @throws ServerErrorException if {@code status} is not {@code success}
   */
  public static List<PendingNotification> parseNotifications(String json) {
    String[] v = new String[LIST.size()];
    List<PendingNotification> out = new ArrayList<>();
    JsonCursor c = open(json);
    try {
      int seen = 0;
      while (c.hasMember()) {
        int i = c.name(LIST);
        if (i < 0 || (seen & (1 << i)) != 0) {
          c.skipValue(); // unknown, or repeated: the first value counts
          continue;
        }
        seen |= 1 << i;
        if (i != 1) {
          v[i] = TauriJson.text(c);
        } else if (!c.nextIsNull()) {
          c.beginArray();
          while (c.hasElement()) {
            out.add(entry(c));
          }
        }
      }
      c.end();
    } catch (JsonFormatException e) {
      throw malformed(e);
    }
    checkStatus(v[0], v[2], v[3]);
    return Collections.unmodifiableList(out);
  }

  /**
   * Checks a plain {@code {"status":"success"}} reply. An empty body counts as success.
   *
   * @param json the response body; never null
   * @throws ProtocolException if the body is malformed
   * @throws ServerErrorException if {@code status} is not {@code success}
   */
  public static void parseStatus(String json) {
    if (json.trim().isEmpty()) {
      return;
    }
    String[] v = fields(json, STATUS);
    checkStatus(v[0], v[1], v[2]);
  }

  /** Reads a flat object's scalar fields by index; anything else is skipped. */
  private static String[] fields(String json, JsonNames names) {
    String[] v = new String[names.size()];
    boolean[] seen = new boolean[v.length];
    JsonCursor c = open(json);
    try {
      while (c.hasMember()) {
        int i = c.name(names);
        if (i < 0 || seen[i]) {
          c.skipValue(); // unknown, or repeated: the first value counts
        } else {
          v[i] = TauriJson.text(c);
          seen[i] = true;
        }
      }
      c.end();
    } catch (JsonFormatException e) {
      throw malformed(e);
    }
    return v;
  }

  private static PendingNotification entry(JsonCursor c) {
    String sender = null;
    String amount = null;
    int seen = 0;
    c.beginObject();
    while (c.hasMember()) {
      int i = c.name(ENTRY);
      if (i < 0 || (seen & (1 << i)) != 0) {
        c.skipValue();
        continue;
      }
      seen |= 1 << i;
      if (i == 2) {
        amount = TauriJson.text(c);
      } else {
        sender = TauriJson.text(c); // sender_id or sender: the later of the two, as before
      }
    }
    if (sender == null) {
      throw new ProtocolException("notification has no sender_id");
    }
    return new PendingNotification(
        number("sender_id", sender), amount == null ? 0 : number("amount", amount));
  }

  /** A cursor inside the body's object, which must be one. */
  private static JsonCursor open(String json) {
    JsonCursor c = new JsonCursor(Objects.requireNonNull(json, "json")).keepAnyNumber();
    try {
      if (c.peek() != JsonCursor.OBJECT) {
        throw new ProtocolException("Omega API response is not a JSON object");
      }
      c.beginObject();
    } catch (JsonFormatException e) {
      throw malformed(e);
    }
    return c;
  }

  private static void checkStatus(
      @Nullable String status, @Nullable String message, @Nullable String error) {
    if (status != null && !"success".equals(status)) {
      String detail = message != null ? message : error != null ? error : status;
      throw new ServerErrorException(
          status, "Omega API answered status '" + status + "': " + detail, false);
    }
  }

  private static long number(String field, String text) {
    try {
      return TauriJson.integer(text);
    } catch (NumberFormatException e) {
      throw new ProtocolException(field + " is not an integer");
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static ProtocolException malformed(JsonFormatException e) {
    return new ProtocolException("malformed Omega API response: " + e.getMessage(), e);
  }
}

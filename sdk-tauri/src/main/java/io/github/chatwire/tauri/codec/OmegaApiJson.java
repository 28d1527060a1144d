package io.github.chatwire.tauri.codec;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.ServerErrorException;
import io.github.chatwire.tauri.model.OnlineStatus;
import io.github.chatwire.tauri.model.PendingNotification;
import io.github.chatwire.tauri.model.UserProfile;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okio.Buffer;

/**
 * Parses the JSON bodies of Omega's notification HTTP API. Lenient where the spec is vague: numbers
 * may come as JSON numbers or numeric strings, a notification's sender may be named {@code
 * sender_id} or {@code sender} (as in Omega's public Omikron messages), unknown fields are ignored.
 * A body whose {@code status} is present and not {@code success} is a server error.
 *
 * <p>Pure and thread-safe.
 */
public final class OmegaApiJson {
  private static final JsonReader.Options PROFILE =
      JsonReader.Options.of(
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
  private static final JsonReader.Options LIST =
      JsonReader.Options.of("status", "notifications", "message", "error");
  private static final JsonReader.Options ENTRY =
      JsonReader.Options.of("sender_id", "sender", "amount");
  private static final JsonReader.Options STATUS =
      JsonReader.Options.of("status", "message", "error");

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
    String[] v = new String[PROFILE.strings().size()];
    boolean[] seen = new boolean[v.length];
    try {
      JsonReader r = open(json);
      r.beginObject();
      while (r.hasNext()) {
        int i = r.selectName(PROFILE);
        if (i < 0) {
          r.skipName();
          r.skipValue();
        } else {
          v[i] = scalar(r);
          seen[i] = true;
        }
      }
      r.endObject();
    } catch (IOException | JsonDataException e) {
      throw malformed(e);
    }
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
    String status = null;
    String message = null;
    String error = null;
    List<PendingNotification> out = new ArrayList<>();
    try {
      JsonReader r = open(json);
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(LIST)) {
          case 0:
            status = scalar(r);
            break;
          case 1:
            if (r.peek() == JsonReader.Token.NULL) {
              r.nextNull();
              break;
            }
            r.beginArray();
            while (r.hasNext()) {
              out.add(entry(r));
            }
            r.endArray();
            break;
          case 2:
            message = scalar(r);
            break;
          case 3:
            error = scalar(r);
            break;
          default:
            r.skipName();
            r.skipValue();
        }
      }
      r.endObject();
    } catch (IOException | JsonDataException e) {
      throw malformed(e);
    }
    checkStatus(status, message, error);
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
    String[] v = new String[3];
    try {
      JsonReader r = open(json);
      r.beginObject();
      while (r.hasNext()) {
        int i = r.selectName(STATUS);
        if (i < 0) {
          r.skipName();
          r.skipValue();
        } else {
          v[i] = scalar(r);
        }
      }
      r.endObject();
    } catch (IOException | JsonDataException e) {
      throw malformed(e);
    }
    checkStatus(v[0], v[1], v[2]);
  }

  private static PendingNotification entry(JsonReader r) throws IOException {
    String sender = null;
    String amount = null;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(ENTRY)) {
        case 0:
        case 1:
          sender = scalar(r);
          break;
        case 2:
          amount = scalar(r);
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    if (sender == null) {
      throw new ProtocolException("notification has no sender_id");
    }
    return new PendingNotification(
        number("sender_id", sender), amount == null ? 0 : number("amount", amount));
  }

  private static JsonReader open(String json) throws IOException {
    JsonReader r = JsonReader.of(new Buffer().writeUtf8(json));
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new ProtocolException("Omega API response is not a JSON object");
    }
    return r;
  }

  private static void checkStatus(String status, String message, String error) {
    if (status != null && !"success".equals(status)) {
      String detail = message != null ? message : error != null ? error : status;
      throw new ServerErrorException(
          status, "Omega API answered status '" + status + "': " + detail, false);
    }
  }

  private static String scalar(JsonReader r) throws IOException {
    switch (r.peek()) {
      case NULL:
        return r.nextNull();
      case BOOLEAN:
        return Boolean.toString(r.nextBoolean());
      case STRING:
      case NUMBER:
        return r.nextString();
      default:
        r.skipValue();
        return null;
    }
  }

  private static long number(String field, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      try {
        return new BigDecimal(text.trim()).longValueExact();
      } catch (NumberFormatException | ArithmeticException e2) {
        throw new ProtocolException(field + " is not an integer");
      }
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static ProtocolException malformed(Exception e) {
    if (e instanceof ProtocolException) {
      return (ProtocolException) e;
    }
    return new ProtocolException("malformed Omega API response: " + e.getMessage(), e);
  }
}

package io.github.chatwire.examples.omikron;

import io.github.chatwire.omikron.model.ClientChanged;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.JsonNumber;
import io.github.chatwire.omikron.model.MessageLive;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.OpenValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Omikron model objects into the plain field maps the tool prints ({@link
 * io.github.chatwire.examples.cli.Output}): ids as numbers (or text when not numeric), open
 * enumerations by their wire names, nested data as nested objects. Stateless.
 */
public final class OmikronFields {
  private OmikronFields() {}

  /**
   * A value as plain JSON material: maps, lists, strings, numbers, booleans, null.
   *
   * @param v any model value; may be null
   * @return the plain value
   */
  public static Object plain(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof OmikronData) {
      return plain(((OmikronData) v).asMap());
    }
    if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        m.put(String.valueOf(e.getKey()), plain(e.getValue()));
      }
      return m;
    }
    if (v instanceof Iterable) {
      List<Object> l = new ArrayList<>();
      for (Object o : (Iterable<?>) v) {
        l.add(plain(o));
      }
      return l;
    }
    if (v instanceof JsonNumber) {
      JsonNumber n = (JsonNumber) v;
      try {
        return n.longValueExact();
      } catch (ArithmeticException e) {
        return n.doubleValue();
      }
    }
    if (v instanceof OmikronId) {
      return id((OmikronId) v);
    }
    if (v instanceof OpenValue) {
      return ((OpenValue) v).wireName();
    }
    if (v instanceof Boolean || v instanceof Number || v instanceof String) {
      return v;
    }
    return String.valueOf(v);
  }

  /**
   * An id as printed: a number when numeric, else its text.
   *
   * @param id the id; may be null
   * @return the value, or null
   */
  public static Object id(OmikronId id) {
    if (id == null) {
      return null;
    }
    return id.isNumeric() ? (Object) id.asLong() : id.value();
  }

  /**
   * A message's data as fields, keys that would clash with the line's own ({@code event}, {@code
   * request}) prefixed with {@code data_}.
   *
   * @param data the data; never null
   * @return the fields
   */
  public static Map<String, Object> data(OmikronData data) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : data.asMap().entrySet()) {
      String k = e.getKey();
      out.put(k.equals("event") || k.equals("request") ? "data_" + k : k, plain(e.getValue()));
    }
    return out;
  }

  /**
   * A round trip in milliseconds with fractions.
   *
   * @param rtt the round trip; may be null
   * @return the milliseconds, or null
   */
  public static Double millis(Duration rtt) {
    return rtt == null ? null : rtt.toNanos() / 1_000_000.0;
  }

  /**
   * A {@code client_changed} event.
   *
   * @param c the change; never null
   * @return the fields
   */
  public static Map<String, Object> presence(ClientChanged c) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("user_id", id(c.userId()));
    f.put("user_state", plain(c.userState()));
    f.put("call_state", plain(c.callState()));
    return f;
  }

  /**
   * A {@code client_connected} event.
   *
   * @param c the event; never null
   * @return the fields
   */
  public static Map<String, Object> connected(ClientConnected c) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("user_id", id(c.userId()));
    f.put("user_state", plain(c.userState()));
    f.put("call_state", plain(c.callState()));
    return f;
  }

  /**
   * A {@code message_live} event.
   *
   * @param envelope the envelope; never null
   * @param m the message; never null
   * @return the fields
   */
  public static Map<String, Object> live(OmikronMessage envelope, MessageLive m) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", envelope.id());
    f.put("sender_id", id(m.senderId()));
    f.put("send_time", m.sendTime());
    f.put("message", m.message());
    return f;
  }

  /**
   * Any other message: its type, id, routing and data.
   *
   * @param m the message; never null
   * @return the fields
   */
  public static Map<String, Object> message(OmikronMessage m) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", m.type().wireName());
    f.put("id", m.id());
    f.put("sender", id(m.sender()));
    f.put("receiver", id(m.receiver()));
    f.put("data", data(m.data()));
    return f;
  }
}

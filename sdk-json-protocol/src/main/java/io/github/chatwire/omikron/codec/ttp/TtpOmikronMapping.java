package io.github.chatwire.omikron.codec.ttp;

import io.github.chatwire.omikron.model.JsonNumber;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The one place where TTP messages meet the Omikron model that the WebSocket protocol uses, so that
 * both protocols share {@link OmikronMessage}, {@link OmikronData} and the typed events built on
 * them.
 *
 * <ul>
 *   <li>Type: the TTP type number is a position in {@link TtpMessageTypes}; its name is the {@link
 *       MessageType}. An unknown number becomes the unknown type {@code ttp_type_<n>}, which maps
 *       back to the same number.
 *   <li>Id: the u32 message id is written as its decimal text ({@code "16909060"}); 0 (none)
 *       becomes a null id. To send, an id must be null or such a decimal in 1 to 2^32 - 1; {@link
 *       #newMessageId(Random)} makes one (random and non-zero, as the reference clients do).
 *   <li>Routing: the 48-bit sender and receiver become numeric {@link OmikronId}s; 0 becomes null.
 *   <li>Data: keys are positions in {@link TtpDataKeys}; an unknown key number becomes the key
 *       {@code ttp_key_<n>}. i64 becomes a {@link JsonNumber}, strings, booleans and null stay,
 *       arrays become lists and containers objects, at every depth. {@code last_ping} and {@code
 *       ping_iota} are one-element number arrays on the wire and one number in the model, as in the
 *       new client. When a key repeats, the later entry wins.
 *   <li>To send, each known key's value is encoded as its {@link TtpDataKeys#expectedKind expected
 *       kind} (a numeric string is accepted for an i64); entries are sorted by key number at every
 *       depth, as the reference encoders write them. JSON null is sent as a null value.
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class TtpOmikronMapping {
  private TtpOmikronMapping() {}

  // ---------------------------------------------------------------- TTP -> Omikron

  /**
   * The Omikron view of a decoded TTP message. Never fails: every TTP message has one.
   *
   * @param message the message; never null
   * @return the Omikron message; never null
   * @throws NullPointerException if {@code message} is null
   */
  public static OmikronMessage toOmikron(TtpMessage message) {
    Objects.requireNonNull(message, "message");
    String id = message.id() == 0 ? null : Long.toString(message.id());
    OmikronId sender = message.sender() == 0 ? null : OmikronId.of(message.sender());
    OmikronId receiver = message.receiver() == 0 ? null : OmikronId.of(message.receiver());
    OmikronData data = OmikronData.of(toMap(message.data()));
    return new OmikronMessage(
        id, MessageType.of(message.typeName()), sender, receiver, data, null, Map.of());
  }

  private static Map<String, @Nullable Object> toMap(TtpContainer container) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    for (TtpContainer.Entry e : container.entries()) {
      String name = TtpDataKeys.name(e.key());
      m.remove(name); // a later entry wins, and takes the later position
      TtpValue v = e.value();
      if (TtpDataKeys.isScalarArray(e.key())
          && v.kind() == TtpKind.ARRAY
          && v.asList().size() == 1
          && v.asList().get(0).kind() == TtpKind.INT64) {
        v = v.asList().get(0);
      }
      m.put(name, toJson(v));
    }
    return m;
  }

  private static @Nullable Object toJson(TtpValue v) {
    switch (v.kind()) {
      case BOOL:
        return v.asBoolean();
      case INT64:
        return JsonNumber.of(v.asLong());
      case STRING:
        return v.asString();
      case ARRAY:
        List<@Nullable Object> l = new ArrayList<>(v.asList().size());
        for (TtpValue e : v.asList()) {
          l.add(toJson(e));
        }
        return l;
      case CONTAINER:
        return toMap(v.asContainer());
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------- Omikron -> TTP

  /**
   * The TTP form of an Omikron message, to encode with {@link TtpCodec#encode}.
   *
   * @param message the message; never null
   * @return the TTP message; never null
   * @throws IllegalArgumentException if TTP cannot carry it: a type or data key TTP does not have
   *     (named in the message), an id that is not a decimal u32, a sender or receiver that is not a
   *     48-bit number, or a value that does not fit its key's kind; nothing is dropped silently
   * @throws NullPointerException if {@code message} is null
   */
  public static TtpMessage toTtp(OmikronMessage message) {
    Objects.requireNonNull(message, "message");
    int type = TtpMessageTypes.code(message.type().wireName());
    if (type < 0) {
      throw new IllegalArgumentException(
          "TTP has no message type '" + message.type().wireName() + "'");
    }
    return new TtpMessage(
        type,
        messageId(message.id()),
        routingId(message.sender(), "sender"),
        routingId(message.receiver(), "receiver"),
        container(message.data().asMap(), "data"));
  }

  /**
   * A fresh TTP message id: random, non-zero, as decimal text for {@link OmikronMessage#id()}. Like
   * the new client's ids it stays below {@code 0xFFFFFFFF}.
   *
   * @param random the source of randomness; never null
   * @return the id, 1 to 4,294,967,294 in decimal
   * @throws NullPointerException if {@code random} is null
   */
  public static String newMessageId(Random random) {
    Objects.requireNonNull(random, "random");
    long id;
    do {
      id = random.nextInt() & 0xFFFF_FFFFL;
    } while (id == 0 || id == TtpMessage.MAX_ID);
    return Long.toString(id);
  }

  private static long messageId(@Nullable String id) {
    if (id == null) {
      return 0;
    }
    long v = -1;
    if (!id.isEmpty() && id.length() <= 10) {
      v = 0;
      for (int i = 0; i < id.length() && v >= 0; i++) {
        char c = id.charAt(i);
        v = c >= '0' && c <= '9' ? v * 10 + (c - '0') : -1;
      }
    }
    if (v < 0 || v > TtpMessage.MAX_ID) {
      throw new IllegalArgumentException("a TTP message id is a decimal u32, not '" + id + "'");
    }
    return v;
  }

  private static long routingId(@Nullable OmikronId id, String what) {
    if (id == null) {
      return 0;
    }
    if (!id.isNumeric() || id.asLong() < 0 || id.asLong() > TtpMessage.MAX_ROUTING_ID) {
      throw new IllegalArgumentException("a TTP " + what + " is a 48-bit number, not '" + id + "'");
    }
    return id.asLong();
  }

  private static TtpContainer container(Map<String, ? extends @Nullable Object> map, String path) {
    List<TtpContainer.Entry> entries = new ArrayList<>(map.size());
    for (Map.Entry<String, ? extends @Nullable Object> e : map.entrySet()) {
      int key = TtpDataKeys.code(e.getKey());
      String at = path + "." + e.getKey();
      if (key < 0) {
        throw new IllegalArgumentException(
            "TTP has no data key '" + e.getKey() + "' (at " + at + ")");
      }
      Object value = e.getValue();
      if (TtpDataKeys.isScalarArray(key) && !(value instanceof List) && value != null) {
        value = Collections.singletonList(value);
      }
      entries.add(
          new TtpContainer.Entry(
              key, value(value, TtpDataKeys.expectedKind(key), TtpDataKeys.elementKind(key), at)));
    }
    entries.sort((a, b) -> Integer.compare(a.key(), b.key()));
    return TtpContainer.of(entries);
  }

  @SuppressWarnings("unchecked")
  private static TtpValue value(
      @Nullable Object v, @Nullable TtpKind kind, @Nullable TtpKind elementKind, String at) {
    if (v == null) {
      return TtpValue.NULL;
    }
    if (kind == null || kind == TtpKind.NULL) {
      kind = naturalKind(v, at);
    }
    switch (kind) {
      case BOOL:
        if (v instanceof Boolean) {
          return TtpValue.of((Boolean) v);
        }
        break;
      case INT64:
        Long n = integer(v);
        if (n != null) {
          return TtpValue.of(n);
        }
        break;
      case STRING:
        if (v instanceof String) {
          return TtpValue.of((String) v);
        }
        break;
      case ARRAY:
        if (v instanceof List) {
          List<TtpValue> out = new ArrayList<>();
          int i = 0;
          for (Object o : (List<?>) v) {
            out.add(value(o, elementKind, null, at + "[" + i++ + "]"));
          }
          return TtpValue.ofArray(out);
        }
        break;
      case CONTAINER:
        if (v instanceof Map) {
          return TtpValue.of(container((Map<String, ?>) v, at));
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "TTP needs " + kind + " at " + at + ", not a " + v.getClass().getSimpleName());
  }

  private static TtpKind naturalKind(Object v, String at) {
    if (v instanceof Boolean) {
      return TtpKind.BOOL;
    }
    if (v instanceof JsonNumber) {
      return TtpKind.INT64;
    }
    if (v instanceof String) {
      return TtpKind.STRING;
    }
    if (v instanceof List) {
      return TtpKind.ARRAY;
    }
    if (v instanceof Map) {
      return TtpKind.CONTAINER;
    }
    throw new IllegalArgumentException(
        "TTP cannot carry a " + v.getClass().getSimpleName() + " at " + at);
  }

  private static @Nullable Long integer(Object v) {
    try {
      if (v instanceof JsonNumber) {
        return ((JsonNumber) v).longValueExact();
      }
      if (v instanceof String) {
        return Long.parseLong(((String) v).trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
    return null;
  }
}

package io.github.chatwire.omikron.codec.ttp;

import io.github.chatwire.omikron.model.JsonNumber;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded generators of TTP messages and of Omikron messages that TTP can carry. */
final class TtpGenerators {
  private static final long[] EDGE_LONGS = {
    0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1733600000001L, 255, 65536
  };

  private TtpGenerators() {}

  static String text(Random r) {
    int n = r.nextInt(4) == 0 ? 0 : r.nextInt(40);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(4)) {
        case 0:
          sb.append((char) ('a' + r.nextInt(26)));
          break;
        case 1:
          sb.append((char) (0x80 + r.nextInt(0x700))); // two-byte UTF-8
          break;
        case 2:
          sb.append((char) (0x3000 + r.nextInt(0x5000))); // three-byte
          break;
        default:
          sb.appendCodePoint(0x1F300 + r.nextInt(0x300)); // four-byte, a surrogate pair
          break;
      }
    }
    return sb.toString();
  }

  static long number(Random r) {
    return r.nextInt(3) == 0 ? EDGE_LONGS[r.nextInt(EDGE_LONGS.length)] : r.nextLong();
  }

  static TtpValue value(Random r, int depth) {
    int kind = r.nextInt(depth >= 4 ? 4 : 6);
    switch (kind) {
      case 0:
        return TtpValue.of(r.nextBoolean());
      case 1:
        return TtpValue.of(number(r));
      case 2:
        return TtpValue.of(text(r));
      case 3:
        return TtpValue.NULL;
      case 4:
        List<TtpValue> l = new ArrayList<>();
        for (int i = r.nextInt(6); i > 0; i--) {
          l.add(value(r, depth + 1));
        }
        return TtpValue.ofArray(l);
      default:
        return TtpValue.of(container(r, depth + 1));
    }
  }

  static TtpContainer container(Random r, int depth) {
    List<TtpContainer.Entry> entries = new ArrayList<>();
    for (int i = r.nextInt(6); i > 0; i--) {
      entries.add(new TtpContainer.Entry(r.nextInt(256), value(r, depth)));
    }
    return TtpContainer.of(entries);
  }

  static TtpMessage message(Random r) {
    long id = r.nextInt(4) == 0 ? 0 : r.nextInt() & 0xFFFF_FFFFL;
    long sender = r.nextBoolean() ? 0 : r.nextLong() & TtpMessage.MAX_ROUTING_ID;
    long receiver = r.nextBoolean() ? 0 : r.nextLong() & TtpMessage.MAX_ROUTING_ID;
    return new TtpMessage(r.nextInt(256), id, sender, receiver, container(r, 1));
  }

  /** An Omikron message with known keys only, each holding a value of its key's kind. */
  static OmikronMessage omikron(Random r) {
    List<String> types = TtpMessageTypes.names();
    String id = r.nextInt(4) == 0 ? null : TtpOmikronMapping.newMessageId(r);
    OmikronId sender =
        r.nextBoolean()
            ? null
            : OmikronId.of(1 + (r.nextLong() & (TtpMessage.MAX_ROUTING_ID >> 1)));
    OmikronId receiver =
        r.nextBoolean()
            ? null
            : OmikronId.of(1 + (r.nextLong() & (TtpMessage.MAX_ROUTING_ID >> 1)));
    return new OmikronMessage(
        id,
        MessageType.of(types.get(r.nextInt(types.size()))),
        sender,
        receiver,
        OmikronData.of(omikronMap(r, 0)),
        null,
        null);
  }

  private static Map<String, Object> omikronMap(Random r, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = r.nextInt(depth == 0 ? 8 : 4); i > 0; i--) {
      int key = r.nextInt(TtpDataKeys.COUNT);
      Object v =
          TtpDataKeys.isScalarArray(key)
              ? JsonNumber.of(number(r))
              : omikronValue(r, TtpDataKeys.expectedKind(key), TtpDataKeys.elementKind(key), depth);
      m.put(TtpDataKeys.name(key), v);
    }
    return m;
  }

  private static Object omikronValue(Random r, TtpKind kind, TtpKind element, int depth) {
    if (r.nextInt(10) == 0) {
      return null;
    }
    switch (kind) {
      case BOOL:
        return r.nextBoolean();
      case INT64:
        return JsonNumber.of(number(r));
      case STRING:
        return text(r);
      case CONTAINER:
        return depth > 2 ? new LinkedHashMap<>() : omikronMap(r, depth + 1);
      case ARRAY:
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          l.add(omikronValue(r, element, null, depth + 1));
        }
        return l;
      default: // a key whose shape is not pinned: any scalar
        TtpKind[] any = {TtpKind.BOOL, TtpKind.INT64, TtpKind.STRING};
        return omikronValue(r, any[r.nextInt(any.length)], null, depth);
    }
  }
}

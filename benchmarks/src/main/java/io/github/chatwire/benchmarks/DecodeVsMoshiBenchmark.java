package io.github.chatwire.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.model.ClientChanged;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.originchats.codec.FrameDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12: chatwire's decoders against what a user would write with Moshi alone, in the same run:
 * Moshi's reflective adapter into plain classes, and a hand-written Moshi adapter with {@link
 * JsonReader.Options}. Every variant starts from the frame's text (what OkHttp hands over) and ends
 * with typed objects. Run with allocation figures: {@code java -jar
 * benchmarks/target/benchmarks.jar DecodeVsMoshi -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class DecodeVsMoshiBenchmark {
  /** The 410-byte message_new of fixtures/originchats/01-core-flow.jsonl (a reply, with pings). */
  public static final String OC_MESSAGE_NEW =
      "{\"cmd\": \"message_new\", \"message\": {\"user\": \"alice\", "
          + "\"content\": \"second\", \"timestamp\": 1795295458.8464637, \"id\": \"bb63aadf-79e9-4e18-823c-002dedc8ef4e\", "
          + "\"reply_to\": {\"id\": \"56208dea-93bc-4d98-be91-06cfbb71c770\", \"user\": \"alice\"}, \"ping\": false, "
          + "\"pinned\": false, \"type\": \"message\", \"interaction\": null, \"pings\": {\"users\": [], \"roles\": [], "
          + "\"replies\": []}}, \"channel\": \"general\", \"thread_id\": null, \"global\": true}";

  /** A relayed Omikron presence push in the reference envelope. */
  public static final String OMIKRON_CLIENT_CHANGED =
      "{\"id\":\"1733600000999\",\"type\":\"client_changed\","
          + "\"sender\":\"0\",\"receiver\":\"1733600000001\",\"data\":{\"user_id\":\"1733600000002\","
          + "\"user_state\":\"user_online\"}}";

  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<OcFrame> OC_REFLECTIVE = MOSHI.adapter(OcFrame.class);
  private static final JsonAdapter<OmEnvelope> OM_REFLECTIVE = MOSHI.adapter(OmEnvelope.class);

  // ---- OriginChats message_new

  /** chatwire: the frame to its typed {@code ServerFrame.MessageNew}. */
  @Benchmark
  public Object ocChatwire() {
    return FrameDecoder.decode(OC_MESSAGE_NEW);
  }

  /** Baseline: Moshi's reflective adapter into plain classes. */
  @Benchmark
  public Object ocMoshiReflective() throws IOException {
    return OC_REFLECTIVE.fromJson(OC_MESSAGE_NEW);
  }

  /** Baseline: a hand-written Moshi adapter into the same plain classes. */
  @Benchmark
  public Object ocMoshiHandWritten() throws IOException {
    return HandWritten.ocFrame(JsonReader.of(new Buffer().writeUtf8(OC_MESSAGE_NEW)));
  }

  // ---- Omikron client_changed

  /** chatwire: the envelope to its {@code OmikronMessage} (data not yet typed). */
  @Benchmark
  public Object omChatwireEnvelope() {
    return OmikronCodec.decode(OMIKRON_CLIENT_CHANGED);
  }

  /**
   * chatwire: the envelope and its data to the typed {@code ClientChanged} (what the client
   * dispatches).
   */
  @Benchmark
  public Object omChatwireTyped() {
    OmikronMessage m = OmikronCodec.decode(OMIKRON_CLIENT_CHANGED);
    return ClientChanged.from(m.data());
  }

  /** Baseline: Moshi's reflective adapter into plain classes. */
  @Benchmark
  public Object omMoshiReflective() throws IOException {
    return OM_REFLECTIVE.fromJson(OMIKRON_CLIENT_CHANGED);
  }

  /** Baseline: a hand-written Moshi adapter into the same plain classes. */
  @Benchmark
  public Object omMoshiHandWritten() throws IOException {
    return HandWritten.omEnvelope(JsonReader.of(new Buffer().writeUtf8(OMIKRON_CLIENT_CHANGED)));
  }

  // ---- the plain classes a raw-Moshi user would declare

  /** message_new as plain fields. */
  public static final class OcFrame {
    public String cmd;
    public OcMessage message;
    public String channel;
    public String thread_id;
    public Boolean global;
  }

  /** A message as plain fields. */
  public static final class OcMessage {
    public String id;
    public String user;
    public String content;
    public Double timestamp;
    public String type;
    public Boolean pinned;
    public Boolean ping;
    public Boolean edited;
    public OcReplyRef reply_to;
    public OcInteraction interaction;
    public OcPings pings;
  }

  /** reply_to. */
  public static final class OcReplyRef {
    public String id;
    public String user;
  }

  /** interaction. */
  public static final class OcInteraction {
    public String command;
    public String username;
  }

  /** pings. */
  public static final class OcPings {
    public List<String> users;
    public List<String> roles;
    public List<String> replies;
  }

  /** The Omikron envelope as plain fields. */
  public static final class OmEnvelope {
    public String id;
    public String type;
    public String sender;
    public String receiver;
    public OmClientChanged data;
  }

  /** client_changed data. */
  public static final class OmClientChanged {
    public String user_id;
    public String user_state;
    public String call_state;
  }

  /** What a careful user writes by hand with Moshi's streaming reader. */
  static final class HandWritten {
    private static final JsonReader.Options FRAME =
        JsonReader.Options.of("cmd", "message", "channel", "thread_id", "global");
    private static final JsonReader.Options MESSAGE =
        JsonReader.Options.of(
            "id",
            "user",
            "content",
            "timestamp",
            "type",
            "pinned",
            "ping",
            "edited",
            "reply_to",
            "interaction",
            "pings");
    private static final JsonReader.Options REPLY = JsonReader.Options.of("id", "user");
    private static final JsonReader.Options INTERACTION =
        JsonReader.Options.of("command", "username");
    private static final JsonReader.Options PINGS =
        JsonReader.Options.of("users", "roles", "replies");
    private static final JsonReader.Options ENVELOPE =
        JsonReader.Options.of("id", "type", "sender", "receiver", "data");
    private static final JsonReader.Options CLIENT_CHANGED =
        JsonReader.Options.of("user_id", "user_state", "call_state");

    static OcFrame ocFrame(JsonReader r) throws IOException {
      OcFrame f = new OcFrame();
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(FRAME)) {
          case 0:
            f.cmd = str(r);
            break;
          case 1:
            f.message = r.peek() == JsonReader.Token.NULL ? r.nextNull() : message(r);
            break;
          case 2:
            f.channel = str(r);
            break;
          case 3:
            f.thread_id = str(r);
            break;
          case 4:
            f.global = bool(r);
            break;
          default:
            r.skipName();
            r.skipValue();
        }
      }
      r.endObject();
      return f;
    }

    static OcMessage message(JsonReader r) throws IOException {
      OcMessage m = new OcMessage();
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(MESSAGE)) {
          case 0:
            m.id = str(r);
            break;
          case 1:
            m.user = str(r);
            break;
          case 2:
            m.content = str(r);
            break;
          case 3:
            m.timestamp = r.peek() == JsonReader.Token.NULL ? r.nextNull() : r.nextDouble();
            break;
          case 4:
            m.type = str(r);
            break;
          case 5:
            m.pinned = bool(r);
            break;
          case 6:
            m.ping = bool(r);
            break;
          case 7:
            m.edited = bool(r);
            break;
          case 8:
            if (r.peek() == JsonReader.Token.NULL) {
              r.nextNull();
            } else {
              OcReplyRef ref = new OcReplyRef();
              r.beginObject();
              while (r.hasNext()) {
                switch (r.selectName(REPLY)) {
                  case 0:
                    ref.id = str(r);
                    break;
                  case 1:
                    ref.user = str(r);
                    break;
                  default:
                    r.skipName();
                    r.skipValue();
                }
              }
              r.endObject();
              m.reply_to = ref;
            }
            break;
          case 9:
            if (r.peek() == JsonReader.Token.NULL) {
              r.nextNull();
            } else {
              OcInteraction in = new OcInteraction();
              r.beginObject();
              while (r.hasNext()) {
                switch (r.selectName(INTERACTION)) {
                  case 0:
                    in.command = str(r);
                    break;
                  case 1:
                    in.username = str(r);
                    break;
                  default:
                    r.skipName();
                    r.skipValue();
                }
              }
              r.endObject();
              m.interaction = in;
            }
            break;
          case 10:
            if (r.peek() == JsonReader.Token.NULL) {
              r.nextNull();
            } else {
              OcPings p = new OcPings();
              r.beginObject();
              while (r.hasNext()) {
                switch (r.selectName(PINGS)) {
                  case 0:
                    p.users = strings(r);
                    break;
                  case 1:
                    p.roles = strings(r);
                    break;
                  case 2:
                    p.replies = strings(r);
                    break;
                  default:
                    r.skipName();
                    r.skipValue();
                }
              }
              r.endObject();
              m.pings = p;
            }
            break;
          default:
            r.skipName();
            r.skipValue();
        }
      }
      r.endObject();
      return m;
    }

    static OmEnvelope omEnvelope(JsonReader r) throws IOException {
      OmEnvelope e = new OmEnvelope();
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(ENVELOPE)) {
          case 0:
            e.id = str(r);
            break;
          case 1:
            e.type = str(r);
            break;
          case 2:
            e.sender = str(r);
            break;
          case 3:
            e.receiver = str(r);
            break;
          case 4:
            OmClientChanged d = new OmClientChanged();
            r.beginObject();
            while (r.hasNext()) {
              switch (r.selectName(CLIENT_CHANGED)) {
                case 0:
                  d.user_id = str(r);
                  break;
                case 1:
                  d.user_state = str(r);
                  break;
                case 2:
                  d.call_state = str(r);
                  break;
                default:
                  r.skipName();
                  r.skipValue();
              }
            }
            r.endObject();
            e.data = d;
            break;
          default:
            r.skipName();
            r.skipValue();
        }
      }
      r.endObject();
      return e;
    }

    private static String str(JsonReader r) throws IOException {
      return r.peek() == JsonReader.Token.NULL ? r.nextNull() : r.nextString();
    }

    private static Boolean bool(JsonReader r) throws IOException {
      return r.peek() == JsonReader.Token.NULL ? r.nextNull() : r.nextBoolean();
    }

    private static List<String> strings(JsonReader r) throws IOException {
      if (r.peek() == JsonReader.Token.NULL) {
        return r.nextNull();
      }
      List<String> out = new ArrayList<>();
      r.beginArray();
      while (r.hasNext()) {
        out.add(str(r));
      }
      r.endArray();
      return out;
    }
  }
}

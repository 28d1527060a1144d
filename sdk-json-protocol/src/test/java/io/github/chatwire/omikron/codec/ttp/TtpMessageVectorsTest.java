package io.github.chatwire.omikron.codec.ttp;

import static io.github.chatwire.omikron.codec.ttp.TtpTestSupport.data;
import static io.github.chatwire.omikron.codec.ttp.TtpTestSupport.hex;
import static io.github.chatwire.omikron.codec.ttp.TtpTestSupport.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The known-answer vectors of fixtures/omikron/ttp-message-vectors.json, produced by the real
 * client's codec: every client-to-server message encodes to exactly its bytes, every
 * server-to-client frame decodes to exactly its message and routing.
 */
class TtpMessageVectorsTest {
  private static final TtpCodec CODEC = new TtpCodec();

  private static OmikronMessage omikron(
      Map<String, Object> json, OmikronId sender, OmikronId receiver) {
    long id = integer(json.get("id"));
    return new OmikronMessage(
        id == 0 ? null : Long.toString(id),
        MessageType.of((String) json.get("type")),
        sender,
        receiver,
        data(json.get("data")),
        null,
        null);
  }

  private static OmikronId routing(Object o) {
    long v = integer(o);
    return v == 0 ? null : OmikronId.of(v);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyClientMessageEncodesToExactlyItsBytes() throws Exception {
    List<Map<String, Object>> vectors = TtpTestSupport.list("client_to_server");
    assertEquals(8, vectors.size());
    for (Map<String, Object> v : vectors) {
      OmikronMessage m = omikron((Map<String, Object>) v.get("message"), null, null);
      byte[] inner = CODEC.encode(TtpOmikronMapping.toTtp(m));
      assertEquals(v.get("inner_hex"), hex(inner), m.type().wireName());
      assertEquals(v.get("stream_hex"), hex(TtpStreamDecoder.frame(inner)), m.type().wireName());
      // and the client's own decoding of its bytes
      OmikronMessage back = TtpOmikronMapping.toOmikron(CODEC.decode(inner));
      assertEquals(omikron((Map<String, Object>) v.get("decoded"), null, null), back);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyServerFrameDecodesToExactlyItsMessage() throws Exception {
    List<Map<String, Object>> vectors = TtpTestSupport.list("server_to_client");
    assertEquals(8, vectors.size());
    for (Map<String, Object> v : vectors) {
      OmikronMessage expected =
          omikron(
              (Map<String, Object>) v.get("message"),
              routing(v.get("sender")),
              routing(v.get("receiver")));
      TtpTestSupport.Collector sink = new TtpTestSupport.Collector();
      TtpStreamDecoder stream = new TtpStreamDecoder(CODEC, sink);
      stream.feed(hex(v.get("stream_hex")));
      stream.finish();
      assertEquals(1, sink.messages.size(), expected.type().wireName());
      TtpMessage ttp = sink.messages.get(0);
      OmikronMessage got = TtpOmikronMapping.toOmikron(ttp);
      assertEquals(expected, got);
      assertEquals(expected.sender(), got.sender());
      assertEquals(expected.receiver(), got.receiver());
      assertEquals(integer(v.get("sender")), ttp.sender());
      assertEquals(integer(v.get("receiver")), ttp.receiver());
      // the codec keeps wire order, so the server's bytes re-encode exactly
      assertEquals(v.get("inner_hex"), hex(CODEC.encode(ttp)));
      assertEquals(CODEC.decode(hex(v.get("inner_hex"))), ttp);
    }
  }

  @Test
  void allVectorsFedAsOneStreamByteByByteThenTheCloseFrame() throws Exception {
    List<byte[]> frames = new ArrayList<>();
    for (String dir : new String[] {"client_to_server", "server_to_client"}) {
      for (Map<String, Object> v : TtpTestSupport.list(dir)) {
        frames.add(hex(v.get("stream_hex")));
      }
    }
    TtpTestSupport.Collector sink = new TtpTestSupport.Collector();
    TtpStreamDecoder stream = new TtpStreamDecoder(CODEC, sink);
    for (byte[] f : frames) {
      for (int i = 0; i < f.length; i++) {
        stream.feed(f, i, 1);
      }
    }
    assertEquals(frames.size(), sink.messages.size());
    byte[] close = hex(TtpTestSupport.vectors().get("close_frame_hex"));
    assertEquals("ffffffff", hex(TtpStreamDecoder.closeFrame()));
    stream.feed(close);
    assertEquals(1, sink.closes);
    assertTrue(stream.isClosed());
    stream.feed(frames.get(0)); // after the close frame nothing more is delivered
    stream.finish();
    assertEquals(frames.size(), sink.messages.size());
    assertTrue(sink.malformed.isEmpty());
    assertEquals(0, stream.bufferedBytes());
  }

  @Test
  void theVectorsPinTheListPositions() {
    assertEquals(90, TtpMessageTypes.names().size());
    assertEquals(90, TtpDataKeys.names().size());
    assertEquals(0x2c, TtpMessageTypes.code("identification"));
    assertEquals(0x28, TtpMessageTypes.code("challenge"));
    assertEquals(0x29, TtpMessageTypes.code("challenge_response"));
    assertEquals(0x2d, TtpMessageTypes.code("identification_response"));
    assertEquals(48, TtpMessageTypes.code("ping"));
    assertEquals(49, TtpMessageTypes.code("pong"));
    assertEquals(0x4e, TtpMessageTypes.code("get_user_data"));
    assertEquals(0x07, TtpMessageTypes.code("error_not_found"));
    assertEquals(0x0b, TtpDataKeys.code("user_id"));
    assertEquals(0x0a, TtpDataKeys.code("iota_id"));
    assertEquals(0x14, TtpDataKeys.code("accepted"));
    assertEquals(0x48, TtpDataKeys.code("challenge"));
    assertEquals(0x58, TtpDataKeys.code("height"));
    assertEquals(89, TtpDataKeys.code("sent_by_self"));
    assertEquals(35, TtpMessageTypes.code("get_conversations"));
    assertEquals("get_chats", TtpMessageTypes.name(35));
    assertEquals("ttp_type_90", TtpMessageTypes.name(90));
    assertNull(TtpDataKeys.expectedKind(90));
  }

  /** §3.12: the TTP type list is the E3 list with error_protocol inserted at 1. */
  @Test
  void typeListIsTheWebSocketListWithErrorProtocolInserted() {
    List<String> e3 = new ArrayList<>();
    for (MessageType t : MessageType.knownTypes()) {
      e3.add(t.wireName());
    }
    e3.remove("add_chat"); // sent by the web Frontend over the WebSocket only
    e3.remove("error_protocol");
    List<String> ttp = new ArrayList<>(TtpMessageTypes.names());
    assertEquals("error_protocol", ttp.remove(1));
    assertEquals(e3, ttp);
    for (String name : TtpMessageTypes.names()) {
      assertTrue(MessageType.of(name).isKnown(), name);
    }
  }
}

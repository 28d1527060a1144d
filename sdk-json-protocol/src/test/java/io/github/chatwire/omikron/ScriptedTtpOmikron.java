package io.github.chatwire.omikron;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.omikron.codec.ttp.TtpCodec;
import io.github.chatwire.omikron.codec.ttp.TtpMessage;
import io.github.chatwire.omikron.codec.ttp.TtpOmikronMapping;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import okio.Okio;

/**
 * sdk-core's {@link ScriptedTransport} playing a TTP Omikron: one binary frame per TTP message
 * (exactly the {@code inner_hex} bytes of the fixture vectors, as the WebTransport transport hands
 * them over), text never. Scripts are built from the server-to-client frames of {@code
 * fixtures/omikron/ttp-message-vectors.json}, which the real client codec produced.
 */
final class ScriptedTtpOmikron extends ScriptedTransport {
  static final TtpCodec CODEC = new TtpCodec();
  private int taken;

  ScriptedTtpOmikron() {
    completeClosesAtOnce().binaryOnly();
  }

  /** Every binary frame the client sent, on every session, oldest first. */
  List<byte[]> allSent() {
    List<byte[]> out = new ArrayList<>();
    for (Session s : sessions()) {
      out.addAll(s.sentBinary());
    }
    return out;
  }

  /** How many frames the client sent that the test has not taken yet. */
  int unreadCount() {
    return allSent().size() - taken;
  }

  /** The oldest frame the client sent that the test has not taken yet, as bytes. */
  byte[] nextBytes() {
    List<byte[]> all = allSent();
    if (taken >= all.size()) {
      throw new AssertionError("the client sent nothing more");
    }
    return all.get(taken++);
  }

  /** The oldest untaken frame, decoded with the pure codec. */
  TtpMessage nextTtp() throws Exception {
    return CODEC.decode(nextBytes());
  }

  /** The oldest untaken frame, as the Omikron model sees it. */
  OmikronMessage next() throws Exception {
    return TtpOmikronMapping.toOmikron(nextTtp());
  }

  /** Skips everything the client sent so far. */
  void skipAll() {
    taken = allSent().size();
  }

  /** The server sends one TTP message. */
  void serverSends(TtpMessage m) {
    serverSendsBinary(CODEC.encode(m));
  }

  /** The server sends a fixture frame with its id replaced (the id the client chose). */
  void serverSendsFixture(String type, long id) throws Exception {
    serverSends(withId(fixture("server_to_client", type), id));
  }

  static TtpMessage withId(TtpMessage m, long id) {
    return new TtpMessage(m.type(), id, m.sender(), m.receiver(), m.data());
  }

  // ---- the vectors ----

  /** The decoded {@code inner_hex} of the first vector of a direction and type. */
  static TtpMessage fixture(String direction, String type) throws Exception {
    return CODEC.decode(fixtureBytes(direction, type));
  }

  /** The {@code inner_hex} of the first vector of a direction and type. */
  static byte[] fixtureBytes(String direction, String type) throws Exception {
    return fixtureBytes(direction, type, null);
  }

  /**
   * The {@code inner_hex} of the first vector of a direction and type whose data has a key.
   *
   * @param dataKey the key the vector's data must have; null for any
   */
  @SuppressWarnings("unchecked")
  static byte[] fixtureBytes(String direction, String type, String dataKey) throws Exception {
    Map<String, Object> all;
    try (InputStream in =
        ScriptedTtpOmikron.class.getResourceAsStream("/omikron/ttp-message-vectors.json")) {
      all = (Map<String, Object>) JsonReader.of(Okio.buffer(Okio.source(in))).readJsonValue();
    }
    for (Map<String, Object> v : (List<Map<String, Object>>) all.get(direction)) {
      Map<String, Object> message = (Map<String, Object>) v.get("message");
      if (type.equals(message.get("type"))
          && (dataKey == null
              || ((Map<String, Object>) message.get("data")).containsKey(dataKey))) {
        return HexFormat.of().parseHex((String) v.get("inner_hex"));
      }
    }
    throw new AssertionError("no " + direction + " vector of type " + type);
  }

  /** The bytes with the u32 message id at offset 6 (after length, type and flags) replaced. */
  static byte[] withIdBytes(byte[] message, long id) {
    byte[] b = message.clone();
    if ((b[5] & 4) == 0) {
      throw new AssertionError("the message has no id field");
    }
    b[6] = (byte) (id >>> 24);
    b[7] = (byte) (id >>> 16);
    b[8] = (byte) (id >>> 8);
    b[9] = (byte) id;
    return b;
  }

  /** The u32 message id of encoded bytes (0 if the id flag is not set). */
  static long idOf(byte[] message) {
    if ((message[5] & 4) == 0) {
      return 0;
    }
    return ((message[6] & 0xFFL) << 24)
        | ((message[7] & 0xFFL) << 16)
        | ((message[8] & 0xFFL) << 8)
        | (message[9] & 0xFFL);
  }
}

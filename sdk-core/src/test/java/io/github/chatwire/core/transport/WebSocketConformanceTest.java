package io.github.chatwire.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.UpgradeRejectedException;
import io.github.chatwire.core.WebSocketProtocolException;
import io.github.chatwire.core.transport.RawWsServer.Events;
import io.github.chatwire.core.transport.RawWsServer.Frame;
import io.github.chatwire.core.transport.RawWsServer.Peer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6455 client conformance of {@link WebSocketTransport}, each case against a hostile raw-socket
 * server that sends exactly the bytes under test. Section numbers are RFC 6455's.
 */
class WebSocketConformanceTest {
  private ChatwireRuntime runtime;
  private RawWsServer server;
  private final Events events = new Events();
  private TransportSession session;

  @BeforeEach
  void setUp() throws Exception {
    runtime = ChatwireRuntime.builder().build();
    server = new RawWsServer();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (session != null) {
      session.cancel();
    }
    server.close();
    runtime.close();
  }

  private Peer open(WebSocketTransport.Builder b, String... extraHeaders) throws Exception {
    session = b.build().open(runtime, events);
    Peer peer = server.accept().upgrade(extraHeaders);
    events.next(Events.Opened.class);
    return peer;
  }

  private Peer open() throws Exception {
    return open(WebSocketTransport.builder(server.url()));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static WebSocketProtocolException protocolError(ChatwireException e, int code) {
    WebSocketProtocolException p = assertInstanceOf(WebSocketProtocolException.class, e);
    assertEquals(code, p.closeCode(), p.getMessage());
    return p;
  }

  /** The server gets the close code, the client reports a retryable protocol error with it. */
  private void assertFailsWith(Peer peer, int code) throws Exception {
    assertEquals(code, peer.closeCode(), "close code the client sent");
    // As a server should after a close frame (7.1.1): close its side, so the client need not
    // linger.
    peer.socket.shutdownOutput();
    WebSocketProtocolException e = protocolError(events.failure(), code);
    assertTrue(e.isRetryable(), "a peer's protocol violation reconnects with backoff");
    assertTrue(peer.endsWithin(5000), "the client closes the TCP connection after failing it");
  }

  // ---------------------------------------------------------------- 4.1 opening handshake

  @Test
  void requestCarriesTheUpgradeHeadersAndOffersNoExtension() throws Exception {
    session =
        WebSocketTransport.builder(server.url() + "?room=1")
            .header("X-Extra", "yes")
            .build()
            .open(runtime, events);
    Peer peer = server.accept().readRequest();
    assertEquals("GET /ws?room=1 HTTP/1.1", peer.requestLine);
    assertEquals("websocket", peer.requestHeaders.get("upgrade"));
    assertEquals("Upgrade", peer.requestHeaders.get("connection"));
    assertEquals("13", peer.requestHeaders.get("sec-websocket-version"));
    assertEquals("127.0.0.1:" + server.port(), peer.requestHeaders.get("host"));
    assertEquals(
        16, Base64.getDecoder().decode(peer.requestHeaders.get("sec-websocket-key")).length);
    assertNull(peer.requestHeaders.get("sec-websocket-extensions"), "no extension is offered");
    assertEquals("yes", peer.requestHeaders.get("x-extra"));
  }

  @Test
  void non101StatusIsAnUpgradeRejection() throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().readRequest();
    peer.raw(utf8("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
    UpgradeRejectedException e = assertInstanceOf(UpgradeRejectedException.class, events.failure());
    assertEquals(403, e.status());
    assertFalse(e.isRetryable());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"HTTP/1.1 -1 Nope", "HTTP/1.1 +101 Switching Protocols", "HTTP/1.1 10100 Big"})
  void statusThatIsNotThreeDigitsIsAProtocolError(String statusLine) throws Exception {
    // RFC 9112 4: status-code = 3DIGIT. A negative one used to escape as an IllegalStateException
    // from OkHttp's Response.Builder ("WebSocket reader failed"), logged as an internal error.
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().readRequest();
    peer.raw(utf8(statusLine + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
    WebSocketProtocolException p = protocolError(events.failure(), 0);
    assertTrue(p.getMessage().contains("status"), p.getMessage());
    assertTrue(p.isRetryable());
    assertTrue(peer.endsWithin(5000), "the connection of a failed upgrade is closed");
  }

  @Test
  void wrongAcceptFailsBeforeOpening() throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().readRequest();
    peer.raw(
        utf8(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"));
    ChatwireException e = events.failure();
    WebSocketProtocolException p = protocolError(e, 0);
    assertTrue(p.getMessage().contains("Sec-WebSocket-Accept"), p.getMessage());
    assertTrue(p.isRetryable());
    assertTrue(peer.endsWithin(5000), "the connection of a failed upgrade is closed, never reused");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Upgrade: h2c\r\nConnection: Upgrade",
        "Connection: Upgrade",
        "Upgrade: websocket",
        "Upgrade: websocket\r\nConnection: keep-alive"
      })
  void missingOrWrongUpgradeHeadersFailBeforeOpening(String headers) throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().readRequest();
    peer.raw(
        utf8(
            "HTTP/1.1 101 Switching Protocols\r\n"
                + headers
                + "\r\nSec-WebSocket-Accept: "
                + peer.accept()
                + "\r\n\r\n"));
    assertTrue(protocolError(events.failure(), 0).isRetryable());
    assertTrue(peer.endsWithin(5000));
  }

  @Test
  void connectionHeaderMayListMoreTokens() throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().readRequest();
    peer.raw(
        utf8(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\nConnection: keep-alive, upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + peer.accept()
                + "\r\n\r\n"));
    events.next(Events.Opened.class);
  }

  @Test
  void extensionTheClientNeverOfferedIsRefusedByTheClient() throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().upgrade("Sec-WebSocket-Extensions: permessage-deflate");
    Frame close = peer.read();
    assertEquals(0x8, close.opcode(), "the only frame the client sends is its close");
    assertEquals(1010, close.closeCode());
    WebSocketProtocolException e = protocolError(events.failure(), 1010);
    assertFalse(e.isRetryable(), "a server that switches on an extension does so again");
    assertTrue(e.getMessage().contains("refused by the client"), e.getMessage());
    assertFalse(e.getMessage().contains("closed by server"), e.getMessage());
    assertTrue(peer.endsWithin(5000));
  }

  @Test
  void subprotocolTheClientDidNotOfferIsRefused() throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    server.accept().upgrade("Sec-WebSocket-Protocol: chat");
    assertFalse(assertInstanceOf(WebSocketProtocolException.class, events.failure()).isRetryable());
  }

  @Test
  void offeredSubprotocolIsAccepted() throws Exception {
    Peer peer =
        open(
            WebSocketTransport.builder(server.url()).header("Sec-WebSocket-Protocol", "v2, v1"),
            "Sec-WebSocket-Protocol: v1");
    assertEquals("v2, v1", peer.requestHeaders.get("sec-websocket-protocol"));
  }

  @Test
  void endlessResponseHeadIsCutOff() throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().readRequest();
    peer.raw(utf8("HTTP/1.1 101 Switching Protocols\r\n"));
    byte[] line = utf8("X-Filler: " + "a".repeat(1000) + "\r\n");
    try {
      for (int i = 0; i < 1000; i++) {
        peer.raw(line);
      }
    } catch (java.io.IOException expected) {
      // the client stopped reading and closed
    }
    assertTrue(protocolError(events.failure(), 0).getMessage().contains("longer than"));
  }

  @Test
  void bytesAfterThe101InTheSamePacketAreTheFirstFrame() throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().readRequest();
    byte[] head =
        utf8(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + peer.accept()
                + "\r\n\r\n");
    byte[] frame = {(byte) 0x81, 2, 'h', 'i'};
    byte[] both = new byte[head.length + frame.length];
    System.arraycopy(head, 0, both, 0, head.length);
    System.arraycopy(frame, 0, both, head.length, frame.length);
    peer.raw(both);
    events.next(Events.Opened.class);
    assertEquals("hi", events.next(Events.Text.class).text());
  }

  // ---------------------------------------------------------------- 5.3 masking

  @Test
  void clientFramesAreMaskedWithAFreshKeyEach() throws Exception {
    Peer peer = open();
    assertTrue(session.sendText("first"));
    assertTrue(session.sendBinary(new byte[] {1, 2, 3}));
    Frame a = peer.read();
    Frame b = peer.read();
    assertTrue(a.masked() && b.masked(), "5.3: a client MUST mask every frame");
    assertNotEquals(
        Base64.getEncoder().encodeToString(a.key()), Base64.getEncoder().encodeToString(b.key()));
    assertEquals(0x81, a.b0());
    assertEquals("first", a.text());
    assertEquals(0x82, b.b0());
    assertArrayEquals(new byte[] {1, 2, 3}, b.payload());
  }

  @Test
  void largeOutboundMessageUsesTheLongLengthForm() throws Exception {
    Peer peer = open();
    byte[] big = new byte[200_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    assertTrue(session.sendBinary(big));
    assertArrayEquals(big, peer.read().payload());
  }

  @Test
  void failingWhileAMessageIsBeingWrittenLeavesNoNegativeQueueCount() throws Exception {
    Peer peer =
        open(
            WebSocketTransport.builder(server.url())
                .maxOutboundBufferBytes(64L << 20)
                .closeTimeout(Duration.ofSeconds(30)));
    // Far more than loopback socket buffers hold while the server does not read: the writer blocks
    // inside it.
    assertTrue(session.sendBinary(new byte[24 << 20]));
    peer.raw(
        new byte[] {
          (byte) 0x81, (byte) 0x80, 0, 0, 0, 0
        }); // a masked frame: the client fails the connection
    assertEquals(
        1002, peer.closeCode(), "the message being written is finished, then the close follows");
    peer.socket.shutdownOutput();
    protocolError(events.failure(), 1002);
    assertEquals(
        0,
        session.queuedBytes(),
        "the failure emptied the buffer; the message it was writing is not counted twice");
  }

  @Test
  void fullOutboundBufferRefusesTheMessageAndStaysUp() throws Exception {
    Peer peer = open(WebSocketTransport.builder(server.url()).maxOutboundBufferBytes(1024));
    assertEquals(1024, session.maxQueuedBytes());
    assertFalse(session.sendText("x".repeat(1025)), "more than the buffer can hold");
    assertTrue(session.sendText("still up"));
    assertEquals("still up", peer.read().text());
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (session.queuedBytes() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(5); // the writer accounts for the frame once it is written
    }
    assertEquals(0, session.queuedBytes());
  }

  @Test
  void serverSendingMaskedFramesIsAProtocolError() throws Exception {
    Peer peer = open();
    peer.raw(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2});
    assertFailsWith(peer, 1002);
  }

  // ---------------------------------------------------------------- 5.2 reserved bits, opcodes,
  // lengths

  @ParameterizedTest
  @ValueSource(ints = {0x40, 0x20, 0x10})
  void reservedBitsAreAProtocolError(int rsv) throws Exception {
    Peer peer = open();
    peer.frame(0x81 | rsv, utf8("x"));
    assertFailsWith(peer, 1002);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
  void reservedOpcodesAreAProtocolError(int opcode) throws Exception {
    Peer peer = open();
    peer.frame(0x80 | opcode, new byte[0]);
    assertFailsWith(peer, 1002);
  }

  @Test
  void lengthWithTheTopBitSetIsAProtocolError() throws Exception {
    Peer peer = open();
    peer.raw(new byte[] {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1});
    assertFailsWith(peer, 1002);
  }

  // ---------------------------------------------------------------- 5.4 fragmentation, 5.5 control
  // frames

  @Test
  void fragmentedTextWithInterleavedPingIsOneMessageAndThePingIsAnswered() throws Exception {
    Peer peer = open();
    peer.frame(0x01, utf8("frag"));
    peer.frame(0x89, utf8("mid"));
    peer.frame(0x00, utf8("men"));
    peer.frame(0x8A, utf8("unsolicited pong"));
    peer.frame(0x80, utf8("ted"));
    assertEquals("fragmented", events.next(Events.Text.class).text());
    Frame pong = peer.read();
    assertEquals(0x8A, pong.b0());
    assertEquals("mid", pong.text(), "5.5.3: the pong carries the ping's payload");
  }

  @Test
  void fragmentedBinaryIsOneMessage() throws Exception {
    Peer peer = open();
    peer.frame(0x02, new byte[] {1});
    peer.frame(0x00, new byte[] {2, 3});
    peer.frame(0x80, new byte[] {4});
    assertArrayEquals(new byte[] {1, 2, 3, 4}, events.next(Events.Binary.class).bytes());
  }

  @Test
  void emptyMessagesAreDelivered() throws Exception {
    Peer peer = open();
    peer.frame(0x81, new byte[0]);
    peer.frame(0x82, new byte[0]);
    assertEquals("", events.next(Events.Text.class).text());
    assertEquals(0, events.next(Events.Binary.class).bytes().length);
  }

  @Test
  void continuationWithoutAMessageIsAProtocolError() throws Exception {
    Peer peer = open();
    peer.frame(0x80, utf8("orphan"));
    assertFailsWith(peer, 1002);
  }

  @Test
  void newMessageInsideAFragmentedOneIsAProtocolError() throws Exception {
    Peer peer = open();
    peer.frame(0x01, utf8("start"));
    peer.frame(0x81, utf8("intruder"));
    assertFailsWith(peer, 1002);
  }

  @Test
  void fragmentedControlFrameIsAProtocolError() throws Exception {
    Peer peer = open();
    peer.frame(0x09, utf8("ping"));
    assertFailsWith(peer, 1002);
  }

  @Test
  void controlFrameOver125BytesIsAProtocolError() throws Exception {
    Peer peer = open();
    peer.frame(0x89, new byte[126]);
    assertFailsWith(peer, 1002);
  }

  // ---------------------------------------------------------------- 5.6 / 8.1 UTF-8

  @Test
  void invalidUtf8InATextMessageClosesWith1007() throws Exception {
    Peer peer = open();
    peer.frame(0x81, new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28});
    assertFailsWith(peer, 1007);
  }

  @Test
  void invalidUtf8SplitAcrossFragmentsClosesWith1007() throws Exception {
    Peer peer = open();
    peer.frame(0x01, new byte[] {'a', (byte) 0xE2, (byte) 0x82});
    peer.frame(0x80, new byte[] {(byte) 0x28, 'b'});
    assertFailsWith(peer, 1007);
  }

  @Test
  void textEndingInsideASequenceClosesWith1007() throws Exception {
    Peer peer = open();
    peer.frame(0x81, new byte[] {'a', (byte) 0xF0, (byte) 0x9F});
    assertFailsWith(peer, 1007);
  }

  @ParameterizedTest
  @ValueSource(strings = {"C080", "EDA080", "F4908080", "FF", "E080AF"})
  void overlongSurrogateAndOutOfRangeFormsClose1007(String hex) throws Exception {
    Peer peer = open();
    byte[] b = new byte[hex.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    peer.frame(0x81, b);
    assertFailsWith(peer, 1007);
  }

  @Test
  void validMultiByteCharactersSplitAcrossFragmentsAreKept() throws Exception {
    Peer peer = open();
    byte[] all = utf8("κόσμε 😀 €");
    for (int i = 0; i < all.length; i++) {
      int b0 = (i == 0 ? 0x01 : 0x00) | (i == all.length - 1 ? 0x80 : 0);
      peer.frame(b0, new byte[] {all[i]});
    }
    assertEquals("κόσμε 😀 €", events.next(Events.Text.class).text());
  }

  // ---------------------------------------------------------------- 5.5.1 / 7.4 close

  @ParameterizedTest
  @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
  void invalidCloseCodeIsAnsweredWith1002(int code) throws Exception {
    Peer peer = open();
    peer.close(code, "");
    assertFailsWith(peer, 1002);
  }

  @Test
  void oneByteClosePayloadIsAnsweredWith1002() throws Exception {
    Peer peer = open();
    peer.frame(0x88, new byte[] {3});
    assertFailsWith(peer, 1002);
  }

  @Test
  void closeReasonWithInvalidUtf8IsAnsweredWith1007() throws Exception {
    Peer peer = open();
    peer.frame(0x88, new byte[] {0x03, (byte) 0xE8, 'o', (byte) 0xFF});
    assertFailsWith(peer, 1007);
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 1003, 1007, 1011, 1012, 1013, 1014, 3000, 4001, 4999})
  void validCloseIsEchoedAndReported(int code) throws Exception {
    Peer peer = open();
    peer.close(code, "bye ✓");
    Frame echo = peer.read();
    assertEquals(0x88, echo.b0());
    assertEquals(code, echo.closeCode(), "5.5.1: the close is answered, echoing the code");
    Events.Closed closed = events.next(Events.Closed.class);
    assertEquals(code, closed.code());
    assertEquals("bye ✓", closed.reason());
    assertTrue(peer.endsWithin(5000));
  }

  @Test
  void emptyCloseIsAnsweredWithAnEmptyClose() throws Exception {
    Peer peer = open();
    peer.frame(0x88, new byte[0]);
    Frame echo = peer.read();
    assertEquals(0x88, echo.b0());
    assertEquals(0, echo.payload().length);
    assertEquals(1005, events.next(Events.Closed.class).code());
  }

  @Test
  void localCloseSendsTheCodeAndEndsWithThePeersAnswer() throws Exception {
    Peer peer = open();
    session.close(1000, "done");
    Frame close = peer.read();
    assertEquals(1000, close.closeCode());
    assertEquals("done", close.closeReason());
    assertFalse(session.sendText("too late"), "nothing is sent after the close frame");
    peer.close(1000, "");
    assertEquals(1000, events.next(Events.Closed.class).code());
  }

  @Test
  void localCloseWithoutAnAnswerDropsTheSocketAfterTheTimeout() throws Exception {
    Peer peer = open(WebSocketTransport.builder(server.url()).closeTimeout(Duration.ofMillis(200)));
    session.close(1000, null);
    assertEquals(1000, peer.read().closeCode());
    ChatwireException e = events.failure();
    assertTrue(e.getMessage().contains("did not answer the close"), e.getMessage());
    assertTrue(peer.endsWithin(5000));
  }

  @Test
  void cancelDropsAtOnceWithoutACloseFrame() throws Exception {
    Peer peer = open();
    session.cancel();
    assertEquals(-1, peer.closeCode(), "no close frame, the TCP connection just ends");
    events.failure();
  }

  @Test
  void closeBeforeTheUpgradeCompletesCancels() throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().readRequest();
    session.close(1000, null);
    events.failure();
    assertTrue(peer.endsWithin(5000));
  }

  // ---------------------------------------------------------------- limits

  @Test
  void messageAtTheLimitIsDeliveredAndOneByteMoreIs1009() throws Exception {
    Peer peer = open(WebSocketTransport.builder(server.url()).maxInboundMessageBytes(1000));
    peer.frame(0x82, new byte[1000]);
    assertEquals(1000, events.next(Events.Binary.class).bytes().length);
    peer.frame(0x02, new byte[600]);
    peer.raw(RawWsServer.Peer.header(0x80, 401));
    assertEquals(1009, peer.closeCode());
    MessageTooLargeException e = assertInstanceOf(MessageTooLargeException.class, events.failure());
    assertEquals(1001, e.size());
    assertEquals(1000, e.limit());
  }

  @Test
  void frameDeclaring2To62BytesIsRefusedFromItsHeader() throws Exception {
    Peer peer = open(WebSocketTransport.builder(server.url()).maxInboundMessageBytes(1024));
    peer.raw(RawWsServer.Peer.header(0x82, 1L << 62));
    assertEquals(1009, peer.closeCode());
    assertEquals(
        1L << 62, assertInstanceOf(MessageTooLargeException.class, events.failure()).size());
  }

  @Test
  void pingIsAnsweredAndPongsDoNotQueue() throws Exception {
    Peer peer = open();
    for (int i = 0; i < 50; i++) {
      peer.frame(0x89, utf8("p" + i));
    }
    peer.text("after the pings");
    assertEquals("after the pings", events.next(Events.Text.class).text());
    // Pongs for only some of the pings may come (5.5.3), but the last one is always answered.
    String last = null;
    while (!"p49".equals(last)) {
      Frame f = peer.read();
      assertEquals(0x8A, f.b0());
      last = f.text();
    }
  }
}

package io.github.chatwire.testkit.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.binary.model.Ping;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake server against a raw OkHttp WebSocket that sends hand-written bytes. */
class FakeBinaryWsServerTest {
  static final String KEY = "AAECAwQFBgcICQoLDA0ODxA=";

  private final VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
  private final OkHttpClient http = new OkHttpClient();
  private FakeBinaryWsServer server;

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
    http.dispatcher().executorService().shutdownNow();
    http.connectionPool().evictAll();
  }

  /** Records what a raw client receives: byte messages as hex, and the close code and reason. */
  static final class Raw extends WebSocketListener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      events.add(bytes.hex());
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      events.add("close " + code + " " + reason);
      webSocket.close(1000, null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      events.add("failure " + t);
    }

    String next() throws InterruptedException {
      String e = events.poll(10, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("nothing within 10 s");
      }
      return e;
    }
  }

  private WebSocket open(Raw raw) throws Exception {
    if (server == null) {
      server = FakeBinaryWsServer.builder().scheduler(clock).accessKey(KEY).build().start();
    }
    return http.newWebSocket(new Request.Builder().url(server.url()).build(), raw);
  }

  private static ByteString hex(String h) {
    return ByteString.decodeHex(h.replace(" ", ""));
  }

  @Test
  void handshakeThenBatchedPingsAreAnsweredInOneMessage() throws Exception {
    Raw raw = new Raw();
    WebSocket ws = open(raw);
    assertEquals("6d73", raw.next());
    ws.send(hex("b6c4 00 11 000102030405060708090a0b0c0d0e0f10"));
    assertEquals("000000018bcfe56800", raw.next(), "a Pong stamped with the scheduler's clock");
    clock.advance(Duration.ofMillis(250));
    ws.send(hex("01ff 00 00"));
    assertEquals(
        "000000018bcfe568fa" + "000000018bcfe568fa", raw.next(), "two Pongs in one message");
    FakeBinaryWsServer.Session s = server.awaitSession(0, Duration.ofSeconds(10));
    assertEquals(List.of(Settings.EMPTY, Ping.INSTANCE, Ping.INSTANCE), s.received());
    assertEquals(2, s.pingCount());
    ws.close(1000, null);
  }

  @Test
  void wrongClientMagicIsUnauthorized() throws Exception {
    Raw raw = new Raw();
    WebSocket ws = open(raw);
    raw.next();
    ws.send(hex("b6c5 00 01 00"));
    assertEquals("close 3001 Unauthorized: malformed authentication message", raw.next());
    assertFalse(server.sessions().get(0).isAuthenticated());
  }

  @Test
  void keyLengthMismatchIsUnauthorized() throws Exception {
    Raw raw = new Raw();
    WebSocket ws = open(raw);
    raw.next();
    ws.send(hex("b6c4 00 12 000102030405060708090a0b0c0d0e0f10"));
    assertTrue(raw.next().startsWith("close 3001"));
  }

  @Test
  void otherVersionIsAVersionMismatch() throws Exception {
    Raw raw = new Raw();
    WebSocket ws = open(raw);
    raw.next();
    ws.send(hex("b6c4 01 11 000102030405060708090a0b0c0d0e0f10"));
    assertEquals("close 3002 Version mismatch: client 1, server accepts 0", raw.next());
  }

  @Test
  void unknownKeyIsUnauthorizedAndUnsignedLengthsAreRead() throws Exception {
    Raw raw = new Raw();
    WebSocket ws = open(raw);
    raw.next();
    byte[] auth = new byte[4 + 200];
    auth[0] = (byte) 0xb6;
    auth[1] = (byte) 0xc4;
    auth[3] = (byte) 200;
    ws.send(ByteString.of(auth));
    assertEquals("close 3001 Unauthorized: unknown access key", raw.next());
    assertTrue(
        server.sessions().get(0).protocolErrors().isEmpty(),
        "a 200-byte key was parsed, not malformed");
  }

  @Test
  void silentClientIsClosedWith3003AfterThirtySeconds() throws Exception {
    Raw raw = new Raw();
    WebSocket ws = open(raw);
    raw.next();
    ws.send(hex("b6c4 00 11 000102030405060708090a0b0c0d0e0f10"));
    raw.next();
    FakeBinaryWsServer.Session s = server.awaitSession(0, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(20));
    ws.send(hex("00"));
    raw.next();
    s.awaitPings(1, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(29));
    // The server's timer runs inside advance(), so this check is not racing it.
    assertFalse(s.isClosed(), "the Ping at 20 s reset the timer");
    clock.advance(Duration.ofSeconds(1));
    assertTrue(s.isClosed());
    assertEquals("close 3003 Timeout: no ping for 30 s", raw.next());
  }

  @Test
  void badBytesAfterAuthenticationAreRecordedAndTheSessionStays() throws Exception {
    Raw raw = new Raw();
    WebSocket ws = open(raw);
    raw.next();
    ws.send(hex("b6c4 00 11 000102030405060708090a0b0c0d0e0f10"));
    raw.next();
    ws.send(hex("00 7f 00"));
    assertEquals("000000018bcfe56800", raw.next(), "the Ping before the unknown id is answered");
    FakeBinaryWsServer.Session s = server.awaitSession(0, Duration.ofSeconds(10));
    assertEquals(0x7f, s.protocolErrors().get(0).packetId());
    assertEquals(1, s.protocolErrors().get(0).offset());
    ws.send(hex("00"));
    assertEquals("000000018bcfe56800", raw.next());
  }
}

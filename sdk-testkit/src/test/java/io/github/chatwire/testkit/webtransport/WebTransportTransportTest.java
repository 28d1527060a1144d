package io.github.chatwire.testkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.TlsCertificateException;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import io.github.chatwire.omikron.codec.ttp.TtpDecodeException;
import io.github.chatwire.omikron.codec.ttp.TtpLimits;
import io.github.chatwire.omikron.codec.ttp.TtpStreamDecoder;
import io.github.chatwire.testkit.tauri.TestCertificate;
import io.github.chatwire.webtransport.WebTransportTimeoutException;
import io.github.chatwire.webtransport.WebTransportTransport;
import io.github.chatwire.webtransport.internal.WebTransportSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.kwik.flupke.webtransport.Session;

/**
 * {@link WebTransportTransport} against flupke's own WebTransport server on loopback (real QUIC),
 * driven byte by byte: framing, close frames both ways, hostile frames, the write-failure rule.
 */
class WebTransportTransportTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ChatwireRuntime runtime = ChatwireRuntime.builder().build();
  private WebTransportTestServer server;
  private TransportSession session;

  @AfterEach
  void tearDown() {
    if (session != null) {
      session.cancel();
    }
    if (server != null) {
      server.close();
    }
    runtime.close();
  }

  /** A TTP message: its own u32 length, then {@code n} payload bytes. */
  static byte[] message(int n, int seed) {
    byte[] m = new byte[n + 4];
    m[0] = (byte) (n >>> 24);
    m[1] = (byte) (n >>> 16);
    m[2] = (byte) (n >>> 8);
    m[3] = (byte) n;
    for (int i = 4; i < m.length; i++) {
      m[i] = (byte) (seed + i);
    }
    return m;
  }

  /** What the server side saw: each client stream's frames, and close frames. */
  static final class ServerSide {
    final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final List<InputStream> streams = new CopyOnWriteArrayList<>();

    /** Reads a client stream frame by frame; {@code onFrame} may act on the stream. */
    void read(InputStream in, int streamNo, Consumer<byte[]> onFrame) {
      TtpStreamDecoder d =
          new TtpStreamDecoder(
              TtpLimits.DEFAULT,
              new TtpStreamDecoder.FrameSink() {
                @Override
                public void onFrame(byte[] message, long streamOffset) {
                  events.add("frame:" + streamNo + ":" + message.length);
                  onFrame.accept(message);
                }

                @Override
                public void onClose() {
                  events.add("close-frame:" + streamNo);
                }
              });
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          d.feed(buf, 0, n);
        }
        events.add("end:" + streamNo);
      } catch (IOException e) {
        events.add("end:" + streamNo);
      }
    }

    String next() throws InterruptedException {
      String e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("no server event within " + WAIT);
      }
      return e;
    }
  }

  /** Records the client side's events. */
  static final class Recorder implements TransportListener {
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    final List<String> order = new CopyOnWriteArrayList<>();

    @Override
    public void onOpen() {
      order.add("open");
      events.add("open");
    }

    @Override
    public void onText(String text) {
      order.add("text");
      events.add("text:" + text);
    }

    @Override
    public void onBinary(byte[] bytes) {
      order.add("binary");
      events.add(bytes);
    }

    @Override
    public void onClosed(int code, String reason) {
      order.add("closed");
      events.add("closed:" + code + ":" + reason);
    }

    @Override
    public void onFailure(ChatwireException cause) {
      order.add("failure");
      events.add(cause);
    }

    Object next() throws InterruptedException {
      Object e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("no client event within " + WAIT + "; so far " + order);
      }
      return e;
    }

    ChatwireException failure() throws InterruptedException {
      Object e = next();
      while (e instanceof byte[]) {
        e = next();
      }
      return assertInstanceOf(ChatwireException.class, e, String.valueOf(e));
    }
  }

  private ServerSide start(Consumer<Session> onSession) throws IOException {
    return start(onSession, 1_000_000);
  }

  private ServerSide start(Consumer<Session> onSession, int streamBuffer) throws IOException {
    ServerSide side = new ServerSide();
    server =
        WebTransportTestServer.builder(
                s -> {
                  side.sessions.add(s);
                  onSession.accept(s);
                  s.open();
                })
            .streamBufferBytes(streamBuffer)
            .start();
    return side;
  }

  private WebTransportTransport.Builder transport() {
    return WebTransportTransport.builder(server.url())
        .trustCertificates(server.certificateAuthority().certificate());
  }

  private Recorder open(WebTransportTransport t) throws InterruptedException {
    Recorder r = new Recorder();
    session = t.open(runtime, r);
    assertEquals("open", r.next());
    return r;
  }

  private static OutputStream serverStream(Session s) throws IOException {
    return s.createUnidirectionalStream().getOutputStream();
  }

  @Test
  void messagesGoOutOnOneStreamAndComeBackAsTheSameBytes() throws Exception {
    start(
        s -> {
          OutputStream[] echo = new OutputStream[1];
          s.setUnidirectionalStreamReceiveHandler(
              stream ->
                  side(s)
                      .read(
                          stream.getInputStream(),
                          1,
                          m -> {
                            try {
                              if (echo[0] == null) {
                                echo[0] = serverStream(s);
                              }
                              echo[0].write(TtpStreamDecoder.frame(m));
                            } catch (IOException e) {
                              throw new RuntimeException(e);
                            }
                          }));
        });
    Recorder r = open(transport().build());
    byte[][] sent = {message(10, 1), message(0, 2), message(70_000, 3)};
    for (byte[] m : sent) {
      assertTrue(session.sendBinary(m));
    }
    for (byte[] m : sent) {
      assertArrayEquals(m, (byte[]) r.next());
    }
    assertEquals(1, ((WebTransportSession) session).streamsOpened());
    assertEquals(0, session.queuedBytes());
    assertFalse(session.sendText("text is not TTP"));
    assertThrows(IllegalArgumentException.class, () -> session.sendBinary(new byte[] {0, 0, 0, 9}));
  }

  /**
   * kwik 0.10.9's stream sender can lose its wake-up: the rest of a write larger than one packet
   * then waits in kwik's buffer until the stream's next write (docs/INTEROP.md, kwik row). A client
   * that sends one large message and then nothing (no ping before the server needs it) must still
   * get it there: each large message must arrive while the client writes nothing else. Failed
   * before the session's zero-length "nudge" writes (message 111 of 150 stuck for 5 s).
   */
  @Test
  void aLargeMessageArrivesWithoutALaterWrite() throws Exception {
    ServerSide seen = side(null); // made before the server's threads can ask for it
    start(
        s ->
            s.setUnidirectionalStreamReceiveHandler(
                stream -> side(s).read(stream.getInputStream(), 1, m -> {})));
    open(transport().build());
    // Without the nudge a message stays in kwik's buffer for good (nothing is written after it),
    // so the bound only has to end that failure: a loaded machine delayed single messages by 3.5 s.
    for (int i = 0; i < 300; i++) {
      assertTrue(session.sendBinary(message(50_000 + i, i)));
      assertEquals(
          "frame:1:" + (50_004 + i),
          seen.events.poll(30, TimeUnit.SECONDS),
          "message " + (i + 1) + " of 300 did not arrive within 30 s");
    }
  }

  // The echo handler needs the ServerSide of its own test; one per test, so a field will do.
  private ServerSide currentSide;

  private ServerSide side(Session s) {
    if (currentSide == null) {
      currentSide = new ServerSide();
    }
    return currentSide;
  }

  @Test
  void closeWritesTheCloseFrameAfterTheQueuedMessages() throws Exception {
    start(
        s ->
            s.setUnidirectionalStreamReceiveHandler(
                stream -> side(s).read(stream.getInputStream(), 1, m -> {})));
    Recorder r = open(transport().build());
    assertTrue(session.sendBinary(message(5, 1)));
    session.close(1000, "bye");
    assertEquals("closed:1000:bye", r.next());
    assertEquals("frame:1:9", currentSide.next());
    assertEquals("close-frame:1", currentSide.next());
    assertFalse(session.sendBinary(message(5, 1)), "closed sessions refuse sends");
  }

  @Test
  void theServersCloseFrameClosesTheSessionNormally() throws Exception {
    startWithServerThread(
        s -> {
          OutputStream o = serverStream(s);
          o.write(TtpStreamDecoder.frame(message(3, 7)));
          o.write(TtpStreamDecoder.closeFrame());
        });
    Recorder r = new Recorder();
    session = transport().build().open(runtime, r);
    assertEquals("open", r.next());
    assertArrayEquals(message(3, 7), (byte[]) r.next());
    Object end = r.next();
    assertTrue(String.valueOf(end).startsWith("closed:1000:"), String.valueOf(end));
    assertEquals(List.of("open", "binary", "closed"), r.order);
  }

  @Test
  void aSecondServerStreamIsReadWhileTheFirstStaysOpen() throws Exception {
    // The transport allows maxIncomingStreams at a time: each must be read at once, not after the
    // streams before it have ended (flupke hands a stream over holding its session lock).
    startWithServerThread(
        s -> {
          serverStream(s).write(TtpStreamDecoder.frame(message(3, 1))); // stays open
          Thread.sleep(200);
          serverStream(s).write(TtpStreamDecoder.frame(message(4, 2)));
        });
    Recorder r = open(transport().build());
    assertArrayEquals(message(3, 1), (byte[]) r.next());
    assertArrayEquals(message(4, 2), (byte[]) r.next(), "the second stream's message");
  }

  /** What a server thread does with an open session. */
  private interface ServerAction {
    void run(Session s) throws Exception;
  }

  /**
   * Starts a server that ignores the client's streams and, for each session, runs {@code action} on
   * a thread of its own once the session is open. A failure there only ends that thread (the client
   * may have closed the connection first, or the server run out of stream credit): the test's
   * assertions on the client say what arrived.
   */
  private void startWithServerThread(ServerAction action) throws IOException {
    start(
        s -> {
          s.setUnidirectionalStreamReceiveHandler(stream -> {});
          new Thread(
                  () -> {
                    awaitOpen(s);
                    try {
                      action.run(s);
                    } catch (Exception e) {
                      // see above
                    }
                  })
              .start();
        });
  }

  /** The server writes these bytes on a stream of its own once the session is open. */
  private void serverWrites(byte[] bytes) throws IOException {
    startWithServerThread(s -> serverStream(s).write(bytes));
  }

  @Test
  void aFourGibLengthPrefixIsATypedErrorNotAnAllocation() throws Exception {
    serverWrites(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, 1, 2, 3});
    Recorder r = open(transport().build());
    MessageTooLargeException e = assertInstanceOf(MessageTooLargeException.class, r.failure());
    assertEquals(0xFFFF_FFFEL, e.size());
    assertTrue(e.isRetryable());
  }

  @Test
  void aFrameAboveTheConfiguredLimitIsRefused() throws Exception {
    serverWrites(TtpStreamDecoder.frame(message(2000, 1)));
    Recorder r = open(transport().maxMessageBytes(1000).build());
    MessageTooLargeException e = assertInstanceOf(MessageTooLargeException.class, r.failure());
    assertEquals(2004, e.size());
    assertEquals(1000, e.limit());
  }

  @Test
  void anOuterLengthThatLiesAboutTheMessageEndsTheSession() throws Exception {
    byte[] frame = TtpStreamDecoder.frame(message(20, 1));
    frame[3] -= 2; // outer says 22, the message says 24
    serverWrites(frame);
    Recorder r = open(transport().build());
    ChatwireException e = r.failure();
    assertInstanceOf(ConnectionLostException.class, e);
    assertInstanceOf(TtpDecodeException.class, e.getCause());
  }

  @Test
  void aFrameWithAValidLengthButAnyContentIsHandedOnAsItIs() throws Exception {
    byte[] garbage = message(6, 99); // not a CommunicationValue: the session's decoder judges it
    serverWrites(TtpStreamDecoder.frame(garbage));
    Recorder r = open(transport().build());
    assertArrayEquals(garbage, (byte[]) r.next());
  }

  @Test
  void aFrameBodyThatNeverCompletesTimesOut() throws Exception {
    byte[] partial = new byte[5];
    System.arraycopy(TtpStreamDecoder.frame(message(100, 1)), 0, partial, 0, 5);
    serverWrites(partial);
    Recorder r = open(transport().frameReadTimeout(Duration.ofMillis(300)).build());
    WebTransportTimeoutException e =
        assertInstanceOf(WebTransportTimeoutException.class, r.failure());
    assertEquals(WebTransportTimeoutException.Stage.READ_FRAME, e.stage());
    assertTrue(e.isRetryable());
  }

  @Test
  void manyServerStreamsWithUnfinishedFramesEndInATimeoutNotInMemory() throws Exception {
    startWithServerThread(
        s -> {
          byte[] head = new byte[1000];
          System.arraycopy(TtpStreamDecoder.frame(message(8_000_000, 1)), 0, head, 0, head.length);
          for (int i = 0; i < 50; i++) {
            serverStream(s).write(head); // until out of stream credit or the client went away
          }
        });
    Recorder r = open(transport().frameReadTimeout(Duration.ofMillis(500)).build());
    WebTransportTimeoutException e =
        assertInstanceOf(WebTransportTimeoutException.class, r.failure());
    assertEquals(WebTransportTimeoutException.Stage.READ_FRAME, e.stage());
  }

  @Test
  void aFailedWriteOpensOneNewStreamAndTheSessionGoesOn() throws Exception {
    // STOP_SENDING on the first stream after its first frame: the client's next write fails.
    ServerSide side = abortingServer(1);
    Recorder r = open(transport().build());
    assertTrue(session.sendBinary(message(1, 1)));
    assertEquals("frame:1:5", side.next());
    // Writes into the reset stream may be accepted before the reset arrives; keep sending until
    // one arrives on the new stream.
    String seen = "";
    for (int i = 0; i < 200 && !seen.startsWith("frame:2"); i++) {
      assertTrue(session.sendBinary(message(2, i)));
      String e = side.events.poll(100, TimeUnit.MILLISECONDS);
      seen = e == null ? "" : e;
    }
    assertEquals("frame:2:6", seen);
    assertEquals(2, ((WebTransportSession) session).streamsOpened());
    assertTrue(r.events.stream().noneMatch(e -> e instanceof ChatwireException), "still open");
  }

  @Test
  void aSecondWriteFailureFailsTheSessionRetryably() throws Exception {
    abortingServer(Integer.MAX_VALUE); // every stream, after its first frame
    Recorder r = open(transport().build());
    ChatwireException failure = null;
    for (int i = 0; i < 400 && failure == null; i++) {
      session.sendBinary(message(2, i));
      Object e = r.events.poll(50, TimeUnit.MILLISECONDS);
      if (e instanceof ChatwireException) {
        failure = (ChatwireException) e;
      }
    }
    assertNotNull(failure, "the session should fail after the second stream failed");
    assertInstanceOf(ConnectionLostException.class, failure);
    assertTrue(failure.isRetryable());
    assertEquals(2, ((WebTransportSession) session).streamsOpened());
  }

  @Test
  void aWriteThatCannotProceedTimesOutOnBothStreams() throws Exception {
    // The server never reads and grants little credit: the client's writes block.
    start(s -> s.setUnidirectionalStreamReceiveHandler(stream -> {}), 2_000);
    Recorder r = open(transport().writeTimeout(Duration.ofMillis(300)).build());
    assertTrue(session.sendBinary(message(3_000_000, 1)));
    WebTransportTimeoutException e =
        assertInstanceOf(WebTransportTimeoutException.class, r.failure());
    assertEquals(WebTransportTimeoutException.Stage.WRITE, e.stage());
    assertEquals(2, ((WebTransportSession) session).streamsOpened());
  }

  @Test
  void theSendQueueIsBounded() throws Exception {
    start(s -> s.setUnidirectionalStreamReceiveHandler(stream -> {}), 2_000);
    open(transport().maxQueuedBytes(100_000).build());
    assertTrue(session.sendBinary(message(60_000, 1)));
    assertTrue(session.sendBinary(message(30_000, 1)));
    assertFalse(session.sendBinary(message(30_000, 1)), "over maxQueuedBytes");
    assertEquals(100_000, session.maxQueuedBytes());
  }

  @Test
  void aServerFromAnotherCaIsRefusedWithTheReason() throws Exception {
    start(s -> {});
    Recorder r = new Recorder();
    session =
        WebTransportTransport.builder(server.url())
            .trustCertificates(TestCertificate.certificateAuthority("other CA").certificate())
            .build()
            .open(runtime, r);
    ChatwireException failure = r.failure();
    TlsCertificateException e =
        assertInstanceOf(TlsCertificateException.class, failure, failure.toString());
    assertTrue(e.getMessage().contains("not issued by a trusted CA"), e.getMessage());
    assertFalse(e.isRetryable());
  }

  @Test
  void theServerEndingTheSessionWithoutACloseFrameIsARetryableLoss() throws Exception {
    BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    start(
        s -> {
          s.setUnidirectionalStreamReceiveHandler(stream -> {});
          sessions.add(s);
        });
    Recorder r = open(transport().build());
    Session s = sessions.take();
    // The client is open once its stream is; the server's handler opens the session a moment
    // later, and closing it before that throws (flupke: CREATED to CLOSING).
    awaitOpen(s);
    s.close(7, "restarting");
    ChatwireException e = r.failure();
    assertInstanceOf(ConnectionLostException.class, e);
    assertTrue(e.getMessage().contains("restarting"), e.getMessage());
  }

  /**
   * A server that numbers the client's streams from 1 and stops reading (STOP_SENDING) each of the
   * first {@code upTo} streams after its first frame.
   */
  private ServerSide abortingServer(int upTo) throws IOException {
    ServerSide side = new ServerSide();
    int[] streams = new int[1];
    start(
        s ->
            s.setUnidirectionalStreamReceiveHandler(
                stream -> {
                  int no;
                  synchronized (streams) {
                    no = ++streams[0];
                  }
                  InputStream in = stream.getInputStream();
                  side.read(
                      in,
                      no,
                      m -> {
                        if (no <= upTo) {
                          abortReading(in);
                        }
                      });
                }));
    return side;
  }

  /**
   * The test's start wrapper opens the session after its handler returns; a server thread started
   * in the handler waits for that (flupke refuses streams of a session not yet open).
   */
  private static void awaitOpen(Session s) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!s.isOpen() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  private static void abortReading(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}

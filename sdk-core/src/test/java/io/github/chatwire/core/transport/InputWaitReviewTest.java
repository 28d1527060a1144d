package io.github.chatwire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.transport.RawWsServer.Peer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs for the issue-12 fast paths: the engine holds back the events of a burst until
 * {@link TransportListener#onInputWait}, so the transport must call it after the last delivered
 * message before every read that can block: a server that stops mid-header, mid-payload, after a
 * ping, or that closes, must not leave a delivered message's events held back. (evidence for "no
 * issue found").
 */
class InputWaitReviewTest {
  private ChatwireRuntime runtime;
  private RawWsServer server;

  @BeforeEach
  void setUp() throws Exception {
    runtime = ChatwireRuntime.builder().build();
    server = new RawWsServer();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    runtime.close();
  }

  private static final class Recorder implements TransportListener {
    final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    @Override
    public void onOpen() {
      seen.add("open");
    }

    @Override
    public void onText(String text) {
      seen.add("text:" + text);
    }

    @Override
    public void onBinary(byte[] bytes) {
      seen.add("binary");
    }

    @Override
    public void onInputWait() {
      seen.add("wait");
    }

    @Override
    public void onClosed(int code, String reason) {
      seen.add("closed");
    }

    @Override
    public void onFailure(ChatwireException cause) {
      seen.add("failed");
    }

    String next() throws InterruptedException {
      String s = seen.poll(5, TimeUnit.SECONDS);
      return s == null ? "nothing within 5 s" : s;
    }
  }

  @Test
  void everyStallAfterAMessageIsAnnounced() throws Exception {
    byte[] a = "a".getBytes(StandardCharsets.UTF_8);
    byte[][] tails = {
      {}, // nothing more
      {(byte) 0x81}, // half a header
      {(byte) 0x81, 10, 'x', 'y'}, // a header and part of the payload
      {(byte) 0x89, 0}, // a ping, then nothing
      {(byte) 0x81, 126, 0x20}, // half an extended length
    };
    for (byte[] tail : tails) {
      Recorder r = new Recorder();
      TransportSession session = WebSocketTransport.builder(server.url()).build().open(runtime, r);
      try (Peer peer = server.accept().upgrade()) {
        assertEquals("open", r.next());
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
          s.writeBytes(Peer.header(0x81, 1));
          s.writeBytes(a);
        }
        s.writeBytes(tail);
        peer.raw(s.toByteArray());
        for (int i = 0; i < 3; i++) {
          String e = r.next();
          if (e.equals("wait")) {
            e = r.next(); // (a wait between messages that arrived in separate reads)
          }
          assertEquals("text:a", e, "tail of " + tail.length);
        }
        assertEquals("wait", r.next(), "tail of " + tail.length);
        peer.close(1000, "");
        peer.socket.close();
        String end;
        do {
          end = r.next();
        } while (end.equals("wait"));
        assertTrue(end.equals("closed") || end.equals("failed"), end);
      } finally {
        session.cancel();
      }
    }
  }
}

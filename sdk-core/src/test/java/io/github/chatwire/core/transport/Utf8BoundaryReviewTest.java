package io.github.chatwire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.WebSocketProtocolException;
import io.github.chatwire.core.transport.RawWsServer.Events;
import io.github.chatwire.core.transport.RawWsServer.Peer;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs for the issue-12 fast paths: invalid UTF-8 in a single-frame text whose end
 * arrives in a later read (the new compactAndFill path), in one past the read buffer, and in a
 * fragmented text whose first fragment is empty (the new "single" shortcut), at the start, middle
 * and end, with the bytes split across two socket writes: never delivered, always 1007. (evidence
 * for "no issue found").
 */
class Utf8BoundaryReviewTest {
  private static final byte[][] BAD = {
    {(byte) 0xC0, (byte) 0x80}, // overlong NUL
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate
    {(byte) 0x80}, // a lone continuation byte
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
  };

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

  @Test
  void invalidUtf8AcrossReadsNeverArrivesAndCloses1007() throws Exception {
    int[] lengths = {40, 4000, 4096, 5000};
    for (int len : lengths) {
      for (byte[] bad : BAD) {
        for (int where = 0; where < 3; where++) {
          int at = where == 0 ? 0 : where == 1 ? len / 2 : len - bad.length;
          byte[] p = new byte[len];
          Arrays.fill(p, (byte) 'a');
          System.arraycopy(bad, 0, p, at, bad.length);
          for (boolean fragmented : new boolean[] {false, true}) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            s.writeBytes(Peer.header(0x81, 2));
            s.writeBytes(new byte[] {'o', 'k'});
            if (fragmented) {
              s.writeBytes(Peer.header(0x01, 0)); // empty first fragment
              s.writeBytes(Peer.header(0x80, len));
            } else {
              s.writeBytes(Peer.header(0x81, len));
            }
            s.writeBytes(p);
            byte[] all = s.toByteArray();
            // the bad bytes in the second write: the frame's end arrives in a later read
            int cut = Math.max(6, all.length - len + at - 1);
            run(all, cut, len + "/" + at + "/" + bad.length + "/" + fragmented);
          }
        }
      }
    }
  }

  private void run(byte[] all, int cut, String what) throws Exception {
    Events events = new Events();
    TransportSession session =
        WebSocketTransport.builder(server.url()).build().open(runtime, events);
    try (Peer peer = server.accept().upgrade()) {
      events.next(Events.Opened.class);
      peer.raw(Arrays.copyOfRange(all, 0, cut));
      assertEquals("ok", events.next(Events.Text.class).text(), what);
      Thread.sleep(5);
      peer.raw(Arrays.copyOfRange(all, cut, all.length));
      assertEquals(1007, peer.closeCode(), what);
      peer.socket.shutdownOutput();
      Object end = events.next(); // no text in between
      WebSocketProtocolException e =
          assertInstanceOf(
              WebSocketProtocolException.class,
              assertInstanceOf(Events.Failed.class, end, what).cause());
      assertEquals(1007, e.closeCode(), what);
    } finally {
      session.cancel();
    }
  }
}

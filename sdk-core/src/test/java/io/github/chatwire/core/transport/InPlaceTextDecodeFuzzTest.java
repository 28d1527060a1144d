package io.github.chatwire.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.WebSocketProtocolException;
import io.github.chatwire.core.transport.RawWsServer.Events;
import io.github.chatwire.core.transport.RawWsServer.Peer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Review of wip/perf (a3dbae5, in-place text decode): a random stream of single-frame texts (0 B to
 * 6 KiB, so some are whole in the 4 KiB read buffer and some are not, multi-byte characters across
 * the buffer edge), fragmented texts and binaries, written in random chunks, arrives exactly; then
 * a single-frame text with invalid UTF-8 closes 1007. Passes on wip/perf (evidence for "no issue
 * found"); a guard for later changes.
 */
class InPlaceTextDecodeFuzzTest {
  private static final String[] PIECES = {
    "a", "z", " ", "é", "€", "😀", "κ", "\u0000", "{\"t\":1.5}"
  };

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

  private static String randomText(SplittableRandom r, int maxBytes) {
    StringBuilder b = new StringBuilder();
    int target = r.nextInt(maxBytes + 1);
    while (b.toString().getBytes(StandardCharsets.UTF_8).length < target) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  @Test
  void randomStreamArrivesExactlyAndInvalidUtf8StillCloses1007() throws Exception {
    session = WebSocketTransport.builder(server.url()).build().open(runtime, events);
    Peer peer = server.accept().upgrade();
    events.next(Events.Opened.class);
    SplittableRandom r = new SplittableRandom(2026);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int kind = r.nextInt(10);
      if (kind < 6) {
        String t = randomText(r, r.nextInt(4) == 0 ? 6000 : 300);
        byte[] p = t.getBytes(StandardCharsets.UTF_8);
        stream.writeBytes(Peer.header(0x81, p.length));
        stream.writeBytes(p);
        expected.add(t);
      } else if (kind < 8) {
        String t = randomText(r, 2000);
        byte[] p = t.getBytes(StandardCharsets.UTF_8);
        int cut = p.length == 0 ? 0 : r.nextInt(p.length + 1);
        stream.writeBytes(Peer.header(0x01, cut));
        stream.write(p, 0, cut);
        stream.writeBytes(Peer.header(0x80, p.length - cut));
        stream.write(p, cut, p.length - cut);
        expected.add(t);
      } else {
        byte[] p = new byte[r.nextInt(3000)];
        for (int k = 0; k < p.length; k++) {
          p[k] = (byte) r.nextInt(256);
        }
        stream.writeBytes(Peer.header(0x82, p.length));
        stream.writeBytes(p);
        expected.add(p);
      }
    }
    stream.writeBytes(Peer.header(0x81, 3));
    stream.writeBytes(new byte[] {'o', 'k', (byte) 0xC0});
    byte[] all = stream.toByteArray();
    for (int off = 0; off < all.length; ) {
      int n = Math.min(all.length - off, 1 + r.nextInt(r.nextBoolean() ? 7 : 9000));
      byte[] chunk = new byte[n];
      System.arraycopy(all, off, chunk, 0, n);
      peer.raw(chunk);
      off += n;
    }
    for (int i = 0; i < expected.size(); i++) {
      Object want = expected.get(i);
      if (want instanceof String) {
        assertEquals(want, events.next(Events.Text.class).text(), "message " + i);
      } else {
        assertArrayEquals((byte[]) want, events.next(Events.Binary.class).bytes(), "message " + i);
      }
    }
    assertEquals(1007, peer.closeCode(), "close code the client sent");
    peer.socket.shutdownOutput();
    Object end = events.terminal();
    WebSocketProtocolException p =
        assertInstanceOf(
            WebSocketProtocolException.class, assertInstanceOf(Events.Failed.class, end).cause());
    assertEquals(1007, p.closeCode());
  }
}

package io.github.chatwire.testkit.tauri;

import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.tauri.codec.TauriFraming;
import io.github.chatwire.tauri.codec.TauriMessageCodec;
import io.github.chatwire.tauri.model.TauriMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;

/**
 * One client connection as {@link FakeOmegaQuicServer} sees it: what the client sent, and methods
 * to push messages to it or to close it.
 *
 * <p>Thread-safe. Send methods write on the calling thread (a test thread), never on kwik's.
 */
public final class FakeTauriConnection {
  private static final ScheduledExecutorService NUDGES =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fake-omega-nudge");
            t.setDaemon(true);
            return t;
          });

  private final FakeOmegaQuicServer server;
  private final QuicConnection quic;
  private final TauriFraming framing;
  private final List<TauriMessage> received = new ArrayList<>(); // guarded by this
  private final CountDownLatch identifiedLatch = new CountDownLatch(1);
  private final CountDownLatch endedLatch = new CountDownLatch(1);
  private volatile @Nullable String userId;
  private volatile @Nullable QuicStream stream;
  private volatile boolean ended;
  private final CountDownLatch terminatedLatch = new CountDownLatch(1);
  private volatile @Nullable ConnectionEnd end; // set before terminatedLatch opens

  /**
   * How the QUIC connection ended, as this server saw it on the wire.
   *
   * @param byClient whether the client closed it (else the server, or the idle timer)
   * @param applicationErrorCode the application error code of the client's CONNECTION_CLOSE; null
   *     if it carried none (no error, or a transport close)
   * @param transportErrorCode the transport error code; null if none
   * @param reason kwik's description or the client's reason phrase; may be null
   */
  public record ConnectionEnd(
      boolean byClient,
      @Nullable Long applicationErrorCode,
      @Nullable Long transportErrorCode,
      @Nullable String reason) {}

  FakeTauriConnection(FakeOmegaQuicServer server, QuicConnection quic, TauriFraming framing) {
    this.server = server;
    this.quic = quic;
    this.framing = framing;
    quic.setConnectionListener(
        ev -> {
          end =
              new ConnectionEnd(
                  ev.closedByPeer(),
                  ev.applicationErrorCode(),
                  ev.transportErrorCode(),
                  ev.errorDescription());
          terminatedLatch.countDown();
        });
  }

  /**
   * Waits until the QUIC connection has ended and tells how.
   *
   * @param timeout the longest wait
   * @return the end; never null
   * @throws AssertionError if the connection did not end in time
   */
  public ConnectionEnd awaitConnectionEnd(Duration timeout) {
    try {
      if (!terminatedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the QUIC connection did not end within " + timeout);
      }
      ConnectionEnd ended = end;
      if (ended == null) {
        throw new AssertionError("the QUIC connection ended without telling how");
      }
      return ended;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Reads one client-opened stream until it ends; runs on a thread of the fake server. */
  void readStream(QuicStream s) {
    if (stream == null) {
      stream = s;
    }
    TauriFraming.Decoder decoder = framing.newDecoder(1 << 20);
    byte[] buf = new byte[4096];
    try (InputStream in = s.getInputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        for (String text : decoder.feed(buf, 0, n)) {
          handle(text);
        }
      }
    } catch (IOException | RuntimeException e) {
      // stream or connection ended; nothing to do in a fake
    } finally {
      ended = true;
      endedLatch.countDown();
    }
  }

  private void handle(String text) {
    server.received(this, text);
    TauriMessage m;
    try {
      m = TauriMessageCodec.decode(text);
    } catch (ProtocolException e) {
      m = new TauriMessage.Unknown("<malformed>", text);
    }
    synchronized (this) {
      received.add(m);
      notifyAll();
    }
    if (m instanceof TauriMessage.Identification && userId == null) {
      if (server.silent() || !server.acceptsIdentification()) {
        return;
      }
      userId = ((TauriMessage.Identification) m).userId();
      try {
        send(new TauriMessage.Success(String.valueOf(server.nextMessageId())));
      } finally {
        // The client identified even if the answer fails: under load it can read the answer and
        // close its connection while this thread is between the write and the flush, and kwik's
        // aborted stream then fails the flush.
        identifiedLatch.countDown();
        server.identified(this);
      }
    }
    // Before identification the spec says the server ignores everything else.
  }

  /**
   * The user id the client identified as.
   *
   * @return the id; null before identification
   */
  public @Nullable String userId() {
    return userId;
  }

  /**
   * A snapshot of every message the client sent, in order (malformed ones as {@link
   * TauriMessage.Unknown} with type {@code <malformed>}).
   *
   * @return the messages; never null
   */
  public synchronized List<TauriMessage> received() {
    return new ArrayList<>(received);
  }

  /**
   * Waits until the client sent a message matching the predicate.
   *
   * @param predicate the condition; never null
   * @param timeout the longest wait
   * @return the first matching message
   * @throws AssertionError if none arrived in time
   */
  public synchronized TauriMessage awaitReceived(
      Predicate<TauriMessage> predicate, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (TauriMessage m : received) {
        if (predicate.test(m)) {
          return m;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no matching message from the client within " + timeout + "; got " + received);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /**
   * Waits until the client has identified.
   *
   * @param timeout the longest wait
   * @return whether it identified in time
   */
  public boolean awaitIdentified(Duration timeout) {
    try {
      return identifiedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until the client's stream has ended (the client closed or the connection dropped).
   *
   * @param timeout the longest wait
   * @return whether it ended in time
   */
  public boolean awaitEnded(Duration timeout) {
    try {
      return endedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Sends a message on the client's stream.
   *
   * @param message the message; never null
   * @throws IllegalStateException if the client has opened no stream yet or writing failed
   */
  public void send(TauriMessage message) {
    sendRaw(TauriMessageCodec.encode(message));
  }

  /**
   * Sends raw text as one frame (for malformed-input tests).
   *
   * @param text the text; never null
   * @throws IllegalStateException if the client has opened no stream yet or writing failed
   */
  public void sendRaw(String text) {
    sendBytes(framing.encode(text));
  }

  /**
   * Sends raw bytes on the client's stream, unframed.
   *
   * @param bytes the bytes; never null
   */
  public synchronized void sendBytes(byte[] bytes) {
    QuicStream s = stream;
    if (s == null) {
      throw new IllegalStateException("the client has opened no stream");
    }
    try {
      OutputStream out = s.getOutputStream();
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException("write to the client failed: " + e.getMessage(), e);
    }
    for (long delay : new long[] {50, 500}) {
      ScheduledFuture<?> unused = NUDGES.schedule(() -> nudge(s), delay, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Works around a lost wake-up in kwik 0.10.9's stream sender ({@code
   * StreamOutputStreamImpl.scheduleSendStreamFrameRequest} counts its queued send request only
   * after queuing it; when the sender runs that request first and more data remains, it sees -1 and
   * queues no next one): the rest of a write larger than one packet then stays in kwik's send
   * buffer until the stream's next write. Measured on a stalled 50 KB frame: 0 requests queued,
   * 47,673 bytes buffered, flow-control limit far above the offset (not blocked); a zero-length
   * write sent it. So every write is followed by two zero-length ones.
   */
  private synchronized void nudge(QuicStream s) {
    try {
      s.getOutputStream().write(new byte[0]);
    } catch (IOException | RuntimeException e) {
      // the stream or connection ended: nothing left to send
    }
  }

  /**
   * Sends a {@code ping}.
   *
   * @param lastPing the value to send
   */
  public void ping(long lastPing) {
    send(new TauriMessage.Ping(lastPing));
  }

  /**
   * Sends a {@code push_notification}.
   *
   * @param senderId the sender; never null
   */
  public void push(String senderId) {
    send(new TauriMessage.PushNotification(senderId));
  }

  /**
   * Sends a {@code read_notification}.
   *
   * @param senderId the sender; never null
   */
  public void read(String senderId) {
    send(new TauriMessage.ReadNotification(senderId));
  }

  /**
   * Sends a message on a new server-opened bidirectional stream, then finishes that stream.
   *
   * @param message the message; never null
   * @throws IllegalStateException if the stream cannot be opened or written
   */
  public void sendOnNewStream(TauriMessage message) {
    try {
      QuicStream s = quic.createStream(true);
      OutputStream out = s.getOutputStream();
      out.write(framing.encode(TauriMessageCodec.encode(message)));
      out.close();
    } catch (IOException e) {
      throw new IllegalStateException("cannot push on a new stream: " + e.getMessage(), e);
    }
  }

  /**
   * Closes the connection with a QUIC application error code.
   *
   * @param code the application error code
   * @param reason the reason; never null
   */
  public void close(long code, String reason) {
    quic.close(code, reason);
  }

  /**
   * Whether the client's stream has ended.
   *
   * @return true once ended
   */
  public boolean isEnded() {
    return ended;
  }
}

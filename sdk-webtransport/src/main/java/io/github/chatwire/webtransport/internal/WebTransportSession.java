package io.github.chatwire.webtransport.internal;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.IncompatibleProtocolException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.TlsCertificateException;
import io.github.chatwire.core.UpgradeRejectedException;
import io.github.chatwire.core.internal.ServerCertificateCheck;
import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import io.github.chatwire.omikron.codec.ttp.TtpDecodeException;
import io.github.chatwire.omikron.codec.ttp.TtpLimits;
import io.github.chatwire.omikron.codec.ttp.TtpStreamDecoder;
import io.github.chatwire.webtransport.WebTransportTimeoutException;
import io.github.chatwire.webtransport.WebTransportTimeoutException.Stage;
import io.github.chatwire.webtransport.WebTransportTransport.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.log.NullLogger;
import tech.kwik.flupke.Http3ClientConnection;
import tech.kwik.flupke.Http3SingleConnectionClient;
import tech.kwik.flupke.HttpError;
import tech.kwik.flupke.impl.Http3ClientConnectionImpl;
import tech.kwik.flupke.webtransport.ClientSessionFactory;
import tech.kwik.flupke.webtransport.Session;
import tech.kwik.flupke.webtransport.WebTransportStream;

/**
 * One session of a {@link io.github.chatwire.webtransport.WebTransportTransport}: a QUIC connection
 * (kwik), HTTP/3 with one WebTransport session on it (flupke), one outgoing unidirectional stream
 * and the server's incoming ones. See the transport's javadoc for the rules; this class keeps them.
 *
 * <p>Threads: the session's own thread connects, writes and tears down; incoming streams are read
 * on the session's stream threads (flupke's HTTP/3 tasks run there too); timeouts fire on the
 * scheduler. Every listener callback is made holding {@code deliverLock}, so they come one at a
 * time, and none after the terminal one.
 */
public final class WebTransportSession implements TransportSession {
  private static final Logger log = LoggerFactory.getLogger(WebTransportSession.class);

  /** HTTP/3's own unidirectional streams from the server: control, QPACK encoder and decoder. */
  private static final int HTTP3_UNI_STREAMS = 3;

  /** The H3_GENERAL_PROTOCOL_ERROR code, for a connection this side ends because of a failure. */
  private static final long H3_GENERAL_PROTOCOL_ERROR = 0x101;

  /** The WebTransport close reason the upstream sends (with code 0) after its close frame. */
  static final String TTP_CLOSE_REASON = "ttp-close";

  private static final Pattern TOO_LONG = Pattern.compile("frame length (\\d+) exceeds");
  private static final Object CLOSE = new Object();
  private static final Object WAKE = new Object();

  /**
   * kwik 0.10.9's stream sender can lose its wake-up (it counts a queued send request only after
   * queuing it): the rest of a write longer than one packet then stays in kwik's send buffer until
   * the stream's next write, which on a quiet session is the next ping, seconds later. A
   * zero-length write releases it, so a write longer than {@link #NUDGE_ABOVE} bytes is followed by
   * zero-length ones {@link #NUDGE_DELAYS} later (docs/INTEROP.md, kwik row).
   */
  private static final Object NUDGE = new Object();

  private static final int NUDGE_ABOVE = 1_000;
  private static final Duration[] NUDGE_DELAYS = {Duration.ofMillis(50), Duration.ofMillis(500)};
  private static final int MAX_NUDGES_PENDING = 8;
  private static final byte[] NO_BYTES = new byte[0];

  private final Settings cfg;
  private final Scheduler scheduler;
  private final TransportListener listener;
  private final String name;
  private final Thread io;
  private final ThreadPoolExecutor streamThreads;
  private final TtpLimits limits;
  private final CountDownLatch openReturned = new CountDownLatch(1);
  private final CountDownLatch openSettled = new CountDownLatch(1);
  private final CountDownLatch peerEnded = new CountDownLatch(1);
  private final LinkedBlockingDeque<Object> outbox = new LinkedBlockingDeque<>();
  private final AtomicLong queued = new AtomicLong();
  private final Object sendLock = new Object();
  private final Object deliverLock = new Object();
  private final Object opLock = new Object();

  private volatile boolean open;
  private volatile boolean closeRequested;
  private volatile boolean cancelRequested;
  private volatile boolean closingLocally;
  private volatile int closeCode = 1000;
  private volatile String closeReason = "";
  private volatile @Nullable End end; // the first end someone other than a local close decided
  private volatile @Nullable QuicClientConnection conn;
  private volatile @Nullable Session wt;
  private @Nullable OutputStream out; // the io thread's
  private boolean reopened; // the io thread's: the one new stream was used
  private boolean finished; // guarded by deliverLock
  private long opId; // guarded by opLock
  private boolean inOp; // guarded by opLock
  private long timedOutOp; // guarded by opLock
  private final AtomicInteger streamsOpened = new AtomicInteger();
  private final AtomicInteger nudgesPending = new AtomicInteger();

  /**
   * Creates the session; {@link #start()} starts it.
   *
   * @param cfg the transport's settings; never null
   * @param scheduler runs the timeouts; never null
   * @param listener receives the events; never null
   * @param name the thread's name, for logs; never null
   */
  public WebTransportSession(
      Settings cfg, Scheduler scheduler, TransportListener listener, String name) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.name = Objects.requireNonNull(name, "name");
    this.limits = TtpLimits.DEFAULT.withMaxMessageBytes(cfg.maxMessageBytes());
    this.io = new Thread(this::run, name);
    io.setDaemon(true);
    this.streamThreads = newStreamThreads(name);
  }

  /**
   * The threads that read the server's streams (HTTP/3's control and QPACK streams, and TTP's), one
   * per stream while it is open, as flupke's own pool would; but this pool is the session's, and
   * {@link #tearDown} shuts it down. flupke 0.9.4 makes a cached pool per HTTP/3 connection and
   * never shuts it down, so each closed session left a thread idling for 60 s: a user who connects
   * and closes all day collected them. Stream credit bounds the streams open at a time; a stream
   * that arrives after the shutdown is not read (the connection is closing).
   */
  private static ThreadPoolExecutor newStreamThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        5,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, name + "-stream-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.DiscardPolicy());
  }

  /** Starts the session's thread; the listener hears nothing before this returns. */
  public void start() {
    io.start();
    openReturned.countDown();
  }

  /**
   * How many outgoing streams this session opened (1, or more after write failures). For tests.
   *
   * @return the count
   */
  public int streamsOpened() {
    return streamsOpened.get();
  }

  // ---- TransportSession (any thread; never blocks) ----

  @Override
  public boolean sendText(String text) {
    Objects.requireNonNull(text, "text");
    return false; // TTP is binary only
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the bytes do not begin with their own length ({@code u32
   *     BE}, the rest's length), as every TTP message does
   */
  @Override
  public boolean sendBinary(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < 4
        || (((bytes[0] & 0xFFL) << 24)
                | ((bytes[1] & 0xFF) << 16)
                | ((bytes[2] & 0xFF) << 8)
                | (bytes[3] & 0xFF))
            != bytes.length - 4L) {
      throw new IllegalArgumentException(
          "not a TTP message: it must begin with its own length (u32 BE of the rest)");
    }
    long size = bytes.length + 4L;
    synchronized (sendLock) {
      if (!open || closeRequested || end != null) {
        return false;
      }
      long q = queued.get();
      if (q + size > cfg.maxQueuedBytes()) {
        return false;
      }
      queued.addAndGet(size);
      outbox.offerLast(TtpStreamDecoder.frame(bytes));
      return true;
    }
  }

  @Override
  public void close(int code, @Nullable String reason) {
    synchronized (sendLock) {
      if (closeRequested) {
        return;
      }
      closeCode = code;
      closeReason = reason == null ? "" : reason;
      closeRequested = true;
      outbox.offerLast(CLOSE); // after every accepted message
    }
  }

  @Override
  public void cancel() {
    synchronized (sendLock) {
      cancelRequested = true;
      if (!closeRequested) {
        closeCode = 1001;
        closeReason = "cancelled";
        closeRequested = true;
      }
      outbox.clear();
      queued.set(0);
      outbox.offerFirst(CLOSE);
    }
  }

  @Override
  public long queuedBytes() {
    return queued.get();
  }

  @Override
  public long maxQueuedBytes() {
    return cfg.maxQueuedBytes();
  }

  // ---- the session's thread ----

  private void run() {
    End e;
    try {
      openReturned.await();
      e = connectAndWrite();
    } catch (InterruptedException ie) {
      e = End.fail(new ConnectionLostException("the WebTransport session was interrupted", ie));
    } catch (RuntimeException ex) {
      log.warn("[{}] unexpected failure in the WebTransport session", name, ex);
      e = End.fail(new ConnectionLostException("WebTransport session failed: " + ex, ex));
    } finally {
      openSettled.countDown();
    }
    tearDown(e);
    deliverEnd(e);
  }

  private End localClose() {
    return End.close(closeCode, closeReason);
  }

  private End connectAndWrite() throws InterruptedException {
    if (closeRequested) {
      return localClose();
    }
    ServerCertificateCheck check;
    try {
      check = cfg.newCertificateCheck();
    } catch (IllegalStateException e) {
      return End.fail(
          new TlsCertificateException(
              "cannot check server certificates: " + e.getMessage(), e, false));
    }
    String host = cfg.uri().getHost();
    int port = cfg.uri().getPort();
    QuicClientConnection c;
    try {
      QuicClientConnection.Builder b =
          QuicClientConnection.newBuilder()
              .host(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
              .port(port)
              .applicationProtocol("h3")
              .connectTimeout(cfg.connectTimeout())
              .maxIdleTimeout(cfg.idleTimeout())
              .maxOpenPeerInitiatedUnidirectionalStreams(
                  HTTP3_UNI_STREAMS + cfg.maxIncomingStreams())
              .maxOpenPeerInitiatedBidirectionalStreams(1)
              .logger(new NullLogger());
      if (check == null) {
        b.noServerCertificateCheck();
      } else {
        b.customTrustManager(check);
      }
      c = b.build();
    } catch (IOException | RuntimeException e) {
      return End.fail(
          new ConnectionLostException(
              "cannot reach " + host + ":" + port + ": " + e.getMessage(), e));
    }
    conn = c;
    c.setConnectionListener(this::onQuicEnded);
    OneConnectionClient client;
    try {
      // flupke's HTTP/3 connection registers kwik's stream callback when it is made: the client
      // makes it now, before the handshake, or the server's control stream (its SETTINGS) could
      // arrive unheard.
      client = new OneConnectionClient(c, cfg.connectTimeout(), streamThreads);
    } catch (RuntimeException e) {
      return End.fail(new ConnectionLostException("cannot set up HTTP/3: " + e.getMessage(), e));
    }
    try {
      c.connect();
    } catch (IOException e) {
      if (closeRequested) {
        return localClose();
      }
      CertificateException refused = check == null ? null : check.refusal();
      if (refused != null) {
        return End.fail(
            new TlsCertificateException(
                ServerCertificateCheck.refusedMessage(refused), refused, false));
      }
      if (check != null
          && check.acceptedAChain()
          && String.valueOf(e.getMessage()).contains("servername does not match")) {
        return End.fail(
            new TlsCertificateException(ServerCertificateCheck.hostNameMessage(host), e, false));
      }
      return End.fail(
          new ConnectionLostException(
              "cannot connect to " + host + ":" + port + " over QUIC (h3): " + e.getMessage(), e));
    }
    Session s;
    try {
      ClientSessionFactory factory =
          ClientSessionFactory.newBuilder().serverUri(cfg.uri()).httpClient(client).build();
      if (factory.getMaxConcurrentSessions() <= 0) {
        return End.fail(
            new IncompatibleProtocolException(
                "the HTTP/3 server at "
                    + host
                    + ":"
                    + port
                    + " offers no WebTransport sessions (SETTINGS_WT_MAX_SESSIONS)"));
      }
      s = factory.createSession(cfg.uri(), this::onIncomingStream, this::onIncomingBidi);
    } catch (HttpError e) {
      Integer status = e.getStatusCode();
      return End.fail(new UpgradeRejectedException(status == null ? 0 : status, e));
    } catch (IOException | RuntimeException e) {
      return closeRequested
          ? localClose()
          : End.fail(
              new ConnectionLostException(
                  "cannot open a WebTransport session: " + e.getMessage(), e));
    }
    wt = s;
    s.registerSessionTerminatedEventListener(this::onSessionEnded);
    s.open();
    try {
      out = openStream(s);
    } catch (TimedOut e) {
      return End.fail(e.timeout);
    } catch (IOException e) {
      return End.fail(
          new ConnectionLostException(
              "cannot open the outgoing WebTransport stream: " + e.getMessage(), e));
    }
    synchronized (deliverLock) {
      End decided = end;
      if (closeRequested || decided != null || finished) {
        return closeRequested || decided == null ? localClose() : decided;
      }
      open = true;
      listener.onOpen();
    }
    openSettled.countDown();
    return writeLoop(s);
  }

  private End writeLoop(Session s) throws InterruptedException {
    while (true) {
      Object next = outbox.takeFirst();
      End decided = end;
      if (decided != null) {
        return decided;
      }
      if (next == WAKE) {
        continue;
      }
      if (next == NUDGE) {
        nudge();
        continue;
      }
      if (next == CLOSE) {
        return cancelRequested ? localClose() : closeGracefully();
      }
      byte[] frame = (byte[]) next;
      try {
        writeFrame(s, frame);
        if (frame.length > NUDGE_ABOVE) {
          scheduleNudges();
        }
      } catch (TimedOut e) {
        return end != null ? end : End.fail(e.timeout);
      } catch (IOException e) {
        return end != null
            ? end
            : End.fail(
                new ConnectionLostException(
                    "writing to the WebTransport stream failed again after opening a new one: "
                        + e.getMessage(),
                    e));
      } finally {
        queued.addAndGet(-frame.length);
      }
    }
  }

  /**
   * Schedules the zero-length writes that release a long write kwik may have left in its buffer. At
   * most {@link #MAX_NUDGES_PENDING} are pending: writes that come faster than that are released by
   * the next write or by the pending nudges, which all come after them.
   */
  private void scheduleNudges() {
    if (nudgesPending.get() >= MAX_NUDGES_PENDING) {
      return;
    }
    for (Duration delay : NUDGE_DELAYS) {
      nudgesPending.incrementAndGet();
      scheduler.schedule(
          () -> {
            nudgesPending.decrementAndGet();
            outbox.offer(NUDGE);
          },
          delay);
    }
  }

  /**
   * A zero-length write on the io thread. It never blocks (kwik 0.10.9's SendBuffer waits only
   * while a write is longer than its free space), so it needs no write timeout; a failure shows at
   * the next real write.
   */
  private void nudge() {
    OutputStream o = out;
    if (o != null) {
      try {
        o.write(NO_BYTES);
      } catch (IOException | RuntimeException e) {
        log.debug("[{}] zero-length write failed: {}", name, e.toString());
      }
    }
  }

  /**
   * Writes a frame. On the session's first write failure it opens a new stream and writes the frame
   * there; a second failure (on that stream or a later write) is thrown, and ends the session.
   */
  private void writeFrame(Session s, byte[] frame) throws IOException {
    try {
      write(frame);
      return;
    } catch (IOException first) {
      if (end != null || cancelRequested || reopened) {
        throw first;
      }
      log.debug("[{}] write failed, opening a new stream: {}", name, first.toString());
    }
    reopened = true;
    OutputStream old = out;
    try {
      if (old != null) {
        old.close();
      }
    } catch (IOException | RuntimeException e) {
      log.debug("[{}] closing the failed stream: {}", name, e.toString());
    }
    out = openStream(s);
    write(frame);
  }

  private void write(byte[] bytes) throws IOException {
    OutputStream o = outgoing();
    timed(Stage.WRITE, cfg.writeTimeout(), () -> o.write(bytes));
  }

  /** The outgoing stream; set before the first write (the session is open only once it is). */
  private OutputStream outgoing() throws IOException {
    OutputStream o = out;
    if (o == null) {
      throw new IOException("no outgoing WebTransport stream");
    }
    return o;
  }

  private OutputStream openStream(Session s) throws IOException {
    OutputStream[] made = new OutputStream[1];
    timed(
        Stage.OPEN_STREAM,
        cfg.streamOpenTimeout(),
        () -> made[0] = s.createUnidirectionalStream().getOutputStream());
    streamsOpened.incrementAndGet();
    return made[0];
  }

  private End closeGracefully() throws InterruptedException {
    try {
      OutputStream o = outgoing();
      timed(
          Stage.WRITE,
          cfg.writeTimeout(),
          () -> {
            o.write(TtpStreamDecoder.closeFrame());
            o.close();
          });
    } catch (IOException e) {
      log.debug("[{}] the close frame was not written: {}", name, e.toString());
    }
    // The upstream server ends the session when it reads the close frame; closing first could
    // reset the stream before the frame left.
    peerEnded.await(cfg.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    return localClose();
  }

  private interface BlockingOp {
    void run() throws IOException;
  }

  /** An operation that ran past its limit. */
  private static final class TimedOut extends IOException {
    private static final long serialVersionUID = 1L;
    final transient WebTransportTimeoutException timeout;

    TimedOut(WebTransportTimeoutException timeout) {
      super(timeout.getMessage(), timeout);
      this.timeout = timeout;
    }
  }

  /**
   * Runs a blocking kwik operation on this thread; if it takes longer than the limit, the thread is
   * interrupted (kwik's blocked writes and stream creation then throw) and {@link TimedOut} thrown.
   * The interrupt can never reach a later operation: the timer interrupts only while this operation
   * runs, under {@code opLock}, and the flag is cleared before returning.
   */
  private void timed(Stage stage, Duration limit, BlockingOp op) throws IOException {
    long id;
    synchronized (opLock) {
      id = ++opId;
      inOp = true;
    }
    Cancellable timer =
        scheduler.schedule(
            () -> {
              synchronized (opLock) {
                if (inOp && opId == id) {
                  timedOutOp = id;
                  io.interrupt();
                }
              }
            },
            limit);
    boolean timedOut;
    IOException failure = null;
    try {
      op.run();
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e.toString(), e);
    } finally {
      timer.cancel();
      synchronized (opLock) {
        inOp = false;
        timedOut = timedOutOp == id;
      }
      if (timedOut) {
        Thread.interrupted(); // ours, not the caller's
      }
    }
    if (failure != null) {
      throw timedOut ? new TimedOut(new WebTransportTimeoutException(stage, limit)) : failure;
    }
  }

  private void tearDown(End e) {
    synchronized (sendLock) {
      closeRequested = true;
      outbox.clear();
      queued.set(0);
    }
    closingLocally = true;
    Session s = wt;
    if (s != null && s.isOpen()) {
      long code;
      String reason;
      if (e.failure == null) {
        code = e.code == 1000 ? 0 : e.code & 0xFFFF_FFFFL;
        reason = e.code == 1000 ? TTP_CLOSE_REASON : e.reason;
      } else {
        code = H3_GENERAL_PROTOCOL_ERROR;
        reason = "chatwire: transport failure";
      }
      try {
        s.close(code, truncate(reason, 1024));
      } catch (IOException | RuntimeException ex) {
        log.debug("[{}] closing the WebTransport session failed: {}", name, ex.toString());
      }
    }
    QuicClientConnection c = conn;
    if (c != null) {
      try {
        if (e.failure == null) {
          c.close();
        } else {
          c.close(H3_GENERAL_PROTOCOL_ERROR, "transport failure");
        }
      } catch (RuntimeException ex) {
        log.debug("[{}] closing the QUIC connection failed: {}", name, ex.toString());
      }
    }
    // Idle threads end now; a thread still reading a stream ends when the closed connection ends
    // the stream.
    streamThreads.shutdown();
  }

  private static String truncate(String s, int maxUtf8) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length <= maxUtf8) {
      return s;
    }
    int n = Math.min(s.length(), maxUtf8 / 4);
    return s.substring(0, n);
  }

  private void deliverEnd(End e) {
    synchronized (deliverLock) {
      if (finished) {
        return;
      }
      finished = true;
      open = false;
      if (e.failure == null) {
        listener.onClosed(e.code, e.reason);
      } else {
        listener.onFailure(e.failure);
      }
    }
  }

  /** Decides the session's end (the first decision wins) and wakes the session's thread. */
  private void endWith(End e) {
    synchronized (this) {
      if (end != null) {
        return;
      }
      end = e;
    }
    outbox.offerFirst(WAKE);
  }

  // ---- kwik and flupke callbacks ----

  private void onQuicEnded(ConnectionTerminatedEvent ev) {
    peerEnded.countDown();
    if (closingLocally) {
      return;
    }
    StringBuilder why = new StringBuilder("the QUIC connection ended");
    if (ev.closedByPeer()) {
      why.append(", closed by the server");
    }
    if (ev.hasApplicationError()) {
      why.append(", application error 0x").append(Long.toHexString(ev.applicationErrorCode()));
    } else if (ev.hasTransportError()) {
      why.append(", transport error 0x").append(Long.toHexString(ev.transportErrorCode()));
    }
    why.append(" (").append(ev.closeReason()).append(')');
    endWith(End.fail(new ConnectionLostException(why.toString())));
  }

  private void onSessionEnded(@Nullable Long code, @Nullable String message) {
    peerEnded.countDown();
    if (closingLocally) {
      return;
    }
    String reason = message == null ? "" : truncate(message, 256);
    if (code != null && code == 0 && TTP_CLOSE_REASON.equals(reason)) {
      endWith(End.close(1000, reason));
    } else {
      endWith(
          End.fail(
              new ConnectionLostException(
                  "the server ended the WebTransport session (code "
                      + code
                      + (reason.isEmpty() ? "" : ", " + reason)
                      + ")")));
    }
  }

  private void onIncomingBidi(WebTransportStream stream) {
    // TTP uses unidirectional streams only: refuse the stream.
    try {
      stream.getInputStream().close();
      stream.getOutputStream().close();
    } catch (IOException | RuntimeException e) {
      log.debug("[{}] refusing a bidirectional stream: {}", name, e.toString());
    }
  }

  /**
   * A server-opened stream: read on one of the session's {@code streamThreads}, never in this
   * callback. flupke calls it holding its session lock (so reading here would keep every later
   * stream of the session waiting until this one ends), and for streams that arrived before the
   * session was set up, inside {@link Session#open()} on the session's own thread (which must not
   * block there). After the teardown the stream is not read (the pool refuses it; the connection is
   * closing).
   */
  private void onIncomingStream(WebTransportStream stream) {
    streamThreads.execute(() -> readStream(stream));
  }

  /** Reads one server-opened stream until it ends. */
  private void readStream(WebTransportStream stream) {
    InputStream in = stream.getInputStream();
    StreamReader reader = new StreamReader();
    try {
      openSettled.await();
      if (!open || end != null) {
        in.close();
        return;
      }
      TtpStreamDecoder decoder = new TtpStreamDecoder(limits, reader);
      byte[] buf = new byte[16 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        decoder.feed(buf, 0, n);
        reader.afterFeed(decoder.bufferedBytes());
        if (decoder.isClosed() || end != null) {
          in.close();
          return;
        }
      }
      try {
        decoder.finish();
      } catch (TtpDecodeException e) {
        // The server's write failed and it moved to a new stream (the TTP rule): drop the rest.
        log.debug("[{}] a server stream ended inside a frame: {}", name, e.getMessage());
      }
    } catch (TtpDecodeException e) {
      endWith(End.fail(frameFailure(e)));
    } catch (IOException e) {
      log.debug("[{}] a server stream ended: {}", name, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      reader.disarm();
    }
  }

  private ChatwireException frameFailure(TtpDecodeException e) {
    Matcher m = TOO_LONG.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      // The declared size without the outer length, as the limit counts it.
      return new MessageTooLargeException(Long.parseLong(m.group(1)), cfg.maxMessageBytes());
    }
    return new ConnectionLostException("corrupt TTP framing from the server: " + e.getMessage(), e);
  }

  private void deliver(byte[] message) {
    synchronized (deliverLock) {
      if (!finished && open && end == null) {
        listener.onBinary(message);
      }
    }
  }

  /** One incoming stream's frame sink and its frame-body timer. */
  private final class StreamReader implements TtpStreamDecoder.FrameSink {
    private @Nullable Cancellable timer; // the reading thread's

    @Override
    public void onFrame(byte[] message, long streamOffset) {
      disarm();
      deliver(message);
    }

    @Override
    public void onClose() {
      disarm();
      endWith(End.close(1000, "the server sent the TTP close frame"));
    }

    /** After each read: a frame begun and not finished has {@code frameReadTimeout} to finish. */
    void afterFeed(int buffered) {
      if (buffered == 0) {
        disarm();
      } else if (timer == null) {
        Duration limit = cfg.frameReadTimeout();
        timer =
            scheduler.schedule(
                () -> endWith(End.fail(new WebTransportTimeoutException(Stage.READ_FRAME, limit))),
                limit);
      }
    }

    void disarm() {
      Cancellable t = timer;
      if (t != null) {
        t.cancel();
        timer = null;
      }
    }
  }

  /**
   * flupke's client for one pre-built QUIC connection (ours, so that we choose its trust, limits
   * and logger, and can close it), whose HTTP/3 connection reads the server's streams on the
   * session's {@code streamThreads}. flupke 0.9.4's {@code Http3Client.createConnection} asks the
   * connection factory for a new connection through an overload that {@code
   * Http3SingleConnectionFactory} does not override (and that fails there); this returns its one
   * connection instead, made here with our executor (the factory's would make a pool of its own).
   */
  private static final class OneConnectionClient extends Http3SingleConnectionClient {
    private final Http3ClientConnection connection;

    OneConnectionClient(
        QuicClientConnection connection, Duration connectTimeout, ExecutorService streamThreads) {
      super(connection, connectTimeout, null);
      this.connection = new Http3ClientConnectionImpl(connection, streamThreads);
    }

    @Override
    public Http3ClientConnection createConnection(HttpRequest request) {
      return connection;
    }
  }

  /** How a session ends: a close (code, reason) or a failure. */
  private static final class End {
    final int code;
    final String reason;
    final @Nullable ChatwireException failure;

    private End(int code, String reason, @Nullable ChatwireException failure) {
      this.code = code;
      this.reason = reason;
      this.failure = failure;
    }

    static End close(int code, @Nullable String reason) {
      return new End(code, reason == null ? "" : reason, null);
    }

    static End fail(ChatwireException failure) {
      return new End(0, "", failure);
    }
  }
}

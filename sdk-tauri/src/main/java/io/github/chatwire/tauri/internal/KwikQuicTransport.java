package io.github.chatwire.tauri.internal;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.internal.ServerCertificateCheck;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import io.github.chatwire.tauri.TauriClientIdentity;
import io.github.chatwire.tauri.TauriMessageTooLargeException;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriTlsException;
import io.github.chatwire.tauri.TauriTrust;
import io.github.chatwire.tauri.codec.TauriFraming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.agent15.TlsConstants;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;

/**
 * A {@link Transport} over raw QUIC with kwik: one client-opened bidirectional stream carries
 * framed JSON text both ways; streams the server opens are read too (pushes may arrive there).
 *
 * <p>Threads: kwik's calls block (DNS lookup and socket in {@code build()}, {@code connect()},
 * stream reads and writes), so each session owns two daemon threads of its own and never blocks the
 * caller, the engine or a listener: {@code chatwire-tauri-quic-N-io} builds, connects and reads the
 * main stream (and delivers every listener callback, serialised with the readers of server-opened
 * streams), and {@code chatwire-tauri-quic-N-writer} writes queued frames and performs the close.
 * Both end when the session ends. kwik adds its own daemon threads per connection, which end with
 * the connection.
 */
public final class KwikQuicTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(KwikQuicTransport.class);
  private static final AtomicInteger SESSIONS = new AtomicInteger();
  private static final Object CLOSE = new Object();
  private static final Object WAKE = new Object();

  /** Tells the writer to recompute its keep-alive wait (the idle timeout became known). */
  private static final Object RECHECK = new Object();

  /** Shortest keep-alive interval, whatever the idle timeout. */
  private static final long MIN_KEEP_ALIVE_MILLIS = 50;

  private static volatile boolean keepAliveUnavailableLogged;

  /**
   * Settings of the transport.
   *
   * @param host server host name (checked against the certificate); never null
   * @param port UDP port
   * @param alpn ALPN protocol to offer; never null or empty
   * @param framing message framing; never null
   * @param maxMessageBytes largest inbound message
   * @param identity client certificate and key; null for none
   * @param trust server trust; never null
   * @param connectTimeout QUIC handshake timeout
   * @param quicIdleTimeout QUIC idle timeout
   * @param outboundFrames most frames queued for writing
   * @param keepAliveFraction share of the negotiated idle timeout without sending after which a
   *     PING is sent; 0 for no keep-alive, else greater than 0 and less than 1
   */
  public record Config(
      String host,
      int port,
      String alpn,
      TauriFraming framing,
      int maxMessageBytes,
      @Nullable TauriClientIdentity identity,
      TauriTrust trust,
      Duration connectTimeout,
      Duration quicIdleTimeout,
      int outboundFrames,
      double keepAliveFraction) {
    /** Validates the components. */
    public Config {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(alpn, "alpn");
      Objects.requireNonNull(framing, "framing");
      Objects.requireNonNull(trust, "trust");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(quicIdleTimeout, "quicIdleTimeout");
      if (!(keepAliveFraction == 0 || (keepAliveFraction > 0 && keepAliveFraction < 1))) {
        throw new IllegalArgumentException(
            "keepAliveFraction must be 0 or in (0, 1): " + keepAliveFraction);
      }
    }
  }

  private final Config config;

  /**
   * Creates the transport.
   *
   * @param config the settings; never null
   */
  public KwikQuicTransport(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The keep-alive interval for an idle timeout.
   *
   * @param idleTimeoutMillis the negotiated idle timeout, positive
   * @param fraction the share of it, in (0, 1)
   * @return milliseconds, at least {@value #MIN_KEEP_ALIVE_MILLIS}
   */
  static long keepAliveInterval(long idleTimeoutMillis, double fraction) {
    return Math.max(MIN_KEEP_ALIVE_MILLIS, (long) (idleTimeoutMillis * fraction));
  }

  @Override
  public TransportSession open(ChatwireRuntime runtime, TransportListener listener) {
    Session s = new Session(config, listener, SESSIONS.incrementAndGet());
    s.start();
    return s;
  }

  @Override
  public String describe() {
    return "quic://"
        + config.host()
        + ":"
        + config.port()
        + " (ALPN "
        + config.alpn()
        + ", "
        + config.framing()
        + ")";
  }

  private static final class Session implements TransportSession {
    private final Config cfg;
    private final TransportListener listener;
    private final String name;
    private final CountDownLatch openReturned = new CountDownLatch(1);
    private final CountDownLatch terminatedEvent = new CountDownLatch(1);
    private final LinkedBlockingDeque<Object> outbox;
    private final Object deliverLock = new Object();
    private final AtomicInteger peerStreams = new AtomicInteger();
    private final Thread io;
    private @Nullable Thread writer; // set on the io thread before the writer starts

    private @Nullable volatile QuicClientConnection conn;
    private @Nullable volatile QuicStream stream;
    private @Nullable volatile ConnectionTerminatedEvent event;
    private volatile boolean open;
    private volatile boolean closeRequested;
    private volatile int closeCode = 1000;
    private volatile String closeReason = "";
    private volatile boolean connectReturned;
    private volatile boolean peerGone;
    // Set when this client ends the connection for a protocol failure of the server's; the
    // close then carries ownErrorCode, and the session ends with ownFailure.
    private @Nullable volatile ChatwireException ownFailure;
    private volatile long ownErrorCode;
    private volatile String ownErrorReason = "";
    private final Slf4jKwikLogger kwikLog = new Slf4jKwikLogger(this::onPeerGone);
    private boolean finished; // guarded by deliverLock

    Session(Config cfg, TransportListener listener, int id) {
      this.cfg = cfg;
      this.listener = listener;
      this.name = "chatwire-tauri-quic-" + id;
      this.outbox = new LinkedBlockingDeque<>(Math.max(1, cfg.outboundFrames()));
      this.io = new Thread(this::runIo, name + "-io");
      io.setDaemon(true);
    }

    void start() {
      io.start();
      // The listener must not hear anything before open() returns. The io thread waits for
      // this latch, and its first callback comes only after kwik's build() and connect()
      // (milliseconds at least); the engine also calls open() holding the lock that every
      // listener callback takes, so a callback cannot overtake the return.
      openReturned.countDown();
    }

    // ---- TransportSession (any thread; never blocks) ----

    @Override
    public boolean sendText(String text) {
      if (!open || closeRequested) {
        return false;
      }
      return outbox.offerLast(cfg.framing().encode(text));
    }

    @Override
    public boolean sendBinary(byte[] bytes) {
      return false; // the Tauri channel carries JSON text only
    }

    @Override
    public void close(int code, @Nullable String reason) {
      requestClose(code, reason, false);
    }

    @Override
    public void cancel() {
      requestClose(1001, "cancelled", true);
    }

    private void requestClose(int code, @Nullable String reason, boolean now) {
      if (closeRequested) {
        return;
      }
      closeCode = code;
      closeReason = reason == null ? "" : reason;
      closeRequested = true;
      if (now || !outbox.offerLast(CLOSE)) {
        outbox.clear();
        outbox.offerFirst(CLOSE);
      }
    }

    // ---- io thread ----

    private void runIo() {
      try {
        openReturned.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      QuicEnd end;
      try {
        end = connectAndRead();
      } catch (RuntimeException e) {
        log.warn("[{}] unexpected failure in the QUIC reader", name, e);
        end = QuicEnd.fail(new ConnectionLostException("QUIC session failed: " + e, e));
      }
      if (ownFailure != null) {
        end = QuicEnd.fail(ownFailure);
      } else if (closeRequested) {
        end = QuicEnd.close(closeCode, closeReason);
      }
      shutdown();
      deliverEnd(end);
    }

    private QuicEnd connectAndRead() {
      if (closeRequested) {
        return QuicEnd.close(closeCode, closeReason);
      }
      ServerCertificateCheck check;
      try {
        TauriTrust trust = cfg.trust();
        check =
            trust.isInsecure()
                ? null
                : ServerCertificateCheck.of(trust.trustManagerOrNull(), trust.trustStore());
      } catch (IllegalStateException e) {
        return QuicEnd.fail(
            new TauriTlsException("cannot check server certificates: " + e.getMessage(), e));
      }
      QuicClientConnection c;
      try {
        QuicClientConnection.Builder b =
            QuicClientConnection.newBuilder()
                .host(cfg.host())
                .port(cfg.port())
                .applicationProtocol(cfg.alpn())
                .connectTimeout(cfg.connectTimeout())
                .maxIdleTimeout(cfg.quicIdleTimeout())
                // Only AES-128-GCM (kwik's default too, said here so it stays so): on Android
                // (kwik-android) ChaCha20 header protection would need ChaCha20ParameterSpec,
                // which no Android API level has (scripts/android/allowed.txt relies on this).
                .cipherSuite(TlsConstants.CipherSuite.TLS_AES_128_GCM_SHA256)
                .logger(kwikLog);
        if (cfg.identity() != null) {
          b.clientCertificate(cfg.identity().certificate())
              .clientCertificateKey(cfg.identity().privateKey());
        }
        if (check == null) {
          b.noServerCertificateCheck();
        } else {
          b.customTrustManager(check);
        }
        c = b.build();
      } catch (IOException | RuntimeException e) {
        return QuicEnd.fail(
            new ConnectionLostException(
                "cannot reach " + cfg.host() + ":" + cfg.port() + ": " + e.getMessage(), e));
      }
      conn = c;
      c.setConnectionListener(
          ev -> {
            event = ev;
            terminatedEvent.countDown();
            onPeerGone();
          });
      c.setPeerInitiatedStreamCallback(this::onPeerStream);
      writer = new Thread(this::runWriter, name + "-writer");
      writer.setDaemon(true);
      writer.start();
      try {
        c.connect();
      } catch (IOException e) {
        if (closeRequested) {
          return QuicEnd.close(closeCode, closeReason);
        }
        CertificateException refused = check == null ? null : check.refusal();
        if (refused != null) {
          // kwik says only "bad_certificate"; the validator knows why.
          return QuicEnd.fail(
              new TauriTlsException(ServerCertificateCheck.refusedMessage(refused), refused));
        }
        awaitEvent(1000);
        if (check != null && check.acceptedAChain() && refusedHostName(e)) {
          return QuicEnd.fail(
              new TauriTlsException(ServerCertificateCheck.hostNameMessage(cfg.host()), e));
        }
        QuicEnd known = endFromKwik(false);
        if (known != null) {
          return known;
        }
        return QuicEnd.classifyConnectFailure(e.getMessage(), cfg.alpn());
      }
      connectReturned = true;
      outbox.offerFirst(RECHECK); // the negotiated idle timeout is known now
      InputStream in;
      try {
        QuicStream s = c.createStream(true);
        in = s.getInputStream();
        stream = s;
      } catch (IOException e) {
        return endAfterReadFailure(e);
      }
      if (peerGone) {
        // kwik may hand out a stream of a connection that is already closing, and never
        // wake its reader: do not start reading.
        return endAfterReadFailure(new IOException("connection closed by the server"));
      }
      synchronized (deliverLock) {
        if (closeRequested || finished) {
          return QuicEnd.close(closeCode, closeReason);
        }
        open = true;
        listener.onOpen();
      }
      TauriFraming.Decoder decoder = cfg.framing().newDecoder(cfg.maxMessageBytes());
      byte[] buf = new byte[8192];
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (IOException e) {
          return endAfterReadFailure(e);
        }
        if (n < 0) {
          if (closeRequested) {
            return QuicEnd.close(closeCode, closeReason);
          }
          awaitEvent(300);
          QuicEnd known = endFromKwik(true);
          return known != null ? known : QuicEnd.close(0, "server finished the stream");
        }
        List<String> messages;
        try {
          messages = decoder.feed(buf, 0, n);
        } catch (ChatwireException e) {
          return QuicEnd.fail(frameFailure(e));
        }
        for (String m : messages) {
          deliverText(m);
        }
      }
    }

    /**
     * A frame the decoder refused: the stream is out of sync, so the connection ends (a new one
     * starts clean) with our own application error code, and the failure says which.
     */
    private ChatwireException frameFailure(ChatwireException e) {
      ChatwireException failure;
      long code;
      String reason;
      if (e instanceof MessageTooLargeException) {
        MessageTooLargeException big = (MessageTooLargeException) e;
        code = TauriPushClient.CLOSE_MESSAGE_TOO_LARGE;
        reason = "message too big";
        failure = new TauriMessageTooLargeException(big.size(), big.limit(), code);
      } else {
        code = TauriPushClient.CLOSE_BAD_FRAME;
        reason = "bad frame";
        failure =
            new ConnectionLostException(
                "corrupt frame on the Tauri stream: "
                    + e.getMessage()
                    + "; closed the QUIC connection with QUIC application error 0x"
                    + Long.toHexString(code),
                e);
      }
      synchronized (this) {
        if (ownFailure == null) {
          ownErrorCode = code;
          ownErrorReason = reason;
          ownFailure = failure;
        }
        return ownFailure;
      }
    }

    /**
     * Whether this side ended the handshake with certificate_unknown, agent15's host name refusal.
     */
    private boolean refusedHostName(IOException e) {
      ConnectionTerminatedEvent ev = event;
      if (ev != null
          && !ev.closedByPeer()
          && ev.transportErrorCode() != null
          && ev.transportErrorCode() == QuicEnd.CRYPTO_ERROR_BASE + 46) {
        return true;
      }
      return String.valueOf(e.getMessage()).contains("servername does not match");
    }

    private QuicEnd endAfterReadFailure(IOException e) {
      if (closeRequested) {
        return QuicEnd.close(closeCode, closeReason);
      }
      awaitEvent(1000);
      QuicEnd known = endFromKwik(true);
      return known != null
          ? known
          : QuicEnd.fail(new ConnectionLostException("QUIC stream failed: " + e.getMessage(), e));
    }

    /**
     * What kwik knows about the end: the peer's close as logged (it carries the error even when
     * kwik's event lacks it), else the termination event; null if neither is known.
     */
    private @Nullable QuicEnd endFromKwik(boolean established) {
      String peerClose = kwikLog.peerClose();
      boolean presented = cfg.identity() != null;
      if (peerClose != null && peerClose.contains(" with error ")) {
        return established
            ? QuicEnd.classifyPeerClose(peerClose, presented, cfg.alpn())
            : QuicEnd.classifyPeerCloseDuringHandshake(peerClose, presented, cfg.alpn());
      }
      ConnectionTerminatedEvent ev = event;
      if (ev != null && (established || ev.hasError() || ev.closedByPeer())) {
        return classify(ev);
      }
      if (peerClose != null) {
        return established
            ? QuicEnd.classifyPeerClose(peerClose, presented, cfg.alpn())
            : QuicEnd.fail(
                new ConnectionLostException("server closed the connection during the handshake"));
      }
      return null;
    }

    private QuicEnd classify(ConnectionTerminatedEvent ev) {
      return QuicEnd.classify(
          String.valueOf(ev.closeReason()),
          ev.closedByPeer(),
          ev.transportErrorCode(),
          ev.applicationErrorCode(),
          ev.errorDescription(),
          connectReturned,
          cfg.identity() != null,
          cfg.alpn());
    }

    private void awaitEvent(long millis) {
      try {
        terminatedEvent.await(millis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * The connection is ending (peer close seen in kwik's log, or kwik's termination event). kwik
     * does not always wake a blocked stream reader then, so the writer thread aborts the read. Runs
     * on a kwik thread: only flags and a queue offer.
     */
    private void onPeerGone() {
      peerGone = true;
      if (!outbox.offerFirst(WAKE)) {
        outbox.clear();
        outbox.offerFirst(WAKE);
      }
    }

    private void abortRead() {
      QuicStream s = stream;
      if (s != null) {
        try {
          s.getInputStream().close();
        } catch (IOException | RuntimeException e) {
          log.debug("[{}] aborting the read failed: {}", name, e.toString());
        }
      }
    }

    private void onPeerStream(QuicStream s) {
      // Called on a kwik thread: never block it; read on a thread of our own.
      Thread t =
          new Thread(() -> readPeerStream(s), name + "-peer-" + peerStreams.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }

    private void readPeerStream(QuicStream s) {
      TauriFraming.Decoder decoder = cfg.framing().newDecoder(cfg.maxMessageBytes());
      byte[] buf = new byte[8192];
      try (InputStream in = s.getInputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          for (String m : decoder.feed(buf, 0, n)) {
            deliverText(m);
          }
        }
      } catch (IOException e) {
        log.debug("[{}] server-opened stream ended: {}", name, e.toString());
      } catch (ChatwireException e) {
        // A broken frame on a side stream ends the session like one on the main stream.
        log.debug("[{}] bad frame on a server-opened stream: {}", name, e.toString());
        frameFailure(e);
        requestClose(1000, "", true);
      }
    }

    private void deliverText(String m) {
      synchronized (deliverLock) {
        if (!finished && open) {
          listener.onText(m);
        }
      }
    }

    private void deliverEnd(QuicEnd end) {
      synchronized (deliverLock) {
        if (finished) {
          return;
        }
        finished = true;
        open = false;
        if (end.isClose()) {
          listener.onClosed(end.code(), Objects.requireNonNull(end.reason())); // "" if none
        } else {
          listener.onFailure(Objects.requireNonNull(end.failure())); // set for a failure
        }
      }
    }

    /** Stops the writer and closes the connection; runs on the io thread at the end. */
    private void shutdown() {
      closeRequested = true;
      outbox.clear();
      outbox.offerFirst(CLOSE);
      Thread w = writer;
      if (w != null) {
        try {
          w.join(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (w.isAlive()) {
          w.interrupt();
        }
      }
      QuicClientConnection c = conn;
      if (c != null) {
        closeConnection(c);
      }
    }

    private void closeConnection(QuicClientConnection c) {
      try {
        int code = closeCode;
        if (ownFailure != null) {
          c.close(ownErrorCode, ownErrorReason);
        } else if (code == 1000 || code == 0) {
          c.close();
        } else {
          c.close(code, closeReason);
        }
      } catch (RuntimeException e) {
        log.debug("[{}] closing the QUIC connection failed: {}", name, e.toString());
      }
    }

    // ---- writer thread ----

    /**
     * How long the writer may stay silent before it sends a keep-alive PING: the configured
     * fraction of the negotiated idle timeout (the client's own until the handshake tells).
     *
     * @return milliseconds; 0 for no keep-alive (or not yet connected)
     */
    private long keepAliveMillis() {
      if (cfg.keepAliveFraction() == 0 || !connectReturned || keepAliveBroken) {
        return 0;
      }
      long idle = kwikLog.negotiatedIdleTimeoutMillis();
      if (idle <= 0) {
        idle = cfg.quicIdleTimeout().toMillis();
      }
      return keepAliveInterval(idle, cfg.keepAliveFraction());
    }

    private volatile boolean keepAliveBroken;

    private void sendKeepAlive() {
      QuicClientConnection c = conn;
      if (c == null || closeRequested || peerGone) {
        return;
      }
      try {
        KwikPing.ping(c);
      } catch (LinkageError e) {
        // The module path hides tech.kwik.core.impl; say so once, and stop trying.
        keepAliveBroken = true;
        if (!keepAliveUnavailableLogged) {
          keepAliveUnavailableLogged = true;
          log.warn(
              "QUIC keep-alive is off: kwik's PING is not accessible ({}); add --add-exports "
                  + "tech.kwik.core/tech.kwik.core.impl=ALL-UNNAMED to enable it",
              e.toString());
        }
      } catch (RuntimeException e) {
        log.debug("[{}] keep-alive PING not sent: {}", name, e.toString());
      }
    }

    private void runWriter() {
      try {
        while (true) {
          long keepAlive = keepAliveMillis();
          Object next =
              keepAlive > 0
                  ? outbox.pollFirst(keepAlive, TimeUnit.MILLISECONDS)
                  : outbox.takeFirst();
          if (next == null) {
            sendKeepAlive(); // nothing sent for the keep-alive interval
            continue;
          }
          if (next == RECHECK) {
            continue;
          }
          if (next == WAKE) {
            abortRead();
            continue;
          }
          if (next == CLOSE) {
            QuicClientConnection c = conn;
            if (c != null) {
              closeConnection(c);
            }
            abortRead();
            return;
          }
          QuicStream s = stream;
          if (s == null) {
            continue; // cannot happen: frames are accepted only once open
          }
          OutputStream out = s.getOutputStream();
          out.write((byte[]) next);
          out.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        log.debug("[{}] QUIC write failed: {}", name, e.toString());
        // The reader sees the connection's end too; make sure it wakes up.
        QuicClientConnection c = conn;
        if (c != null && !closeRequested) {
          c.close();
        }
      }
    }
  }
}

package io.github.chatwire.core.transport;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.TlsCertificateException;
import io.github.chatwire.core.UpgradeRejectedException;
import io.github.chatwire.core.WebSocketProtocolException;
import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.core.time.Scheduler;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.CipherSuite;
import okhttp3.Connection;
import okhttp3.ConnectionSpec;
import okhttp3.Cookie;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.TlsVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a {@link WebSocketTransport}: opening (TCP, proxy, TLS, HTTP upgrade), the
 * reader loop on one pool thread, and a writer task that runs on the pool only while something
 * waits to be written. The reader thread alone reports the terminal callback, after the socket is
 * closed.
 */
final class WebSocketSession implements TransportSession {
  private static final Logger log = LoggerFactory.getLogger(WebSocketSession.class);

  /** Bytes read ahead from the socket; what may be read past a limit at most. */
  static final int READ_BUFFER_BYTES = 4096;

  /** Pings tolerated while the pong for an earlier one still cannot be written. */
  static final int MAX_PINGS_WHILE_PONG_PENDING = 1000;

  /** Bytes read and discarded at most after failing a connection, waiting for the peer's close. */
  static final int LINGER_DRAIN_BYTES = 64 * 1024;

  private static final int MAX_HEAD_LINE = 8192;
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_HEADERS = 128;
  private static final int CHUNK = 64 * 1024;
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final SecureRandom RANDOM = new SecureRandom();

  static final int OP_CONTINUATION = 0x0;
  static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int OP_PONG = 0xA;

  private final WebSocketTransport config;
  private final OkHttpClient client;
  private final Scheduler scheduler;
  private final Executor pool;
  private final TransportListener listener;
  private final String name;

  private final Object lock = new Object();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final Runnable writerTask = this::writeLoop;

  // Guarded by lock.
  private @Nullable Socket socket;
  private @Nullable OutputStream out;
  private boolean open;
  private boolean cancelled;
  private final ArrayDeque<byte[]> outbound = new ArrayDeque<>();
  private final ArrayDeque<Boolean> outboundText = new ArrayDeque<>();
  private long queuedBytes;

  /**
   * Bumped whenever the buffer is emptied, so a message being written then is not subtracted again.
   */
  private int outboundClears;

  private byte @Nullable [] pendingPong;
  private int pingsWhilePongPending;
  private byte @Nullable [] closePayload;
  private boolean closeQueued;
  private boolean closeBeforeData;
  private boolean closeWritten;
  private boolean writeBroken;
  private boolean writerActive;
  private boolean writing;
  private long writeStartedNanos;
  private Cancellable writeWatchdog = Cancellable.NONE;

  /** A failure decided outside the reader (timeouts); reported when the reader stops. */
  private @Nullable volatile ChatwireException pendingFailure;

  // Reader-thread state.
  @SuppressWarnings("NullAway.Init") // set by the reader thread before it reads
  private InputStream in;

  private @Nullable Socket readSocket;

  /** True from a frame's first byte to its last: the client's read timeout applies. */
  private boolean inFrame;

  private int soTimeout = -1;

  /** A message was handed to the listener since the last {@link TransportListener#onInputWait}. */
  private boolean deliveredSinceRead;

  private final byte[] buf = new byte[READ_BUFFER_BYTES];
  private int pos;
  private int lim;

  @SuppressWarnings("NullAway.Init") // set when the upgrade request is built, read after
  private String key;

  WebSocketSession(
      WebSocketTransport config,
      OkHttpClient client,
      Scheduler scheduler,
      Executor pool,
      TransportListener listener) {
    this.config = config;
    this.client = client;
    this.scheduler = scheduler;
    this.pool = pool;
    this.listener = listener;
    this.name = config.describe();
  }

  void start() {
    // Holding the lock until execute() returns keeps every callback after open() has returned.
    synchronized (lock) {
      pool.execute(this::run);
    }
  }

  // ---------------------------------------------------------------- TransportSession

  @Override
  public boolean sendText(String text) {
    return enqueue(text.getBytes(StandardCharsets.UTF_8), true);
  }

  @Override
  public boolean sendBinary(byte[] bytes) {
    return enqueue(bytes.clone(), false);
  }

  private boolean enqueue(byte[] payload, boolean text) {
    synchronized (lock) {
      if (!open || closeQueued || cancelled || writeBroken) {
        return false;
      }
      if (queuedBytes + payload.length > config.maxOutboundBytes) {
        return false;
      }
      queuedBytes += payload.length;
      outbound.add(payload);
      outboundText.add(text);
      return startWriterLocked();
    }
  }

  @Override
  public long queuedBytes() {
    synchronized (lock) {
      return queuedBytes;
    }
  }

  @Override
  public long maxQueuedBytes() {
    return config.maxOutboundBytes;
  }

  @Override
  public void close(int code, @Nullable String reason) {
    if (!validCloseCode(code)) {
      log.warn("{}: cannot close with code {}; cancelling instead", name, code);
      cancel();
      return;
    }
    synchronized (lock) {
      if (closeQueued || cancelled) {
        return;
      }
      if (!open) {
        // Still connecting: nothing to close gracefully.
        cancelLocked();
        return;
      }
      // The writer waits for the peer's answer after writing the frame (see writeLoop).
      queueCloseLocked(code, reason, false);
    }
  }

  @Override
  public void cancel() {
    synchronized (lock) {
      cancelLocked();
    }
  }

  private void cancelLocked() {
    cancelled = true;
    outbound.clear();
    outboundText.clear();
    queuedBytes = 0;
    outboundClears++;
    closeQuietly(socket);
    lock.notifyAll();
  }

  // ---------------------------------------------------------------- reader thread

  private void run() {
    synchronized (lock) {
      // open() has returned (see start()).
    }
    Thread thread = Thread.currentThread();
    String threadName = thread.getName();
    thread.setName(threadName + " " + name);
    try {
      ChatwireException failure = connectAndUpgrade();
      if (failure != null) {
        closeSocketAndFinish(() -> listener.onFailure(failure));
        return;
      }
      synchronized (lock) {
        if (cancelled) {
          closeQuietly(socket);
        } else {
          open = true;
        }
      }
      if (!open) {
        finish(
            () ->
                listener.onFailure(
                    new ConnectionLostException("connection to " + name + " cancelled")));
        return;
      }
      scheduleWriteWatchdog();
      listener.onOpen();
      readLoop();
    } catch (RuntimeException | Error e) {
      log.error("{}: WebSocket reader failed", name, e);
      ChatwireException cause = new ConnectionLostException("WebSocket reader failed: " + e, e);
      closeSocketAndFinish(() -> listener.onFailure(cause));
    } finally {
      thread.setName(threadName);
    }
  }

  private void finish(Runnable terminal) {
    if (finished.compareAndSet(false, true)) {
      synchronized (lock) {
        writeWatchdog.cancel();
        lock.notifyAll();
      }
      terminal.run();
    }
  }

  private void closeSocketAndFinish(Runnable terminal) {
    synchronized (lock) {
      closeQuietly(socket);
      lock.notifyAll();
    }
    finish(terminal);
  }

  /** Reads frames until the session ends; reports the terminal callback. */
  private void readLoop() {
    Utf8Validator utf8 = new Utf8Validator();
    byte[] message = null;
    int messageLength = 0;
    int messageOpcode = -1;
    long limit = config.maxInboundBytes;
    try {
      while (true) {
        inFrame = false;
        int b0 = readByte();
        inFrame = true;
        int b1 = readByte();
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        if ((b0 & 0x70) != 0) {
          fail(
              1002,
              "reserved bits set",
              "frame with reserved bits 0x"
                  + Integer.toHexString(b0 & 0x70)
                  + " set; no extension was negotiated");
          return;
        }
        if ((b1 & 0x80) != 0) {
          fail(1002, "masked frame", "server sent a masked frame");
          return;
        }
        long length = b1 & 0x7F;
        if (length == 126) {
          length = ((long) readByte() << 8) | readByte();
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | readByte();
          }
          if (length < 0) {
            fail(1002, "frame length", "frame length with the most significant bit set");
            return;
          }
        }
        if (opcode >= 0x8) {
          if (opcode > OP_PONG) {
            fail(
                1002,
                "reserved opcode",
                "reserved control opcode 0x" + Integer.toHexString(opcode));
            return;
          }
          if (!fin) {
            fail(1002, "fragmented control frame", "fragmented control frame");
            return;
          }
          if (length > 125) {
            fail(
                1002,
                "control frame too long",
                "control frame of " + length + " bytes (at most 125)");
            return;
          }
          byte[] payload = new byte[(int) length];
          readFully(payload, 0, payload.length);
          if (opcode == OP_PING) {
            if (!onPing(payload)) {
              return;
            }
          } else if (opcode == OP_CLOSE) {
            onCloseFrame(payload);
            return;
          }
          // A pong: nothing asks for one (the engine pings at the protocol level).
          continue;
        }
        if (opcode != OP_CONTINUATION && opcode != OP_TEXT && opcode != OP_BINARY) {
          fail(1002, "reserved opcode", "reserved data opcode 0x" + Integer.toHexString(opcode));
          return;
        }
        if (opcode == OP_CONTINUATION) {
          if (messageOpcode < 0) {
            fail(
                1002,
                "unexpected continuation",
                "continuation frame without a message to continue");
            return;
          }
        } else {
          if (messageOpcode >= 0) {
            fail(
                1002,
                "expected continuation",
                "new data frame while a fragmented message is unfinished");
            return;
          }
          messageOpcode = opcode;
          messageLength = 0;
          utf8.reset();
        }
        long total = messageLength + length;
        if (total > limit) {
          failTooLarge(total);
          return;
        }
        int n = (int) length;
        if (opcode == OP_TEXT && fin && lim - pos < n && n <= buf.length) {
          // Its end is not read yet, but it fits the read buffer: move what is buffered to the
          // front and read the rest (and what follows) behind it, rather than reading just the
          // remainder into a message array with a system call of its own.
          compactAndFill(n);
        }
        if (opcode == OP_TEXT && fin && lim - pos >= n) {
          // A whole text message already in the read buffer (most chat messages): decoded in
          // place, without copying it into a message array first, and validated strictly (pure
          // ASCII is proven by the decode itself: Utf8Validator.decode).
          messageOpcode = -1;
          String text = Utf8Validator.decode(buf, pos, n);
          if (text == null) {
            fail(1007, "invalid UTF-8", "text message with invalid UTF-8");
            return;
          }
          pos += n;
          if (!closeQueuedNow()) {
            deliveredSinceRead = true;
            listener.onText(text);
          }
          continue;
        }
        if (message == null || message.length < total) {
          // A single frame gets exactly its size; a fragmented message grows by doubling,
          // never past the limit.
          int capacity =
              messageLength == 0 && fin
                  ? n
                  : (int)
                      Math.min(
                          limit, Math.max(total, message == null ? 1024 : 2L * message.length));
          byte[] grown = new byte[capacity];
          if (messageLength > 0) {
            System.arraycopy(message, 0, grown, 0, messageLength);
          }
          message = grown;
        }
        readFully(message, messageLength, n);
        // An unfragmented text is validated whole when it is decoded, below; a fragmented one
        // frame by frame, so invalid UTF-8 fails in the fragment where it starts.
        boolean single = fin && messageLength == 0;
        if (messageOpcode == OP_TEXT && !single && !utf8.update(message, messageLength, n)) {
          fail(1007, "invalid UTF-8", "text message with invalid UTF-8");
          return;
        }
        messageLength += n;
        if (!fin) {
          continue;
        }
        boolean text = messageOpcode == OP_TEXT;
        messageOpcode = -1;
        if (text && !single && !utf8.complete()) {
          fail(1007, "invalid UTF-8", "text message ends inside a UTF-8 sequence");
          return;
        }
        String decoded = null;
        if (text && single) {
          decoded = Utf8Validator.decode(message, 0, messageLength);
          if (decoded == null) {
            fail(1007, "invalid UTF-8", "text message with invalid UTF-8");
            return;
          }
        }
        byte[] delivered = message;
        int deliveredLength = messageLength;
        // Not kept for the next message: a binary message's array now belongs to the
        // listener, and an idle connection should hold no message buffer.
        message = null;
        messageLength = 0;
        if (closeQueuedNow()) {
          continue; // closing: the engine no longer wants data
        }
        deliveredSinceRead = true;
        if (text) {
          listener.onText(
              decoded != null
                  ? decoded
                  : new String(delivered, 0, deliveredLength, StandardCharsets.UTF_8));
        } else {
          listener.onBinary(
              deliveredLength == delivered.length
                  ? delivered
                  : Arrays.copyOf(delivered, deliveredLength));
        }
      }
    } catch (IOException e) {
      ChatwireException cause = pendingFailure;
      if (cause == null && e instanceof SocketTimeoutException) {
        cause =
            new ConnectionLostException(
                "connection to "
                    + name
                    + " stalled inside a frame for more than "
                    + client.readTimeoutMillis()
                    + " ms (the client's read timeout)",
                e);
      }
      if (cause == null) {
        String what =
            e instanceof EOFException
                ? "closed by the server without a close frame"
                : e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
        cause = new ConnectionLostException("connection to " + name + " failed: " + what, e);
      }
      ChatwireException reported = cause;
      closeSocketAndFinish(() -> listener.onFailure(reported));
    }
  }

  private boolean closeQueuedNow() {
    synchronized (lock) {
      return closeQueued;
    }
  }

  /**
   * Stores the pong for the latest ping; fails the connection on a flood the peer does not read.
   */
  private boolean onPing(byte[] payload) {
    synchronized (lock) {
      if (closeQueued) {
        return true;
      }
      if (pendingPong != null && ++pingsWhilePongPending > MAX_PINGS_WHILE_PONG_PENDING) {
        // Fall through to fail() outside the lock.
        pendingPong = null;
      } else {
        pendingPong = payload;
        startWriterLocked();
        return true;
      }
    }
    fail(
        1008,
        "ping flood",
        "more than "
            + MAX_PINGS_WHILE_PONG_PENDING
            + " pings while the pong for an earlier one could not be written (the server does not read)");
    return false;
  }

  private void onCloseFrame(byte[] payload) {
    handOver(); // before waiting on the close handshake
    int code = 1005;
    String reason = "";
    if (payload.length == 1) {
      fail(1002, "close payload", "close frame with a 1-byte payload");
      return;
    }
    if (payload.length >= 2) {
      code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
      if (!validCloseCode(code)) {
        fail(1002, "invalid close code", "close frame with invalid close code " + code);
        return;
      }
      if (!Utf8Validator.isValid(payload, 2, payload.length - 2)) {
        fail(
            1007,
            "invalid UTF-8",
            "close frame (code " + code + ") with a reason that is not valid UTF-8");
        return;
      }
      reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
    boolean answer;
    synchronized (lock) {
      answer = !closeQueued;
      if (answer) {
        // Echo the peer's code (an empty close is answered with an empty close).
        queueCloseLocked(payload.length >= 2 ? code : -1, null, true);
      }
    }
    if (answer) {
      awaitCloseWritten();
    }
    int c = code;
    String r = reason;
    closeSocketAndFinish(() -> listener.onClosed(c, r));
  }

  private void failTooLarge(long size) {
    MessageTooLargeException cause = new MessageTooLargeException(size, config.maxInboundBytes);
    log.warn("{}: {}", name, cause.getMessage());
    failWith(1009, "message too big", cause);
  }

  private void fail(int code, String shortReason, String detail) {
    boolean retryable = code != 1010;
    WebSocketProtocolException cause =
        new WebSocketProtocolException(
            "WebSocket protocol error from "
                + name
                + ": "
                + detail
                + "; closed by the client with "
                + code,
            code,
            retryable);
    log.warn("{}", cause.getMessage());
    failWith(code, shortReason, cause);
  }

  /**
   * Fails the connection (RFC 6455 7.1.7): a close frame if it can be written, then the socket
   * goes.
   */
  private void failWith(int code, String reason, ChatwireException cause) {
    handOver(); // before waiting on the close handshake
    boolean wait;
    synchronized (lock) {
      outbound.clear();
      outboundText.clear();
      queuedBytes = 0;
      outboundClears++;
      wait = !closeQueued && !cancelled;
      if (wait) {
        queueCloseLocked(code, reason, true);
      }
    }
    if (wait) {
      awaitCloseWritten();
      lingerBeforeClose();
    }
    closeSocketAndFinish(() -> listener.onFailure(cause));
  }

  /**
   * After failing the connection: half-closes, then gives the peer up to half a second to read the
   * close frame before the socket goes. Closing a socket with unread input resets the connection,
   * and a reset can destroy the close frame before the peer has read it. At most {@link
   * #LINGER_DRAIN_BYTES} more are read (and discarded) to see the peer's own close; after that the
   * wait reads nothing, so a peer that keeps streaming is not read any further.
   */
  private void lingerBeforeClose() {
    Socket s;
    synchronized (lock) {
      s = socket;
    }
    if (s == null) {
      return;
    }
    long deadline =
        System.nanoTime()
            + Math.min(config.closeTimeout.toNanos(), TimeUnit.MILLISECONDS.toNanos(500));
    try {
      try {
        s.shutdownOutput();
      } catch (UnsupportedOperationException e) {
        // some SSL sockets cannot half-close; the close frame is written already
      }
      int drained = 0;
      while (drained < LINGER_DRAIN_BYTES) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return;
        }
        s.setSoTimeout((int) Math.max(1, left));
        int n = in.read(buf, 0, Math.min(buf.length, LINGER_DRAIN_BYTES - drained));
        if (n < 0) {
          return; // the peer closed: done
        }
        drained += n;
      }
    } catch (IOException e) {
      return; // timed out or reset: close now
    }
    synchronized (lock) {
      while (!cancelled) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Waits (real time, at most the close timeout) until the writer has written the close frame. */
  private void awaitCloseWritten() {
    long deadline = System.nanoTime() + config.closeTimeout.toNanos();
    synchronized (lock) {
      while (!closeWritten && !writeBroken && !cancelled) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void queueCloseLocked(int code, @Nullable String reason, boolean beforeData) {
    closeQueued = true;
    closeBeforeData = beforeData;
    if (code < 0) {
      closePayload = new byte[0];
    } else {
      byte[] r = reason == null ? new byte[0] : truncateUtf8(reason, 123);
      byte[] p = new byte[2 + r.length];
      p[0] = (byte) (code >> 8);
      p[1] = (byte) code;
      System.arraycopy(r, 0, p, 2, r.length);
      closePayload = p;
    }
    if (!startWriterLocked()) {
      writeBroken = true;
    }
  }

  private static byte[] truncateUtf8(String s, int max) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length <= max) {
      return b;
    }
    int end = max;
    while (end > 0 && (b[end] & 0xC0) == 0x80) {
      end--; // do not cut a character in half
    }
    return Arrays.copyOf(b, end);
  }

  static boolean validCloseCode(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }

  // ---------------------------------------------------------------- writer

  /** Starts the writer task unless it runs; false if the pool refused it. */
  private boolean startWriterLocked() {
    if (writerActive || out == null) {
      return true;
    }
    writerActive = true;
    try {
      pool.execute(writerTask);
      return true;
    } catch (RejectedExecutionException e) {
      writerActive = false;
      return false;
    }
  }

  // out is set before the writer is first started, and a queued close always has its payload
  @SuppressWarnings("NullAway")
  private void writeLoop() {
    OutputStream o;
    synchronized (lock) {
      o = out;
    }
    try {
      while (true) {
        int opcode;
        byte[] payload;
        int clears;
        synchronized (lock) {
          if (cancelled || writeBroken || closeWritten) {
            writerActive = false;
            return;
          }
          if (pendingPong != null) {
            opcode = OP_PONG;
            payload = pendingPong;
            pendingPong = null;
          } else if (closeQueued && (closeBeforeData || outbound.isEmpty())) {
            opcode = OP_CLOSE;
            payload = closePayload;
          } else if (!outbound.isEmpty()) {
            payload = outbound.poll();
            opcode = outboundText.poll() ? OP_TEXT : OP_BINARY;
          } else {
            writerActive = false;
            return;
          }
          writing = true;
          writeStartedNanos = System.nanoTime();
          clears = outboundClears;
        }
        writeFrame(o, opcode, payload);
        synchronized (lock) {
          writing = false;
          if (opcode == OP_PONG) {
            // The peer takes what is written: the flood counter starts again.
            pingsWhilePongPending = 0;
          } else if (opcode == OP_CLOSE) {
            closeWritten = true;
            lock.notifyAll();
            if (!closeBeforeData) {
              awaitPeerCloseLocked();
              writerActive = false;
              return;
            }
          } else if (clears == outboundClears) {
            queuedBytes -= payload.length;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      synchronized (lock) {
        writing = false;
        writerActive = false;
        writeBroken = true;
        closeQuietly(socket);
        lock.notifyAll();
      }
      log.debug("{}: write failed", name, e);
    }
  }

  /**
   * After a local close frame: waits (real time, so no timer is needed and none can be lost with a
   * closed runtime) for the reader to see the peer's answer, then drops the socket.
   */
  private void awaitPeerCloseLocked() {
    long deadline = System.nanoTime() + config.closeTimeout.toNanos();
    while (!finished.get() && !cancelled) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        pendingFailure =
            new ConnectionLostException(
                name
                    + " did not answer the close within "
                    + config.closeTimeout.toMillis()
                    + " ms");
        closeQuietly(socket);
        return;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeQuietly(socket);
        return;
      }
    }
  }

  private static void writeFrame(OutputStream o, int opcode, byte[] payload) throws IOException {
    int len = payload.length;
    int header = len <= 125 ? 2 : len <= 0xFFFF ? 4 : 10;
    int mask = RANDOM.nextInt();
    byte m0 = (byte) (mask >> 24);
    byte m1 = (byte) (mask >> 16);
    byte m2 = (byte) (mask >> 8);
    byte m3 = (byte) mask;
    byte[] frame = new byte[header + 4 + Math.min(len, CHUNK)];
    frame[0] = (byte) (0x80 | opcode);
    if (header == 2) {
      frame[1] = (byte) (0x80 | len);
    } else if (header == 4) {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (len >> 8);
      frame[3] = (byte) len;
    } else {
      frame[1] = (byte) (0x80 | 127);
      long l = len;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) (l >> (56 - 8 * i));
      }
    }
    frame[header] = m0;
    frame[header + 1] = m1;
    frame[header + 2] = m2;
    frame[header + 3] = m3;
    byte[] key = {m0, m1, m2, m3};
    int start = header + 4;
    int done = 0;
    do {
      int n = Math.min(len - done, frame.length - start);
      for (int i = 0; i < n; i++) {
        frame[start + i] = (byte) (payload[done + i] ^ key[(done + i) & 3]);
      }
      o.write(frame, 0, start + n);
      done += n;
      start = 0;
    } while (done < len);
    o.flush();
  }

  /**
   * Fails the session when one write has been blocked for longer than the write timeout. The ticks
   * come from the runtime's scheduler (one per timeout period, so a blocked write is found within
   * two periods); the elapsed time is real time, because a blocked socket write is not something
   * virtual time can speed up.
   */
  private void scheduleWriteWatchdog() {
    int timeoutMillis = client.writeTimeoutMillis();
    if (timeoutMillis <= 0) {
      return;
    }
    synchronized (lock) {
      if (finished.get()) {
        return;
      }
      writeWatchdog =
          scheduler.schedule(this::writeWatchdogTick, timeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void writeWatchdogTick() {
    synchronized (lock) {
      if (writing
          && System.nanoTime() - writeStartedNanos
              > TimeUnit.MILLISECONDS.toNanos(client.writeTimeoutMillis())) {
        pendingFailure =
            new ConnectionLostException(
                "write to "
                    + name
                    + " blocked for more than "
                    + client.writeTimeoutMillis()
                    + " ms (the server does not read)");
        closeQuietly(socket);
        lock.notifyAll();
        return;
      }
    }
    scheduleWriteWatchdog();
  }

  // ---------------------------------------------------------------- buffered reading

  private int readByte() throws IOException {
    if (pos == lim) {
      fill();
    }
    return buf[pos++] & 0xFF;
  }

  private void readFully(byte[] dst, int off, int len) throws IOException {
    int buffered = Math.min(len, lim - pos);
    System.arraycopy(buf, pos, dst, off, buffered);
    pos += buffered;
    int done = buffered;
    while (done < len) {
      beforeRead();
      int n = in.read(dst, off + done, len - done);
      if (n < 0) {
        throw new EOFException();
      }
      done += n;
    }
  }

  /** Tells the listener it has everything delivered so far (see {@link #beforeRead}). */
  private void handOver() {
    if (deliveredSinceRead) {
      deliveredSinceRead = false;
      listener.onInputWait();
    }
  }

  /**
   * Before a socket read: sets the timeout, and tells the listener it has all there is when the
   * read may block (nothing is waiting in the socket), so the listener's held-back work starts
   * before the reader waits; while more is waiting, the listener bounds what it holds back itself.
   */
  private void beforeRead() throws IOException {
    if (deliveredSinceRead && mayBlock()) {
      handOver();
    }
    applyReadTimeout();
  }

  private boolean mayBlock() {
    try {
      return in.available() <= 0;
    } catch (IOException e) {
      return true; // the read reports it
    }
  }

  /**
   * No timeout between frames (a quiet connection is the engine's to judge); the client's read
   * timeout inside a frame, as OkHttp does. Changed only when a read must block.
   */
  private void applyReadTimeout() throws IOException {
    if (readSocket == null) {
      return; // the opening handshake sets its own
    }
    int want = inFrame ? client.readTimeoutMillis() : 0;
    if (want != soTimeout) {
      readSocket.setSoTimeout(want);
      soTimeout = want;
    }
  }

  /** Moves the buffered bytes to the front and reads until at least {@code n} are buffered. */
  private void compactAndFill(int n) throws IOException {
    int buffered = lim - pos;
    System.arraycopy(buf, pos, buf, 0, buffered);
    pos = 0;
    lim = buffered;
    while (lim < n) {
      beforeRead();
      int got = in.read(buf, lim, buf.length - lim);
      if (got < 0) {
        throw new EOFException();
      }
      lim += got;
    }
  }

  private void fill() throws IOException {
    beforeRead();
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      throw new EOFException();
    }
    pos = 0;
    lim = n;
  }

  /** One line of the HTTP response head, without CRLF; bounded. */
  private String readHeadLine(int[] budget) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = readByte();
      if (--budget[0] < 0) {
        throw new HandshakeFailure(
            "handshake response head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      if (c == '\n') {
        int l = line.length();
        if (l > 0 && line.charAt(l - 1) == '\r') {
          line.setLength(l - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_HEAD_LINE) {
        throw new HandshakeFailure(
            "handshake response line longer than " + MAX_HEAD_LINE + " bytes");
      }
      line.append((char) c);
    }
  }

  // ---------------------------------------------------------------- opening

  /** A handshake response that is not a valid upgrade. */
  private static final class HandshakeFailure extends IOException {
    private static final long serialVersionUID = 1L;
    final int closeCode;
    final boolean retryable;

    HandshakeFailure(String message) {
      this(message, 0, true);
    }

    HandshakeFailure(String message, int closeCode, boolean retryable) {
      super(message);
      this.closeCode = closeCode;
      this.retryable = retryable;
    }
  }

  /** Opens and upgrades the connection; null on success, else the failure to report. */
  private @Nullable ChatwireException connectAndUpgrade() {
    Request request = new Request.Builder().url(config.url).build();
    Request.Builder rb = request.newBuilder();
    config.headers.forEach(rb::header);
    config.secretHeaders.forEach((n, v) -> rb.header(n, v.reveal()));
    Response response;
    try {
      response = new UpgradeChain(0, rb.build()).proceed(rb.build());
      checkUpgrade(response);
    } catch (HandshakeFailure e) {
      if (e.closeCode != 0) {
        sendCloseDirect(
            e.closeCode, e.closeCode == 1010 ? "extension refused" : "protocol refused");
      }
      return new WebSocketProtocolException(
          "WebSocket upgrade to " + name + " failed: " + e.getMessage(), e.closeCode, e.retryable);
    } catch (UpgradeStatus e) {
      return new UpgradeRejectedException(e.status, null);
    } catch (IOException e) {
      return classifyConnectFailure(e);
    }
    return null;
  }

  /** A non-101 status. */
  private static final class UpgradeStatus extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    UpgradeStatus(int status) {
      super("HTTP " + status);
      this.status = status;
    }
  }

  private ChatwireException classifyConnectFailure(IOException e) {
    if (pendingFailure != null) {
      return pendingFailure;
    }
    boolean cancelledNow;
    synchronized (lock) {
      cancelledNow = cancelled;
    }
    if (cancelledNow) {
      return new ConnectionLostException("connection to " + name + " cancelled", e);
    }
    if (e instanceof SSLException && isCertificateFailure(e)) {
      return new TlsCertificateException(
          "TLS certificate of " + config.url.host() + " refused: " + e.getMessage(),
          e,
          config.retryCertificateFailures);
    }
    String what =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new ConnectionLostException("connection to " + name + " failed: " + what, e);
  }

  private static boolean isCertificateFailure(Throwable e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof CertPathValidatorException
          || t instanceof CertPathBuilderException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Runs the client's application interceptors, then the upgrade itself. */
  private final class UpgradeChain implements Interceptor.Chain {
    private final int index;
    private final Request request;

    UpgradeChain(int index, Request request) {
      this.index = index;
      this.request = request;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response proceed(Request r) throws IOException {
      List<Interceptor> interceptors = client.interceptors();
      if (index < interceptors.size()) {
        Response resp = interceptors.get(index).intercept(new UpgradeChain(index + 1, r));
        if (resp == null) {
          throw new IOException("interceptor " + interceptors.get(index) + " returned null");
        }
        return resp;
      }
      return upgrade(r);
    }

    @Override
    public @Nullable Connection connection() {
      return null;
    }

    @Override
    public Call call() {
      return client.newCall(request);
    }

    @Override
    public int connectTimeoutMillis() {
      return client.connectTimeoutMillis();
    }

    @Override
    public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int readTimeoutMillis() {
      return client.readTimeoutMillis();
    }

    @Override
    public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int writeTimeoutMillis() {
      return client.writeTimeoutMillis();
    }

    @Override
    public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
      return this;
    }
  }

  /** Opens a new socket (never a pooled one) and sends the upgrade request on it. */
  private Response upgrade(Request request) throws IOException {
    synchronized (lock) {
      // An interceptor may proceed more than once; an earlier socket is never reused.
      closeQuietly(socket);
      socket = null;
      out = null;
    }
    HttpUrl url = request.url();
    Socket s = connect(url);
    OutputStream o = s.getOutputStream();
    in = s.getInputStream();
    pos = 0;
    lim = 0;
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    key = Base64.getEncoder().encodeToString(nonce);
    StringBuilder head = new StringBuilder(256);
    head.append("GET ").append(url.encodedPath());
    if (url.encodedQuery() != null) {
      head.append('?').append(url.encodedQuery());
    }
    head.append(" HTTP/1.1\r\n");
    Headers h = request.headers();
    if (h.get("Host") == null) {
      head.append("Host: ").append(hostHeader(url)).append("\r\n");
    }
    head.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
    head.append("Sec-WebSocket-Key: ").append(key).append("\r\nSec-WebSocket-Version: 13\r\n");
    if (h.get("User-Agent") == null) {
      head.append("User-Agent: chatwire\r\n");
    }
    if (h.get("Cookie") == null) {
      List<Cookie> cookies = client.cookieJar().loadForRequest(url);
      if (!cookies.isEmpty()) {
        head.append("Cookie: ");
        for (int i = 0; i < cookies.size(); i++) {
          head.append(i > 0 ? "; " : "")
              .append(cookies.get(i).name())
              .append('=')
              .append(cookies.get(i).value());
        }
        head.append("\r\n");
      }
    }
    for (int i = 0; i < h.size(); i++) {
      String n = h.name(i);
      if (n.equalsIgnoreCase("Upgrade")
          || n.equalsIgnoreCase("Connection")
          || n.equalsIgnoreCase("Sec-WebSocket-Key")
          || n.equalsIgnoreCase("Sec-WebSocket-Version")
          || n.equalsIgnoreCase("Sec-WebSocket-Extensions")) {
        continue; // the client offers no extension, and owns the upgrade headers
      }
      head.append(n).append(": ").append(h.value(i)).append("\r\n");
    }
    head.append("\r\n");
    s.setSoTimeout(client.readTimeoutMillis());
    o.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    o.flush();

    int[] budget = {MAX_HEAD_BYTES};
    String status = readHeadLine(budget);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new HandshakeFailure("not an HTTP/1.1 status line: '" + printable(status) + "'");
    }
    // status-code = 3DIGIT (RFC 9112 4); anything else (a sign, a negative value) is garbage.
    if (!parts[1].matches("[0-9]{3}")) {
      throw new HandshakeFailure("unreadable HTTP status in '" + printable(status) + "'");
    }
    int code = Integer.parseInt(parts[1]);
    Headers.Builder headers = new Headers.Builder();
    int count = 0;
    while (true) {
      String line = readHeadLine(budget);
      if (line.isEmpty()) {
        break;
      }
      if (++count > MAX_HEADERS) {
        throw new HandshakeFailure("more than " + MAX_HEADERS + " response headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new HandshakeFailure("malformed response header line");
      }
      try {
        headers.addUnsafeNonAscii(
            line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new HandshakeFailure("malformed response header name");
      }
    }
    synchronized (lock) {
      socket = s;
      out = o;
    }
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(code)
        .message(parts.length > 2 ? parts[2] : "")
        .headers(headers.build())
        .build();
  }

  private void checkUpgrade(Response response) throws IOException {
    Socket s;
    synchronized (lock) {
      s = socket;
    }
    if (response.code() != 101) {
      throw new UpgradeStatus(response.code());
    }
    if (s == null) {
      throw new HandshakeFailure(
          "an interceptor answered the upgrade itself; there is no connection");
    }
    if (!"websocket".equalsIgnoreCase(response.header("Upgrade", ""))) {
      throw new HandshakeFailure(
          "101 response without 'Upgrade: websocket' (was '"
              + printable(response.header("Upgrade", ""))
              + "')");
    }
    if (!hasToken(response.headers("Connection"), "upgrade")) {
      throw new HandshakeFailure("101 response without 'Connection: Upgrade'");
    }
    String accept = response.header("Sec-WebSocket-Accept");
    if (!expectedAccept(key).equals(accept)) {
      throw new HandshakeFailure(
          "wrong Sec-WebSocket-Accept '" + printable(String.valueOf(accept)) + "'");
    }
    List<String> extensions = response.headers("Sec-WebSocket-Extensions");
    if (!extensions.isEmpty()) {
      throw new HandshakeFailure(
          "the server enabled extension(s) '"
              + printable(String.join(", ", extensions))
              + "' that the client never offered; refused by the client (1010)",
          1010,
          false);
    }
    List<String> protocols = response.headers("Sec-WebSocket-Protocol");
    if (!protocols.isEmpty()) {
      List<String> offered = new ArrayList<>();
      for (String v : response.request().headers("Sec-WebSocket-Protocol")) {
        for (String t : v.split(",", -1)) {
          offered.add(t.trim());
        }
      }
      if (protocols.size() != 1 || !offered.contains(protocols.get(0).trim())) {
        throw new HandshakeFailure(
            "the server selected subprotocol '"
                + printable(String.join(", ", protocols))
                + "' that the client did not offer; refused by the client",
            1002,
            false);
      }
    }
    s.setSoTimeout(0);
    soTimeout = 0;
    readSocket = s;
    HttpUrl url = response.request().url();
    List<Cookie> cookies = Cookie.parseAll(url, response.headers());
    if (!cookies.isEmpty()) {
      client.cookieJar().saveFromResponse(url, cookies);
    }
  }

  /** Writes a close frame directly: only before the writer exists (a refused handshake). */
  private void sendCloseDirect(int code, String reason) {
    OutputStream o;
    synchronized (lock) {
      o = out;
    }
    if (o == null) {
      return;
    }
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] p = new byte[2 + r.length];
    p[0] = (byte) (code >> 8);
    p[1] = (byte) code;
    System.arraycopy(r, 0, p, 2, r.length);
    try {
      writeFrame(o, OP_CLOSE, p);
    } catch (IOException e) {
      log.debug("{}: close frame not written", name, e);
    }
  }

  static String expectedAccept(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }

  private static boolean hasToken(List<String> values, String token) {
    for (String v : values) {
      for (String t : v.split(",", -1)) {
        if (t.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  private static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  /** TCP (direct, SOCKS or an HTTP CONNECT tunnel), then TLS for https. */
  private Socket connect(HttpUrl url) throws IOException {
    String host = url.host();
    int port = url.port();
    Proxy proxy = client.proxy();
    if (proxy == null) {
      List<Proxy> selected;
      try {
        selected = client.proxySelector().select(url.uri());
      } catch (RuntimeException e) {
        selected = Collections.emptyList();
      }
      proxy = selected == null || selected.isEmpty() ? Proxy.NO_PROXY : selected.get(0);
    }
    Socket raw;
    if (proxy.type() == Proxy.Type.SOCKS) {
      raw = register(new Socket(proxy));
      raw.connect(InetSocketAddress.createUnresolved(host, port), client.connectTimeoutMillis());
    } else if (proxy.type() == Proxy.Type.HTTP) {
      InetSocketAddress pa = (InetSocketAddress) proxy.address();
      raw = tunnel(pa, host, port, null);
    } else {
      raw = connectDirect(host, port);
    }
    return url.isHttps() ? tls(raw, host, port) : raw;
  }

  private Socket register(Socket s) throws IOException {
    synchronized (lock) {
      if (cancelled) {
        closeQuietly(s);
        throw new IOException("cancelled");
      }
      socket = s;
    }
    if (!(s instanceof SSLSocket)) {
      noDelay(s);
    }
    return s;
  }

  /**
   * Turns off Nagle's algorithm on the TCP socket (a TLS socket over it inherits it). A chat client
   * sends small messages and waits for their answers; with Nagle on, a message that leaves in more
   * than one segment waits for the peer's delayed ACK (about 40 ms on Linux; a 10 KiB echo took 47
   * ms instead of 0.5 ms on loopback). Browsers turn it off for WebSockets too. Each frame is
   * written with one {@code write} per 64 KiB, so this sends no more small segments than needed. A
   * socket from a user's factory that refuses the option is used as it is.
   */
  private void noDelay(Socket s) {
    try {
      s.setTcpNoDelay(true);
    } catch (IOException | RuntimeException e) {
      log.debug("{}: TCP_NODELAY not set: {}", name, e.toString());
    }
  }

  private Socket connectDirect(String host, int port) throws IOException {
    List<InetAddress> addresses = client.dns().lookup(host);
    IOException last = null;
    for (InetAddress a : addresses) {
      Socket s = register(client.socketFactory().createSocket());
      try {
        s.connect(new InetSocketAddress(a, port), client.connectTimeoutMillis());
        return s;
      } catch (IOException e) {
        closeQuietly(s);
        last = e;
        if (isCancelled()) {
          throw e;
        }
      }
    }
    throw last != null ? last : new IOException("no address for " + host);
  }

  private boolean isCancelled() {
    synchronized (lock) {
      return cancelled;
    }
  }

  /** An HTTP proxy tunnel; one retry with the proxy authenticator's credentials on 407. */
  private Socket tunnel(
      InetSocketAddress proxy, String host, int port, @Nullable String proxyAuthorization)
      throws IOException {
    Socket s = connectDirect(proxy.getHostString(), proxy.getPort());
    String target = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    StringBuilder req =
        new StringBuilder("CONNECT ")
            .append(target)
            .append(" HTTP/1.1\r\nHost: ")
            .append(target)
            .append("\r\nProxy-Connection: Keep-Alive\r\nUser-Agent: chatwire\r\n");
    if (proxyAuthorization != null) {
      req.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
    }
    req.append("\r\n");
    s.setSoTimeout(client.readTimeoutMillis());
    OutputStream o = s.getOutputStream();
    o.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
    o.flush();
    // Byte by byte, so nothing past the proxy's answer is consumed.
    InputStream i = s.getInputStream();
    Headers.Builder headers = new Headers.Builder();
    String status = null;
    int budget = MAX_HEAD_BYTES;
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = i.read();
      if (c < 0) {
        throw new EOFException("proxy closed the connection during CONNECT");
      }
      if (--budget < 0) {
        throw new IOException("proxy response head too long");
      }
      if (c != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
        continue;
      }
      String l = line.toString();
      line.setLength(0);
      if (status == null) {
        status = l;
      } else if (l.isEmpty()) {
        break;
      } else if (l.indexOf(':') > 0) {
        try {
          headers.addUnsafeNonAscii(
              l.substring(0, l.indexOf(':')).trim(), l.substring(l.indexOf(':') + 1).trim());
        } catch (IllegalArgumentException e) {
          throw new IOException("malformed proxy response header name");
        }
      }
    }
    String[] parts = status.split(" ", 3);
    int code = parts.length >= 2 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
    if (code == 200) {
      return s;
    }
    closeQuietly(s);
    if (code == 407
        && proxyAuthorization == null
        && client.proxyAuthenticator() != Authenticator.NONE) {
      Request connect =
          new Request.Builder().url("https://" + target + "/").header("Host", target).build();
      Response challenge =
          new Response.Builder()
              .request(connect)
              .protocol(Protocol.HTTP_1_1)
              .code(407)
              .message(parts.length > 2 ? parts[2] : "")
              .headers(headers.build())
              .build();
      Request authenticated = client.proxyAuthenticator().authenticate(null, challenge);
      String credentials =
          authenticated == null ? null : authenticated.header("Proxy-Authorization");
      if (credentials != null) {
        return tunnel(proxy, host, port, credentials);
      }
    }
    throw new IOException("proxy refused CONNECT with HTTP " + code);
  }

  private Socket tls(Socket raw, String host, int port) throws IOException {
    SSLSocket s = (SSLSocket) client.sslSocketFactory().createSocket(raw, host, port, true);
    register(s);
    for (ConnectionSpec spec : client.connectionSpecs()) {
      if (spec.isTls()) {
        apply(spec, s);
        break;
      }
    }
    SSLParameters p = s.getSSLParameters();
    if (!isIpLiteral(host)) {
      p.setServerNames(List.of(new SNIHostName(host)));
    }
    s.setSSLParameters(p);
    s.setSoTimeout(client.readTimeoutMillis());
    s.startHandshake();
    SSLSession session = s.getSession();
    if (!client.hostnameVerifier().verify(host, session)) {
      throw new SSLPeerUnverifiedException("certificate is not valid for host " + host);
    }
    client.certificatePinner().check(host, Arrays.asList(session.getPeerCertificates()));
    return s;
  }

  private static void apply(ConnectionSpec spec, SSLSocket s) {
    List<TlsVersion> versions = spec.tlsVersions();
    if (versions != null) {
      List<String> wanted = new ArrayList<>();
      for (TlsVersion v : versions) {
        wanted.add(v.javaName());
      }
      String[] enabled = intersect(s.getSupportedProtocols(), wanted);
      if (enabled.length > 0) {
        s.setEnabledProtocols(enabled);
      }
    }
    List<CipherSuite> suites = spec.cipherSuites();
    if (suites != null) {
      List<String> wanted = new ArrayList<>();
      for (CipherSuite c : suites) {
        wanted.add(c.javaName());
      }
      String[] enabled = intersect(s.getSupportedCipherSuites(), wanted);
      if (enabled.length > 0) {
        s.setEnabledCipherSuites(enabled);
      }
    }
  }

  private static String[] intersect(String[] supported, List<String> wanted) {
    List<String> result = new ArrayList<>();
    for (String w : wanted) {
      for (String s : supported) {
        if (s.equals(w)) {
          result.add(s);
          break;
        }
      }
    }
    return result.toArray(new String[0]);
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.toLowerCase(Locale.ROOT).matches("[0-9.]+");
  }

  private static void closeQuietly(@Nullable Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException | RuntimeException ignored) {
        // nothing to do
      }
    }
  }

  @Override
  public String toString() {
    return "WebSocketSession[" + name + "]";
  }
}

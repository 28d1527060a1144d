package io.github.chatwire.core.testing;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The one in-memory {@link Transport} every module's unit tests use (shared through sdk-core's
 * test-jar): the test plays the server, frame by frame, on its own thread, and the transport
 * records what the client did. Like MockWebServer, but for a single message-oriented session at a
 * time and without sockets or threads, so that timers can run in virtual time ({@code
 * VirtualScheduler}) and every step is deterministic.
 *
 * <h2>Playing the server</h2>
 *
 * Each {@link #open} call (one per connection attempt) creates a {@link Session}; {@link #last()}
 * is the newest. The test drives it with {@link Session#accept()} (the socket opened), {@link
 * Session#serverSends(String)} / {@link Session#serverSendsBinary(byte[])}, {@link
 * Session#serverCloses(int, String)} and {@link Session#fail(ChatwireException)}; the
 * transport-level methods of the same names act on {@link #last()}. Callbacks run synchronously on
 * the caller's thread. The test may deliberately act on an old session after it ended (a late
 * frame), to check that the client ignores it.
 *
 * <h2>What the client did</h2>
 *
 * Every frame the client sent is recorded on its session ({@link Session#frames()}, {@link
 * Session#sent()} for text, {@link Session#sentBinary()} for binary, with the time from {@link
 * #clock}); text frames also go to one transport-wide queue of frames the test has not looked at
 * yet, {@link #unread()} / {@link #takeText()}, which spans reconnects (MockWebServer's {@code
 * takeRequest}). Closes and cancels are recorded ({@link Session#closedWith()}, {@link
 * Session#cancelled()}); {@link #opens()} counts connection attempts.
 *
 * <h2>Knobs</h2>
 *
 * {@link #failOpens} makes {@code open} throw; {@link Session#refuseSends} makes sends return
 * false; {@link Session#maxQueuedBytes(long)} and {@link Session#queuedBytes(long)} simulate a full
 * outbound buffer (a send that would overflow is refused, as OkHttp does); {@link
 * #completeClosesAtOnce()} makes a client close end the session at once, as a server that answers
 * the close frame immediately; {@link #textOnly()} / {@link #binaryOnly()} make a frame of the
 * other kind fail the test.
 *
 * <p>Sends are accepted from the moment the session is created (OkHttp queues them until the socket
 * opens) until the client closed or cancelled it or the server closed it or it failed.
 *
 * <p>Thread-safety: all methods may be called from any thread (a test may feed frames from a second
 * thread to play the transport's reader thread), but the callbacks run on the caller's thread, so
 * the order is the order of the calls. Protocol modules may extend this class with script helpers
 * for their protocol (handshakes, decoding what the client sent).
 */
public class ScriptedTransport implements Transport {
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final Deque<String> unread = new ConcurrentLinkedDeque<>();
  private final String description;
  private volatile RuntimeException failOpens;
  private volatile boolean completeClosesAtOnce;
  private volatile boolean textOnly;
  private volatile boolean binaryOnly;
  private volatile LongSupplier clock = () -> 0L;

  /** A transport described as {@code "scripted"}. */
  public ScriptedTransport() {
    this("scripted");
  }

  /**
   * A transport with the given {@link #describe()} text.
   *
   * @param description what {@link #describe()} returns; never null
   */
  public ScriptedTransport(String description) {
    this.description = Objects.requireNonNull(description, "description");
  }

  /**
   * From now on a client's {@link TransportSession#close} ends the session at once: the listener's
   * {@code onClosed(code, reason)} runs inside the close call (a server that answers the close
   * frame immediately). Without this, the test ends the session itself with {@link
   * Session#serverCloses}, or never does.
   *
   * @return this transport
   */
  public ScriptedTransport completeClosesAtOnce() {
    completeClosesAtOnce = true;
    return this;
  }

  /**
   * A binary frame from the client fails the test with an {@link AssertionError} (for protocols
   * that only speak text).
   *
   * @return this transport
   */
  public ScriptedTransport textOnly() {
    textOnly = true;
    return this;
  }

  /**
   * A text frame from the client fails the test with an {@link AssertionError} (for protocols that
   * only speak binary).
   *
   * @return this transport
   */
  public ScriptedTransport binaryOnly() {
    binaryOnly = true;
    return this;
  }

  /**
   * The clock that stamps the frames the client sends (a virtual clock's {@code nanoTime}, say);
   * applies to sessions opened later and to {@link #last()} if there is one.
   *
   * @param nanos the time source; never null
   * @return this transport
   */
  public ScriptedTransport clock(LongSupplier nanos) {
    clock = Objects.requireNonNull(nanos, "nanos");
    if (!sessions.isEmpty()) {
      last().clock(nanos);
    }
    return this;
  }

  /**
   * Makes every following {@link #open} throw this exception (a transport that cannot even start),
   * until called with null.
   *
   * @param e the exception to throw; null to open normally again
   */
  public void failOpens(RuntimeException e) {
    failOpens = e;
  }

  @Override
  public TransportSession open(ChatwireRuntime runtime, TransportListener listener) {
    Objects.requireNonNull(listener, "listener");
    RuntimeException e = failOpens;
    if (e != null) {
      throw e;
    }
    Session s = new Session(this, listener, clock);
    sessions.add(s);
    return s;
  }

  @Override
  public String describe() {
    return description;
  }

  /**
   * How many sessions were opened (connection attempts), including failed ones.
   *
   * @return the count
   */
  public int opens() {
    return sessions.size();
  }

  /**
   * Every session opened, oldest first.
   *
   * @return a snapshot; never null
   */
  public List<Session> sessions() {
    return List.copyOf(sessions);
  }

  /**
   * The newest session.
   *
   * @return the session; never null
   * @throws AssertionError if the client never opened one
   */
  public Session last() {
    if (sessions.isEmpty()) {
      throw new AssertionError("the client never opened a connection");
    }
    return sessions.get(sessions.size() - 1);
  }

  /**
   * Whether the newest session is still usable (opened by the client, not closed by either side).
   *
   * @return true if there is a session and it is not ended
   */
  public boolean isOpen() {
    return !sessions.isEmpty() && !last().ended();
  }

  /**
   * The text frames the client sent, on every session, that the test has not taken yet, oldest
   * first. Live: the test may poll, peek, clear or remove from it.
   *
   * @return the queue; never null
   */
  public Deque<String> unread() {
    return unread;
  }

  /**
   * Takes the oldest unread text frame.
   *
   * @return the frame; never null
   * @throws AssertionError if the client sent nothing not yet taken
   */
  public String takeText() {
    String s = unread.poll();
    if (s == null) {
      throw new AssertionError("the client sent nothing");
    }
    return s;
  }

  /** {@link Session#accept()} on the newest session. */
  public void accept() {
    last().accept();
  }

  /**
   * {@link Session#serverSends(String)} on the newest session.
   *
   * @param text the frame; never null
   */
  public void serverSends(String text) {
    last().serverSends(text);
  }

  /**
   * {@link Session#serverSendsBinary(byte[])} on the newest session.
   *
   * @param bytes the frame; never null
   */
  public void serverSendsBinary(byte[] bytes) {
    last().serverSendsBinary(bytes);
  }

  /**
   * {@link Session#serverCloses(int, String)} on the newest session, with an empty reason.
   *
   * @param code the close code
   */
  public void serverCloses(int code) {
    last().serverCloses(code, "");
  }

  /**
   * {@link Session#fail(ChatwireException)} on the newest session.
   *
   * @param cause the failure; never null
   */
  public void fail(ChatwireException cause) {
    last().fail(cause);
  }

  /**
   * One frame the client sent: the message (core's {@link Outbound}, text or binary, without a tag)
   * and when, by the transport's clock.
   */
  public static final class Frame {
    private final Outbound message;
    private final long atNanos;

    Frame(Outbound message, long atNanos) {
      this.message = message;
      this.atNanos = atNanos;
    }

    /**
     * What the client sent.
     *
     * @return the message; never null
     */
    public Outbound message() {
      return message;
    }

    /**
     * When the client sent it, by the clock given to {@link ScriptedTransport#clock}.
     *
     * @return nanoseconds
     */
    public long atNanos() {
      return atNanos;
    }

    @Override
    public String toString() {
      return message + " at " + atNanos;
    }
  }

  /** One connection attempt: the test plays its server side and reads what the client did. */
  public static final class Session implements TransportSession {
    private final ScriptedTransport transport;
    private final TransportListener listener;
    private final List<Frame> frames = new ArrayList<>();
    private volatile LongSupplier clock;
    private volatile boolean refuseSends;
    private volatile long maxQueuedBytes = Long.MAX_VALUE;
    private volatile long queuedBytes;
    private Integer closedWith;
    private String closeReason;
    private boolean cancelled;
    private boolean serverEnded;

    Session(ScriptedTransport transport, TransportListener listener, LongSupplier clock) {
      this.transport = transport;
      this.listener = listener;
      this.clock = clock;
    }

    // ---- the client's side (TransportSession) ----

    @Override
    public synchronized boolean sendText(String text) {
      Objects.requireNonNull(text, "text");
      if (transport.binaryOnly) {
        throw new AssertionError("the client sent text on a binary-only transport: " + text);
      }
      if (!accepts(text.length())) {
        return false;
      }
      frames.add(new Frame(Outbound.text(text), clock.getAsLong()));
      transport.unread.add(text);
      return true;
    }

    @Override
    public synchronized boolean sendBinary(byte[] bytes) {
      Objects.requireNonNull(bytes, "bytes");
      if (transport.textOnly) {
        throw new AssertionError(
            "the client sent " + bytes.length + " binary bytes on a text-only transport");
      }
      if (!accepts(bytes.length)) {
        return false;
      }
      frames.add(new Frame(Outbound.binary(bytes, null), clock.getAsLong()));
      return true;
    }

    private boolean accepts(long size) {
      return !refuseSends && !ended() && queuedBytes + size <= maxQueuedBytes;
    }

    @Override
    public void close(int code, String reason) {
      boolean complete;
      synchronized (this) {
        complete = transport.completeClosesAtOnce && !ended();
        if (closedWith == null && !cancelled) {
          closedWith = code;
          closeReason = reason == null ? "" : reason;
        }
        if (complete) {
          serverEnded = true;
        }
      }
      if (complete) {
        listener.onClosed(code, reason == null ? "" : reason);
      }
    }

    @Override
    public synchronized void cancel() {
      cancelled = true;
    }

    @Override
    public long queuedBytes() {
      return queuedBytes;
    }

    @Override
    public long maxQueuedBytes() {
      return maxQueuedBytes;
    }

    // ---- the server's side, played by the test ----

    /** The socket opened: the listener's {@code onOpen()}. */
    public void accept() {
      listener.onOpen();
    }

    /**
     * The server sends a text frame.
     *
     * @param text the frame; never null
     */
    public void serverSends(String text) {
      listener.onText(Objects.requireNonNull(text, "text"));
    }

    /**
     * The server sends a binary frame.
     *
     * @param bytes the frame; never null; the listener gets a copy
     */
    public void serverSendsBinary(byte[] bytes) {
      listener.onBinary(bytes.clone());
    }

    /**
     * The server closes the connection; the client can no longer send on it.
     *
     * @param code the close code
     * @param reason the reason; never null
     */
    public void serverCloses(int code, String reason) {
      synchronized (this) {
        serverEnded = true;
      }
      listener.onClosed(code, reason);
    }

    /**
     * The connection fails (refused, reset, timed out); the client can no longer send on it.
     *
     * @param cause the failure; never null
     */
    public void fail(ChatwireException cause) {
      synchronized (this) {
        serverEnded = true;
      }
      listener.onFailure(Objects.requireNonNull(cause, "cause"));
    }

    // ---- knobs ----

    /**
     * Makes every send return false (a session whose buffer is full or that is dying) or accept
     * again.
     *
     * @param refuse true to refuse sends
     */
    public void refuseSends(boolean refuse) {
      refuseSends = refuse;
    }

    /**
     * The outbound buffer size {@link #maxQueuedBytes()} reports; a send that would take {@link
     * #queuedBytes()} over it is refused.
     *
     * @param max the limit in bytes (counted as characters for text)
     */
    public void maxQueuedBytes(long max) {
      maxQueuedBytes = max;
    }

    /**
     * The bytes "still being written" that {@link #queuedBytes()} reports.
     *
     * @param bytes the bytes waiting
     */
    public void queuedBytes(long bytes) {
      queuedBytes = bytes;
    }

    /**
     * The clock that stamps this session's frames from now on.
     *
     * @param nanos the time source; never null
     */
    public void clock(LongSupplier nanos) {
      clock = Objects.requireNonNull(nanos, "nanos");
    }

    // ---- what the client did ----

    /**
     * Every frame the client sent on this session, oldest first.
     *
     * @return a snapshot; never null
     */
    public synchronized List<Frame> frames() {
      return List.copyOf(frames);
    }

    /**
     * The text frames the client sent on this session, oldest first.
     *
     * @return a snapshot; never null
     */
    public synchronized List<String> sent() {
      List<String> out = new ArrayList<>();
      for (Frame f : frames) {
        if (f.message.isText()) {
          out.add(f.message.text());
        }
      }
      return out;
    }

    /**
     * The binary frames the client sent on this session, oldest first.
     *
     * @return a snapshot of copies; never null
     */
    public synchronized List<byte[]> sentBinary() {
      List<byte[]> out = new ArrayList<>();
      for (Frame f : frames) {
        if (!f.message.isText()) {
          out.add(f.message.bytes());
        }
      }
      return out;
    }

    /**
     * When each frame (text or binary) was sent, by the session's clock, oldest first.
     *
     * @return a snapshot; never null
     */
    public synchronized List<Long> sentAtNanos() {
      List<Long> out = new ArrayList<>();
      for (Frame f : frames) {
        out.add(f.atNanos);
      }
      return out;
    }

    /**
     * How the client ended this session: the code of its first {@code close}, or 1006 if it
     * cancelled before closing.
     *
     * @return the code; null if the client neither closed nor cancelled it
     */
    public synchronized Integer closedWith() {
      if (closedWith != null) {
        return closedWith;
      }
      return cancelled ? 1006 : null;
    }

    /**
     * The reason of the client's first close.
     *
     * @return the reason (empty if it gave null); null if it did not close
     */
    public synchronized String closeReason() {
      return closeReason;
    }

    /**
     * Whether the client cancelled this session.
     *
     * @return true after {@code cancel()}
     */
    public synchronized boolean cancelled() {
      return cancelled;
    }

    /**
     * Whether the session can no longer carry the client's frames: closed or cancelled by the
     * client, closed by the server, or failed.
     *
     * @return true if ended
     */
    public synchronized boolean ended() {
      return closedWith != null || cancelled || serverEnded;
    }

    /**
     * The listener the client registered, for tests that call a callback directly.
     *
     * @return the listener; never null
     */
    public TransportListener listener() {
      return listener;
    }
  }
}

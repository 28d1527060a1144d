package io.github.chatwire.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The face every chatwire fake server shows, whatever its protocol: where to connect, what the
 * clients sent, and the faults a test needs most (after MockWebServer's server + {@code
 * RecordedRequest}). Each fake keeps its own richer, protocol-specific API beside this one ({@code
 * FakeOriginChatsServer.kick}, {@code FakeOmikron.failIdentificationsWith}, {@code
 * FakeBinaryWsServer.revokeAccessKey}, ...); a test that only needs the common faults can be
 * written once against this interface.
 *
 * <p>The faults:
 *
 * <ul>
 *   <li>{@link #drop()} cuts every connection now, from the server side, the way a restarting
 *       server does (a close code the clients treat as retryable); the server keeps running and
 *       accepts the clients' reconnects;
 *   <li>{@link #stall()} makes the server hang: it keeps the sockets open and reads (and records)
 *       what the clients send, but answers nothing and sends nothing of its own, keep-alives
 *       included, until {@link #resume()};
 *   <li>{@link #silence()} stops only the server's liveness traffic (its answers to pings, its own
 *       heartbeats) while every other request is still answered, until {@link #resume()}: a test of
 *       the client's watchdog alone.
 * </ul>
 *
 * <p>Thread-safety: every method may be called from any thread, also while clients are connected.
 * Timers inside a fake (heartbeats, timeouts) run on the scheduler given to its builder, so a test
 * can drive them in virtual time.
 */
public interface FakeServer extends Closeable {
  /**
   * The URL a client connects to (the fake's main endpoint).
   *
   * @return the URL; never null
   * @throws IllegalStateException if the server was not started
   */
  String url();

  /**
   * Every frame the clients sent so far, on every connection, in the order the server read them;
   * also those read while {@link #stall() stalled}.
   *
   * @return a snapshot; never null
   */
  List<ReceivedFrame> receivedFrames();

  /** Cuts every open connection from the server side; later connections are accepted. */
  void drop();

  /** Hangs the server: it reads but answers nothing and sends nothing until {@link #resume()}. */
  void stall();

  /** Ends {@link #stall()} and {@link #silence()}: the server answers again. */
  void resume();

  /** Stops the server's liveness traffic (pong answers, heartbeats) until {@link #resume()}. */
  void silence();

  /**
   * Stops the server: closes every connection and frees its port and its own threads (never a
   * scheduler the test gave it). Idempotent.
   *
   * @throws IOException if the server cannot be shut down cleanly
   */
  @Override
  void close() throws IOException;
}

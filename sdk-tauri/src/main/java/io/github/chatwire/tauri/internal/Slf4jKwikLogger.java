package io.github.chatwire.tauri.internal;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.log.BaseLogger;

/**
 * Routes kwik's own logging to SLF4J at debug level (logger {@code io.github.chatwire.tauri.kwik}).
 * Hex dumps and secrets are never forwarded.
 *
 * <p>It also remembers how the peer closed the connection: kwik 0.10.9 logs the peer's
 * CONNECTION_CLOSE ("Peer is closing ... with error ...") even when it never delivers the matching
 * event to the connection listener (a close at the end of the handshake), and this is the only
 * place the reason is visible. Likewise the negotiated idle timeout, which the keep-alive needs, is
 * only logged. One instance per connection.
 */
public final class Slf4jKwikLogger extends BaseLogger {
  private static final Logger log = LoggerFactory.getLogger("io.github.chatwire.tauri.kwik");
  private static final String IDLE_PREFIX = "Effective idle timeout is ";

  private final Runnable onPeerClose;
  private @Nullable volatile String peerClose;
  private volatile long idleTimeoutMillis = -1;

  /**
   * Creates the logger with kwik's default categories (errors only).
   *
   * @param onPeerClose run (on kwik's receiver thread; must not block) when the peer's close is
   *     first seen; never null
   */
  public Slf4jKwikLogger(Runnable onPeerClose) {
    this.onPeerClose = onPeerClose;
    logSecrets(false);
  }

  @Override
  public void info(String message) {
    if (message != null && message.startsWith("Peer is closing") && peerClose == null) {
      peerClose = message;
      onPeerClose.run();
    }
    super.info(message);
  }

  @Override
  public void debug(String message) {
    // kwik 0.10.9 tells the negotiated idle timeout (min of both sides) only here.
    if (message != null && message.startsWith(IDLE_PREFIX)) {
      try {
        idleTimeoutMillis = Long.parseLong(message.substring(IDLE_PREFIX.length()).trim());
      } catch (NumberFormatException e) {
        // not the line we know; keep the configured timeout
      }
    }
    super.debug(message);
  }

  /**
   * The idle timeout kwik negotiated with the server, once the handshake got that far.
   *
   * @return milliseconds; -1 if not known (yet)
   */
  public long negotiatedIdleTimeoutMillis() {
    return idleTimeoutMillis;
  }

  /**
   * kwik's description of the peer's close, if the peer closed this connection.
   *
   * @return e.g. "Peer is closing ... with error Transport error: CRYPTO_ERROR (internal_error)";
   *     null if the peer has not closed
   */
  public @Nullable String peerClose() {
    return peerClose;
  }

  @Override
  protected void log(String message) {
    log.debug("{}", message);
  }

  @Override
  protected void log(String message, Throwable ex) {
    log.debug("{}", message, ex);
  }

  @Override
  protected void logWithHexDump(String message, byte[] data, int length) {
    log.debug("{} ({} bytes)", message, length);
  }

  @Override
  protected void logWithHexDump(String message, ByteBuffer data, int offset, int length) {
    log.debug("{} ({} bytes)", message, length);
  }
}

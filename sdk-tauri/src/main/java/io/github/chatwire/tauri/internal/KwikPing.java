package io.github.chatwire.tauri.internal;

import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.impl.QuicClientConnectionImpl;

/**
 * Sends one QUIC PING frame. kwik 0.10.9 offers only {@code keepAlive(seconds)} publicly, which
 * pings at a fixed half of the idle timeout in whole seconds (a busy loop below 2 s), stops after
 * the given time and leaves a non-daemon thread behind; its {@code ping()} is on the implementation
 * class. Kept apart so that a {@link LinkageError} (module path, where kwik does not export {@code
 * tech.kwik.core.impl}) surfaces at this call only.
 */
final class KwikPing {
  private KwikPing() {}

  /**
   * Queues a PING on the connection and flushes it. Does not block.
   *
   * @param c the connection; never null
   * @throws LinkageError if kwik's implementation class is not accessible
   * @throws IllegalStateException if the connection is not connected
   * @throws UnsupportedOperationException if the connection is not kwik's own implementation
   */
  static void ping(QuicClientConnection c) {
    if (!(c instanceof QuicClientConnectionImpl)) {
      throw new UnsupportedOperationException(
          "not kwik's client connection: " + c.getClass().getName());
    }
    ((QuicClientConnectionImpl) c).ping();
  }
}

package io.github.chatwire.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Shared test helpers for futures and the fake server's handshake. */
public final class Outcomes {
  private Outcomes() {}

  /** The cause a future failed with; asserts that it failed. */
  public static Throwable failure(CompletableFuture<?> f) {
    assertTrue(f.isCompletedExceptionally(), "future should have failed");
    try {
      f.join();
      throw new AssertionError("unreachable");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  /** Opens the latest session and answers the {@link TestProtocol} handshake. */
  public static ScriptedTransport.Session handshake(ScriptedTransport transport) {
    ScriptedTransport.Session s = transport.last();
    s.accept();
    s.serverSends("welcome");
    return s;
  }
}

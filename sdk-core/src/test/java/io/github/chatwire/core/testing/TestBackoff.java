package io.github.chatwire.core.testing;

import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ReconnectPolicy;
import java.time.Duration;

/**
 * The backoff the engine tests were written against (1 s, ×2, jitter 0.5, no restart spread: the
 * first retry after exactly 1 s with random 0), for tests about the engine rather than about the
 * default policy.
 */
public final class TestBackoff {
  /** 1 s initial, ×2, cap 60 s, jitter 0.5, 1001/1012 treated like other closes. */
  public static final ReconnectPolicy ONE_SECOND =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofSeconds(1))
          .jitter(0.5)
          .restartSpread(1)
          .build();

  private TestBackoff() {}

  /**
   * Builds the options with random 0 and, unless the test set a policy of its own, {@link
   * #ONE_SECOND}.
   *
   * @param options the test's options
   * @return the built options
   */
  public static ConnectionOptions build(ConnectionOptions.Builder options) {
    ConnectionOptions o = options.random(() -> 0.0).build();
    return o.reconnectPolicy() == ReconnectPolicy.defaults()
        ? o.toBuilder().reconnectPolicy(ONE_SECOND).build()
        : o;
  }
}

package io.github.chatwire.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code prefix-N} in the thread group {@value #GROUP_NAME}, so that leak
 * checks and thread dumps can find them even while OkHttp has renamed them.
 */
public final class NamedThreadFactory implements ThreadFactory {
  /** The name of the thread group of every thread the SDK creates. */
  public static final String GROUP_NAME = "chatwire";

  private static final ThreadGroup GROUP = new ThreadGroup(GROUP_NAME);

  private final String prefix;
  private final AtomicInteger counter = new AtomicInteger();

  /**
   * Creates a factory.
   *
   * @param prefix the thread-name prefix; never null
   */
  public NamedThreadFactory(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(GROUP, r, prefix + "-" + counter.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}

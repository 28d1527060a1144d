package io.github.chatwire.androidrewrite;

/** The guard the rewriter test installs before calls to Java9Calls.dangerous(). */
public final class Guard {
  private Guard() {}

  /** Always refuses. */
  public static void refuse() {
    throw new UnsupportedOperationException("guarded");
  }
}

package io.github.chatwire.androidrewrite;

/** The guard the rewriter test installs before calls to Java9Calls.dangerous(). */
public final class Guard {
  private Guard() {}

  /** Always refuses. */
  @SuppressWarnings("DoNotCallSuggester") // called only by rewritten bytecode, which is the point
  public static void refuse() {
    throw new UnsupportedOperationException("guarded");
  }
}

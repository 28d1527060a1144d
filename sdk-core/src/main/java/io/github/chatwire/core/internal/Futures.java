package io.github.chatwire.core.internal;

import java.util.concurrent.CompletableFuture;

/** CompletableFuture helpers that exist on Android API 26 (which lacks Java 9's additions). */
public final class Futures {
  private Futures() {}

  /**
   * A future already failed with the given error (Java 9's {@code failedFuture}).
   *
   * @param error the failure
   * @param <T> the value type
   * @return the failed future
   */
  public static <T> CompletableFuture<T> failed(Throwable error) {
    CompletableFuture<T> f = new CompletableFuture<>();
    f.completeExceptionally(error);
    return f;
  }

  /**
   * A future that completes like the source but whose completion by a caller does not affect the
   * source (Java 9's {@code copy}).
   *
   * @param source the source
   * @param <T> the value type
   * @return the copy
   */
  @SuppressWarnings("FutureReturnValueIgnored") // whenComplete only feeds copy; it cannot throw
  public static <T> CompletableFuture<T> copy(CompletableFuture<T> source) {
    CompletableFuture<T> copy = new CompletableFuture<>();
    source.whenComplete(
        (v, e) -> {
          if (e != null) {
            copy.completeExceptionally(e);
          } else {
            copy.complete(v);
          }
        });
    return copy;
  }
}

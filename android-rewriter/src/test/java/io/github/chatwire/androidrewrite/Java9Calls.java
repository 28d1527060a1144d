package io.github.chatwire.androidrewrite;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Compiled for Java 17, so javac binds these calls to the Java 9-11 methods Android API 26 lacks;
 * the rewriter test rewrites this class and runs both versions.
 */
public final class Java9Calls {
  private Java9Calls() {}

  /** Calls each method once and reports what it saw. */
  public static String run() {
    ByteBuffer b = ByteBuffer.allocate(8);
    b.put((byte) 1).put((byte) 2).put((byte) 3);
    // chained: the covariant return type is what makes these calls Java 9 only
    b.flip().mark();
    byte first = b.get();
    b.reset().position(2).limit(3);
    byte third = b.get();
    b.rewind().clear();
    CharBuffer c = CharBuffer.wrap("abc").position(1);
    StringBuilder sb = new StringBuilder();
    sb.append(first).append(third).append(b.remaining()).append(c.get());
    sb.append(" ").append("  ".isBlank()).append("x".repeat(3)).append("[" + " s ".strip() + "]");
    sb.append(Optional.empty().isEmpty()).append(Optional.ofNullable("v").orElseThrow());
    Optional.ofNullable("p").ifPresentOrElse(sb::append, () -> sb.append("none"));
    sb.append(OptionalInt.of(7).orElseThrow()).append(Duration.ofMillis(2500).toSeconds());
    return sb.toString();
  }

  /** Calls {@link #dangerous()}, which the guard test guards. */
  public static String callDangerous() {
    return dangerous();
  }

  static String dangerous() {
    return "reached";
  }
}

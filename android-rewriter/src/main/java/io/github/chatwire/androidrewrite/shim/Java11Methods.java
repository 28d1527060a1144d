package io.github.chatwire.androidrewrite.shim;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Java 10/11 library methods that Android API 26 lacks, written with what API 26 has.
 * AndroidRewriter turns a call {@code receiver.method(args)} into {@code
 * Java11Methods.method(receiver, args)}; each method behaves as the JDK's, including the
 * NullPointerException on a null receiver and the exception on bad arguments.
 *
 * <p>Thread-safe: stateless. This class is copied into the rewritten artifact (kwik-android), so it
 * uses only Android API 26.
 */
public final class Java11Methods {
  private Java11Methods() {}

  /**
   * {@code String.isBlank()} (Java 11).
   *
   * @param s the receiver, never null
   * @return true if {@code s} is empty or has only white space code points
   */
  public static boolean isBlank(String s) {
    return firstNonWhitespace(s) == s.length();
  }

  /**
   * {@code String.repeat(int)} (Java 11).
   *
   * @param s the receiver, never null
   * @param count how many times
   * @return {@code s} repeated {@code count} times
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws OutOfMemoryError if the result would be longer than {@code Integer.MAX_VALUE}
   */
  public static String repeat(String s, int count) {
    Objects.requireNonNull(s);
    if (count < 0) {
      throw new IllegalArgumentException("count is negative: " + count);
    }
    long length = (long) s.length() * count;
    if (length > Integer.MAX_VALUE) {
      throw new OutOfMemoryError("Required length exceeds implementation limit");
    }
    StringBuilder b = new StringBuilder((int) length);
    for (int i = 0; i < count; i++) {
      b.append(s);
    }
    return b.toString();
  }

  /**
   * {@code String.strip()} (Java 11).
   *
   * @param s the receiver, never null
   * @return {@code s} without leading and trailing white space code points
   */
  public static String strip(String s) {
    int from = firstNonWhitespace(s);
    return from == s.length() ? "" : s.substring(from, afterLastNonWhitespace(s));
  }

  /**
   * {@code String.stripLeading()} (Java 11).
   *
   * @param s the receiver, never null
   * @return {@code s} without leading white space code points
   */
  public static String stripLeading(String s) {
    return s.substring(firstNonWhitespace(s));
  }

  /**
   * {@code String.stripTrailing()} (Java 11).
   *
   * @param s the receiver, never null
   * @return {@code s} without trailing white space code points
   */
  public static String stripTrailing(String s) {
    return s.substring(0, afterLastNonWhitespace(s));
  }

  private static int firstNonWhitespace(String s) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!Character.isWhitespace(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  private static int afterLastNonWhitespace(String s) {
    int i = s.length();
    while (i > 0) {
      int cp = s.codePointBefore(i);
      if (!Character.isWhitespace(cp)) {
        break;
      }
      i -= Character.charCount(cp);
    }
    return i;
  }

  /**
   * {@code Optional.isEmpty()} (Java 11).
   *
   * @param o the receiver, never null
   * @return true if no value is present
   */
  public static boolean isEmpty(Optional<?> o) {
    return !o.isPresent();
  }

  /**
   * {@code Optional.orElseThrow()} (Java 10).
   *
   * @param <T> the value's type
   * @param o the receiver, never null
   * @return the value
   * @throws NoSuchElementException if no value is present
   */
  public static <T> T orElseThrow(Optional<T> o) {
    return o.get();
  }

  /**
   * {@code Optional.ifPresentOrElse(Consumer, Runnable)} (Java 9).
   *
   * @param <T> the value's type
   * @param o the receiver, never null
   * @param action run with the value if present
   * @param emptyAction run if no value is present
   */
  public static <T> void ifPresentOrElse(
      Optional<T> o, Consumer<? super T> action, Runnable emptyAction) {
    if (o.isPresent()) {
      action.accept(o.get());
    } else {
      emptyAction.run();
    }
  }

  /**
   * {@code OptionalInt.isEmpty()} (Java 11).
   *
   * @param o the receiver, never null
   * @return true if no value is present
   */
  public static boolean isEmpty(OptionalInt o) {
    return !o.isPresent();
  }

  /**
   * {@code OptionalInt.orElseThrow()} (Java 10).
   *
   * @param o the receiver, never null
   * @return the value
   * @throws NoSuchElementException if no value is present
   */
  public static int orElseThrow(OptionalInt o) {
    return o.getAsInt();
  }

  /**
   * {@code OptionalLong.isEmpty()} (Java 11).
   *
   * @param o the receiver, never null
   * @return true if no value is present
   */
  public static boolean isEmpty(OptionalLong o) {
    return !o.isPresent();
  }

  /**
   * {@code OptionalLong.orElseThrow()} (Java 10).
   *
   * @param o the receiver, never null
   * @return the value
   * @throws NoSuchElementException if no value is present
   */
  public static long orElseThrow(OptionalLong o) {
    return o.getAsLong();
  }

  /**
   * {@code OptionalDouble.isEmpty()} (Java 11).
   *
   * @param o the receiver, never null
   * @return true if no value is present
   */
  public static boolean isEmpty(OptionalDouble o) {
    return !o.isPresent();
  }

  /**
   * {@code OptionalDouble.orElseThrow()} (Java 10).
   *
   * @param o the receiver, never null
   * @return the value
   * @throws NoSuchElementException if no value is present
   */
  public static double orElseThrow(OptionalDouble o) {
    return o.getAsDouble();
  }

  /**
   * {@code Duration.toSeconds()} (Java 9), which is {@code getSeconds()}.
   *
   * @param d the receiver, never null
   * @return the whole seconds of {@code d}
   */
  @SuppressWarnings("JavaDurationGetSecondsToToSeconds") // toSeconds() is what Android 26 lacks
  public static long toSeconds(Duration d) {
    return d.getSeconds();
  }
}

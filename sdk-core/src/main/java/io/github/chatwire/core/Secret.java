package io.github.chatwire.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (private key, token, password, validator, access key) that never shows itself in
 * {@link #toString()}, logs or exception messages. Read it only where it goes on the wire, with
 * {@link #reveal()}.
 *
 * <p>Immutable and thread-safe. {@link #equals(Object)} compares in constant time.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret.
   *
   * @param value the secret; never null
   * @return the wrapper
   * @throws NullPointerException if {@code value} is null
   */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "secret value"));
  }

  /**
   * The secret itself, for putting on the wire. Never log the result.
   *
   * @return the secret; never null
   */
  public String reveal() {
    return value;
  }

  /**
   * Whether the secret is the empty string.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /**
   * Always {@code "Secret[***]"}: the value is never shown.
   *
   * @return a placeholder
   */
  @Override
  public String toString() {
    return "Secret[***]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8),
            ((Secret) o).value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0x5ec2e7; // constant on purpose: a hash would leak information about the value
  }
}

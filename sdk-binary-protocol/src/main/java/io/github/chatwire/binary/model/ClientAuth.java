package io.github.chatwire.binary.model;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * The client's authentication message: {@code b6 c4}, a version byte, a key length byte and the
 * access key bytes. Holds a secret: {@link #toString()} shows the version and key length only.
 * Immutable (the key is copied in and out).
 */
public final class ClientAuth {
  private final int version;
  private final byte[] key;

  /**
   * Creates the message.
   *
   * @param version the client version, a signed byte value (0 today)
   * @param key the decoded access key; never null; copied
   */
  public ClientAuth(int version, byte[] key) {
    this.version = version;
    this.key = Objects.requireNonNull(key, "key").clone();
  }

  /**
   * The client version.
   *
   * @return the version byte as sent
   */
  public int version() {
    return version;
  }

  /**
   * A copy of the access key bytes. Never log them.
   *
   * @return a new array
   */
  public byte[] key() {
    return key.clone();
  }

  /**
   * Compares the key with another in constant time.
   *
   * @param other the other key; never null
   * @return true if equal
   */
  public boolean keyEquals(byte[] other) {
    return MessageDigest.isEqual(key, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientAuth a && a.version == version && MessageDigest.isEqual(a.key, key);
  }

  @Override
  public int hashCode() {
    return 31 * version + key.length;
  }

  @Override
  public String toString() {
    return "ClientAuth[version=" + version + ", key=" + key.length + " bytes ***]";
  }
}

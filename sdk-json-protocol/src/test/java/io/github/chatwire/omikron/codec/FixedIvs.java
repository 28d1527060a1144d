package io.github.chatwire.omikron.codec;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link SecureRandom} that hands out given 16-byte IVs in order, as the web client's {@code
 * crypto.getRandomValues} did for a known-answer vector, then real randomness.
 */
public final class FixedIvs extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final Deque<byte[]> queue = new ArrayDeque<>();

  /**
   * Queues an IV.
   *
   * @param hex 32 hex digits
   */
  public void add(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    queue.add(b);
  }

  @Override
  public void nextBytes(byte[] bytes) {
    if (queue.isEmpty()) {
      super.nextBytes(bytes);
      return;
    }
    byte[] iv = queue.remove();
    if (iv.length != bytes.length) {
      throw new AssertionError(
          "asked for " + bytes.length + " random bytes, have an IV of " + iv.length);
    }
    System.arraycopy(iv, 0, bytes, 0, iv.length);
  }
}

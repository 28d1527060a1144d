package io.github.chatwire.omikron.codec.ttp;

/**
 * Bounds that a TTP decoder applies to what a peer sends, so that a hostile frame cannot make it
 * allocate unbounded memory or recurse without end. Every declared length and count is also checked
 * against the bytes that remain; these limits come on top.
 *
 * <p>The defaults fit everything the reference Omikron can send: its top-level container has at
 * most 90 distinct keys of at most 65,535 payload bytes each (about 5.9 MB), and real messages are
 * far smaller. Immutable and thread-safe.
 *
 * @param maxMessageBytes the largest accepted message, counted as the payload after the message's
 *     own {@code u32} length; also bounds what {@link TtpStreamDecoder} buffers per stream; 6 to
 *     1,000,000,000 (the reference implementation's maximum)
 * @param maxDepth how deeply containers and arrays may nest; the message's top-level container is
 *     depth 1; 1 to 256
 * @param maxEntries the largest accepted entry or element count of one container or array; 0 to
 *     65,535
 * @param maxValues the largest number of values (entries and elements, at every depth) in one
 *     message; 0 or more
 */
public record TtpLimits(int maxMessageBytes, int maxDepth, int maxEntries, int maxValues) {
  /** The largest message the reference implementation accepts ({@code MAX_MESSAGE_SIZE}). */
  public static final int REFERENCE_MAX_MESSAGE_BYTES = 1_000_000_000;

  /**
   * The default limits: 8 MiB per message, depth 32, 65,535 entries per container or array, 262,144
   * values per message.
   */
  public static final TtpLimits DEFAULT = new TtpLimits(8 * 1024 * 1024, 32, 0xFFFF, 1 << 18);

  /**
   * Validates the limits.
   *
   * @param maxMessageBytes see {@link #maxMessageBytes()}
   * @param maxDepth see {@link #maxDepth()}
   * @param maxEntries see {@link #maxEntries()}
   * @param maxValues see {@link #maxValues()}
   * @throws IllegalArgumentException naming the first limit out of range
   */
  public TtpLimits {
    if (maxMessageBytes < 6 || maxMessageBytes > REFERENCE_MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "maxMessageBytes must be 6.." + REFERENCE_MAX_MESSAGE_BYTES + ": " + maxMessageBytes);
    }
    if (maxDepth < 1 || maxDepth > 256) {
      throw new IllegalArgumentException("maxDepth must be 1..256: " + maxDepth);
    }
    if (maxEntries < 0 || maxEntries > 0xFFFF) {
      throw new IllegalArgumentException("maxEntries must be 0..65535: " + maxEntries);
    }
    if (maxValues < 0) {
      throw new IllegalArgumentException("maxValues must not be negative: " + maxValues);
    }
  }

  /**
   * A copy with another message size limit.
   *
   * @param bytes see {@link #maxMessageBytes()}
   * @return the copy
   * @throws IllegalArgumentException if out of range
   */
  public TtpLimits withMaxMessageBytes(int bytes) {
    return new TtpLimits(bytes, maxDepth, maxEntries, maxValues);
  }

  /**
   * A copy with another depth limit.
   *
   * @param depth see {@link #maxDepth()}
   * @return the copy
   * @throws IllegalArgumentException if out of range
   */
  public TtpLimits withMaxDepth(int depth) {
    return new TtpLimits(maxMessageBytes, depth, maxEntries, maxValues);
  }

  /**
   * A copy with another per-container entry limit.
   *
   * @param entries see {@link #maxEntries()}
   * @return the copy
   * @throws IllegalArgumentException if out of range
   */
  public TtpLimits withMaxEntries(int entries) {
    return new TtpLimits(maxMessageBytes, maxDepth, entries, maxValues);
  }

  /**
   * A copy with another per-message value limit.
   *
   * @param values see {@link #maxValues()}
   * @return the copy
   * @throws IllegalArgumentException if negative
   */
  public TtpLimits withMaxValues(int values) {
    return new TtpLimits(maxMessageBytes, maxDepth, maxEntries, values);
  }
}

package io.github.chatwire.omikron.codec.ttp;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The TTP stream framing, for one unidirectional stream: each message is preceded by an outer
 * {@code u32 BE} length N (the message's bytes including its own length, so N = inner length + 4),
 * and N = {@code 0xFFFFFFFF} is the close frame. This is a pure incremental decoder: feed it the
 * bytes as they arrive, in chunks of any size, and it hands each complete frame to its {@link
 * Sink}; {@link #frame(byte[])} and {@link #closeFrame()} are the encoder.
 *
 * <p>Buffering is bounded: a frame's body buffer grows with the bytes that actually arrive and
 * never beyond {@code 4 + }{@link TtpLimits#maxMessageBytes()}; a declared length above that is
 * rejected before anything is allocated. A frame whose body is not a valid message is reported with
 * {@link Sink#onMalformed} and the stream goes on (its boundary is known). A frame length above the
 * limit cannot be skipped safely, so it fails the stream: {@link #feed} throws and so does every
 * later call. After the close frame, further bytes are ignored.
 *
 * <p>Not thread-safe: one stream, one reader thread (or external synchronisation). The sink is
 * called on the thread that calls {@link #feed}, before {@code feed} returns.
 */
public final class TtpStreamDecoder {
  /** The outer length that marks the close frame. */
  public static final long CLOSE_FRAME_LENGTH = 0xFFFF_FFFFL;

  private static final int KEEP_BUFFER_BYTES = 64 * 1024;

  /** Receives what a {@link TtpStreamDecoder} finds, on the thread that feeds it. */
  public interface Sink {
    /**
     * A complete, valid message.
     *
     * @param message the message; never null
     */
    void onMessage(TtpMessage message);

    /**
     * A complete frame whose body is not a valid message; the stream goes on with the next frame.
     *
     * @param error what was wrong; its offset counts from the start of the frame's message (after
     *     the outer length); never null
     * @param streamOffset where the frame's outer length starts in the stream
     */
    void onMalformed(TtpDecodeException error, long streamOffset);

    /** The peer's close frame ({@code 0xFFFFFFFF}); nothing more will be delivered. */
    void onClose();
  }

  /**
   * Receives the frames of a {@link TtpStreamDecoder} made with {@link
   * TtpStreamDecoder#TtpStreamDecoder(TtpLimits, FrameSink)}, undecoded: a transport that hands
   * message bytes on (for example to a session that decodes them itself) uses this one, so the
   * framing rules live here only.
   */
  public interface FrameSink {
    /**
     * A complete frame: the message bytes after the outer length, starting with the message's own
     * {@code u32} length (which the decoder has checked against the outer one).
     *
     * @param message a new array owned by the sink; never null
     * @param streamOffset where the frame's outer length starts in the stream
     */
    void onFrame(byte[] message, long streamOffset);

    /** The peer's close frame ({@code 0xFFFFFFFF}); nothing more will be delivered. */
    void onClose();
  }

  private final TtpCodec codec;
  private final @Nullable Sink sink;
  private final @Nullable FrameSink frameSink;
  private final byte[] header = new byte[4];
  private int headerFill;
  private byte @Nullable [] body;
  private int bodyLength = -1;
  private int bodyFill;
  private long position;
  private long frameStart;
  private boolean closed;
  private @Nullable TtpDecodeException failure;

  /**
   * A decoder for one stream.
   *
   * @param codec the message codec, whose limits also bound the framing; never null
   * @param sink where frames go; never null
   * @throws NullPointerException if an argument is null
   */
  public TtpStreamDecoder(TtpCodec codec, Sink sink) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.frameSink = null;
  }

  /**
   * A decoder for one stream that checks only the framing and hands each frame's message bytes on
   * undecoded. Besides the outer length's bound, it checks that the message's own {@code u32}
   * length is the outer length minus 4 (as the reference TypeScript codec does); a frame where they
   * disagree fails the stream like an oversized one, because one of the two lengths lies and the
   * stream cannot be trusted past it.
   *
   * @param limits bound the framing ({@link TtpLimits#maxMessageBytes()}); never null
   * @param sink where frames go; never null
   * @throws NullPointerException if an argument is null
   */
  public TtpStreamDecoder(TtpLimits limits, FrameSink sink) {
    this.codec = new TtpCodec(Objects.requireNonNull(limits, "limits"));
    this.frameSink = Objects.requireNonNull(sink, "sink");
    this.sink = null;
  }

  /**
   * Frames a message for the stream: its outer {@code u32} length, then the message.
   *
   * @param message the message bytes from {@link TtpCodec#encode}; never null
   * @return a new array of {@code message.length + 4} bytes
   * @throws IllegalArgumentException if the message is too long to frame (its length would be the
   *     close frame's or beyond u32)
   * @throws NullPointerException if {@code message} is null
   */
  public static byte[] frame(byte[] message) {
    Objects.requireNonNull(message, "message");
    if (message.length > Integer.MAX_VALUE - 4) {
      throw new IllegalArgumentException("message too long to frame: " + message.length);
    }
    byte[] out = new byte[message.length + 4];
    int n = message.length;
    out[0] = (byte) (n >>> 24);
    out[1] = (byte) (n >>> 16);
    out[2] = (byte) (n >>> 8);
    out[3] = (byte) n;
    System.arraycopy(message, 0, out, 4, n);
    return out;
  }

  /**
   * The close frame.
   *
   * @return a new array {@code ff ff ff ff}
   */
  public static byte[] closeFrame() {
    return new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
  }

  /**
   * Feeds the next bytes of the stream.
   *
   * @param bytes the buffer; never null; not modified or kept
   * @param offset where the new bytes start
   * @param length how many there are
   * @throws TtpDecodeException if the stream is broken (a frame length above the limit), now or by
   *     an earlier call; its offset counts from the start of the stream
   * @throws IndexOutOfBoundsException if the slice is not inside {@code bytes}
   * @throws NullPointerException if {@code bytes} is null
   */
  public void feed(byte[] bytes, int offset, int length) throws TtpDecodeException {
    Objects.requireNonNull(bytes, "bytes");
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + bytes.length);
    }
    TtpDecodeException failed = failure;
    if (failed != null) {
      throw new TtpDecodeException(
          "stream already failed: " + failed.getMessage(), failed.offset());
    }
    int p = offset;
    int end = offset + length;
    while (p < end && !closed) {
      if (bodyLength < 0) {
        int take = Math.min(4 - headerFill, end - p);
        System.arraycopy(bytes, p, header, headerFill, take);
        headerFill += take;
        p += take;
        position += take;
        if (headerFill == 4) {
          startFrame();
        }
      } else {
        int take = Math.min(bodyLength - bodyFill, end - p);
        System.arraycopy(bytes, p, ensureBody(bodyFill + take), bodyFill, take);
        bodyFill += take;
        p += take;
        position += take;
      }
      if (bodyLength >= 0 && bodyFill == bodyLength) {
        endFrame();
      }
    }
    if (closed) {
      position += end - p;
    }
  }

  /**
   * Feeds a whole array.
   *
   * @param bytes the next bytes; never null
   * @throws TtpDecodeException as {@link #feed(byte[], int, int)}
   */
  public void feed(byte[] bytes) throws TtpDecodeException {
    Objects.requireNonNull(bytes, "bytes");
    feed(bytes, 0, bytes.length);
  }

  /**
   * Says the stream has ended (the peer finished or reset it).
   *
   * @throws TtpDecodeException if a frame was cut off: its length or body only partly arrived
   */
  public void finish() throws TtpDecodeException {
    if (failure != null || closed) {
      return;
    }
    if (headerFill > 0 || bodyLength >= 0) {
      TtpDecodeException e = new TtpDecodeException("stream ended inside a frame", frameStart);
      failure = e;
      throw e;
    }
  }

  /**
   * Whether the close frame has arrived.
   *
   * @return true after {@link Sink#onClose()}
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * How many bytes of an incomplete frame are buffered.
   *
   * @return 0 or more; never above {@code 4 + maxMessageBytes}
   */
  public int bufferedBytes() {
    return bodyLength < 0 ? headerFill : 4 + bodyFill;
  }

  /**
   * How much memory the decoder holds for the incomplete frame.
   *
   * @return the body buffer's capacity in bytes
   */
  public int bufferCapacity() {
    return body == null ? 0 : body.length;
  }

  private void startFrame() throws TtpDecodeException {
    long n =
        ((header[0] & 0xFFL) << 24)
            | ((header[1] & 0xFF) << 16)
            | ((header[2] & 0xFF) << 8)
            | (header[3] & 0xFF);
    headerFill = 0;
    frameStart = position - 4;
    if (n == CLOSE_FRAME_LENGTH) {
      closed = true;
      body = null;
      if (frameSink != null) {
        frameSink.onClose();
      } else if (sink != null) { // one of the two is set
        sink.onClose();
      }
      return;
    }
    long max = 4L + codec.limits().maxMessageBytes();
    if (n > max) {
      TtpDecodeException e =
          new TtpDecodeException("frame length " + n + " exceeds the limit of " + max, frameStart);
      failure = e;
      body = null;
      throw e;
    }
    bodyLength = (int) n;
    bodyFill = 0;
  }

  /** The body buffer, grown to hold at least {@code needed} bytes. */
  private byte[] ensureBody(int needed) {
    byte[] b = body;
    if (b == null || b.length < needed) {
      int grown = b == null ? 256 : b.length * 2;
      b = Arrays.copyOf(b == null ? new byte[0] : b, Math.min(bodyLength, Math.max(grown, needed)));
      body = b;
    }
    return b;
  }

  private void endFrame() throws TtpDecodeException {
    int n = bodyLength;
    byte[] b = body == null ? new byte[0] : body;
    long start = frameStart;
    bodyLength = -1;
    bodyFill = 0;
    if (body != null && body.length > KEEP_BUFFER_BYTES) {
      body = null;
    }
    if (frameSink != null) {
      long inner =
          n < 4
              ? -1
              : ((b[0] & 0xFFL) << 24)
                  | ((b[1] & 0xFF) << 16)
                  | ((b[2] & 0xFF) << 8)
                  | (b[3] & 0xFF);
      if (inner != n - 4L) {
        TtpDecodeException e =
            new TtpDecodeException(
                "frame length "
                    + n
                    + (n < 4
                        ? " is too short for a message"
                        : " disagrees with the message's own length " + inner),
                start);
        failure = e;
        body = null;
        throw e;
      }
      // A body buffer the decoder let go of and that fits exactly is handed over, not copied.
      frameSink.onFrame(body == null && b.length == n && n > 0 ? b : Arrays.copyOf(b, n), start);
      return;
    }
    Sink s = sink;
    if (s == null) { // not reached: without a frame sink, the sink is set
      return;
    }
    TtpMessage m;
    try {
      m = codec.decode(b, 0, n);
    } catch (TtpDecodeException e) {
      s.onMalformed(e, start);
      return;
    }
    s.onMessage(m);
  }
}

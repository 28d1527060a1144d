package io.github.chatwire.tauri.codec;

import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How JSON messages are delimited on a QUIC stream. The Tauri spec does not say, so the SDK lets
 * the application choose. The SDK's default is {@link #NEWLINE_DELIMITED}.
 *
 * <p>Pure: no I/O, threads or clocks. The constants are thread-safe; a {@link Decoder} is not (one
 * per stream, used by one thread at a time).
 */
public enum TauriFraming {
  /**
   * One compact UTF-8 JSON message per line, ended by {@code \n} (a {@code \r} before it is
   * dropped, blank lines are skipped). The SDK's default.
   */
  NEWLINE_DELIMITED,
  /**
   * Each message is a 4-byte unsigned big-endian length followed by that many bytes of UTF-8 JSON
   * (the habit of Tensamin's own raw-QUIC code).
   */
  LENGTH_PREFIXED;

  /** The framing the SDK uses when none is configured. */
  public static final TauriFraming DEFAULT = NEWLINE_DELIMITED;

  /**
   * Frames one message.
   *
   * @param json the message; never null; for {@link #NEWLINE_DELIMITED} it must not contain a line
   *     break (compact JSON never does)
   * @return the bytes to write; never null
   * @throws IllegalArgumentException if a newline-delimited message contains a line break
   */
  public byte[] encode(String json) {
    Objects.requireNonNull(json, "json");
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    if (this == NEWLINE_DELIMITED) {
      for (byte b : payload) {
        if (b == '\n' || b == '\r') {
          throw new IllegalArgumentException(
              "a newline-delimited message must not contain a line break");
        }
      }
      byte[] out = new byte[payload.length + 1];
      System.arraycopy(payload, 0, out, 0, payload.length);
      out[payload.length] = '\n';
      return out;
    }
    byte[] out = new byte[payload.length + 4];
    int n = payload.length;
    out[0] = (byte) (n >>> 24);
    out[1] = (byte) (n >>> 16);
    out[2] = (byte) (n >>> 8);
    out[3] = (byte) n;
    System.arraycopy(payload, 0, out, 4, n);
    return out;
  }

  /**
   * Creates a decoder for one stream.
   *
   * @param maxMessageBytes the largest message payload accepted, in bytes; positive
   * @return a new decoder; never null
   */
  public Decoder newDecoder(int maxMessageBytes) {
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes must be positive");
    }
    return new Decoder(this, maxMessageBytes);
  }

  /**
   * Splits a byte stream into messages. Bounded: a message (or a partial line) above the limit
   * fails at once, before it is buffered. Not thread-safe. After it has thrown, a decoder must not
   * be used again (the stream is out of sync).
   */
  public static final class Decoder {
    private final TauriFraming framing;
    private final int max;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final byte[] header = new byte[4];
    private int headerFill;
    private long expected = -1;
    private boolean broken;

    private Decoder(TauriFraming framing, int max) {
      this.framing = framing;
      this.max = max;
    }

    /**
     * Feeds bytes read from the stream.
     *
     * @param bytes the buffer; never null
     * @param offset where the new bytes start
     * @param length how many new bytes
     * @return the messages completed by these bytes, in order; never null, possibly empty
     * @throws MessageTooLargeException if a message exceeds the limit
     * @throws ProtocolException if a message is not valid UTF-8
     */
    public List<String> feed(byte[] bytes, int offset, int length) {
      if (broken) {
        throw new IllegalStateException("decoder failed before");
      }
      try {
        return framing == NEWLINE_DELIMITED
            ? feedLines(bytes, offset, length)
            : feedPrefixed(bytes, offset, length);
      } catch (RuntimeException e) {
        broken = true;
        throw e;
      }
    }

    /**
     * Whether part of a message is buffered (so a stream ending now would cut it off).
     *
     * @return true if bytes of an incomplete message are held
     */
    public boolean hasPartialMessage() {
      return pending.size() > 0 || headerFill > 0;
    }

    private List<String> feedLines(byte[] bytes, int offset, int length) {
      List<String> out = new ArrayList<>();
      int start = offset;
      int end = offset + length;
      for (int i = offset; i < end; i++) {
        if (bytes[i] == '\n') {
          checkSize((long) pending.size() + (i - start));
          pending.write(bytes, start, i - start);
          byte[] line = pending.toByteArray();
          pending.reset();
          int n = line.length;
          if (n > 0 && line[n - 1] == '\r') {
            n--;
          }
          if (!isBlank(line, n)) {
            out.add(utf8(line, 0, n));
          }
          start = i + 1;
        }
      }
      checkSize((long) pending.size() + (end - start));
      pending.write(bytes, start, end - start);
      return out;
    }

    private List<String> feedPrefixed(byte[] bytes, int offset, int length) {
      List<String> out = new ArrayList<>();
      int i = offset;
      int end = offset + length;
      while (i < end) {
        if (expected < 0) {
          header[headerFill++] = bytes[i++];
          if (headerFill == 4) {
            headerFill = 0;
            expected =
                ((header[0] & 0xFFL) << 24)
                    | ((header[1] & 0xFFL) << 16)
                    | ((header[2] & 0xFFL) << 8)
                    | (header[3] & 0xFFL);
            checkSize(expected);
          }
        } else {
          int take = (int) Math.min(expected - pending.size(), end - i);
          pending.write(bytes, i, take);
          i += take;
        }
        if (expected >= 0 && pending.size() == expected) {
          out.add(utf8(pending.toByteArray(), 0, pending.size()));
          pending.reset();
          expected = -1;
        }
      }
      return out;
    }

    private void checkSize(long size) {
      if (size > max) {
        throw new MessageTooLargeException(size, max);
      }
    }

    private static boolean isBlank(byte[] line, int n) {
      for (int i = 0; i < n; i++) {
        byte b = line[i];
        if (b != ' ' && b != '\t' && b != '\r') {
          return false;
        }
      }
      return true;
    }

    private static String utf8(byte[] b, int off, int len) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b, off, len))
            .toString();
      } catch (CharacterCodingException e) {
        throw new ProtocolException("Tauri message is not valid UTF-8", e);
      }
    }
  }
}

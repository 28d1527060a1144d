package io.github.chatwire.binary.codec;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of decoding one WebSocket message: the packets decoded, in order, and the error that
 * stopped decoding, if any (the packets before it are kept).
 *
 * @param packets the packets decoded before the end or the error; never null, unmodifiable
 * @param error what stopped decoding early; null if the whole message was decoded
 * @param <P> the packet direction
 */
public record DecodedMessage<P>(List<P> packets, @Nullable BinaryProtocolException error) {
  /**
   * Copies the packets.
   *
   * @param packets the packets decoded; never null
   * @param error what stopped decoding early; may be null
   */
  public DecodedMessage {
    packets = List.copyOf(Objects.requireNonNull(packets, "packets"));
  }

  /**
   * Whether every byte of the message was decoded.
   *
   * @return true if there was no error
   */
  public boolean isComplete() {
    return error == null;
  }
}

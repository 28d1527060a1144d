package io.github.chatwire.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The type says what happened: an outbound refusal is local, an inbound oversize drops the
 * connection.
 */
class MessageTooLargeExceptionTest {
  @Test
  void outboundRefusalIsNotALostConnection() {
    ChatwireException outbound = MessageTooLargeException.outbound(20 << 20, 8 << 20);
    assertFalse(
        outbound instanceof ConnectionLostException,
        "the connection stays up after an outbound refusal");
    assertFalse(outbound.isRetryable());
    assertTrue(((MessageTooLargeException) outbound).isOutbound());
  }

  @Test
  void inboundOversizeStaysRetryableAndCatchableAsMessageTooLarge() {
    ChatwireException inbound = new MessageTooLargeException(2000, 1024);
    assertTrue(inbound instanceof MessageTooLargeException);
    assertFalse(((MessageTooLargeException) inbound).isOutbound());
    assertTrue(inbound.isRetryable(), "the connection closed with 1009 and reconnects");
  }
}

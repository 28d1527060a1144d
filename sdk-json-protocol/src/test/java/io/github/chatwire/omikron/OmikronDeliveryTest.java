package io.github.chatwire.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.DeliveryUnknownException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Omikron reads (GET_*, MESSAGES_GET, PING) are idempotent: their timeout or loss in flight is
 * retryable. A MESSAGE_SEND that went out may have been stored: not retryable. Virtual time, on the
 * scripted server of {@link OmikronClientProtocolTest}.
 */
class OmikronDeliveryTest {
  private final OmikronClientProtocolTest t = new OmikronClientProtocolTest();

  @AfterEach
  void tearDown() {
    t.tearDown();
  }

  private void ready() throws Exception {
    t.build(t.options().build(), IdentificationStrategy.x448Challenge());
    t.handshake();
    t.server.unread().clear();
  }

  @Test
  void aReadThatTimedOutIsRetryableAMessageThatTimedOutIsNot() throws Exception {
    ready();
    CompletableFuture<?> chats = t.client.getChats();
    CompletableFuture<?> history = t.client.getMessages(OmikronId.of(2), 0, 10);
    CompletableFuture<Void> message = t.client.sendRawMessage(OmikronId.of(2), "opaque");
    t.clock.advance(Duration.ofSeconds(10));
    assertTrue(
        assertInstanceOf(RequestTimeoutException.class, OmikronClientProtocolTest.cause(chats))
            .isRetryable());
    assertTrue(
        assertInstanceOf(RequestTimeoutException.class, OmikronClientProtocolTest.cause(history))
            .isRetryable());
    assertFalse(
        assertInstanceOf(RequestTimeoutException.class, OmikronClientProtocolTest.cause(message))
            .isRetryable());
  }

  @Test
  void aReadLostInFlightIsRetryableAMessageLostInFlightIsDeliveryUnknown() throws Exception {
    ready();
    CompletableFuture<?> user = t.client.getUserData(OmikronId.of(2));
    CompletableFuture<Void> message = t.client.sendRawMessage(OmikronId.of(2), "opaque");
    assertEquals(MessageType.GET_USER_DATA, t.server.next().type());
    assertEquals(MessageType.MESSAGE_SEND, t.server.next().type());
    t.server.serverCloses(1006);
    Throwable lostRead = OmikronClientProtocolTest.cause(user);
    assertFalse(lostRead instanceof DeliveryUnknownException, lostRead.toString());
    assertTrue(assertInstanceOf(ConnectionLostException.class, lostRead).isRetryable());
    assertFalse(
        assertInstanceOf(DeliveryUnknownException.class, OmikronClientProtocolTest.cause(message))
            .isRetryable());
  }

  @Test
  void theLogTagNamesRoleAndUserButNoSecret() throws Exception {
    ready();
    String tag = t.client.logTag();
    assertTrue(tag.startsWith("omikron-client:" + OmikronClientProtocolTest.ALICE + " "), tag);
    assertFalse(tag.contains(t.aliceKey.publicKey().base64()), tag);
  }
}

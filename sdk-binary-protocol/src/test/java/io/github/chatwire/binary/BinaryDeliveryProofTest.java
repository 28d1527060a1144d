package io.github.chatwire.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.DeliveryUnknownException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.time.VirtualScheduler;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 6 for /api/ws: the server answers Pings in order, so a Pong proves it read every
 * packet before its Ping. sendConfirmed completes only on that Pong; a plain send not confirmed by
 * a Pong before the connection is lost is reported as delivery unknown.
 */
class BinaryDeliveryProofTest {
  private static final byte[] HELLO = {0x6d, 0x73};
  private static final byte[] PING = {0x00};
  private static final byte[] EMPTY_SETTINGS = {0x01, (byte) 0xff};

  private final VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
  private final ChatwireRuntime runtime =
      ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
  private final ScriptedTransport transport = new ScriptedTransport("in-memory").binaryOnly();
  private final List<ChatwireException> errors = new CopyOnWriteArrayList<>();
  private BinaryWsClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    runtime.close();
  }

  private static byte[] pong(long millis) {
    return ByteBuffer.allocate(9).put((byte) 0).putLong(millis).array();
  }

  private ScriptedTransport.Session ready() {
    return ready(BinaryWsClient.DEFAULT_PING_INTERVAL.multipliedBy(3));
  }

  private ScriptedTransport.Session ready(java.time.Duration idleTimeout) {
    client =
        BinaryWsClient.builder()
            .transport(transport)
            .accessKey(Secret.of(BinaryWsClientTest.KEY))
            .runtime(runtime)
            .idleTimeout(idleTimeout)
            .listener(
                new BinaryWsListener() {
                  @Override
                  public void onError(ChatwireException error) {
                    errors.add(error);
                  }
                })
            .build();
    client.connect();
    ScriptedTransport.Session s = transport.last();
    s.listener().onOpen();
    s.listener().onBinary(HELLO);
    s.listener().onBinary(pong(clock.currentTimeMillis()));
    assertEquals(ConnectionState.READY, client.state());
    return s;
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertTrue(f.isCompletedExceptionally(), "future should have failed");
    try {
      f.join();
      throw new AssertionError("unreachable");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void sendConfirmedCompletesOnTheNextPongOnly() {
    ScriptedTransport.Session s = ready();
    CompletableFuture<Void> f = client.sendConfirmed(List.of(Settings.EMPTY));
    assertEquals(3, s.sentBinary().size(), "auth, the Settings, and a Ping right after them");
    assertArrayEquals(EMPTY_SETTINGS, s.sentBinary().get(1));
    assertArrayEquals(PING, s.sentBinary().get(2));
    assertFalse(f.isDone(), "on the socket is not read by the server");
    s.listener().onBinary(pong(clock.currentTimeMillis()));
    assertTrue(f.isDone() && !f.isCompletedExceptionally());
  }

  @Test
  void sendConfirmedFailsAsDeliveryUnknownIfTheConnectionDropsBeforeThePong() {
    ScriptedTransport.Session s = ready();
    CompletableFuture<Void> f = client.sendConfirmed(List.of(Settings.EMPTY));
    s.serverCloses(1006, "");
    Throwable e = failure(f);
    assertInstanceOf(DeliveryUnknownException.class, e);
    assertFalse(((ChatwireException) e).isRetryable());
  }

  @Test
  void plainSendsNotConfirmedByAPongAreReportedAfterALoss() {
    ScriptedTransport.Session s = ready();
    client.sendSettings(Settings.EMPTY);
    client.sendSettings(Settings.EMPTY);
    // A peer that stopped reading: no Pong comes; the connection dies.
    s.serverCloses(1006, "");
    List<ChatwireException> reports =
        errors.stream().filter(DeliveryUnknownException.class::isInstance).toList();
    assertEquals(1, reports.size(), "errors: " + errors);
    assertEquals(2, ((DeliveryUnknownException) reports.get(0)).unconfirmed());
  }

  @Test
  void aRegularPingsPongConfirmsEarlierPlainSends() {
    ScriptedTransport.Session s = ready();
    client.sendSettings(Settings.EMPTY);
    clock.advance(BinaryWsClient.DEFAULT_PING_INTERVAL);
    assertArrayEquals(PING, s.sentBinary().get(s.sentBinary().size() - 1));
    s.listener().onBinary(pong(clock.currentTimeMillis()));
    s.serverCloses(1006, "");
    assertEquals(
        List.of(), errors.stream().filter(DeliveryUnknownException.class::isInstance).toList());
  }

  @Test
  void aPongIsNeverMatchedToALaterPingAfterTheOutstandingPingsOverflowed() {
    // A peer that keeps the connection alive but answers no Ping for 65 intervals: the
    // handler forgets the oldest Ping. The first Pong that comes then answers that oldest Ping
    // (in order) and proves nothing about the send made after it.
    ScriptedTransport.Session s = ready(java.time.Duration.ZERO);
    clock.advance(BinaryWsClient.DEFAULT_PING_INTERVAL); // the first unanswered Ping
    client.sendSettings(Settings.EMPTY);
    for (int i = 0; i < 64; i++) {
      clock.advance(BinaryWsClient.DEFAULT_PING_INTERVAL);
    }
    s.listener().onBinary(pong(clock.currentTimeMillis())); // answers the first Ping only
    s.serverCloses(1006, "");
    List<ChatwireException> reports =
        errors.stream().filter(DeliveryUnknownException.class::isInstance).toList();
    assertEquals(
        1,
        reports.size(),
        "the Settings sent after the answered Ping is unconfirmed; errors: " + errors);
    assertEquals(1, ((DeliveryUnknownException) reports.get(0)).unconfirmed());
  }
}

package io.github.chatwire.originchats;

import static io.github.chatwire.originchats.OriginChatsClientProtocolTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.DeliveryUnknownException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.originchats.model.ServerFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What OriginChats outcomes say about delivery (issue 11 item 7, the engine's delivery API): reads
 * are idempotent, so a read that timed out or was lost in flight may be retried; a message that
 * went out may have been stored, so its timeout or loss is not retryable. In virtual time.
 */
class OriginChatsDeliveryTest {
  private final VirtualScheduler clock = new VirtualScheduler(1_770_000_000_000L);
  private final ChatwireRuntime rt =
      ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
  private final ScriptedOcServer server = new ScriptedOcServer();
  private final List<ChatwireException> errors = new CopyOnWriteArrayList<>();
  private OriginChatsClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    rt.close();
  }

  private void connectAndLogin() {
    client =
        OriginChatsClient.builder()
            .url("ws://scripted/")
            .transport(server)
            .runtime(rt)
            .options(OriginChatsClientProtocolTest.options())
            .password("bot", Secret.of("bot-password"))
            .listener(
                new OriginChatsListener() {
                  @Override
                  public void onError(ChatwireException error) {
                    errors.add(error);
                  }
                })
            .build();
    client.connect();
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    server.next("login");
    server.loginSucceeds("USR:local_bot");
    server.answerResync();
    assertEquals(ConnectionState.READY, client.state());
  }

  @Test
  void aReadThatTimedOutIsRetryableAMessageThatTimedOutIsNot() {
    connectAndLogin();
    CompletableFuture<ServerFrame.Heartbeat> ping = client.ping();
    CompletableFuture<ServerFrame.Channels> channels = client.channels();
    CompletableFuture<ServerFrame.MessageNew> message =
        client.send(Target.channel("general"), "hello");
    server.next("ping");
    server.next("channels_get");
    server.next("message_new");
    clock.advance(Duration.ofSeconds(10));
    assertTrue(
        assertInstanceOf(RequestTimeoutException.class, failure(ping)).isRetryable(), "a read");
    assertTrue(
        assertInstanceOf(RequestTimeoutException.class, failure(channels)).isRetryable(), "a read");
    assertFalse(
        assertInstanceOf(RequestTimeoutException.class, failure(message)).isRetryable(),
        "the server may have stored it: retrying could post it twice");
  }

  @Test
  void aReadLostInFlightIsRetryableAMessageLostInFlightIsDeliveryUnknown() {
    connectAndLogin();
    CompletableFuture<ServerFrame.Heartbeat> ping = client.ping();
    CompletableFuture<ServerFrame.MessageNew> message =
        client.send(Target.channel("general"), "hello");
    server.next("ping");
    server.next("message_new");
    server.serverCloses(1006);
    Throwable lostRead = failure(ping);
    assertFalse(lostRead instanceof DeliveryUnknownException, lostRead.toString());
    assertTrue(assertInstanceOf(ConnectionLostException.class, lostRead).isRetryable());
    assertFalse(assertInstanceOf(DeliveryUnknownException.class, failure(message)).isRetryable());
  }

  @Test
  void aMessageWhoseEchoArrivedIsNotReportedAsDeliveryUnknownAfterADrop() {
    connectAndLogin();
    CompletableFuture<ServerFrame.MessageNew> message =
        client.send(Target.channel("general"), "hello");
    Map<String, Object> sent = server.next("message_new");
    // The reference server answers the sender with the message itself, carrying its listener.
    server.serverSends(
        "{\"cmd\":\"message_new\",\"channel\":\"general\",\"message\":{\"id\":\"m1\","
            + "\"user\":\"USR:local_bot\",\"content\":\"hello\",\"timestamp\":1770000000.0},\"listener\":\""
            + ScriptedOcServer.listener(sent)
            + "\"}");
    assertTrue(message.isDone() && !message.isCompletedExceptionally(), "the echo is the reply");
    server.serverCloses(1006);
    assertEquals(
        List.of(), errors.stream().filter(DeliveryUnknownException.class::isInstance).toList());
  }

  @Test
  void theLogTagNamesProtocolUserAndHostButNoSecret() {
    connectAndLogin();
    assertEquals("originchats:bot scripted", client.logTag());
  }
}

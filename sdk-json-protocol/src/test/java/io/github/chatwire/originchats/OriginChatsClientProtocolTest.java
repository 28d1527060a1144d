package io.github.chatwire.originchats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.originchats.bot.SlashBot;
import io.github.chatwire.originchats.bot.SlashCommand;
import io.github.chatwire.originchats.internal.OcOutbox;
import io.github.chatwire.originchats.model.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OriginChats client's protocol logic against a scripted in-memory server, entirely in virtual
 * time and on the test thread (direct callback executor).
 */
class OriginChatsClientProtocolTest {
  final VirtualScheduler clock = new VirtualScheduler(1_770_000_000_000L);
  final ChatwireRuntime rt =
      ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
  final ScriptedOcServer server = new ScriptedOcServer();
  final List<ChatwireException> errors = new ArrayList<>();
  final List<ServerFrame> slashCalls = new ArrayList<>();
  OriginChatsClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    rt.close();
  }

  static ConnectionOptions options() {
    return OriginChatsClient.defaultOptions().toBuilder()
        .reconnectPolicy(
            ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(2)).jitter(0).build())
        .build();
  }

  OriginChatsClient.Builder builder(boolean register) {
    return OriginChatsClient.builder("ws://scripted/")
        .transport(server)
        .runtime(rt)
        .options(options())
        .password("bot", Secret.of("bot-password"))
        .register(register)
        .listener(
            new OriginChatsListener() {
              @Override
              public void onError(ChatwireException error) {
                errors.add(error);
              }

              @Override
              public void onSlashCall(ServerFrame.SlashCall event) {
                slashCalls.add(event);
              }
            });
  }

  /** Connects with a password login and answers it and the re-sync; returns the login frame. */
  Map<String, Object> connectAndLogin(boolean register) {
    client = builder(register).build();
    CompletableFuture<Void> connected = client.connect();
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    Map<String, Object> login = server.next(register ? "register" : "login");
    server.loginSucceeds("USR:local_bot");
    assertTrue(connected.isDone(), "connect() completes at ready");
    server.answerResync();
    return login;
  }

  static Throwable failure(CompletableFuture<?> f) {
    assertTrue(f.isDone(), "the future is done");
    try {
      f.get();
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the future did not fail");
  }

  // ------------------------------------------------------------------ handshake and login

  @Test
  void waitsForTheHandshakeThenLogsInAndResyncs() {
    client = builder(false).build();
    CompletableFuture<Void> connected = client.connect();
    server.accept();
    assertTrue(server.unread().isEmpty(), "nothing is sent before the handshake");
    server.serverSends(ScriptedOcServer.HANDSHAKE_CRACKED);
    Map<String, Object> login = server.next("login");
    assertEquals("bot", login.get("username"));
    assertEquals("bot-password", login.get("password"));
    assertFalse(login.containsKey("listener"), "the server echoes no listener before login");
    server.serverSends("{\"cmd\":\"auth_success\",\"val\":\"Authentication successful\"}");
    assertFalse(connected.isDone(), "auth_success alone is not ready");
    server.serverSends("{\"cmd\":\"ready\",\"user\":{\"username\":\"USR:local_bot\"}}");
    assertTrue(connected.isDone());
    assertEquals(ConnectionState.READY, client.state());
    assertEquals("USR:local_bot", client.user().username());
    server.answerResync();
    assertEquals("general", client.channelsCache().get(0).name());
  }

  @Test
  void aRefusedLoginIsTerminalWithTheServersText() {
    client = builder(false).build();
    CompletableFuture<Void> connected = client.connect();
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    server.next("login");
    server.serverSends("{\"cmd\":\"auth_error\",\"val\":\"Invalid password\"}");
    assertTrue(failure(connected).getMessage().contains("Invalid password"));
    assertEquals(ConnectionState.CLOSED, client.state());
  }

  @Test
  void theAuthErrorThatEndsTheConnectionIsDeliveredBeforeTheTerminalClosed() {
    List<String> seen = new ArrayList<>();
    client =
        OriginChatsClient.builder()
            .url("ws://scripted/")
            .transport(server)
            .runtime(rt)
            .options(options())
            .password("bot", Secret.of("bot-password"))
            .listener(
                new OriginChatsListener() {
                  @Override
                  public void onStateChange(StateChange c) {
                    seen.add("state " + c.current());
                  }

                  @Override
                  public void onFrame(ServerFrame frame) {
                    seen.add("frame " + frame.cmd());
                  }
                })
            .build();
    client.connect();
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    server.next("login");
    server.serverSends("{\"cmd\":\"auth_error\",\"val\":\"Invalid password\"}");
    assertEquals("state CLOSED", seen.get(seen.size() - 1), "CLOSED is the last callback: " + seen);
    assertTrue(seen.contains("frame auth_error"), "the frame is not lost: " + seen);
  }

  @Test
  void aRoturLoginAsksForAValidatorBoundToEachConnectionsKey() {
    List<String> keys = new ArrayList<>();
    client =
        OriginChatsClient.builder()
            .url("ws://scripted/")
            .transport(server)
            .runtime(rt)
            .options(options())
            .validatorProvider(
                (key, runtime) -> {
                  keys.add(key);
                  return CompletableFuture.completedFuture(Secret.of("USR:alice," + key));
                })
            .build();
    client.connect();
    server.accept(ScriptedOcServer.handshake("rotur", "originChats-first"));
    assertEquals("USR:alice,originChats-first", server.next("auth").get("validator"));
    server.loginSucceeds("alice");
    server.answerResync();
    server.serverCloses(1006);
    clock.advance(Duration.ofSeconds(2));
    server.accept(ScriptedOcServer.handshake("rotur", "originChats-second"));
    assertEquals(
        "USR:alice,originChats-second",
        server.next("auth").get("validator"),
        "a new validator for the new connection's key, never the old one");
    assertEquals(List.of("originChats-first", "originChats-second"), keys);
  }

  @Test
  void aRateLimitedSendCancelledWhileItWaitsIsNeverSent() {
    connectAndLogin(false);
    for (int i = 0; i < 10; i++) {
      client.send(Target.channel("general"), "m" + i);
      server.next("message_new");
    }
    CompletableFuture<ServerFrame.MessageNew> cancelled =
        client.send(Target.channel("general"), "never");
    CompletableFuture<ServerFrame.MessageNew> kept = client.send(Target.channel("general"), "kept");
    assertEquals(2, client.queuedSends());
    cancelled.cancel(false);
    clock.advance(Duration.ofSeconds(11));
    assertEquals("kept", server.next("message_new").get("content"));
    assertTrue(server.unread().isEmpty(), "the cancelled one was dropped while it waited");
    assertFalse(kept.isDone());
  }

  // ------------------------------------------------------------------ correlation

  @Test
  void repliesCompleteTheirRequestsByListenerInAnyOrderAndWhateverTheirCmd() {
    connectAndLogin(false);
    CompletableFuture<ServerFrame.Status> status = client.setStatus("online", null);
    CompletableFuture<ServerFrame.Heartbeat> ping = client.ping();
    CompletableFuture<ServerFrame.Channels> channels = client.channels();
    String s = ScriptedOcServer.listener(server.next("status_set"));
    String p = ScriptedOcServer.listener(server.next("ping"));
    String c = ScriptedOcServer.listener(server.next("channels_get"));
    assertEquals(
        3, List.of(s, p, c).stream().distinct().count(), "every request has its own listener");
    server.serverSends(
        "{\"cmd\":\"error\",\"val\":\"Channel not found\",\"src\":\"channels_get\",\"listener\":\""
            + c
            + "\"}");
    server.serverSends("{\"cmd\":\"pong\",\"val\":\"pong\",\"listener\":\"" + p + "\"}");
    server.serverSends(
        "{\"cmd\":\"status_get\",\"user\":\"bot\",\"status\":{\"status\":\"online\"},\"listener\":\""
            + s
            + "\"}");
    assertEquals("status_get", status.join().cmd(), "the renamed reply completes status_set");
    assertEquals("pong", ping.join().cmd());
    OriginChatsServerException e =
        assertInstanceOf(OriginChatsServerException.class, failure(channels));
    assertEquals("Channel not found", e.text());
  }

  @Test
  void aFrameOfTheWrongKindNeverCompletesARequest() {
    connectAndLogin(false);
    CompletableFuture<ServerFrame.Channels> channels = client.channels();
    String key = ScriptedOcServer.listener(server.next("channels_get"));
    server.serverSends(
        "{\"cmd\":\"typing\",\"channel\":\"general\",\"user\":\"x\",\"listener\":\"" + key + "\"}");
    assertFalse(channels.isDone(), "a typing frame is not a channels_get reply");
    server.serverSends("{\"cmd\":\"channels_get\",\"val\":[],\"listener\":\"" + key + "\"}");
    assertTrue(channels.join().channels().isEmpty());
  }

  @Test
  void listenerKeysDifferBetweenClients() {
    Map<String, Object> first;
    connectAndLogin(false);
    client.ping();
    first = server.next("ping");
    client.close();
    ScriptedOcServer other = new ScriptedOcServer();
    OriginChatsClient second =
        OriginChatsClient.builder("ws://scripted/")
            .transport(other)
            .runtime(rt)
            .options(options())
            .password("bot", Secret.of("bot-password"))
            .build();
    try {
      second.connect();
      other.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
      other.next("login");
      other.loginSucceeds("USR:local_bot");
      other.answerResync();
      second.ping();
      assertNotEquals(
          ScriptedOcServer.listener(first),
          ScriptedOcServer.listener(other.next("ping")),
          "two clients' first requests after login carry different listeners");
    } finally {
      second.close();
    }
  }

  // ------------------------------------------------------------------ issue 10 item 5: forwarded
  // slash calls

  @Test
  void aForwardedSlashCallWithTheCallersListenerIsHandledOnceAndLeavesTheBotsOwnRequestAlone() {
    connectAndLogin(false);
    List<String> handled = new ArrayList<>();
    SlashBot bot = rollBot(handled);
    // the bot's own request, still pending when the forwarded call arrives with the same listener
    CompletableFuture<ServerFrame.Channels> own = client.channels();
    String ownKey = ScriptedOcServer.listener(server.next("channels_get"));
    server.serverSends(forwardedCall(ownKey, "USR:alice"));
    assertEquals(List.of("USR:alice"), handled, "the handler ran once for the colliding call");
    Map<String, Object> answer = server.next("slash_response");
    assertEquals("4", answer.get("response"));
    assertEquals("USR:alice", answer.get("invoker"));
    assertFalse(own.isDone(), "the bot's own request is untouched");
    // a forwarded call whose listener is none of the bot's requests (another client's "cw-7")
    server.serverSends(forwardedCall("cw-7", "USR:carol"));
    assertEquals(List.of("USR:alice", "USR:carol"), handled);
    assertEquals("4", server.next("slash_response").get("response"));
    server.serverSends("{\"cmd\":\"channels_get\",\"val\":[],\"listener\":\"" + ownKey + "\"}");
    assertTrue(own.join().channels().isEmpty(), "its own reply still completes it");
    assertTrue(server.unread().isEmpty());
    bot.close();
  }

  @Test
  void theEchoOfTheClientsOwnSlashCallCompletesItsRequestAndIsNotHandledAsACallForTheBot() {
    connectAndLogin(false);
    List<String> handled = new ArrayList<>();
    SlashBot bot = rollBot(handled);
    CompletableFuture<ServerFrame> call = client.callSlash("general", "roll", Map.of());
    String key = ScriptedOcServer.listener(server.next("slash_call"));
    server.serverSends(forwardedCall(key, "USR:local_bot"));
    assertInstanceOf(ServerFrame.SlashCall.class, call.join());
    assertTrue(handled.isEmpty(), "the echo is the reply to our own call, not a call for us");
    assertTrue(server.unread().isEmpty(), "no slash_response for an echo");
    bot.close();
  }

  /** A logged-in bot with a registered /roll that records its invokers and answers "4". */
  SlashBot rollBot(List<String> handled) {
    SlashBot bot =
        SlashBot.attach(client)
            .command(
                SlashCommand.builder("roll", "rolls").build(),
                inv -> {
                  handled.add(inv.invoker());
                  return "4";
                });
    server.serverSends(
        "{\"cmd\":\"slash_register\",\"val\":\"ok\",\"listener\":\""
            + ScriptedOcServer.listener(server.next("slash_register"))
            + "\"}");
    return bot;
  }

  static String forwardedCall(String listener, String invoker) {
    return "{\"cmd\":\"slash_call\",\"val\":{\"command\":\"roll\",\"args\":{},\"commander\":\"USR:local_bot\"},"
        + "\"invoker\":\""
        + invoker
        + "\",\"invokerUsername\":\"someone\",\"channel\":\"general\","
        + "\"listener\":\""
        + listener
        + "\"}";
  }

  // ------------------------------------------------------------------ issue 10 item 6: wiped
  // accounts

  @Test
  void aRegisteringClientRegistersAgainWhenTheServerForgotItsAccountAndDeliversTheQueue() {
    connectAndLogin(true);
    server.serverCloses(1006);
    assertEquals(ConnectionState.RECONNECTING, client.state());
    CompletableFuture<ServerFrame.MessageNew> queued =
        client.send(Target.channel("general"), "still here");
    clock.advance(Duration.ofSeconds(2));
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    server.next("login"); // registered before, so it logs in
    server.serverSends("{\"cmd\":\"auth_error\",\"val\":\"User not found\"}");
    assertEquals(ConnectionState.HANDSHAKING, client.state(), "not closed for good");
    Map<String, Object> again = server.next("register");
    assertEquals("bot", again.get("username"));
    server.loginSucceeds("USR:local_bot");
    assertEquals(ConnectionState.READY, client.state());
    Map<String, Object> m = server.next("message_new");
    assertEquals("still here", m.get("content"));
    server.serverSends(
        "{\"cmd\":\"message_new\",\"message\":{\"id\":\"m1\",\"user\":\"USR:local_bot\","
            + "\"content\":\"still here\",\"timestamp\":1.0},\"channel\":\"general\",\"global\":true,"
            + "\"listener\":\""
            + ScriptedOcServer.listener(m)
            + "\"}");
    assertEquals("still here", queued.join().message().content());
  }

  @Test
  void aClientThatDoesNotRegisterStillStopsOnUserNotFound() {
    client = builder(false).build();
    CompletableFuture<Void> connected = client.connect();
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    server.next("login");
    server.serverSends("{\"cmd\":\"auth_error\",\"val\":\"User not found\"}");
    assertTrue(failure(connected).getMessage().contains("User not found"));
    assertTrue(server.unread().isEmpty(), "no registration it was not asked for");
  }

  @Test
  void reRegistrationIsTriedOncePerConnection() {
    connectAndLogin(true);
    server.serverCloses(1006);
    clock.advance(Duration.ofSeconds(2));
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    server.next("login");
    server.serverSends("{\"cmd\":\"auth_error\",\"val\":\"User not found\"}");
    server.next("register");
    server.serverSends("{\"cmd\":\"auth_error\",\"val\":\"Username already taken\"}");
    server.next("login");
    server.serverSends("{\"cmd\":\"auth_error\",\"val\":\"User not found\"}");
    assertEquals(
        ConnectionState.CLOSED, client.state(), "a server contradicting itself ends the client");
    assertTrue(server.unread().isEmpty());
  }

  // ------------------------------------------------------------------ rate limiting

  @Test
  void tenLimitedSendsGoAtOnceAndTheEleventhWhenTheFirstHasLeftTheServersWindow() {
    connectAndLogin(false);
    List<CompletableFuture<ServerFrame.MessageNew>> sends = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      sends.add(client.send(Target.channel("general"), "m" + i));
    }
    for (int i = 0; i < 10; i++) {
      assertEquals("m" + i, server.next("message_new").get("content"));
    }
    assertTrue(server.unread().isEmpty(), "the server refuses an 11th inside 10 s");
    CompletableFuture<ServerFrame.Heartbeat> ping = client.ping();
    server.next("ping"); // other requests are not held behind the waiting message
    // the server would take it at 10 s; the client adds its margin for uneven transit
    long due = TimeUnit.SECONDS.toNanos(10) + OcOutbox.MARGIN_NANOS;
    clock.advance(Duration.ofNanos(due - 1));
    assertTrue(server.unread().isEmpty());
    clock.advance(Duration.ofNanos(1));
    assertEquals("m10", server.next("message_new").get("content"));
    assertInstanceOf(
        io.github.chatwire.core.RequestTimeoutException.class,
        failure(ping),
        "unanswered, it timed out");
  }

  @Test
  void aServerRateLimitFailsTheRequestAndHoldsOnlyRateLimitedCommandsForItsLength() {
    connectAndLogin(false);
    CompletableFuture<ServerFrame.MessageNew> refused =
        client.send(Target.channel("general"), "one");
    String key = ScriptedOcServer.listener(server.next("message_new"));
    server.serverSends(
        "{\"cmd\":\"rate_limit\",\"reason\":\"User timeout set\",\"length\":5000,"
            + "\"listener\":\""
            + key
            + "\"}");
    io.github.chatwire.core.RateLimitedException rl =
        assertInstanceOf(io.github.chatwire.core.RateLimitedException.class, failure(refused));
    assertEquals(Duration.ofSeconds(5), rl.retryAfter());
    client.send(Target.channel("general"), "two");
    client.ping();
    server.next("ping");
    assertTrue(server.unread().isEmpty(), "message_new waits for the server's cooldown");
    clock.advance(Duration.ofMillis(4_999));
    assertTrue(server.unread().isEmpty());
    clock.advance(Duration.ofMillis(1));
    assertEquals("two", server.next("message_new").get("content"));
  }

  @Test
  void aTypingSignalSentAsSoonAsConnectCompletesGoesOut() {
    // connect() completes at READY; a caller that signals typing (or sends) at once must find
    // the outbox already open, not skipped as if the budget were spent
    client = builder(false).build();
    CompletableFuture<Boolean> typing =
        client.connect().thenCompose(v -> client.typing(Target.channel("general")));
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    server.next("login");
    server.loginSucceeds("USR:local_bot");
    assertFalse(typing.isDone(), "typing is not skipped: it waits for the server's echo");
    String key = ScriptedOcServer.listener(server.next("typing"));
    server.serverSends(
        "{\"cmd\":\"typing\",\"channel\":\"general\",\"user\":\"USR:local_bot\","
            + "\"listener\":\""
            + key
            + "\"}");
    assertTrue(typing.join());
    server.answerResync();
  }

  @Test
  void aRateLimitedRequestTimesOutCountingFromWhenItWasSent() {
    connectAndLogin(false);
    for (int i = 0; i < 11; i++) {
      client.send(Target.channel("general"), "m" + i);
    }
    CompletableFuture<ServerFrame.MessageNew> last = client.send(Target.channel("general"), "late");
    for (int i = 0; i < 10; i++) {
      server.next("message_new");
    }
    clock.advance(Duration.ofSeconds(11));
    server.next("message_new");
    server.next("message_new");
    assertFalse(last.isDone(), "its 10 s timeout started when it went out, not when it was queued");
    clock.advance(Duration.ofSeconds(10));
    assertInstanceOf(io.github.chatwire.core.RequestTimeoutException.class, failure(last));
  }

  // ------------------------------------------------------------------ own messages and replies

  @Test
  void isOwnTellsTheLoggedInUsersMessagesAndReplyAnswersInTheThreadOrChannel() {
    connectAndLogin(false);
    List<ServerFrame.MessageNew> seen = new ArrayList<>();
    client.on(ServerFrame.MessageNew.class, seen::add);
    server.serverSends(
        "{\"cmd\":\"message_new\",\"message\":{\"id\":\"t1\",\"user\":\"alice\","
            + "\"content\":\"in a thread\",\"timestamp\":1.0},\"channel\":\"forum\",\"thread_id\":\"th-9\","
            + "\"global\":true}");
    server.serverSends(
        "{\"cmd\":\"message_new\",\"message\":{\"id\":\"c1\",\"user\":\"USR:local_bot\","
            + "\"content\":\"mine\",\"timestamp\":2.0},\"channel\":\"general\",\"global\":true}");
    assertEquals(2, seen.size());
    assertFalse(client.isOwn(seen.get(0)));
    assertTrue(client.isOwn(seen.get(1)), "written by the logged-in user");
    client.reply(seen.get(0), "answer");
    Map<String, Object> inThread = server.next("message_new");
    assertEquals("th-9", inThread.get("thread_id"));
    assertFalse(inThread.containsKey("channel"), "a thread reply names the thread, not the forum");
    assertEquals("t1", inThread.get("reply_to"));
    client.reply(seen.get(1), "again");
    Map<String, Object> inChannel = server.next("message_new");
    assertEquals("general", inChannel.get("channel"));
    assertEquals("c1", inChannel.get("reply_to"));
  }

  @Test
  void everyFrameReachesOnEventThenItsTypedMethodThenSubscriptions() {
    List<String> order = new ArrayList<>();
    client =
        builder(false)
            .listener(
                new OriginChatsListener() {
                  @Override
                  public void onEvent(ServerFrame event) {
                    order.add("event:" + event.cmd());
                  }

                  @Override
                  public void onTyping(ServerFrame.Typing event) {
                    order.add("typed:" + event.user());
                  }

                  @Override
                  public void onUnknown(ServerFrame.Unknown event) {
                    order.add("unknown:" + event.cmd());
                  }
                })
            .build();
    client.on(ServerFrame.Typing.class, t -> order.add("subscription:" + t.user()));
    client.connect();
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    server.next("login");
    server.loginSucceeds("USR:local_bot");
    server.answerResync();
    order.clear();
    server.serverSends(
        "{\"cmd\":\"typing\",\"channel\":\"general\",\"user\":\"alice\",\"global\":true}");
    server.serverSends("{\"cmd\":\"brand_new\",\"x\":1}");
    assertEquals(
        List.of(
            "event:typing",
            "typed:alice",
            "subscription:alice",
            "event:brand_new",
            "unknown:brand_new"),
        order);
  }

  // ------------------------------------------------------------------ reconnect

  @Test
  void aLostConnectionReconnectsLogsInAgainAndSendsWhatWasQueued() {
    connectAndLogin(false);
    server.serverCloses(1006);
    assertEquals(ConnectionState.RECONNECTING, client.state());
    CompletableFuture<ServerFrame.Heartbeat> ping = client.ping();
    clock.advance(Duration.ofMillis(1999));
    assertEquals(1, server.opens(), "backoff before the next attempt");
    clock.advance(Duration.ofMillis(1));
    assertEquals(2, server.opens());
    server.accept(ScriptedOcServer.HANDSHAKE_CRACKED);
    server.next("login");
    assertTrue(server.unread().isEmpty(), "queued requests wait for the new login");
    server.loginSucceeds("USR:local_bot");
    String p = ScriptedOcServer.listener(server.next("ping"));
    server.answerResync();
    server.serverSends("{\"cmd\":\"pong\",\"val\":\"pong\",\"listener\":\"" + p + "\"}");
    assertEquals("pong", ping.join().cmd());
  }
}

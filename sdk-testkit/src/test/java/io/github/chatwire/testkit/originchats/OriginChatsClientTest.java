package io.github.chatwire.testkit.originchats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.RateLimitedException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.originchats.ContentTooLongException;
import io.github.chatwire.originchats.HistoryPager;
import io.github.chatwire.originchats.MessageDraft;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.OriginChatsListener;
import io.github.chatwire.originchats.OriginChatsServerException;
import io.github.chatwire.originchats.RateLimits;
import io.github.chatwire.originchats.Resync;
import io.github.chatwire.originchats.RoturValidatorProvider;
import io.github.chatwire.originchats.Target;
import io.github.chatwire.originchats.ValidatorProvider;
import io.github.chatwire.originchats.bot.SlashBot;
import io.github.chatwire.originchats.bot.SlashCommand;
import io.github.chatwire.originchats.model.Attachment;
import io.github.chatwire.originchats.model.Message;
import io.github.chatwire.originchats.model.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End-to-end tests of the OriginChats client against the fake server, timers in virtual time. */
class OriginChatsClientTest {
  static final Target GENERAL = Target.channel("general");

  VirtualScheduler clock;
  ChatwireRuntime runtime;
  FakeOriginChatsServer server;
  final List<OriginChatsClient> clients = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    clock = new VirtualScheduler();
    runtime = ChatwireRuntime.builder().scheduler(clock).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (OriginChatsClient c : clients) {
      c.close();
    }
    for (OriginChatsClient c : clients) {
      c.closeFuture().get(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
    runtime.close();
  }

  FakeOriginChatsServer start(FakeOriginChatsServer.Builder b) throws Exception {
    server = b.scheduler(clock).build().start();
    server.addRoturUser("tok-alice", "USR:alice0001", "alice");
    server.addRoturUser("tok-bob", "USR:bob0002", "bob");
    server.addAccount("carol", "carol-pw");
    return server;
  }

  OriginChatsClient.Builder rotur(String token) {
    return OriginChatsClient.builder()
        .url(server.wsUrl())
        .runtime(runtime)
        .validatorProvider(RoturValidatorProvider.of(Secret.of(token), server.httpUrl()));
  }

  OriginChatsClient connect(OriginChatsClient.Builder b) throws Exception {
    OriginChatsClient c = b.build();
    clients.add(c);
    c.connect().get(10, TimeUnit.SECONDS);
    return c;
  }

  /** Records events of one client. */
  static final class Recorder implements OriginChatsListener {
    final BlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
    final List<ChatwireException> errors = new CopyOnWriteArrayList<>();
    final BlockingQueue<Resync> resyncs = new LinkedBlockingQueue<>();
    final List<Boolean> readies = new CopyOnWriteArrayList<>();
    final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    @Override
    public void onStateChange(io.github.chatwire.core.connection.StateChange change) {
      states.add(change.current());
    }

    @Override
    public void onEvent(ServerFrame frame) {
      frames.add(frame);
    }

    @Override
    public void onError(ChatwireException error) {
      errors.add(error);
    }

    @Override
    public void onResync(Resync resync) {
      resyncs.add(resync);
    }

    @Override
    public void onReady(ServerFrame.Ready ready, boolean reconnected) {
      readies.add(reconnected);
    }

    <T extends ServerFrame> T next(Class<T> type) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        ServerFrame f = frames.poll(100, TimeUnit.MILLISECONDS);
        if (type.isInstance(f)) {
          return type.cast(f);
        }
      }
      throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
    }
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  static Throwable failure(CompletableFuture<?> f) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    return e.getCause();
  }

  long count(String cmd) {
    return server.receivedCommands().stream().filter(cmd::equals).count();
  }

  // ------------------------------------------------------------------ login

  @Test
  void logsInWithARoturValidatorBoundToTheConnectionsKeyAndResyncs() throws Exception {
    start(FakeOriginChatsServer.builder().authMode("rotur"));
    Recorder rec = new Recorder();
    List<String> keys = new CopyOnWriteArrayList<>();
    ValidatorProvider rotur = RoturValidatorProvider.of(Secret.of("tok-alice"), server.httpUrl());
    OriginChatsClient alice =
        connect(
            OriginChatsClient.builder()
                .url(server.wsUrl())
                .runtime(runtime)
                .listener(rec)
                .validatorProvider(
                    (key, rt) -> {
                      keys.add(key);
                      return rotur.validator(key, rt);
                    }));
    assertEquals(ConnectionState.READY, alice.state());
    assertEquals("alice", alice.user().username());
    assertEquals(server.issuedValidatorKeys(), keys);
    Resync resync = rec.resyncs.poll(10, TimeUnit.SECONDS);
    assertNotNull(resync);
    assertFalse(resync.reconnected());
    assertEquals("general", resync.channels().get(0).name());
    assertEquals("alice", resync.onlineUsers().get(0).username());
    assertEquals(Collections.singletonList(false), rec.readies);
  }

  @Test
  void logsInWithPasswordAndRegistersWhereAuthModeAllows() throws Exception {
    start(FakeOriginChatsServer.builder().authMode("cracked-only"));
    OriginChatsClient carol =
        connect(
            OriginChatsClient.builder()
                .url(server.wsUrl())
                .runtime(runtime)
                .password("carol", Secret.of("carol-pw")));
    assertEquals("USR:local_carol", carol.user().username());
    assertEquals("carol", carol.user().displayName());
    assertTrue(carol.user().cracked());

    OriginChatsClient dave =
        connect(
            OriginChatsClient.builder()
                .url(server.wsUrl())
                .runtime(runtime)
                .password("dave", Secret.of("dave-pw"))
                .register(true));
    assertEquals("USR:local_dave", dave.user().username());
    assertTrue(server.receivedCommands().contains("register"));

    // registering a name that exists falls back to login on the same socket
    int before = server.issuedValidatorKeys().size();
    OriginChatsClient carol2 =
        connect(
            OriginChatsClient.builder()
                .url(server.wsUrl())
                .runtime(runtime)
                .password("carol", Secret.of("carol-pw"))
                .register(true));
    assertEquals("USR:local_carol", carol2.user().username());
    assertEquals(before + 1, server.issuedValidatorKeys().size(), "one socket");
  }

  @Test
  void wrongPasswordIsTerminalWithTheServersText() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient c =
        OriginChatsClient.builder()
            .url(server.wsUrl())
            .runtime(runtime)
            .password("carol", Secret.of("nope"))
            .build();
    clients.add(c);
    Throwable t = failure(c.connect());
    assertInstanceOf(AuthenticationException.class, t);
    assertTrue(t.getMessage().contains("Invalid password"), t.getMessage());
    assertFalse(t.getMessage().contains("nope"));
    assertEquals(ConnectionState.CLOSED, c.state());
    assertEquals(1, server.issuedValidatorKeys().size(), "no reconnect loop on bad credentials");
  }

  @Test
  void refusesPasswordLoginOnARoturOnlyServer() throws Exception {
    start(FakeOriginChatsServer.builder().authMode("rotur"));
    OriginChatsClient c =
        OriginChatsClient.builder()
            .url(server.wsUrl())
            .runtime(runtime)
            .password("carol", Secret.of("carol-pw"))
            .build();
    clients.add(c);
    Throwable t = failure(c.connect());
    assertInstanceOf(AuthenticationException.class, t);
    assertTrue(t.getMessage().contains("rotur"), t.getMessage());
  }

  @Test
  void badRoturTokenFailsTheLoginTerminally() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient c = rotur("tok-wrong").build();
    clients.add(c);
    assertInstanceOf(AuthenticationException.class, failure(c.connect()));
    assertFalse(server.receivedCommands().contains("auth"));
  }

  // ------------------------------------------------------------------ messages

  @Test
  void sendReceiveEditReactDelete() throws Exception {
    start(FakeOriginChatsServer.builder());
    Recorder bobEvents = new Recorder();
    OriginChatsClient alice = connect(rotur("tok-alice"));
    OriginChatsClient bob = connect(rotur("tok-bob").listener(bobEvents));

    ServerFrame.MessageNew sent = alice.send(GENERAL, "  hello bob  ").get(10, TimeUnit.SECONDS);
    assertEquals("hello bob", sent.message().content());
    assertEquals("alice", sent.message().user());
    String id = sent.message().id();
    ServerFrame.MessageNew got = bobEvents.next(ServerFrame.MessageNew.class);
    assertEquals(id, got.message().id());
    assertEquals("general", got.channel());
    assertTrue(got.listener() == null, "broadcasts carry no listener");

    ServerFrame.MessageEdit edit = alice.edit(GENERAL, id, "hello again").get(10, TimeUnit.SECONDS);
    assertEquals("hello again", edit.content());
    assertTrue(edit.message().edited());
    assertEquals("hello again", bobEvents.next(ServerFrame.MessageEdit.class).content());

    ServerFrame.Reaction r = bob.react(GENERAL, id, "\uD83D\uDC4D").get(10, TimeUnit.SECONDS);
    assertTrue(r.added());
    assertEquals("bob", r.from());
    // a duplicate reaction is a server error, matched by listener although the reply cmd is "error"
    Throwable dup = failure(bob.react(GENERAL, id, "\uD83D\uDC4D"));
    assertInstanceOf(OriginChatsServerException.class, dup);
    assertEquals("Failed to add reaction", ((OriginChatsServerException) dup).text());
    Message stored = alice.message(GENERAL, id).get(10, TimeUnit.SECONDS).message();
    assertEquals(Collections.singletonList("bob"), stored.reactions().get("\uD83D\uDC4D"));

    Throwable notOwn = failure(bob.edit(GENERAL, id, "hijack"));
    assertEquals(
        "You do not have permission to edit this message",
        ((OriginChatsServerException) notOwn).text());

    assertEquals(id, alice.delete(GENERAL, id).get(10, TimeUnit.SECONDS).id());
    assertEquals(id, bobEvents.next(ServerFrame.MessageDelete.class).id());
    assertTrue(server.messages("general").isEmpty());
  }

  @Test
  void contentTooLongFailsLocallyCountingCodePointsAfterStripping() throws Exception {
    start(FakeOriginChatsServer.builder().postContentLimit(10));
    OriginChatsClient alice = connect(rotur("tok-alice"));
    String tenEmoji = String.join("", Collections.nCopies(10, "\uD83D\uDE00")); // 20 UTF-16 units
    assertEquals(
        tenEmoji,
        alice
            .send(GENERAL, "  \n" + tenEmoji + "\t ")
            .get(10, TimeUnit.SECONDS)
            .message()
            .content());
    Throwable t = failure(alice.send(GENERAL, tenEmoji + "x"));
    assertInstanceOf(ContentTooLongException.class, t);
    assertEquals(11, ((ContentTooLongException) t).length());
    assertEquals(1, count("message_new"), "the long message was never sent");
  }

  @Test
  void historyPagerWalks500MessagesEachExactlyOnceWithMessagesAround() throws Exception {
    start(FakeOriginChatsServer.builder());
    historyPaging(true);
    assertTrue(count("messages_around") > 0);
  }

  @Test
  void historyPagerFallsBackToIntegerOffsetsWithoutMessagesAround() throws Exception {
    start(FakeOriginChatsServer.builder().messagesAround(false));
    historyPaging(false);
    assertEquals(0, count("messages_around"));
  }

  private void historyPaging(boolean around) throws Exception {
    List<String> ids = server.seedMessages("general", "bob", 500);
    OriginChatsClient alice = connect(rotur("tok-alice"));
    assertEquals(around, alice.supports("messages_around"));
    HistoryPager pager = alice.history(GENERAL, 45);
    List<String> seen = new ArrayList<>();
    int pages = 0;
    while (pager.hasMore()) {
      List<Message> page = pager.next().get(10, TimeUnit.SECONDS);
      List<String> pageIds = new ArrayList<>();
      for (Message m : page) {
        pageIds.add(m.id());
      }
      seen.addAll(0, pageIds); // pages come newest first, each oldest first
      pages++;
      assertTrue(pages < 50, "pager does not end");
    }
    assertEquals(500, seen.size());
    assertEquals(500, new HashSet<>(seen).size());
    assertEquals(ids, seen);
  }

  // ------------------------------------------------------------------ rate limits

  @Test
  void burstOf50SendsCompletesWithoutAServerRateLimit() throws Exception {
    start(
        FakeOriginChatsServer.builder()); // the reference numbers: 60/min, burst 10, cooldown 30 s
    OriginChatsClient bot = connect(rotur("tok-bob"));
    long t0 = clock.nanoTime();
    List<CompletableFuture<ServerFrame.MessageNew>> sends = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sends.add(bot.send(GENERAL, "burst " + i));
    }
    assertEquals(40, bot.queuedSends(), "ten go at once, the rest wait for their turn");
    // other requests are not held up behind the waiting messages
    assertEquals("pong", bot.ping().get(10, TimeUnit.SECONDS).cmd());
    int rounds = 0;
    while (!sends.stream().allMatch(CompletableFuture::isDone)) {
      // let what went out be answered before virtual time moves on
      await(() -> bot.awaitingReplies() == 0, "replies");
      clock.advance(Duration.ofMillis(250));
      rounds++;
      assertTrue(rounds < 2000, "burst does not finish");
    }
    for (CompletableFuture<ServerFrame.MessageNew> f : sends) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertEquals(0, server.rateLimitsSent());
    assertEquals(50, server.messages("general").size());
    // the re-sync requests queued behind the burst got a timeout that covers the wait
    await(() -> !bot.channelsCache().isEmpty(), "re-sync after the burst");
    long elapsed = TimeUnit.NANOSECONDS.toSeconds(clock.nanoTime() - t0);
    assertTrue(elapsed >= 40, "the limiter spread the burst over time, took " + elapsed + " s");
  }

  @Test
  void serverRateLimitFailsTheRequestWithRetryAfterAndPausesSends() throws Exception {
    start(FakeOriginChatsServer.builder().rateLimits(60, 3, 30));
    Recorder rec = new Recorder();
    OriginChatsClient c = connect(rotur("tok-alice").rateLimits(RateLimits.NONE).listener(rec));
    for (int i = 0; i < 3; i++) {
      c.send(GENERAL, "m" + i).get(10, TimeUnit.SECONDS);
    }
    Throwable t = failure(c.send(GENERAL, "too many"));
    RateLimitedException rl = assertInstanceOf(RateLimitedException.class, t);
    assertEquals(Duration.ofSeconds(30), rl.retryAfter());
    assertTrue(rl.getMessage().contains("cooldown"), rl.getMessage());
    assertEquals(30_000, rec.next(ServerFrame.RateLimit.class).lengthMs());

    CompletableFuture<ServerFrame.MessageNew> later = c.send(GENERAL, "after the pause");
    Thread.sleep(100);
    assertEquals(4, count("message_new"), "sends are paused for retry-after");
    clock.advance(Duration.ofSeconds(30));
    assertEquals("after the pause", later.get(10, TimeUnit.SECONDS).message().content());
    assertEquals(1, server.rateLimitsSent());
  }

  @Test
  void typingIsThrottledClientSide() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient c = connect(rotur("tok-alice"));
    assertTrue(c.typing(GENERAL).get(10, TimeUnit.SECONDS));
    assertFalse(c.typing(GENERAL).get(10, TimeUnit.SECONDS));
    clock.advance(Duration.ofSeconds(3));
    assertTrue(c.typing(GENERAL).get(10, TimeUnit.SECONDS));
    assertEquals(2, count("typing"));
    // with the shared budget spent by messages, typing is skipped rather than queued
    List<CompletableFuture<ServerFrame.MessageNew>> sends = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      sends.add(c.send(GENERAL, "m" + i));
    }
    clock.advance(Duration.ofSeconds(3));
    assertFalse(c.typing(GENERAL).get(10, TimeUnit.SECONDS));
    assertEquals(2, count("typing"));
    assertEquals(0, server.rateLimitsSent());
  }

  // ------------------------------------------------------------------ liveness, timeouts, bad
  // input

  @Test
  void serverPingsKeepTheConnectionAlive() throws Exception {
    start(FakeOriginChatsServer.builder());
    Recorder rec = new Recorder();
    OriginChatsClient c = connect(rotur("tok-alice").listener(rec));
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(30));
      rec.next(ServerFrame.Heartbeat.class);
    }
    assertEquals(ConnectionState.READY, c.state());
    assertEquals(1, server.issuedValidatorKeys().size());
  }

  @Test
  void silentServerTriggersReconnectWithANewValidator() throws Exception {
    start(FakeOriginChatsServer.builder());
    Recorder rec = new Recorder();
    List<String> keys = new CopyOnWriteArrayList<>();
    ValidatorProvider rotur = RoturValidatorProvider.of(Secret.of("tok-alice"), server.httpUrl());
    ConnectionOptions opts =
        OriginChatsClient.defaultOptions().toBuilder().random(() -> 0.5).build();
    OriginChatsClient c =
        connect(
            OriginChatsClient.builder()
                .url(server.wsUrl())
                .runtime(runtime)
                .listener(rec)
                .options(opts)
                .validatorProvider(
                    (key, rt) -> {
                      keys.add(key);
                      return rotur.validator(key, rt);
                    }));
    assertNotNull(rec.resyncs.poll(10, TimeUnit.SECONDS));
    server.stall(true);
    clock.advance(Duration.ofSeconds(74));
    assertEquals(ConnectionState.READY, c.state(), "still within the idle timeout");
    server.stall(false); // the server's next ping would only come at 90 s: too late
    clock.advance(Duration.ofSeconds(2));
    await(() -> rec.states.contains(ConnectionState.RECONNECTING), "reconnecting");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rec.resyncs.isEmpty() && System.nanoTime() < deadline) {
      if (c.state() == ConnectionState.RECONNECTING) {
        clock.advance(Duration.ofMillis(500)); // only the backoff timer runs in virtual time
      } else {
        Thread.sleep(10); // the handshake and login run over real sockets
      }
    }
    Resync again = rec.resyncs.poll(10, TimeUnit.SECONDS);
    assertNotNull(again, "re-synced after the reconnect");
    assertTrue(again.reconnected());
    assertEquals(ConnectionState.READY, c.state());
    assertEquals(2, keys.size());
    assertNotEquals(keys.get(0), keys.get(1));
    assertEquals(server.issuedValidatorKeys(), keys);
    assertEquals(List.of(false, true), rec.readies);
  }

  @Test
  void requestWithoutReplyTimesOut() throws Exception {
    start(FakeOriginChatsServer.builder());
    server.silence("users_list");
    OriginChatsClient c = connect(rotur("tok-alice"));
    CompletableFuture<ServerFrame.Users> f = c.users();
    await(() -> count("users_list") == 1, "request sent");
    clock.advance(Duration.ofSeconds(9));
    assertFalse(f.isDone());
    clock.advance(Duration.ofSeconds(1));
    assertInstanceOf(RequestTimeoutException.class, failure(f));
    assertEquals(ConnectionState.READY, c.state());
  }

  @Test
  void badInputIsReportedAndTheConnectionStaysUp() throws Exception {
    start(FakeOriginChatsServer.builder());
    Recorder rec = new Recorder();
    OriginChatsClient c = connect(rotur("tok-alice").listener(rec));
    server.sendRawToAll("this is not json");
    server.sendRawToAll("[1,2,3]");
    server.sendRawToAll("{\"cmd\":\"brand_new_event\",\"x\":1}");
    server.sendRawToAll("{\"cmd\":\"message_new\",\"message\":{\"id\":\"m\",\"content\":42}}");
    server.sendRawToAll("{\"cmd\":7}");
    await(() -> rec.errors.size() >= 5, "five errors");
    for (ChatwireException e : rec.errors) {
      assertInstanceOf(ProtocolException.class, e);
    }
    ServerFrame.Unknown unknown = rec.next(ServerFrame.Unknown.class);
    assertEquals("brand_new_event", unknown.cmd());
    assertEquals(1.0, unknown.raw().get("x"));
    assertEquals(ConnectionState.READY, c.state());
    assertEquals("pong", c.ping().get(10, TimeUnit.SECONDS).cmd());
  }

  @Test
  void unknownCommandOfTheServerFailsTheRequestByListener() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient c = connect(rotur("tok-alice"));
    Throwable t = failure(c.request("no_such_cmd", Collections.<String, Object>emptyMap()));
    assertEquals("Unknown command: no_such_cmd", ((OriginChatsServerException) t).text());
    assertEquals("no_such_cmd", ((OriginChatsServerException) t).src());
  }

  // ------------------------------------------------------------------ attachments

  @Test
  void uploadsAnAttachmentWithAFreshValidatorAndSendsIt() throws Exception {
    start(FakeOriginChatsServer.builder());
    Recorder bobEvents = new Recorder();
    OriginChatsClient alice = connect(rotur("tok-alice"));
    connect(rotur("tok-bob").listener(bobEvents));
    byte[] data = "hello file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Attachment a =
        alice
            .uploadAttachment("general", "hello.txt", "text/plain", data)
            .get(10, TimeUnit.SECONDS);
    assertEquals("hello.txt", a.name());
    assertEquals(Long.valueOf(data.length), a.size());
    alice.send(MessageDraft.builder(GENERAL).attachment(a.id()).build()).get(10, TimeUnit.SECONDS);
    Message m = bobEvents.next(ServerFrame.MessageNew.class).message();
    assertEquals(a.id(), m.attachments().get(0).id());
    try (Response r =
        runtime.httpClient().newCall(new Request.Builder().url(a.url()).build()).execute()) {
      assertEquals("hello file", r.body().string());
    }
  }

  @Test
  void cannotUploadWithoutAValidatorProvider() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient carol =
        connect(
            OriginChatsClient.builder()
                .url(server.wsUrl())
                .runtime(runtime)
                .password("carol", Secret.of("carol-pw")));
    assertInstanceOf(
        IllegalStateException.class,
        failure(carol.uploadAttachment("general", "x", "text/plain", new byte[1])));
  }

  @Test
  void listenerCorrelationSurvivesManyConcurrentRequests() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient c = connect(rotur("tok-alice"));
    List<CompletableFuture<? extends ServerFrame>> fs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      fs.add(i % 3 == 0 ? c.channels() : i % 3 == 1 ? c.onlineUsers() : c.ping());
    }
    for (int i = 0; i < 30; i++) {
      ServerFrame f = fs.get(i).get(10, TimeUnit.SECONDS);
      Set<String> expected =
          new HashSet<>(
              List.of(i % 3 == 0 ? "channels_get" : i % 3 == 1 ? "users_online" : "pong"));
      assertTrue(expected.contains(f.cmd()), f.cmd());
    }
  }

  // ------------------------------------------------------------------ slash bot

  @Test
  void slashBotReceivesTypedArgumentsAndResponds() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient botClient = rotur("tok-bob").build();
    clients.add(botClient);
    List<Long> sides = new CopyOnWriteArrayList<>();
    SlashBot.attach(botClient)
        .command(
            SlashCommand.builder("roll", "roll a die")
                .option("sides", "number of sides", SlashCommand.OptionType.INT, true)
                .build(),
            inv -> {
              sides.add(inv.args().integer("sides"));
              return inv.invokerUsername() + " rolled " + inv.args().integer("sides");
            });
    botClient.connect().get(10, TimeUnit.SECONDS);
    Recorder aliceEvents = new Recorder();
    OriginChatsClient alice = connect(rotur("tok-alice").listener(aliceEvents));
    await(() -> server.receivedCommands().contains("slash_register"), "registration");
    ServerFrame.SlashCommands list = alice.slashCommands().get(10, TimeUnit.SECONDS);
    assertEquals("roll", list.commands().get(0).name());
    assertEquals("int", list.commands().get(0).options().get(0).type());

    ServerFrame echo =
        alice
            .callSlash("general", "roll", java.util.Map.of("sides", "6"))
            .get(10, TimeUnit.SECONDS);
    assertInstanceOf(ServerFrame.SlashCall.class, echo);
    ServerFrame.MessageNew answer = aliceEvents.next(ServerFrame.MessageNew.class);
    assertEquals("alice rolled 6", answer.message().content());
    assertEquals("roll", answer.message().interaction().command());
    assertEquals("alice", answer.message().interaction().username());
    assertEquals(List.of(6L), sides);

    alice.callSlash("general", "roll", java.util.Map.of("sides", "many")).get(10, TimeUnit.SECONDS);
    assertTrue(
        aliceEvents
            .next(ServerFrame.MessageNew.class)
            .message()
            .content()
            .startsWith("Invalid arguments"));
    assertEquals(List.of(6L), sides, "the handler is not called with bad arguments");
  }

  @Test
  void slashBotRegistersAgainAfterAReconnect() throws Exception {
    start(FakeOriginChatsServer.builder());
    Recorder rec = new Recorder();
    OriginChatsClient botClient =
        rotur("tok-bob")
            .listener(rec)
            .options(OriginChatsClient.defaultOptions().toBuilder().random(() -> 0.5).build())
            .build();
    clients.add(botClient);
    SlashBot.attach(botClient).command(SlashCommand.builder("ping", "pong").build(), inv -> "pong");
    botClient.connect().get(10, TimeUnit.SECONDS);
    await(() -> count("slash_register") == 1, "first registration");
    server.dropAll();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count("slash_register") < 2 && System.nanoTime() < deadline) {
      if (botClient.state() == ConnectionState.RECONNECTING) {
        clock.advance(Duration.ofMillis(500));
      } else {
        Thread.sleep(10);
      }
    }
    assertEquals(2, count("slash_register"));
    assertEquals(List.of(false, true), rec.readies);
  }

  // ------------------------------------------------------------------ renamed replies, kick

  @Test
  void repliesWithRenamedCmdsCompleteTheirRequests() throws Exception {
    start(FakeOriginChatsServer.builder());
    server.script(
        "status_get",
        (user, req) ->
            new java.util.LinkedHashMap<>(
                java.util.Map.of(
                    "cmd",
                    "status",
                    "username",
                    req.get("user"),
                    "status",
                    java.util.Map.of("status", "dnd", "text", "busy"))));
    server.script(
        "attachment_get",
        (user, req) ->
            new java.util.LinkedHashMap<>(
                java.util.Map.of(
                    "cmd",
                    "attachment_info",
                    "attachment",
                    java.util.Map.of("id", req.get("attachment_id"), "size", 5))));
    server.script(
        "user_roles_set",
        (user, req) ->
            new java.util.LinkedHashMap<>(
                java.util.Map.of(
                    "cmd",
                    "user_roles_get",
                    "user",
                    req.get("user"),
                    "roles",
                    req.get("roles"),
                    "global",
                    true)));
    server.script(
        "channel_create",
        (user, req) ->
            new java.util.LinkedHashMap<>(
                java.util.Map.of(
                    "cmd",
                    "error",
                    "val",
                    "Access denied: 'manage_channels' permission required")));
    OriginChatsClient c = connect(rotur("tok-alice"));
    ServerFrame.Status st = c.status("bob").get(10, TimeUnit.SECONDS);
    assertEquals("status", st.cmd());
    assertEquals("dnd", st.status().status());
    assertEquals("a1", c.attachment("a1").get(10, TimeUnit.SECONDS).attachment().id());
    assertEquals(
        List.of("user", "gamer"),
        c.admin().setUserRoles("bob", List.of("user", "gamer")).get(10, TimeUnit.SECONDS).roles());
    Throwable denied = failure(c.admin().createChannel("x", "text", null));
    assertEquals(
        "Access denied: 'manage_channels' permission required",
        ((OriginChatsServerException) denied).text());
    assertEquals(
        null, ((OriginChatsServerException) denied).src(), "src is missing on some server paths");
  }

  @Test
  void disconnectFromTheServerIsTerminal() throws Exception {
    start(FakeOriginChatsServer.builder());
    Recorder rec = new Recorder();
    OriginChatsClient c = connect(rotur("tok-bob").listener(rec));
    server.kick("bob", "You have been banned");
    await(() -> c.state() == ConnectionState.CLOSED, "closed");
    clock.advance(Duration.ofMinutes(5));
    assertEquals(1, server.issuedValidatorKeys().size(), "no reconnect after a ban");
    assertEquals("You have been banned", rec.next(ServerFrame.Disconnect.class).reason());
    Throwable t = failure(c.send(GENERAL, "still there?"));
    assertInstanceOf(io.github.chatwire.core.ConnectionClosedException.class, t);
    assertInstanceOf(AuthenticationException.class, t.getCause());
  }

  @Test
  void historyPagerSurvivesTheDeletionOfItsAnchor() throws Exception {
    start(FakeOriginChatsServer.builder());
    List<String> ids = server.seedMessages("general", "bob", 100);
    OriginChatsClient alice = connect(rotur("tok-alice"));
    HistoryPager pager = alice.history(GENERAL, 30);
    List<String> seen = new ArrayList<>();
    for (Message m : pager.next().get(10, TimeUnit.SECONDS)) {
      seen.add(m.id());
    }
    assertEquals(ids.subList(70, 100), seen);
    assertTrue(server.deleteMessage("general", ids.get(70)), "the anchor goes away");
    assertTrue(server.deleteMessage("general", ids.get(71)), "and the next one too");
    while (pager.hasMore()) {
      List<String> page = new ArrayList<>();
      for (Message m : pager.next().get(10, TimeUnit.SECONDS)) {
        page.add(m.id());
      }
      seen.addAll(0, page);
    }
    List<String> expected = new ArrayList<>(ids.subList(0, 70));
    expected.addAll(ids.subList(70, 100));
    assertEquals(expected, seen);
    assertEquals(0, count("messages_get") - 1, "no offset fallback was needed");
  }

  @Test
  void worksOnTheSharedRuntimeInRealTimeAndReleasesIt() throws Exception {
    try (FakeOriginChatsServer real = FakeOriginChatsServer.builder().build().start()) {
      real.addAccount("erin", "erin-pw");
      OriginChatsClient c =
          OriginChatsClient.builder(real.wsUrl()).password("erin", Secret.of("erin-pw")).build();
      c.connect().get(10, TimeUnit.SECONDS);
      assertEquals("hi", c.send(GENERAL, "hi").get(10, TimeUnit.SECONDS).message().content());
      c.close();
      c.closeFuture().get(10, TimeUnit.SECONDS);
      assertEquals(ConnectionState.CLOSED, c.state());
      assertInstanceOf(io.github.chatwire.core.ConnectionClosedException.class, failure(c.ping()));
    }
  }

  @Test
  void replayOfTheRecordedSessionReachesListenersWithoutErrors() throws Exception {
    start(FakeOriginChatsServer.builder());
    List<String> frames = new ArrayList<>();
    int messageNews = 0;
    int errorFrames = 0;
    try (java.io.BufferedReader r =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                getClass().getResourceAsStream("/originchats/01-core-flow.jsonl"),
                java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        java.util.Map<String, Object> rec =
            io.github.chatwire.originchats.codec.OcJson.parseObject(line);
        if (!(rec.get("frame") instanceof java.util.Map)) {
          continue; // raw bad input the client sent
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> frame = (java.util.Map<String, Object>) rec.get("frame");
        Object cmd = frame.get("cmd");
        if (!"<-".equals(rec.get("dir"))
            || !"alice".equals(rec.get("who"))
            || cmd == null
            || List.of("handshake", "auth_success", "auth_error", "ready").contains(cmd)) {
          continue; // only what a logged-in alice saw after her login
        }
        if ("message_new".equals(cmd)) {
          messageNews++;
        }
        if ("error".equals(cmd)) {
          errorFrames++;
        }
        frames.add(io.github.chatwire.originchats.codec.OcJson.write(frame));
      }
    }
    assertTrue(frames.size() > 50, "replay has " + frames.size() + " frames");
    Recorder rec = new Recorder();
    List<ServerFrame.MessageNew> news = new CopyOnWriteArrayList<>();
    OriginChatsClient c = connect(rotur("tok-alice").listener(rec));
    c.on(ServerFrame.MessageNew.class, news::add);
    rec.frames.clear();
    for (String f : frames) {
      server.sendRawToAll(f);
    }
    int expectedNews = messageNews;
    await(() -> news.size() >= expectedNews, "all replayed message_new events");
    await(() -> rec.frames.size() >= frames.size(), "all replayed frames");
    // error replies whose request is not ours are reported as server errors, nothing else fails
    assertEquals(errorFrames, rec.errors.size(), "errors: " + rec.errors);
    for (ChatwireException e : rec.errors) {
      assertInstanceOf(OriginChatsServerException.class, e);
    }
    assertEquals(ConnectionState.READY, c.state());
    assertEquals("pong", c.ping().get(10, TimeUnit.SECONDS).cmd());
  }

  @Test
  void closingFailsTheMessagesStillWaitingForTheRateLimit() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient bot = connect(rotur("tok-bob"));
    List<CompletableFuture<ServerFrame.MessageNew>> sends = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sends.add(bot.send(GENERAL, "m" + i));
    }
    for (int i = 0; i < 10; i++) {
      sends.get(i).get(10, TimeUnit.SECONDS);
    }
    bot.close();
    for (int i = 10; i < 12; i++) {
      assertInstanceOf(
          io.github.chatwire.core.ConnectionClosedException.class, failure(sends.get(i)));
    }
    assertEquals(10, count("message_new"));
  }

  @Test
  void slashBotRetriesWhileAnOlderSessionStillHoldsItsCommands() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient old = connect(rotur("tok-bob"));
    old.registerSlashCommands(List.of(SlashCommand.builder("ping", "pong").build().toJson()))
        .get(10, TimeUnit.SECONDS);
    OriginChatsClient botClient = rotur("tok-bob").build();
    clients.add(botClient);
    SlashBot.attach(botClient).command(SlashCommand.builder("ping", "pong").build(), inv -> "pong");
    botClient.connect().get(10, TimeUnit.SECONDS);
    await(() -> count("slash_register") == 2, "refused registration");
    old.close();
    await(() -> server.openConnections() == 1, "old socket gone");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count("slash_register") < 3 && System.nanoTime() < deadline) {
      clock.advance(
          Duration.ofSeconds(1)); // the retry timer may be set only after the refusal arrives
      Thread.sleep(20);
    }
    assertEquals(3, count("slash_register"), "retried registration");
    OriginChatsClient alice = connect(rotur("tok-alice"));
    assertEquals("ping", alice.slashCommands().get(10, TimeUnit.SECONDS).commands().get(0).name());
  }

  // ------------------------------------------------------------------ issue 10 items 5-7 against
  // the fake

  @Test
  void fiftyQueuedSendsFinishWithin42SecondsWithoutOneRateLimitFrame() throws Exception {
    start(
        FakeOriginChatsServer
            .builder()); // the reference rule: refuse only with 10 already inside 10 s
    OriginChatsClient bot = connect(rotur("tok-bob"));
    long t0 = clock.nanoTime();
    List<CompletableFuture<ServerFrame.MessageNew>> sends = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sends.add(bot.send(GENERAL, "burst " + i));
    }
    int rounds = 0;
    while (!sends.stream().allMatch(CompletableFuture::isDone)) {
      // Every stored message answered, and its future completed (on the callback thread), before
      // time moves on: otherwise a loaded machine's late completions let the loop advance the
      // clock with nothing left to send, and the burst looks slower than the outbox made it.
      await(
          () ->
              bot.connection().pendingCount() == 0
                  && sends.stream().filter(CompletableFuture::isDone).count()
                      == server.messages("general").size(),
          "replies");
      clock.advance(Duration.ofMillis(50));
      assertTrue(++rounds < 2000, "burst does not finish");
    }
    double took = (clock.nanoTime() - t0) / 1e9;
    for (CompletableFuture<ServerFrame.MessageNew> f : sends) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertEquals(0, server.rateLimitsSent());
    assertEquals(50, server.messages("general").size());
    assertTrue(took <= 42.0, "50 sends took " + took + " s of virtual time");
  }

  @Test
  void theFakesLimiterRefusesTheEleventhInsideTenSecondsAndStartsItsCooldownThen()
      throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient c = connect(rotur("tok-alice").rateLimits(RateLimits.NONE));
    for (int i = 0; i < 10; i++) {
      c.send(GENERAL, "m" + i).get(10, TimeUnit.SECONDS);
    }
    assertEquals(0, server.rateLimitsSent(), "ten in a row are all accepted");
    clock.advance(Duration.ofSeconds(5));
    RateLimitedException rl =
        assertInstanceOf(RateLimitedException.class, failure(c.send(GENERAL, "11th")));
    assertEquals(
        Duration.ofSeconds(30), rl.retryAfter(), "the cooldown starts on the refused attempt");
    assertTrue(rl.getMessage().startsWith("Burst limit exceeded"), rl.getMessage());
    assertEquals(10, server.messages("general").size(), "a refused message is not stored");
  }

  @Test
  void aSlashBotAnswersACallMadeByAnSdkClientWhoseListenerTheServerForwards() throws Exception {
    start(FakeOriginChatsServer.builder());
    OriginChatsClient botClient = rotur("tok-bob").build();
    clients.add(botClient);
    List<String> callers = new CopyOnWriteArrayList<>();
    SlashBot.attach(botClient)
        .command(
            SlashCommand.builder("hello", "says hello").build(),
            inv -> {
              callers.add(inv.invokerUsername());
              return "hello " + inv.invokerUsername();
            });
    botClient.connect().get(10, TimeUnit.SECONDS);
    await(() -> count("slash_register") == 1, "registration");
    Recorder aliceEvents = new Recorder();
    OriginChatsClient alice = connect(rotur("tok-alice").listener(aliceEvents));
    alice.callSlash("general", "hello", java.util.Map.of()).get(10, TimeUnit.SECONDS);
    assertEquals("hello alice", aliceEvents.next(ServerFrame.MessageNew.class).message().content());
    assertEquals(List.of("alice"), callers, "the handler ran once");
    assertEquals(1, count("slash_response"));
  }

  @Test
  void aRegisteringClientRejoinsAServerThatLostItsAccountsAndDeliversWhatWasQueued()
      throws Exception {
    start(FakeOriginChatsServer.builder().authMode("cracked-only"));
    Recorder rec = new Recorder();
    OriginChatsClient dave =
        connect(
            OriginChatsClient.builder()
                .url(server.wsUrl())
                .runtime(runtime)
                .options(OriginChatsClient.defaultOptions().toBuilder().random(() -> 0.5).build())
                .password("dave", Secret.of("dave-pw"))
                .register(true)
                .listener(rec));
    server.wipeAccounts();
    server.dropAll();
    await(() -> dave.state() == ConnectionState.RECONNECTING, "connection lost");
    CompletableFuture<ServerFrame.MessageNew> queued = dave.send(GENERAL, "queued while away");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (dave.state() != ConnectionState.READY && System.nanoTime() < deadline) {
      if (dave.state() == ConnectionState.RECONNECTING) {
        clock.advance(Duration.ofMillis(500));
      }
      Thread.sleep(10);
    }
    assertEquals(ConnectionState.READY, dave.state(), "it came back instead of closing for good");
    assertEquals("queued while away", queued.get(10, TimeUnit.SECONDS).message().content());
    assertEquals(2, count("register"), "registered again after 'User not found'");
    // onReady runs on the connection's callback thread; the future may complete first
    await(() -> rec.readies.size() == 2, "the second onReady callback");
    assertEquals(List.of(false, true), rec.readies);
  }
}

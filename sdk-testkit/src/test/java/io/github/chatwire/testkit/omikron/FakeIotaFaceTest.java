package io.github.chatwire.testkit.omikron;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.omikron.IotaConnection;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.model.Chats;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.testkit.FakeServer;
import io.github.chatwire.testkit.ReceivedFrame;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FakeIota driven only through the common {@link FakeServer} face, with a real user client that
 * reaches it through a FakeOmikron. Timers (the Iota's backoff and pings, the user's request
 * timeout) run in virtual time; the sockets are real, so waits on them have a real-time deadline
 * that only ends a test that would otherwise hang.
 */
class FakeIotaFaceTest {
  static final OmikronId IOTA = OmikronId.of(1_733_600_000_100L);
  static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);
  static final long DEADLINE_NANOS = SECONDS.toNanos(20);

  final VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
  final ChatwireRuntime runtime = ChatwireRuntime.builder().scheduler(clock).build();
  final SecureRandom random = new SecureRandom();
  final OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(random);
  final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(random);
  FakeOmikron omikron;
  FakeIota fake;
  FakeServer server;
  OmikronClient alice;

  @BeforeEach
  void connect() throws Exception {
    omikron = FakeOmikron.builder().build().start();
    omikron.registerIota(IOTA, iotaKey.publicKey());
    omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    fake =
        new FakeIota(
            omikron,
            IOTA,
            iotaKey,
            Set.of(ALICE),
            runtime,
            IotaConnection.defaultOptions().toBuilder()
                .reconnectPolicy(
                    ReconnectPolicy.builder()
                        .initialDelay(Duration.ofSeconds(1))
                        .jitter(0)
                        .restartSpread(1)
                        .build())
                .build());
    server = fake;
    fake.connect().get(10, SECONDS);
    alice =
        OmikronClient.builder()
            .url(server.url())
            .userId(ALICE)
            .privateKey(aliceKey)
            .runtime(runtime)
            .options(
                OmikronClient.defaultOptions().toBuilder()
                    .requestTimeout(Duration.ofSeconds(5))
                    .build())
            .build();
    alice.connect().get(10, SECONDS);
  }

  @AfterEach
  void closeAll() throws Exception {
    alice.close();
    server.close();
    omikron.close();
    runtime.close();
  }

  @Test
  void urlIsWhereUsersReachTheIotaAndItsFramesAreRecorded() throws Exception {
    assertEquals(omikron.clientUrl(), server.url());
    try (FakeIota byUrl = new FakeIota(omikron.iotaUrl(), IOTA, iotaKey, Set.of(), runtime, null);
        FakeIota elsewhere =
            new FakeIota("ws://127.0.0.1:1/elsewhere", IOTA, iotaKey, Set.of(), runtime, null)) {
      assertEquals(omikron.clientUrl(), byUrl.url(), "from the Iota URL, by the relay's layout");
      assertThrows(IllegalStateException.class, elsewhere::url);
    }
    Chats chats = alice.getChats().get(10, SECONDS);
    assertTrue(chats.chats().isEmpty());
    ReceivedFrame request = lastRequest(MessageType.GET_CHATS);
    assertEquals(0, request.connection(), "the Iota's first connection carried it");
    assertFalse(request.toString().contains("get_chats"), "toString shows no content");
  }

  @Test
  void dropTakesTheIotaOfflineUntilItHasReconnected() throws Exception {
    alice.getChats().get(10, SECONDS);
    server.drop();
    await(() -> !omikron.isIotaConnected(IOTA), "the Omikron saw the Iota go");
    omikron.received().clear();
    CompletableFuture<Chats> whileOffline = alice.getChats();
    await(
        () ->
            omikron.received().stream()
                .anyMatch(r -> r.message().type().equals(MessageType.GET_CHATS)),
        "the Omikron had the request while the Iota was away");
    // the reference Omikron drops a request for an absent Iota: the user's timeout (5 s) ends it
    clock.advance(Duration.ofSeconds(6));
    ExecutionException offline =
        assertThrows(ExecutionException.class, () -> whileOffline.get(10, SECONDS));
    assertInstanceOf(RequestTimeoutException.class, offline.getCause());
    // the Iota's backoff (1 s, no jitter) ran in virtual time meanwhile
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (!(fake.connection().state() == ConnectionState.READY && omikron.isIotaConnected(IOTA))) {
      assertTrue(
          System.nanoTime() < deadline, "the Iota reconnected; " + fake.connection().state());
      if (fake.connection().state() == ConnectionState.RECONNECTING) {
        clock.advance(Duration.ofMillis(500));
      } else {
        Thread.sleep(10);
      }
    }
    alice.getChats().get(10, SECONDS);
    assertEquals(1, lastRequest(MessageType.GET_CHATS).connection(), "on the new connection");
  }

  @Test
  void stallReadsButAnswersNothingUntilResume() throws Exception {
    server.stall();
    CompletableFuture<Chats> unanswered = alice.getChats();
    int before = server.receivedFrames().size();
    await(() -> countOf(MessageType.GET_CHATS) == 1, "the stalled Iota read the request");
    // past the user's request timeout (5 s), well inside the Iota's own idle timeout (35 s)
    clock.advance(Duration.ofSeconds(6));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> unanswered.get(10, SECONDS));
    assertInstanceOf(RequestTimeoutException.class, e.getCause());
    assertTrue(server.receivedFrames().size() > before);
    server.resume();
    alice.getChats().get(10, SECONDS);
    assertEquals(ConnectionState.READY, fake.connection().state(), "the stall cost no reconnect");
  }

  @Test
  void silenceStopsOnlyTheIotasPingsToTheOmikron() throws Exception {
    omikron.received().clear();
    server.silence();
    // three of the Iota's ping intervals (10 s) pass without one of its pings on the wire
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(10));
      alice.getChats().get(10, SECONDS); // requests are still answered meanwhile
    }
    assertEquals(0, iotaPings(), "a silenced Iota sends no ping");
    server.resume();
    clock.advance(Duration.ofSeconds(10));
    await(() -> iotaPings() > 0, "the Iota pings again after resume");
    assertEquals(ConnectionState.READY, fake.connection().state());
  }

  private long iotaPings() {
    return omikron.received().stream()
        .filter(
            r -> r.role() == FakeOmikron.Role.IOTA && r.message().type().equals(MessageType.PING))
        .count();
  }

  private long countOf(MessageType type) {
    return server.receivedFrames().stream().filter(f -> isOf(f, type)).count();
  }

  private ReceivedFrame lastRequest(MessageType type) {
    List<ReceivedFrame> frames = server.receivedFrames();
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (isOf(frames.get(i), type)) {
        return frames.get(i);
      }
    }
    throw new AssertionError("no " + type.wireName() + " among " + frames);
  }

  private static boolean isOf(ReceivedFrame f, MessageType type) {
    return f.isText() && f.text().contains("\"type\":\"" + type.wireName() + "\"");
  }

  private static void await(BooleanSupplier done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }
}

package io.github.chatwire.testkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import io.github.chatwire.omikron.codec.ttp.TtpCodec;
import io.github.chatwire.omikron.codec.ttp.TtpOmikronMapping;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.testkit.omikron.FakeOmikronQuirks;
import io.github.chatwire.testkit.omikron.FakeTtpOmikron;
import io.github.chatwire.webtransport.WebTransportTransport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user who opens and closes TTP connections all day must not collect threads: every thread a
 * {@link WebTransportTransport} session starts (its own, kwik's, flupke's) ends soon after the
 * session ends, however it ends.
 *
 * <p>The sessions are opened from a thread of a thread group of this test's own. Java gives a new
 * thread its creator's group, so every thread started on behalf of these sessions, directly or by a
 * thread they started, lands in that group; the fake server's threads and the runtime's do not.
 */
class WebTransportThreadLeakTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** How long the threads of ended sessions may take to end (flupke's pools idle 60 s). */
  private static final Duration THREADS_END_WITHIN = Duration.ofSeconds(10);

  private static final int SESSIONS = 3;

  private final ChatwireRuntime runtime = ChatwireRuntime.builder().build();
  private final ThreadGroup clientThreads = new ThreadGroup("ttp-leak-test-clients");
  private FakeTtpOmikron omikron;

  @BeforeEach
  void start() throws Exception {
    omikron = FakeTtpOmikron.builder().quirks(FakeOmikronQuirks.none()).start();
  }

  @AfterEach
  void stop() {
    omikron.close();
    runtime.close();
  }

  /** One raw TTP session: opened, pinged (so the server opens a stream to it), then ended. */
  private final class Peer implements TransportListener {
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    final TtpCodec codec = new TtpCodec();
    TransportSession session;

    /** Opens the session; the fake then has {@code sessions} open (this one among them). */
    Peer open(int sessions) throws Exception {
      session =
          onClientThread(
              () ->
                  WebTransportTransport.builder(omikron.url())
                      .trustCertificates(omikron.certificateAuthority().certificate())
                      .build()
                      .open(runtime, this));
      assertEquals("open", next());
      OmikronMessage ping =
          new OmikronMessage(
              TtpOmikronMapping.newMessageId(new SecureRandom()),
              MessageType.PING,
              null,
              null,
              OmikronData.EMPTY,
              null,
              null);
      assertTrue(session.sendBinary(codec.encode(TtpOmikronMapping.toTtp(ping))));
      assertEquals("binary", next(), "the pong, on a stream the server opened");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (omikron.openConnections() != sessions && System.nanoTime() < deadline) {
        Thread.sleep(10); // the fake lists (and forgets) sessions a moment after the client
      }
      assertEquals(sessions, omikron.openConnections(), "sessions open at the fake");
      return this;
    }

    Object next() throws InterruptedException {
      Object e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("no event within " + WAIT);
      }
      return e;
    }

    @Override
    public void onOpen() {
      events.add("open");
    }

    @Override
    public void onText(String text) {
      events.add("text");
    }

    @Override
    public void onBinary(byte[] bytes) {
      events.add("binary");
    }

    @Override
    public void onClosed(int code, String reason) {
      events.add("closed:" + code);
    }

    @Override
    public void onFailure(ChatwireException cause) {
      events.add(cause);
    }
  }

  /** Runs the action on a new thread of {@link #clientThreads}, and returns its result. */
  private <T> T onClientThread(Callable<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            clientThreads,
            () -> {
              try {
                result.complete(action.call());
              } catch (Exception | Error e) {
                result.completeExceptionally(e);
              }
            },
            "ttp-leak-test-opener");
    t.start();
    return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private List<Thread> liveClientThreads() {
    Thread[] all = new Thread[clientThreads.activeCount() + 16];
    int n = clientThreads.enumerate(all, true);
    return Arrays.stream(all, 0, n).filter(Thread::isAlive).collect(Collectors.toList());
  }

  private void assertNoClientThreadSurvives() throws InterruptedException {
    long deadline = System.nanoTime() + THREADS_END_WITHIN.toNanos();
    List<Thread> left = liveClientThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = liveClientThreads();
    }
    assertEquals(
        List.of(),
        left.stream()
            .map(t -> t.getName() + " (" + t.getState() + ")")
            .collect(Collectors.toList()),
        "threads of ended TTP sessions still alive after " + THREADS_END_WITHIN);
  }

  @Test
  void closedSessionsLeaveNoThreads() throws Exception {
    for (int i = 0; i < SESSIONS; i++) {
      Peer p = new Peer().open(1);
      assertTrue(liveClientThreads().size() > 0, "the session's threads are in the test's group");
      p.session.close(1000, "bye");
      assertEquals("closed:1000", p.next());
    }
    assertNoClientThreadSurvives();
  }

  @Test
  void cancelledSessionsLeaveNoThreads() throws Exception {
    for (int i = 0; i < SESSIONS; i++) {
      Peer p = new Peer().open(1);
      p.session.cancel();
      assertEquals("closed:1001", p.next());
    }
    assertNoClientThreadSurvives();
  }

  /** Opens {@link #SESSIONS} sessions at once, and lets the fake end them all. */
  private List<Peer> openSessionsAndThen(Runnable serverEnd) throws Exception {
    List<Peer> peers = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      peers.add(new Peer().open(i + 1));
    }
    serverEnd.run();
    return peers;
  }

  @Test
  void sessionsTheServerEndsLeaveNoThreads() throws Exception {
    for (Peer p : openSessionsAndThen(omikron::drop)) {
      assertInstanceOf(ChatwireException.class, p.next());
    }
    assertNoClientThreadSurvives();
  }

  @Test
  void sessionsEndedByTheServersCloseFrameLeaveNoThreads() throws Exception {
    for (Peer p : openSessionsAndThen(omikron::closeAllWithCloseFrame)) {
      assertEquals("closed:1000", p.next());
    }
    assertNoClientThreadSurvives();
  }
}

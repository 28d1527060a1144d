package io.github.chatwire.core.connection;

import static io.github.chatwire.core.testing.Outcomes.failure;
import static io.github.chatwire.core.testing.Outcomes.handshake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.DeliveryUnknownException;
import io.github.chatwire.core.testing.RecordingListener;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.testing.ScriptedTransport.Session;
import io.github.chatwire.core.testing.TestProtocol;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 6: nothing sent is lost silently. Fire-and-forget sends the peer did not confirm
 * are reported after the connection is lost; where the protocol proves delivery, sendConfirmed
 * completes only on the proof.
 */
class DeliveryTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final ChatwireRuntime runtime =
      ChatwireRuntime.builder().scheduler(time).callbackExecutor(Runnable::run).build();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final RecordingListener listener = new RecordingListener();

  @AfterEach
  void tearDown() {
    runtime.close();
  }

  /**
   * Like the binary protocol: a "probe" is answered in order by "pong", which proves the peer read
   * everything sent before the probe.
   */
  static final class ProvingProtocol implements ProtocolHandler {
    final ArrayDeque<Long> probes = new ArrayDeque<>();

    @Override
    public void onOpen(ProtocolContext ctx) {
      probes.clear();
      ctx.ready();
    }

    @Override
    public void onText(ProtocolContext ctx, String text) {
      if (text.equals("pong") && !probes.isEmpty()) {
        ctx.confirmDelivered(probes.poll());
      }
    }

    @Override
    public boolean provesDelivery() {
      return true;
    }

    @Override
    public void onProofWanted(ProtocolContext ctx) {
      if (!probes.isEmpty() && probes.peekLast() >= ctx.sentMark()) {
        return; // a probe after everything sent is under way
      }
      if (ctx.sendNow(Outbound.text("probe"))) {
        probes.add(ctx.sentMark());
      }
    }
  }

  private ManagedConnection connection(
      ProtocolHandler protocol, ConnectionOptions.Builder options) {
    ManagedConnection c =
        ManagedConnection.builder(transport, protocol)
            .options(options.random(() -> 0.0).build())
            .runtime(runtime)
            .build();
    c.addListener(listener);
    return c;
  }

  private List<DeliveryUnknownException> deliveryReports() {
    return listener.errors.stream()
        .filter(DeliveryUnknownException.class::isInstance)
        .map(DeliveryUnknownException.class::cast)
        .toList();
  }

  @Test
  void unconfirmedFireAndForgetSendsAreReportedWhenTheConnectionDies() {
    ManagedConnection c = connection(new TestProtocol(), ConnectionOptions.builder());
    c.connect();
    Session s = handshake(transport);
    for (int i = 0; i < 3; i++) {
      assertTrue(c.send(Outbound.text("m" + i, "post")).isDone(), "handed to the transport");
    }
    s.serverCloses(1006, ""); // a peer that stopped reading, then the watchdog, say
    List<DeliveryUnknownException> reports = deliveryReports();
    assertEquals(1, reports.size(), "one report for the lost connection: " + listener.errors);
    assertEquals(3, reports.get(0).unconfirmed());
    assertFalse(reports.get(0).isRetryable());
    assertTrue(reports.get(0).getMessage().contains("post"), reports.get(0).getMessage());
  }

  @Test
  void aReplyToALaterRequestConfirmsEverySendBeforeIt() {
    ManagedConnection c = connection(new TestProtocol(), ConnectionOptions.builder());
    c.connect();
    Session s = handshake(transport);
    c.send(Outbound.text("a"));
    c.send(Outbound.text("b"));
    CompletableFuture<String> r = c.request("k", Outbound.text("req:k"));
    c.send(Outbound.text("after"));
    s.serverSends("reply:k:ok");
    assertEquals("ok", r.join());
    s.serverCloses(1006, "");
    List<DeliveryUnknownException> reports = deliveryReports();
    assertEquals(1, reports.size());
    assertEquals(1, reports.get(0).unconfirmed(), "only the send after the request is unconfirmed");
  }

  @Test
  void sendConfirmedCompletesOnlyOnTheProof() {
    ProvingProtocol protocol = new ProvingProtocol();
    ManagedConnection c = connection(protocol, ConnectionOptions.builder());
    c.connect();
    Session s = transport.last();
    s.accept();
    CompletableFuture<Void> f = c.sendConfirmed(Outbound.text("important"));
    assertEquals(List.of("important", "probe"), s.sent(), "a probe follows at once");
    assertFalse(f.isDone(), "handed to the socket is not delivered");
    s.serverSends("pong");
    assertTrue(f.isDone() && !f.isCompletedExceptionally());
    s.serverCloses(1006, "");
    assertEquals(List.of(), deliveryReports(), "nothing unconfirmed is left");
  }

  @Test
  void sendConfirmedFailsAsDeliveryUnknownWhenTheConnectionDiesFirst() {
    ProvingProtocol protocol = new ProvingProtocol();
    ManagedConnection c = connection(protocol, ConnectionOptions.builder());
    c.connect();
    Session s = transport.last();
    s.accept();
    CompletableFuture<Void> f = c.sendConfirmed(Outbound.text("important"));
    s.serverCloses(1006, "");
    ChatwireException e = (ChatwireException) failure(f);
    assertInstanceOf(DeliveryUnknownException.class, e);
    assertFalse(e.isRetryable(), "it may have arrived");
  }

  @Test
  void aPeerThatStopsConfirmingGetsAtMostTheWindow() {
    ProvingProtocol protocol = new ProvingProtocol();
    ManagedConnection c = connection(protocol, ConnectionOptions.builder().maxUnconfirmedSends(3));
    c.connect();
    Session s = transport.last();
    s.accept();
    for (int i = 0; i < 5; i++) {
      c.send(Outbound.text("m" + i));
    }
    assertEquals(
        List.of("m0", "m1", "m2", "probe"), s.sent(), "the window is full: a probe, then wait");
    assertEquals(2, c.queuedCount());
    s.serverSends("pong");
    assertEquals(List.of("m0", "m1", "m2", "probe", "m3", "m4"), s.sent());
  }

  @Test
  void sendConfirmedNeedsAProtocolThatProvesDelivery() {
    ManagedConnection c = connection(new TestProtocol(), ConnectionOptions.builder());
    assertThrows(UnsupportedOperationException.class, () -> c.sendConfirmed(Outbound.text("x")));
    c.close();
  }

  @Test
  void withoutProofsTheWindowForgetsTheOldestButStillCountsThem() {
    ManagedConnection c =
        connection(new TestProtocol(), ConnectionOptions.builder().maxUnconfirmedSends(2));
    c.connect();
    Session s = handshake(transport);
    for (int i = 0; i < 5; i++) {
      c.send(Outbound.text("m" + i));
    }
    assertEquals(6, s.sent().size(), "never held back: this protocol has no proofs");
    s.serverCloses(1006, "");
    assertEquals(5, deliveryReports().get(0).unconfirmed());
  }

  @Test
  void closeByTheApplicationReportsUnconfirmedSendsToo() {
    ManagedConnection c = connection(new TestProtocol(), ConnectionOptions.builder());
    c.connect();
    Session s = handshake(transport);
    c.send(Outbound.text("m"));
    c.close();
    assertEquals(1, deliveryReports().size());
    time.advance(Duration.ofSeconds(1));
  }
}

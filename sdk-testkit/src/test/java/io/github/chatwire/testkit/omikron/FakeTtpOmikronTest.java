package io.github.chatwire.testkit.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.codec.X448Challenge;
import io.github.chatwire.omikron.codec.ttp.TtpCodec;
import io.github.chatwire.omikron.codec.ttp.TtpDecodeException;
import io.github.chatwire.omikron.codec.ttp.TtpOmikronMapping;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.webtransport.WebTransportTransport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FakeTtpOmikron} driven at the codec level over the real WebTransport transport: what a TTP
 * client or Iota sees, message by message (the handshake of {@code omikron.md} §4.3 and §5.3,
 * pings, routing, faults).
 */
class FakeTtpOmikronTest {
  static final OmikronId IOTA = OmikronId.of(1_750_000_000_001L);
  static final OmikronId ALICE = OmikronId.of(281_474_976_710_000L); // near 2^48: 48-bit ids
  static final Duration WAIT = Duration.ofSeconds(20);

  final SecureRandom random = new SecureRandom();
  final OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(random);
  final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(random);
  final ChatwireRuntime runtime = ChatwireRuntime.builder().build();
  final List<Peer> peers = new ArrayList<>();
  FakeTtpOmikron omikron;

  @BeforeEach
  void start() throws Exception {
    omikron = FakeTtpOmikron.builder().quirks(FakeOmikronQuirks.none()).start();
    omikron.registerIota(IOTA, iotaKey.publicKey());
    omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
  }

  @AfterEach
  void stop() {
    for (Peer p : peers) {
      p.session.cancel();
    }
    omikron.close();
    runtime.close();
  }

  /** A raw TTP peer: the transport plus the codec, nothing of the session layer. */
  final class Peer implements TransportListener {
    final TtpCodec codec = new TtpCodec();
    final BlockingQueue<Object> in = new LinkedBlockingQueue<>();
    final TransportSession session;

    Peer() throws InterruptedException {
      int before = omikron.openConnections();
      session =
          WebTransportTransport.builder(omikron.url())
              .trustCertificates(omikron.certificateAuthority().certificate())
              .build()
              .open(runtime, this);
      peers.add(this);
      assertEquals("open", next());
      // The client is open once its stream is; the fake may take its session a moment later.
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (omikron.openConnections() <= before && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(omikron.openConnections() > before, "the fake lists the open session");
    }

    void send(OmikronMessage m) {
      assertTrue(session.sendBinary(codec.encode(TtpOmikronMapping.toTtp(m))));
    }

    String request(MessageType type, OmikronData data) {
      String id = TtpOmikronMapping.newMessageId(random);
      send(new OmikronMessage(id, type, null, null, data, null, null));
      return id;
    }

    Object next() throws InterruptedException {
      Object o = in.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (o == null) {
        throw new AssertionError("nothing within " + WAIT);
      }
      return o;
    }

    OmikronMessage message() throws InterruptedException {
      Object o = next();
      return assertInstanceOf(OmikronMessage.class, o, String.valueOf(o));
    }

    /** identification -> challenge -> the plain answer -> the server's verdict. */
    OmikronMessage identify(String idKey, OmikronId id, OmikronPrivateKey key) throws Exception {
      String rid =
          request(MessageType.IDENTIFICATION, OmikronData.builder().put(idKey, id).build());
      OmikronMessage challenge = message();
      assertEquals(MessageType.CHALLENGE, challenge.type());
      assertEquals(rid, challenge.id());
      String answer =
          X448Challenge.solve(
              key.raw(),
              challenge.data().getString("public_key"),
              challenge.data().getString("challenge"),
              false);
      assertEquals(32, answer.length(), "the E4 answer is the plain 32-character string");
      request(
          MessageType.CHALLENGE_RESPONSE, OmikronData.builder().put("challenge", answer).build());
      return message();
    }

    @Override
    public void onOpen() {
      in.add("open");
    }

    @Override
    public void onText(String text) {
      in.add("text");
    }

    @Override
    public void onBinary(byte[] bytes) {
      try {
        in.add(TtpOmikronMapping.toOmikron(codec.decode(bytes)));
      } catch (TtpDecodeException e) {
        in.add(e);
      }
    }

    @Override
    public void onClosed(int code, String reason) {
      in.add("closed:" + code);
    }

    @Override
    public void onFailure(ChatwireException cause) {
      in.add(cause);
    }
  }

  @Test
  void aClientAndItsIotaIdentifyAndTheirMessagesAreRoutedBothWays() throws Exception {
    Peer iota = new Peer();
    OmikronMessage iotaOk = iota.identify("iota_id", IOTA, iotaKey);
    assertEquals(MessageType.IDENTIFICATION_RESPONSE, iotaOk.type());
    assertEquals(Boolean.TRUE, iotaOk.data().asMap().get("accepted"));

    Peer alice = new Peer();
    OmikronMessage ok = alice.identify("user_id", ALICE, aliceKey);
    assertEquals(MessageType.IDENTIFICATION_RESPONSE, ok.type());
    assertEquals(Boolean.TRUE, ok.data().asMap().get("accepted"));
    OmikronMessage connected = iota.message();
    assertEquals(MessageType.CLIENT_CONNECTED, connected.type());
    assertEquals(ALICE, connected.data().getId("user_id"));

    String rid =
        alice.request(
            MessageType.of("messages_get"), OmikronData.builder().put("amount", 5L).build());
    OmikronMessage atIota = iota.message();
    assertEquals("messages_get", atIota.type().wireName());
    assertEquals(ALICE, atIota.sender());
    assertEquals(rid, atIota.id());

    iota.send(
        new OmikronMessage(
            rid, MessageType.of("messages_get"), null, ALICE, OmikronData.EMPTY, null, null));
    OmikronMessage back = alice.message();
    assertEquals(rid, back.id());
    assertEquals(IOTA, back.sender());
    assertEquals(2, omikron.received().stream().filter(r -> r.message().id().equals(rid)).count());
  }

  @Test
  void pingsAreAnsweredWithTheIotasState() throws Exception {
    Peer alice = new Peer();
    omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    // no Iota: the well-behaved server identifies and reports ping_iota -1
    alice.identify("user_id", ALICE, aliceKey);
    String rid =
        alice.request(MessageType.PING, OmikronData.builder().put("last_ping", 12L).build());
    OmikronMessage pong = alice.message();
    assertEquals(MessageType.PONG, pong.type());
    assertEquals(rid, pong.id());
    assertEquals(-1L, pong.data().getLong("ping_iota"));
    omikron.silence();
    alice.request(MessageType.PING, OmikronData.EMPTY);
    assertNull(alice.in.poll(500, TimeUnit.MILLISECONDS), "silenced: no pong");
  }

  @Test
  void aWrongAnswerOrAnUnknownUserGetsNoAnswerAsUpstream() throws Exception {
    Peer alice = new Peer();
    alice.request(MessageType.IDENTIFICATION, OmikronData.builder().put("user_id", ALICE).build());
    assertEquals(MessageType.CHALLENGE, alice.message().type());
    alice.request(
        MessageType.CHALLENGE_RESPONSE, OmikronData.builder().put("challenge", "wrong").build());
    assertNull(alice.in.poll(500, TimeUnit.MILLISECONDS), "the real Omikron only logs it");
    alice.request(
        MessageType.IDENTIFICATION, OmikronData.builder().put("user_id", OmikronId.of(5)).build());
    assertNull(alice.in.poll(500, TimeUnit.MILLISECONDS), "an unknown user neither");
    assertEquals(0, omikron.identificationCount(ALICE));
  }

  @Test
  void withAnswerRefusalsAWrongAnswerIsRefusedAndTheCloseFrameFollows() throws Exception {
    omikron.close();
    omikron =
        FakeTtpOmikron.builder().quirks(FakeOmikronQuirks.none()).answerRefusals(true).start();
    omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    Peer alice = new Peer();
    alice.request(MessageType.IDENTIFICATION, OmikronData.builder().put("user_id", ALICE).build());
    assertEquals(MessageType.CHALLENGE, alice.message().type());
    alice.request(
        MessageType.CHALLENGE_RESPONSE, OmikronData.builder().put("challenge", "wrong").build());
    assertEquals(MessageType.ERROR_NOT_AUTHENTICATED, alice.message().type());
    assertEquals("closed:1000", alice.next());
    assertEquals(0, omikron.identificationCount(ALICE));
  }

  @Test
  void aFrameThatIsNoMessageIsAnsweredWithErrorProtocol() throws Exception {
    Peer alice = new Peer();
    assertTrue(alice.session.sendBinary(new byte[] {0, 0, 0, 2, (byte) 0xEE, 0x77}));
    assertEquals(MessageType.ERROR_PROTOCOL, alice.message().type());
  }

  @Test
  void dropEndsTheSessionsRetryablyAndNewOnesAreAccepted() throws Exception {
    Peer alice = new Peer();
    alice.identify("user_id", ALICE, aliceKey);
    omikron.drop();
    ChatwireException lost = assertInstanceOf(ChatwireException.class, alice.next());
    assertTrue(lost.isRetryable(), lost.toString());
    Peer again = new Peer();
    assertEquals(
        MessageType.IDENTIFICATION_RESPONSE, again.identify("user_id", ALICE, aliceKey).type());
    assertEquals(2, omikron.identificationCount(ALICE));
  }

  @Test
  void theReferenceQuirkErrorNoIotaAnswersAClientWithoutItsIota() throws Exception {
    omikron.close();
    omikron = FakeTtpOmikron.builder().start(); // reference quirks
    omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    Peer alice = new Peer();
    assertEquals(MessageType.ERROR_NO_IOTA, alice.identify("user_id", ALICE, aliceKey).type());
  }

  @Test
  void stallRecordsButAnswersNothing() throws Exception {
    Peer alice = new Peer();
    omikron.stall();
    alice.request(MessageType.IDENTIFICATION, OmikronData.builder().put("user_id", ALICE).build());
    assertNull(alice.in.poll(500, TimeUnit.MILLISECONDS));
    assertEquals(1, omikron.receivedFrames().size());
    omikron.resume();
    alice.request(MessageType.IDENTIFICATION, OmikronData.builder().put("user_id", ALICE).build());
    assertEquals(MessageType.CHALLENGE, alice.message().type());
  }

  @Test
  void closeAllWithCloseFrameClosesClientsNormally() throws Exception {
    Peer alice = new Peer();
    omikron.closeAllWithCloseFrame();
    assertEquals("closed:1000", alice.next());
    alice.session.close(1000, "");
    // The fake forgets alice's session when it ends; counting bob's before that could miss him.
    long gone = System.nanoTime() + WAIT.toNanos();
    while (omikron.openConnections() > 0 && System.nanoTime() < gone) {
      Thread.sleep(10);
    }
    assertEquals(0, omikron.openConnections(), "the fake forgot the closed session");
    Peer bob = new Peer();
    bob.session.close(1000, "bye");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (omikron.closeFramesReceived() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(1, omikron.closeFramesReceived(), "the client's close frame reached the fake");
  }

  @Test
  void everyOpenSessionIsListedAndReachedByCloseAll() throws Exception {
    // The client writes on its stream as soon as the session is accepted, often before the fake's
    // handler has opened the session; flupke then hands that stream to the fake inside open().
    // The fake used to read it there, so open() never returned and the session was never listed:
    // closeAllWithCloseFrame missed it (seen as "nothing within 20 s" in CI).
    List<Peer> open = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Peer p = new Peer();
      open.add(p);
      p.request(MessageType.PING, OmikronData.EMPTY);
      assertEquals(MessageType.PONG, p.message().type());
      assertEquals(i + 1, omikron.openConnections(), "sessions listed by the fake");
    }
    omikron.closeAllWithCloseFrame();
    for (Peer p : open) {
      assertEquals("closed:1000", p.next());
    }
  }

  @Test
  void hostileRawFramesReachTheClientAsTypedErrors() throws Exception {
    Peer alice = new Peer();
    omikron.sendRawToAll(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});
    assertInstanceOf(
        io.github.chatwire.core.MessageTooLargeException.class, alice.next(), "4 GiB prefix");
  }
}

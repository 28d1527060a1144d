package io.github.chatwire.examples.demo;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.omikron.DirectMessage;
import io.github.chatwire.omikron.IotaConnection;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.model.IdentificationResponse;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.StoredMessage;
import io.github.chatwire.omikron.model.UserData;
import io.github.chatwire.testkit.omikron.FakeIota;
import io.github.chatwire.testkit.omikron.FakeOmikron;
import io.github.chatwire.testkit.omikron.UserRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Omikron (Tensamin's relay) against the testkit's fake Omikron with a fake Iota on loopback: two
 * users identify by solving the X448 challenge, ask for a profile, ping, send a direct message that
 * travels client → Omikron → Iota → Omikron → client, then the server drops every connection and
 * both users (and the Iota) reconnect and identify again on their own.
 */
final class OmikronScenario implements Scenario {
  private static final OmikronId IOTA = OmikronId.of(1_733_600_000_100L);
  private static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);
  private static final OmikronId BOB = OmikronId.of(1_733_600_000_002L);

  /** Message content is end-to-end encrypted in real use; the servers relay it untouched. */
  private static final String CONTENT = "demo: hello bob";

  @Override
  public String name() {
    return "Omikron (client + Iota)";
  }

  @Override
  public List<String> run(Output out) throws Exception {
    SecureRandom random = new SecureRandom();
    OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(random);
    OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(random);
    OmikronPrivateKey bobKey = OmikronPrivateKey.generate(random);
    List<String> summary = new ArrayList<>();
    ConnectionOptions fastReconnect =
        ConnectionOptions.builder()
            .reconnectPolicy(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(200)).build())
            .build();
    List<AutoCloseable> open = new ArrayList<>();
    FakeOmikron omikron = FakeOmikron.builder().build().start();
    try {
      omikron.registerIota(IOTA, iotaKey.publicKey());
      omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
      omikron.registerUser(UserRecord.of(BOB, "bob", bobKey, IOTA));
      out.info(
          "fake Omikron on "
              + omikron.clientUrl()
              + " (users alice and bob, both on Iota "
              + IOTA
              + ")");

      FakeIota iota =
          new FakeIota(
              omikron.iotaUrl(),
              IOTA,
              iotaKey,
              Set.of(ALICE, BOB),
              null,
              IotaConnection.defaultOptions().toBuilder()
                  .name("iota-demo")
                  .reconnectPolicy(fastReconnect.reconnectPolicy())
                  .build());
      open.add(iota);
      iota.connect().get(10, TimeUnit.SECONDS);
      out.info("Iota " + IOTA + " identified (X448 challenge, base64 answer)");

      BlockingQueue<DirectMessage> bobInbox = new LinkedBlockingQueue<>();
      OmikronClient alice =
          OmikronClient.builder()
              .url(omikron.clientUrl())
              .userId(ALICE)
              .privateKey(aliceKey)
              .options(
                  OmikronClient.defaultOptions().toBuilder()
                      .name("alice")
                      .reconnectPolicy(fastReconnect.reconnectPolicy())
                      .build())
              .listener(new Narrator(out, "alice", null))
              .build();
      open.add(alice);
      OmikronClient bob =
          OmikronClient.builder()
              .url(omikron.clientUrl())
              .userId(BOB)
              .privateKey(bobKey)
              .options(
                  OmikronClient.defaultOptions().toBuilder()
                      .name("bob")
                      .reconnectPolicy(fastReconnect.reconnectPolicy())
                      .build())
              .listener(new Narrator(out, "bob", bobInbox))
              .build();
      open.add(bob);

      CompletableFuture.allOf(alice.connect(), bob.connect()).get(10, TimeUnit.SECONDS);
      summary.add("alice and bob identified by decrypting the Omikron's X448 challenge");

      UserData profile = alice.getUserData(BOB).get(10, TimeUnit.SECONDS);
      out.info(
          "get_user_data "
              + BOB
              + ": username="
              + profile.username()
              + ", iota="
              + profile.iotaId()
              + ", online_status="
              + profile.onlineStatus());
      summary.add(
          "get_user_data: bob is " + profile.onlineStatus() + " on Iota " + profile.iotaId());

      Duration rtt = alice.ping().get(10, TimeUnit.SECONDS).roundTrip();
      out.info(String.format("ping: round trip %.2f ms", rtt.toNanos() / 1_000_000.0));
      summary.add(String.format("ping round trip %.2f ms", rtt.toNanos() / 1_000_000.0));

      alice.sendMessage(BOB, CONTENT).get(10, TimeUnit.SECONDS);
      out.info("alice -> bob: message_send stored by the Iota");
      DirectMessage got = bobInbox.poll(10, TimeUnit.SECONDS);
      if (got == null || !CONTENT.equals(got.text())) {
        throw new IllegalStateException("bob did not get alice's message live");
      }
      String stored = iota.messages(ALICE, BOB).get(0).content();
      if (stored.contains(CONTENT)) {
        throw new IllegalStateException("the Iota stored the text unencrypted");
      }
      out.info(
          "bob decrypted it ("
              + got.scheme().shortName()
              + " scheme); the Iota only ever held "
              + stored.length()
              + " characters of base64 ciphertext");
      await(
          () -> {
            List<StoredMessage> l = iota.messages(ALICE, BOB);
            return !l.isEmpty() && MessageState.RECEIVED.equals(l.get(0).messageState());
          },
          "the Iota to record bob's 'received'");
      out.info("the Iota marked the message 'received' after bob's automatic acknowledgement");
      summary.add(
          "end-to-end encrypted direct message alice -> Iota -> bob delivered live, decrypted,"
              + " acknowledged 'received'");

      out.info("forcing a disconnect: the Omikron closes every connection (1001, going away)");
      omikron.disconnectAll();
      await(
          () ->
              omikron.identificationCount(ALICE) >= 2
                  && omikron.identificationCount(BOB) >= 2
                  && alice.state() == ConnectionState.READY
                  && bob.state() == ConnectionState.READY,
          "alice and bob to identify again");
      UserData again = bob.getUserData(ALICE).get(10, TimeUnit.SECONDS);
      out.info("after the reconnect bob sees alice as " + again.onlineStatus());
      summary.add(
          "close 1001 -> reconnected and re-identified automatically (alice "
              + omikron.identificationCount(ALICE)
              + "x, bob "
              + omikron.identificationCount(BOB)
              + "x, Iota "
              + omikron.identificationCount(IOTA)
              + "x)");
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        AutoCloseable c = open.get(i);
        c.close();
        CompletableFuture<Void> closed =
            c instanceof OmikronClient
                ? ((OmikronClient) c).closeFuture()
                : ((FakeIota) c).connection().closeFuture();
        closed.get(5, TimeUnit.SECONDS);
      }
      omikron.close(); // after the clients, so their last state is the application's close
    }
    return summary;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Tells what one user's client sees. */
  private static final class Narrator implements OmikronListener {
    private final Output out;
    private final String who;
    private final BlockingQueue<DirectMessage> inbox;

    Narrator(Output out, String who, BlockingQueue<DirectMessage> inbox) {
      this.out = out;
      this.who = who;
      this.inbox = inbox;
    }

    @Override
    public void onStateChange(StateChange change) {
      out.state(
          "omikron/" + who,
          change.current().name(),
          change.cause() == null ? null : change.cause().getMessage());
    }

    @Override
    public void onError(ChatwireException error) {
      out.error(error.getClass().getSimpleName(), who + ": " + error.getMessage());
    }

    @Override
    public void onIdentified(IdentificationResponse response) {
      out.info(who + " identified");
    }

    @Override
    public void onDirectMessage(DirectMessage message, OmikronMessage envelope) {
      out.info(who + " got a direct message from " + message.partner() + ": " + message.text());
      if (inbox != null) {
        inbox.add(message);
      }
    }
  }
}

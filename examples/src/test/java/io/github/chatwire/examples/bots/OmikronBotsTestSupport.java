package io.github.chatwire.examples.bots;

import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.testkit.omikron.FakeIota;
import io.github.chatwire.testkit.omikron.FakeOmikron;
import io.github.chatwire.testkit.omikron.UserRecord;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A fake Omikron with one Iota serving alice and bob, for the Omikron bot tests. */
final class OmikronBotsTestSupport implements AutoCloseable {
  static final OmikronId IOTA = OmikronId.of(1_733_600_000_100L);
  static final OmikronId ALICE = OmikronId.of(1_733_600_000_001L);
  static final OmikronId BOB = OmikronId.of(1_733_600_000_002L);
  private static final SecureRandom RANDOM = new SecureRandom();

  final OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(RANDOM);
  final OmikronPrivateKey bobKey = OmikronPrivateKey.generate(RANDOM);
  final FakeOmikron omikron;
  final FakeIota iota;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  OmikronBotsTestSupport(FakeOmikron.Builder fake) throws Exception {
    OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(RANDOM);
    omikron = fake.build().start();
    omikron.registerIota(IOTA, iotaKey.publicKey());
    omikron.registerUser(UserRecord.of(ALICE, "alice", aliceKey, IOTA));
    omikron.registerUser(UserRecord.of(BOB, "bob", bobKey, IOTA));
    iota = new FakeIota(omikron.iotaUrl(), IOTA, iotaKey, Set.of(ALICE, BOB), null, null);
    iota.connect().get(10, TimeUnit.SECONDS);
  }

  OmikronClient.Builder client(OmikronId user, OmikronPrivateKey key) {
    return OmikronClient.builder().url(omikron.clientUrl()).userId(user).privateKey(key);
  }

  <T extends AutoCloseable> T track(T c) {
    closeables.add(c);
    return c;
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    iota.close();
    omikron.close();
  }
}

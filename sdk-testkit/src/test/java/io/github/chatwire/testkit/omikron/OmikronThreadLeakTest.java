package io.github.chatwire.testkit.omikron;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.internal.NamedThreadFactory;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.model.OmikronId;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Closing every Omikron connection (shared runtime) leaves no SDK thread behind. */
class OmikronThreadLeakTest {
  static Set<String> sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            t ->
                t.getThreadGroup() != null
                    && NamedThreadFactory.GROUP_NAME.equals(t.getThreadGroup().getName()))
        .map(Thread::getName)
        // Process-wide OkHttp/Okio helpers, ended by OkHttp itself when idle (as in sdk-core's
        // test).
        .filter(n -> !n.equals("OkHttp TaskRunner") && !n.equals("Okio Watchdog"))
        .collect(Collectors.toSet());
  }

  static Set<String> awaitNoSdkThreads() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    Set<String> left = sdkThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = sdkThreads();
    }
    return left;
  }

  @Test
  void clientsAndIotaLeaveNoThreadsAfterClose() throws Exception {
    Set<String> before = awaitNoSdkThreads();
    assertTrue(before.isEmpty(), "precondition: no SDK threads from earlier tests: " + before);
    SecureRandom random = new SecureRandom();
    OmikronId iotaId = OmikronId.of(1_733_600_000_100L);
    OmikronId alice = OmikronId.of(1_733_600_000_001L);
    OmikronId bob = OmikronId.of(1_733_600_000_002L);
    OmikronPrivateKey iotaKey = OmikronPrivateKey.generate(random);
    OmikronPrivateKey aliceKey = OmikronPrivateKey.generate(random);
    OmikronPrivateKey bobKey = OmikronPrivateKey.generate(random);
    try (FakeOmikron f = FakeOmikron.builder().build().start()) {
      f.registerIota(iotaId, iotaKey.publicKey());
      f.registerUser(UserRecord.of(alice, "alice", aliceKey, iotaId))
          .registerUser(UserRecord.of(bob, "bob", bobKey, iotaId));
      FakeIota iota = new FakeIota(f.iotaUrl(), iotaId, iotaKey, Set.of(alice, bob), null, null);
      OmikronClient a =
          OmikronClient.builder().url(f.clientUrl()).userId(alice).privateKey(aliceKey).build();
      OmikronClient b =
          OmikronClient.builder().url(f.clientUrl()).userId(bob).privateKey(bobKey).build();
      iota.connect().get(10, SECONDS);
      a.connect().get(10, SECONDS);
      b.connect().get(10, SECONDS);
      a.sendMessage(bob, "aGk=").get(10, SECONDS);
      assertEquals("bob", a.getUserData(bob).get(10, SECONDS).username());
      assertFalse(sdkThreads().isEmpty(), "SDK threads exist while connected");
      a.close();
      b.close();
      iota.close();
      a.closeFuture().get(10, SECONDS);
      b.closeFuture().get(10, SECONDS);
      iota.connection().closeFuture().get(10, SECONDS);
    }
    assertEquals(Set.of(), awaitNoSdkThreads());
  }
}

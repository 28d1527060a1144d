package io.github.chatwire.kwikandroid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.androidrewrite.AndroidRewriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tech.kwik.core.packet.QuicPacket;

/**
 * What this module's tests (and sdk-testkit's QUIC tests, run here too) use is the rewritten kwik,
 * and the rewrite left none of the calls Android lacks.
 */
class RewrittenKwikTest {
  private static final Set<String> BUFFER_METHODS =
      Set.of("position", "limit", "mark", "reset", "clear", "flip", "rewind");

  @Test
  void kwikComesFromThisModuleNotFromTheOriginalJars() throws Exception {
    Path from = classes();
    assertTrue(from.endsWith(Paths.get("kwik-android", "target", "classes")), from.toString());
    String cp = System.getProperty("java.class.path");
    assertFalse(cp.contains("kwik-0.") || cp.contains("agent15-"), cp);
  }

  @Test
  void noRewrittenClassCallsACovariantBufferOrJava11Method() throws Exception {
    List<String> bad = new ArrayList<>();
    int[] classes = {0};
    try (Stream<Path> files = Files.walk(classes().resolve("tech"))) {
      files
          .filter(p -> p.toString().endsWith(".class"))
          .forEach(
              p -> {
                classes[0]++;
                for (String call : calls(p)) {
                  String owner = call.substring(0, call.indexOf('.'));
                  String name = call.substring(call.indexOf('.') + 1, call.indexOf('('));
                  boolean covariantBuffer =
                      owner.startsWith("java/nio/")
                          && owner.endsWith("Buffer")
                          && !owner.equals("java/nio/Buffer")
                          && BUFFER_METHODS.contains(name)
                          && call.endsWith(")L" + owner + ";");
                  if (covariantBuffer || AndroidRewriter.shimmedMethods().containsKey(call)) {
                    bad.add(p.getFileName() + ": " + call);
                  }
                }
              });
    }
    assertTrue(classes[0] > 300, "kwik and agent15 classes found: " + classes[0]);
    assertEquals(List.of(), bad);
  }

  @Test
  void everyXdhKeyDecodeIsPrecededByTheGuard() throws Exception {
    assertGuarded(
        "tech/kwik/agent15/extension/KeyShareExtension",
        "tech/kwik/agent15/extension/KeyShareExtension.rawToEncodedXDHPublicKey",
        "io/github/chatwire/kwikandroid/XdhGuard.requireXdh()V");
  }

  @Test
  void agent15AsksForItsAlgorithmNamesOnlyAfterAndroidPlatformSelectedThem() throws Exception {
    assertGuarded(
        "tech/kwik/agent15/engine/impl/TlsEngineImpl",
        "tech/kwik/agent15/env/PlatformMapping.algorithmMapping",
        "io/github/chatwire/kwikandroid/AndroidPlatform.select()V");
  }

  /** The class calls the method exactly once, right after the guard. */
  private static void assertGuarded(String inClass, String method, String guard) throws Exception {
    List<String> seq = calls(classes().resolve(inClass + ".class"));
    int calls = 0;
    for (int i = 0; i < seq.size(); i++) {
      if (seq.get(i).startsWith(method + "(")) {
        calls++;
        assertEquals(guard, seq.get(i - 1));
      }
    }
    assertEquals(1, calls, method);
  }

  /**
   * scripts/android/allowed.txt accepts MemoryWatcher's references because only the server uses it.
   */
  @Test
  void onlyKwiksServerRefersToMemoryWatcher() throws Exception {
    assertEquals(
        List.of("tech/kwik/core/server/impl/ServerConnectorImpl.class"),
        referrers("tech/kwik/core/util/MemoryWatcher"));
  }

  /** ... and ChaCha20's because only ConnectionSecrets creates it, for the ChaCha20 suite. */
  @Test
  void onlyConnectionSecretsRefersToChaCha20() throws Exception {
    assertEquals(
        List.of("tech/kwik/core/crypto/ConnectionSecrets.class"),
        referrers("tech/kwik/core/crypto/ChaCha20"));
  }

  /** The class files outside {@code internalName} (and its nested classes) that name it. */
  private static List<String> referrers(String internalName) throws Exception {
    Path root = classes();
    byte[] needle = ("L" + internalName + ";").getBytes(StandardCharsets.UTF_8);
    byte[] plain = internalName.getBytes(StandardCharsets.UTF_8);
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.endsWith(".class")
            || rel.equals(internalName + ".class")
            || rel.startsWith(internalName + "$")) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(p);
        if (contains(bytes, needle) || containsClassConstant(bytes, plain)) {
          found.add(rel);
        }
      }
    }
    return found;
  }

  /** A CONSTANT_Utf8 equal to the name (the form a CONSTANT_Class uses). */
  private static boolean containsClassConstant(byte[] bytes, byte[] name) {
    for (int i = 0; i + 3 + name.length <= bytes.length; i++) {
      if (bytes[i] == 1
          && ((bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff)) == name.length
          && Arrays.equals(bytes, i + 3, i + 3 + name.length, name, 0, name.length)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(byte[] bytes, byte[] needle) {
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  private static Path classes() throws Exception {
    return Paths.get(QuicPacket.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The methods a class file calls, in order. */
  private static List<String> calls(Path classFile) {
    try {
      return AndroidRewriter.calls(Files.readAllBytes(classFile));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.github.chatwire.androidrewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AndroidRewriterTest {
  /** Methods Java9Calls calls that the Android API 26 signature does not have. */
  private static final Set<String> MISSING_ON_ANDROID_26 =
      Set.of(
          "java/nio/ByteBuffer.flip()Ljava/nio/ByteBuffer;",
          "java/nio/ByteBuffer.mark()Ljava/nio/ByteBuffer;",
          "java/nio/ByteBuffer.reset()Ljava/nio/ByteBuffer;",
          "java/nio/ByteBuffer.position(I)Ljava/nio/ByteBuffer;",
          "java/nio/ByteBuffer.limit(I)Ljava/nio/ByteBuffer;",
          "java/nio/ByteBuffer.rewind()Ljava/nio/ByteBuffer;",
          "java/nio/ByteBuffer.clear()Ljava/nio/ByteBuffer;",
          "java/nio/CharBuffer.position(I)Ljava/nio/CharBuffer;",
          "java/lang/String.isBlank()Z",
          "java/lang/String.repeat(I)Ljava/lang/String;",
          "java/lang/String.strip()Ljava/lang/String;",
          "java/util/Optional.isEmpty()Z",
          "java/util/Optional.orElseThrow()Ljava/lang/Object;",
          "java/util/Optional.ifPresentOrElse(Ljava/util/function/Consumer;Ljava/lang/Runnable;)V",
          "java/util/OptionalInt.orElseThrow()I",
          "java/time/Duration.toSeconds()J");

  @Test
  void rewrittenClassCallsNoneOfTheMissingMethodsAndBehavesTheSame() throws Exception {
    byte[] original = classFile(Java9Calls.class);
    // the precondition: javac (release 17) did bind to the methods Android lacks
    assertEquals(MISSING_ON_ANDROID_26, intersect(calledMethods(original)));

    byte[] rewritten = new AndroidRewriter(Map.of()).rewrite(original);

    assertEquals(Set.of(), intersect(calledMethods(rewritten)));
    assertTrue(calledMethods(rewritten).contains("java/nio/Buffer.flip()Ljava/nio/Buffer;"));
    Class<?> c = load(rewritten);
    assertEquals(Java9Calls.run(), c.getMethod("run").invoke(null));
    assertEquals("138b truexxx[s]truevp72", Java9Calls.run());
  }

  @Test
  void guardRunsBeforeEachCallToTheGuardedMethod() throws Exception {
    String target = "io/github/chatwire/androidrewrite/Java9Calls.dangerous";
    String guard = "io/github/chatwire/androidrewrite/Guard.refuse";
    AndroidRewriter r =
        new AndroidRewriter(AndroidRewriter.parseGuards(Set.of(target + "=" + guard)));
    Class<?> c = load(r.rewrite(classFile(Java9Calls.class)));
    Method m = c.getMethod("callDangerous");

    InvocationTargetException e =
        assertThrows(InvocationTargetException.class, () -> m.invoke(null));
    assertEquals("guarded", e.getCause().getMessage());
    assertEquals("reached", Java9Calls.callDangerous());
    assertEquals(1, r.counts().get(target + "()Ljava/lang/String; guarded by " + guard));
  }

  @Test
  void malformedGuardIsRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> AndroidRewriter.parseGuards(Set.of("a/B.m=c/D")));
    assertThrows(
        IllegalArgumentException.class, () -> AndroidRewriter.parseGuards(Set.of("a/B=c/D.m")));
  }

  private static Set<String> intersect(Set<String> called) {
    Set<String> s = new TreeSet<>(called);
    s.retainAll(MISSING_ON_ANDROID_26);
    return s;
  }

  static byte[] classFile(Class<?> c) throws IOException {
    try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
      return in.readAllBytes();
    }
  }

  static Set<String> calledMethods(byte[] classFile) {
    return new TreeSet<>(AndroidRewriter.calls(classFile));
  }

  /** Defines the rewritten class in a loader of its own (the original stays as it is). */
  private static Class<?> load(byte[] classFile) {
    return new ClassLoader(AndroidRewriterTest.class.getClassLoader()) {
      Class<?> define() {
        return defineClass(null, classFile, 0, classFile.length);
      }
    }.define();
  }
}

package io.github.chatwire.androidrewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chatwire.androidrewrite.shim.Java11Methods;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The shims against the JDK methods they stand in for, on the edge cases. */
class Java11MethodsTest {
  private static final String[] STRINGS = {
    "",
    " ",
    "\t\n x \u2003",
    "a",
    "  a b  ",
    "\u00a0a\u00a0",
    "\u2028",
    "\ud83d\ude00 ",
    "\u3000x\u3000"
  };

  @Test
  void stringMethodsMatchTheJdk() {
    for (String s : STRINGS) {
      assertEquals(s.isBlank(), Java11Methods.isBlank(s), s);
      assertEquals(s.strip(), Java11Methods.strip(s), s);
      assertEquals(s.stripLeading(), Java11Methods.stripLeading(s), s);
      assertEquals(s.stripTrailing(), Java11Methods.stripTrailing(s), s);
      for (int n = 0; n < 3; n++) {
        assertEquals(s.repeat(n), Java11Methods.repeat(s, n), s);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Java11Methods.repeat("a", -1));
    assertThrows(OutOfMemoryError.class, () -> Java11Methods.repeat("ab", Integer.MAX_VALUE));
    assertThrows(NullPointerException.class, () -> Java11Methods.isBlank(null));
    assertThrows(NullPointerException.class, () -> Java11Methods.repeat(null, 0));
  }

  @Test
  void optionalMethodsMatchTheJdk() {
    assertEquals(true, Java11Methods.isEmpty(Optional.empty()));
    assertEquals(false, Java11Methods.isEmpty(Optional.of(1)));
    assertEquals(1, Java11Methods.orElseThrow(Optional.of(1)));
    assertThrows(NoSuchElementException.class, () -> Java11Methods.orElseThrow(Optional.empty()));
    assertThrows(
        NoSuchElementException.class, () -> Java11Methods.orElseThrow(OptionalInt.empty()));
    assertThrows(
        NoSuchElementException.class, () -> Java11Methods.orElseThrow(OptionalLong.empty()));
    assertThrows(
        NoSuchElementException.class, () -> Java11Methods.orElseThrow(OptionalDouble.empty()));
    assertEquals(3, Java11Methods.orElseThrow(OptionalInt.of(3)));
    assertEquals(true, Java11Methods.isEmpty(OptionalLong.empty()));
    assertEquals(false, Java11Methods.isEmpty(OptionalDouble.of(1)));
    StringBuilder sb = new StringBuilder();
    Java11Methods.ifPresentOrElse(Optional.of("x"), sb::append, () -> sb.append("-"));
    Java11Methods.ifPresentOrElse(Optional.empty(), sb::append, () -> sb.append("-"));
    assertEquals("x-", sb.toString());
  }

  @Test
  void durationToSecondsMatchesTheJdk() {
    for (Duration d :
        new Duration[] {Duration.ZERO, Duration.ofMillis(-1500), Duration.ofDays(3)}) {
      assertEquals(d.toSeconds(), Java11Methods.toSeconds(d));
    }
  }
}

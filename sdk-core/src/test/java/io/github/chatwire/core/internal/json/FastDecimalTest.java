package io.github.chatwire.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FastDecimal against Double.parseDouble: bit for bit wherever it decides, NaN elsewhere. */
class FastDecimalTest {

  /** The fast result, or parseDouble's where the fast path declines (what JsonCursor does). */
  private static double viaCursorRule(String text) {
    double fast = FastDecimal.parse(text, 0, text.length());
    return !Double.isNaN(fast) ? fast : Double.parseDouble(text);
  }

  private static void agrees(String text) {
    double fast = FastDecimal.parse(text, 0, text.length());
    if (!Double.isNaN(fast)) {
      assertEquals(
          Double.doubleToRawLongBits(Double.parseDouble(text)),
          Double.doubleToRawLongBits(fast),
          text);
    }
  }

  @Test
  void randomDecimalsOfEveryLengthAgreeWithParseDoubleBitForBit() {
    SplittableRandom r = new SplittableRandom(12);
    int decided = 0;
    int n = 300_000;
    for (int k = 0; k < n; k++) {
      int intDigits = 1 + r.nextInt(12);
      int fracDigits = 1 + r.nextInt(12);
      StringBuilder sb = new StringBuilder();
      if (r.nextInt(4) == 0) {
        sb.append('-');
      }
      sb.append(r.nextInt(4) == 0 ? '0' : (char) ('1' + r.nextInt(9)));
      if (sb.charAt(sb.length() - 1) != '0') {
        for (int i = 1; i < intDigits; i++) {
          sb.append((char) ('0' + r.nextInt(10)));
        }
      }
      sb.append('.');
      for (int i = 0; i < fracDigits; i++) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
      String text = sb.toString();
      agrees(text);
      if (!Double.isNaN(FastDecimal.parse(text, 0, text.length()))) {
        decided++;
      }
    }
    assertTrue(decided > n * 8 / 10, "the fast path decides most of them: " + decided);
  }

  @Test
  void pythonTimestampsAreDecidedAndExact() {
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 0; k < 100_000; k++) {
      // time.time() as Python's repr prints it: the shortest text that round-trips.
      double t = 1.6e9 + r.nextDouble() * 3e8;
      String text = Double.toString(t);
      if (text.contains("E")) {
        continue;
      }
      double fast = FastDecimal.parse(text, 0, text.length());
      assertEquals(Double.doubleToRawLongBits(t), Double.doubleToRawLongBits(viaCursorRule(text)));
      agrees(text);
      assertTrue(!Double.isNaN(fast) || text.length() > 19, "decided: " + text);
    }
  }

  @Test
  void halfwayAndNeighbourCasesAreRightOrLeftToParseDouble() {
    SplittableRandom r = new SplittableRandom(5);
    for (int k = 0; k < 20_000; k++) {
      // The exact midpoint between two adjacent doubles, and values just either side of it.
      double d = 1 + r.nextDouble() * 1e6;
      double up = Math.nextUp(d);
      java.math.BigDecimal mid =
          new java.math.BigDecimal(d)
              .add(new java.math.BigDecimal(up))
              .divide(java.math.BigDecimal.valueOf(2));
      for (java.math.BigDecimal v :
          new java.math.BigDecimal[] {
            mid,
            mid.add(new java.math.BigDecimal(BigInteger.ONE, 17)),
            mid.subtract(new java.math.BigDecimal(BigInteger.ONE, 17))
          }) {
        String text = v.round(new java.math.MathContext(18)).toPlainString();
        if (!text.contains(".")) {
          continue;
        }
        agrees(text);
      }
    }
  }

  @Test
  void edgeCases() {
    for (String text :
        new String[] {
          "0.0",
          "-0.0",
          "0.5",
          "1.0",
          "2.0",
          "4.0",
          "0.1",
          "0.2",
          "0.3",
          "1.5",
          "-1.5",
          "9007199254740993.0",
          "9007199254740992.5",
          "4503599627370496.5",
          "0.000488281",
          "0.000488",
          "0.00048828125",
          "123456789012345678.0",
          "1.00000000000000000",
          "999999999999999999.0",
          "0.999999999999999999",
          "1795295458.2670903",
          "1795295458.2670902",
          "1795295458.2670904",
          "1.7976931348623157",
          "2.2250738585072014"
        }) {
      agrees(text);
      assertEquals(
          Double.doubleToRawLongBits(Double.parseDouble(text)),
          Double.doubleToRawLongBits(viaCursorRule(text)),
          text);
    }
    assertEquals(
        Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(viaCursorRule("-0.0")));
    assertTrue(Double.isNaN(FastDecimal.parse("1.5e3", 0, 5)), "exponents are not decided here");
  }

  @Test
  void valuesJustBelowAPowerOfTwoAreRight() {
    // Below 2^k the gap between doubles is half the gap above it: the half-unit test must use the
    // smaller one there.
    SplittableRandom r = new SplittableRandom(7);
    for (int k = -10; k < 52; k++) {
      double p = Math.scalb(1.0, k);
      java.math.BigDecimal hi = new java.math.BigDecimal(p);
      java.math.BigDecimal lo = new java.math.BigDecimal(Math.nextDown(p));
      java.math.BigDecimal span = hi.subtract(lo);
      for (int i = 0; i < 200; i++) {
        java.math.BigDecimal v =
            lo.add(span.multiply(java.math.BigDecimal.valueOf(r.nextDouble())));
        for (int digits = 15; digits <= 18; digits++) {
          String text = v.round(new java.math.MathContext(digits)).toPlainString();
          if (text.contains(".")) {
            agrees(text);
          }
        }
      }
    }
    agrees("1.9999999999999998");
    agrees("3.9999999999999996");
    agrees("0.99999999999999994");
  }

  @Test
  void unsignedMultiplyHighMatchesBigInteger() {
    SplittableRandom r = new SplittableRandom(9);
    BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    for (int k = 0; k < 100_000; k++) {
      long x = r.nextLong();
      long y = r.nextLong();
      BigInteger px = BigInteger.valueOf(x).and(mask);
      BigInteger py = BigInteger.valueOf(y).and(mask);
      long expected = px.multiply(py).shiftRight(64).longValue();
      assertEquals(expected, FastDecimal.unsignedMultiplyHigh(x, y));
    }
  }
}

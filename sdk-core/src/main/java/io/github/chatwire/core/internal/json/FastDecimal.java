package io.github.chatwire.core.internal.json;

/**
 * Converts a plain JSON decimal ({@code -?digits.digits}, no exponent) to the nearest double
 * without {@link Double#parseDouble}'s big-number correction loop, and proves the result exact: it
 * returns a double only when an exact integer comparison shows it is the correctly rounded value
 * (the one {@link Double#parseDouble} returns), and {@code NaN} ("not decided here") otherwise.
 *
 * <p>Why: OriginChats timestamps are Python floats printed with 16 or 17 significant digits ({@code
 * 1795295458.2670903}), past the 15 digits where {@code parseDouble} has a fast path; it then
 * allocates several big integers per number (a fifth of the decoder's allocation in the
 * event-throughput profile).
 *
 * <p>How: with m the digits as an integer (at most 18 of them) and f the number of fraction digits,
 * the value is x = m / 10^f. The candidate d = (double) m / 10^f is within one unit in the last
 * place (two roundings). Writing d = M * 2^e, d is the correctly rounded x exactly when |x - d| <
 * 2^e / 2, that is |m * 2^(1-e) - 2M * 10^f| < 10^f, which is compared in 128-bit integer
 * arithmetic. If the candidate fails, its neighbour on the side of x is checked the same way. Exact
 * halfway cases and values outside the checked range are left to {@code parseDouble}.
 *
 * <p>Stateless and thread-safe; Android API 26 (no {@code Math.multiplyHigh}).
 */
final class FastDecimal {
  private FastDecimal() {}

  private static final long[] POW10 = new long[19];
  private static final double[] POW10D = new double[19];

  static {
    long p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      POW10D[i] = p; // exact: 10^18 < 2^63 and every 10^i up to 10^22 is a double
      p *= 10;
    }
  }

  /**
   * The correctly rounded double of {@code s[start, end)}, or {@code NaN} if this class does not
   * decide it (an exponent, more than 18 significant digits, a halfway case, a tiny or huge value).
   *
   * @param s the text
   * @param start the first character of a JSON number
   * @param end the end of the number
   * @return the value, or NaN
   */
  static double parse(CharSequence s, int start, int end) {
    int i = start;
    boolean negative = s.charAt(i) == '-';
    if (negative) {
      i++;
    }
    long m = 0;
    int digits = 0; // significant digits taken into m
    int fractionDigits = 0;
    boolean inFraction = false;
    for (; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        inFraction = true;
        continue;
      }
      if (c < '0' || c > '9') {
        return Double.NaN; // an exponent
      }
      if (digits > 0 || c != '0') {
        if (++digits > 18) {
          return Double.NaN;
        }
      }
      m = m * 10 + (c - '0');
      if (inFraction) {
        fractionDigits++;
      }
    }
    if (fractionDigits > 18) {
      return Double.NaN;
    }
    if (m == 0) {
      return negative ? -0.0 : 0.0;
    }
    double d = m / POW10D[fractionDigits];
    long p = POW10[fractionDigits];
    int side = compare(m, p, d);
    if (side != 0 && side != 2) {
      d = side > 0 ? Math.nextUp(d) : Math.nextDown(d);
      side = compare(m, p, d);
    }
    if (side != 0) {
      return Double.NaN;
    }
    return negative ? -d : d;
  }

  /**
   * Whether d (positive, normal) is the correctly rounded m / p: 0 if it is, 1 if m / p lies more
   * than half a unit above d, -1 if more than half below, 2 if exactly halfway or not decidable.
   */
  static int compare(long m, long p, double d) {
    long bits = Double.doubleToRawLongBits(d);
    int biased = (int) (bits >>> 52) & 0x7FF;
    if (biased == 0 || biased == 0x7FF) {
      return 2;
    }
    long mant = (bits & 0xFFFFFFFFFFFFFL) | 0x10000000000000L;
    if (mant == 0x10000000000000L) {
      return 2; // a power of two: the gap below is half the gap above, not checked here
    }
    int e = biased - 1075; // d = mant * 2^e
    int shift = 1 - e;
    if (shift < 1 || shift > 64) {
      return 2; // d >= 2^53 or d < 2^-11: not checked here
    }
    // A = m * 2^shift (m < 2^63, so A < 2^127)
    long aHi = shift == 64 ? m : m >>> (64 - shift);
    long aLo = shift == 64 ? 0 : m << shift;
    // B = 2 * mant * p (2 * mant < 2^54, p <= 10^18 < 2^60)
    long b = mant << 1;
    long bLo = b * p;
    long bHi = unsignedMultiplyHigh(b, p);
    // D = A - B
    long dLo = aLo - bLo;
    long dHi = aHi - bHi - (Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0);
    boolean below = dHi < 0; // x < d
    if (below) {
      dLo = -dLo;
      dHi = ~dHi + (dLo == 0 ? 1 : 0);
    }
    // |D| against p: < means d is the nearest, == is a tie, > means the neighbour is.
    int cmp = dHi != 0 ? 1 : Long.compareUnsigned(dLo, p);
    if (cmp < 0) {
      return 0;
    }
    if (cmp == 0) {
      return 2;
    }
    return below ? -1 : 1;
  }

  /** The high 64 bits of the unsigned 128-bit product. */
  static long unsignedMultiplyHigh(long x, long y) {
    long x0 = x & 0xFFFFFFFFL;
    long x1 = x >>> 32;
    long y0 = y & 0xFFFFFFFFL;
    long y1 = y >>> 32;
    long p00 = x0 * y0;
    long p01 = x0 * y1;
    long p10 = x1 * y0;
    long p11 = x1 * y1;
    long middle = (p00 >>> 32) + (p01 & 0xFFFFFFFFL) + (p10 & 0xFFFFFFFFL);
    return p11 + (p01 >>> 32) + (p10 >>> 32) + (middle >>> 32);
  }
}

package io.github.chatwire.binary.codec;

/** Hex helpers for golden-byte tests. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    String s = hex.replace(" ", "").replace("\n", "");
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", x & 0xFF));
    }
    return sb.toString();
  }
}

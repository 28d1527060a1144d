package io.github.chatwire.binary.codec;

import java.util.Base64;
import java.util.Objects;

/**
 * Decodes access keys from base64 text: the standard and the URL-safe alphabet, with or without
 * padding, whitespace ignored. Error messages never contain the key.
 */
public final class AccessKeys {
  private AccessKeys() {}

  /**
   * Decodes an access key.
   *
   * @param base64 the key as base64 text; never null
   * @return the raw key bytes
   * @throws IllegalArgumentException if the text is not base64 (the message does not show it)
   */
  public static byte[] decode(CharSequence base64) {
    Objects.requireNonNull(base64, "base64");
    StringBuilder sb = new StringBuilder(base64.length() + 3);
    for (int i = 0; i < base64.length(); i++) {
      char c = base64.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        continue;
      }
      sb.append(c == '-' ? '+' : c == '_' ? '/' : c);
    }
    // Strip padding, then add exactly what the length needs: tolerates missing or partial padding.
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == '=') {
      end--;
    }
    if (sb.length() - end > 2) {
      throw new IllegalArgumentException("access key is not valid base64 (too much padding)");
    }
    sb.setLength(end);
    if (end % 4 == 1) {
      throw new IllegalArgumentException("access key is not valid base64 (bad length)");
    }
    while (sb.length() % 4 != 0) {
      sb.append('=');
    }
    try {
      return Base64.getDecoder().decode(sb.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("access key is not valid base64 (unexpected character)");
    }
  }
}

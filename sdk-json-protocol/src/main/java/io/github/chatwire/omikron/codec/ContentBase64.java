package io.github.chatwire.omikron.codec;

import java.util.Base64;

/** Standard base64 of message content, with failures as {@link MalformedInputException}. */
final class ContentBase64 {
  private ContentBase64() {}

  static String encode(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static byte[] decode(String content) throws MalformedInputException {
    try {
      return Base64.getDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException("content is not base64");
    }
  }
}

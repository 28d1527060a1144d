package io.github.chatwire.omikron.codec;

/** {@link MessageScheme#PLAIN}: the content is the text. Stateless. */
final class PlainCipher implements MessageCipher {
  static final PlainCipher INSTANCE = new PlainCipher();

  private PlainCipher() {}

  @Override
  public MessageScheme scheme() {
    return MessageScheme.PLAIN;
  }

  @Override
  public String encrypt(SharedSecret secret, String plaintext) {
    return plaintext;
  }

  @Override
  public String decrypt(SharedSecret secret, String content) {
    return content;
  }
}

package io.github.chatwire.binary.codec;

import io.github.chatwire.binary.model.ClientAuth;
import java.util.Objects;

/**
 * The authentication handshake, outside the packet registry: the server's hello {@code 6d 73} and
 * the client's reply {@code b6 c4, version, key length, key}. Pure.
 */
public final class Handshake {
  /** The client version this SDK speaks. */
  public static final int CLIENT_VERSION = 0;

  /** The largest key length a signed length byte allows. */
  public static final int MAX_KEY_LENGTH_SIGNED = 127;

  /** The largest key length an unsigned length byte allows. */
  public static final int MAX_KEY_LENGTH_UNSIGNED = 255;

  private static final byte[] SERVER_HELLO = {0x6d, 0x73};
  private static final byte[] CLIENT_MAGIC = {(byte) 0xb6, (byte) 0xc4};

  private Handshake() {}

  /**
   * The server's hello, {@code 6d 73}.
   *
   * @return a new array
   */
  public static byte[] serverHello() {
    return SERVER_HELLO.clone();
  }

  /**
   * Whether a message is exactly the server's hello.
   *
   * @param message the message; never null
   * @return true if it is exactly {@code 6d 73}
   */
  public static boolean isServerHello(byte[] message) {
    return message.length == 2 && message[0] == SERVER_HELLO[0] && message[1] == SERVER_HELLO[1];
  }

  /**
   * Encodes the client's authentication message.
   *
   * @param auth the version and key; never null
   * @param maxKeyLength the longest key allowed: {@link #MAX_KEY_LENGTH_SIGNED} or {@link
   *     #MAX_KEY_LENGTH_UNSIGNED}
   * @return the message bytes
   * @throws IllegalArgumentException if the key is longer than {@code maxKeyLength} (never
   *     truncated) or the version does not fit a signed byte
   */
  public static byte[] encodeClientAuth(ClientAuth auth, int maxKeyLength) {
    Objects.requireNonNull(auth, "auth");
    checkKeyLength(auth.key().length, maxKeyLength);
    if (auth.version() < Byte.MIN_VALUE || auth.version() > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("client version must fit a signed byte");
    }
    byte[] key = auth.key();
    PacketWriter out = new PacketWriter(4 + key.length);
    out.writeBytes(CLIENT_MAGIC).writeByte(auth.version()).writeByte(key.length).writeBytes(key);
    return out.toByteArray();
  }

  /**
   * Checks that a key fits the length byte.
   *
   * @param length the key's length in bytes
   * @param maxKeyLength {@link #MAX_KEY_LENGTH_SIGNED} or {@link #MAX_KEY_LENGTH_UNSIGNED}
   * @throws IllegalArgumentException if it does not
   */
  public static void checkKeyLength(int length, int maxKeyLength) {
    if (maxKeyLength != MAX_KEY_LENGTH_SIGNED && maxKeyLength != MAX_KEY_LENGTH_UNSIGNED) {
      throw new IllegalArgumentException("maxKeyLength must be 127 or 255");
    }
    if (length > maxKeyLength) {
      throw new IllegalArgumentException(
          "access key decodes to "
              + length
              + " bytes, but the key length byte allows at most "
              + maxKeyLength
              + (maxKeyLength == MAX_KEY_LENGTH_SIGNED
                  ? " (a signed byte; allow an unsigned length byte if the server reads it unsigned)"
                  : "")
              + "; refusing to truncate it");
    }
  }

  /**
   * Decodes the client's authentication message (the server's side), reading the key length byte as
   * unsigned.
   *
   * @param message the message; never null
   * @return the version and key
   * @throws MalformedPacketException if the magic is wrong, the message is truncated or has
   *     trailing bytes
   */
  public static ClientAuth decodeClientAuth(byte[] message) {
    PacketReader in = new PacketReader(message);
    if (in.remaining() < 2 || message[0] != CLIENT_MAGIC[0] || message[1] != CLIENT_MAGIC[1]) {
      throw new MalformedPacketException(
          -1, 0, "not a client authentication message (expected b6 c4)");
    }
    in.readBytes(2);
    int version = in.readByte();
    int length = in.readUnsignedByte();
    byte[] key = in.readBytes(length);
    if (in.remaining() != 0) {
      throw in.malformed(in.remaining() + " bytes after the access key");
    }
    return new ClientAuth(version, key);
  }
}

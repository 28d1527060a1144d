package io.github.chatwire.omikron.codec;

import java.util.Locale;
import java.util.Objects;

/**
 * How the {@code content} of a direct message ({@code message_send}, {@code message_live}, {@code
 * messages_get} items) is protected end to end between two users. The servers never read it. See
 * {@link MessageCipher} for what each scheme does and does not protect.
 */
public enum MessageScheme {
  /**
   * The WebSocket-era web client's scheme: AES-256-CBC keyed with SHA-256 of the lowercase hex X448
   * secret, random IV, one byte per code point (Latin-1). No integrity protection.
   */
  WEB_CLIENT("web"),
  /**
   * The newer client's scheme: HKDF-SHA256 of the X448 secret gives an AES-256-GCM key and a nonce
   * that is the same for every message between the same two users; UTF-8 text.
   */
  HKDF_GCM("hkdf-gcm"),
  /** No protection at all: the text goes on the wire as is (for tests and plain-text peers). */
  PLAIN("plain");

  private final String shortName;

  MessageScheme(String shortName) {
    this.shortName = shortName;
  }

  /**
   * The short name used on command lines and in configuration: {@code web}, {@code hkdf-gcm},
   * {@code plain}.
   *
   * @return the name; never null
   */
  public String shortName() {
    return shortName;
  }

  /**
   * The scheme with a short name (ignoring case) or enum name.
   *
   * @param name {@code web}, {@code hkdf-gcm} or {@code plain}; never null
   * @return the scheme
   * @throws IllegalArgumentException if the name is none of them
   */
  public static MessageScheme parse(String name) {
    Objects.requireNonNull(name, "name");
    for (MessageScheme s : values()) {
      if (s.shortName.equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name.replace('-', '_'))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown message scheme '"
            + name.toLowerCase(Locale.ROOT)
            + "'; expected web, hkdf-gcm or plain");
  }
}

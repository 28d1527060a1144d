package io.github.chatwire.omikron;

import io.github.chatwire.omikron.model.OmikronId;
import java.util.Objects;

/**
 * A user's key file ({@code .tu}): the text {@code "<user_id>::<base64 private key>"}, newlines
 * ignored. Immutable; {@link #toString()} never shows the key.
 *
 * @param userId the user id; never null
 * @param privateKey the private key; never null
 */
public record OmikronKeyFile(OmikronId userId, OmikronPrivateKey privateKey) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param privateKey see {@link #privateKey()}
   */
  public OmikronKeyFile {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * Parses the key file text.
   *
   * @param text the file's content; never null
   * @return the parsed file
   * @throws IllegalArgumentException if it lacks the {@code ::} separator, the user id is empty or
   *     the key is not a valid private key (the message never contains the key)
   */
  public static OmikronKeyFile parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.replace("\n", "").replace("\r", "").trim();
    int sep = t.indexOf("::");
    if (sep <= 0) {
      throw new IllegalArgumentException(
          "key file must have the form <user_id>::<base64 private key>");
    }
    String user = t.substring(0, sep).trim();
    if (user.isEmpty()) {
      throw new IllegalArgumentException("key file has an empty user id");
    }
    return new OmikronKeyFile(OmikronId.of(user), OmikronPrivateKey.parse(t.substring(sep + 2)));
  }

  /**
   * @return the user id; never the key
   */
  @Override
  public String toString() {
    return "OmikronKeyFile[userId=" + userId + ", privateKey=***]";
  }
}

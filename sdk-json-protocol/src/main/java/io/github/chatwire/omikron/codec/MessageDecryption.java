package io.github.chatwire.omikron.codec;

import java.security.GeneralSecurityException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Opens a direct message's {@code content} without knowing which scheme the peer used: tries {@link
 * MessageScheme#HKDF_GCM} first (its tag makes a false success practically impossible), then {@link
 * MessageScheme#WEB_CLIENT} (whose padding check alone passes a wrong key about once in 256), and
 * finally — only when plain text is the configured scheme — takes the content as is. Pure function;
 * thread-safe.
 */
public final class MessageDecryption {
  private MessageDecryption() {}

  /**
   * The outcome of {@link #open}.
   *
   * @param text the text; null if nothing decrypted
   * @param scheme the scheme that decrypted it; null if none did
   * @param reason why nothing decrypted, one clause per scheme tried; null on success
   * @param malformed true if every scheme rejected the content as ill-formed (not base64, too
   *     short, not whole blocks), so a fresher key would not help either
   */
  public record Outcome(
      @Nullable String text,
      @Nullable MessageScheme scheme,
      @Nullable String reason,
      boolean malformed) {
    /**
     * @return whether a scheme decrypted the content
     */
    public boolean isDecrypted() {
      return scheme != null;
    }

    /**
     * @return what the record shows; never the text
     */
    @Override
    public String toString() {
      return isDecrypted() ? "Outcome[" + scheme + "]" : "Outcome[failed: " + reason + "]";
    }
  }

  /**
   * Decrypts with the first scheme that works.
   *
   * @param secret the pair's secret; never null
   * @param content the {@code content} / {@code message} value; never null
   * @param configured the scheme this side sends with; {@link MessageScheme#PLAIN} also accepts
   *     content that no cipher opens as plain text; never null
   * @return the outcome; never null
   */
  public static Outcome open(SharedSecret secret, String content, MessageScheme configured) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(configured, "configured");
    StringBuilder reasons = new StringBuilder();
    boolean allMalformed = true;
    for (MessageCipher c :
        new MessageCipher[] {MessageCipher.hkdfGcm(), WebClientCipher.DECRYPT_ONLY}) {
      try {
        return new Outcome(c.decrypt(secret, content), c.scheme(), null, false);
      } catch (MalformedInputException e) {
        append(reasons, c.scheme(), e);
      } catch (GeneralSecurityException e) {
        allMalformed = false;
        append(reasons, c.scheme(), e);
      }
    }
    if (configured == MessageScheme.PLAIN) {
      return new Outcome(content, MessageScheme.PLAIN, null, false);
    }
    return new Outcome(null, null, reasons.toString(), allMalformed);
  }

  private static void append(StringBuilder sb, MessageScheme s, GeneralSecurityException e) {
    String message = e.getMessage();
    String why = message == null ? e.getClass().getSimpleName() : message;
    if (sb.length() > 0) {
      sb.append("; ");
    }
    sb.append(s.shortName()).append(": ").append(why);
  }
}

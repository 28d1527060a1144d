package io.github.chatwire.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Helpers that keep secrets out of logs, {@code toString()} and exception messages.
 *
 * <p>All methods are pure, thread-safe and accept null (returning null).
 */
public final class Redaction {
  /** What a removed secret is replaced with. */
  public static final String MASK = "***";

  private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&#]+)=([^&#]*)");
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

  private Redaction() {}

  /**
   * Removes every occurrence of the given secrets from a text.
   *
   * @param text the text to clean; may be null
   * @param secrets the secrets to remove; null entries and empty secrets are ignored
   * @return the text with each secret replaced by {@link #MASK}; null if {@code text} is null
   */
  public static @Nullable String redact(@Nullable String text, @Nullable Secret... secrets) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (Secret secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret.reveal(), MASK);
      }
    }
    return result;
  }

  /**
   * Masks query parameter values and user info in a URL, because tokens and keys often travel
   * there: {@code wss://u:p@host/ws?key=abc} becomes {@code wss://***@host/ws?key=***}.
   *
   * @param url the URL; may be null
   * @return the URL with values masked; null if {@code url} is null
   */
  public static @Nullable String url(@Nullable String url) {
    if (url == null) {
      return null;
    }
    String noUser =
        USER_INFO.matcher(url).replaceFirst("$1" + Matcher.quoteReplacement(MASK) + "@");
    return QUERY_VALUE.matcher(noUser).replaceAll("$1=" + Matcher.quoteReplacement(MASK));
  }

  /**
   * Describes a secret by its length only, for diagnostics: {@code "<32 chars>"}.
   *
   * @param secret the secret; may be null
   * @return a description that does not contain the secret
   */
  public static String describe(Secret secret) {
    return secret == null ? "<none>" : "<" + secret.reveal().length() + " chars>";
  }
}

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

  /** A query parameter: its name (with the {@code ?} or {@code &} before it), then its value. */
  private static final Pattern QUERY_PART = Pattern.compile("([?&])([^=&#]*)(=?)[^&#]*");

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
   * Masks query parameter values, bare query parameters, the fragment and user info in a URL,
   * because tokens and keys often travel there: {@code wss://u:p@host/ws?key=abc&raw#tok} becomes
   * {@code wss://***@host/ws?key=***&***#***}. Path segments are kept: no protocol of this SDK puts
   * a secret in a path.
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
    int hash = noUser.indexOf('#');
    String beforeFragment = hash < 0 ? noUser : noUser.substring(0, hash);
    String fragment = hash < 0 ? "" : hash == noUser.length() - 1 ? "#" : "#" + MASK;
    int query = beforeFragment.indexOf('?');
    if (query < 0) {
      return beforeFragment + fragment;
    }
    Matcher part = QUERY_PART.matcher(beforeFragment);
    part.region(query, beforeFragment.length());
    StringBuilder out = new StringBuilder(beforeFragment.length()).append(beforeFragment, 0, query);
    while (part.find()) {
      String name = part.group(2);
      boolean bare = part.group(3).isEmpty();
      out.append(part.group(1));
      if (bare) {
        out.append(name.isEmpty() ? "" : MASK); // a bare "?key" is the value itself
      } else {
        out.append(name).append('=').append(MASK);
      }
    }
    return out.append(fragment).toString();
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

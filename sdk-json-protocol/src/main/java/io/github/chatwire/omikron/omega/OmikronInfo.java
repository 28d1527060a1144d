package io.github.chatwire.omikron.omega;

import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import org.jspecify.annotations.Nullable;

/**
 * An Omikron as Omega's discovery endpoint describes it ({@code GET /api/get/omikron[/<id>]}).
 *
 * @param id the Omikron's id; null if absent
 * @param publicKey base64 of its raw X448 public key; null if absent
 * @param ipAddress where it listens, as Omega stores it (host or host:port); null if absent
 * @param raw the whole body; never null
 */
public record OmikronInfo(
    @Nullable OmikronId id,
    @Nullable String publicKey,
    @Nullable String ipAddress,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param id see {@link #id()}
   * @param publicKey see {@link #publicKey()}
   * @param ipAddress see {@link #ipAddress()}
   * @param raw see {@link #raw()}
   */
  public OmikronInfo {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * The client endpoint URL of this Omikron: {@code wss://<ip_address>/ws/client/} (or {@code
   * ws://} when {@code secure} is false). An address that already has a scheme is used as given,
   * with the path appended.
   *
   * @param secure whether to use TLS
   * @return the URL
   * @throws IllegalStateException if the address is missing
   */
  public String clientUrl(boolean secure) {
    return endpoint(secure, "/ws/client/");
  }

  /**
   * The Iota endpoint URL, like {@link #clientUrl(boolean)}.
   *
   * @param secure whether to use TLS
   * @return the URL
   */
  public String iotaUrl(boolean secure) {
    return endpoint(secure, "/ws/iota/");
  }

  private String endpoint(boolean secure, String path) {
    if (ipAddress == null || ipAddress.trim().isEmpty()) {
      throw new IllegalStateException("Omega gave no address for Omikron " + id);
    }
    String a = ipAddress.trim();
    while (a.endsWith("/")) {
      a = a.substring(0, a.length() - 1);
    }
    if (a.startsWith("ws://") || a.startsWith("wss://")) {
      return a + path;
    }
    if (a.startsWith("http://")) {
      return "ws://" + a.substring(7) + path;
    }
    if (a.startsWith("https://")) {
      return "wss://" + a.substring(8) + path;
    }
    return (secure ? "wss://" : "ws://") + a + path;
  }
}

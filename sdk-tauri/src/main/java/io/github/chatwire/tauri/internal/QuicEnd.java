package io.github.chatwire.tauri.internal;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.IncompatibleProtocolException;
import io.github.chatwire.tauri.ClientCertificateRejectedException;
import io.github.chatwire.tauri.TauriTlsException;
import org.jspecify.annotations.Nullable;

/**
 * How a QUIC session ended, for the engine: either a close with a code (peer application close,
 * peer shutdown) or a typed failure. Pure; built by {@link #classify}.
 */
public final class QuicEnd {
  /** Base of QUIC's CRYPTO_ERROR range: 0x100 + TLS alert. */
  static final long CRYPTO_ERROR_BASE = 0x100;

  final boolean closed;
  final int code;
  final @Nullable String reason;
  final @Nullable ChatwireException failure;

  private QuicEnd(
      boolean closed, int code, @Nullable String reason, @Nullable ChatwireException failure) {
    this.closed = closed;
    this.code = code;
    this.reason = reason;
    this.failure = failure;
  }

  static QuicEnd close(int code, String reason) {
    return new QuicEnd(true, code, reason == null ? "" : reason, null);
  }

  static QuicEnd fail(ChatwireException failure) {
    return new QuicEnd(false, 0, null, failure);
  }

  /**
   * Classifies the end of a connection from kwik's termination event.
   *
   * @param reason kwik's close reason name ({@code IdleTimeout}, {@code ImmediateClose}, ...)
   * @param byPeer whether the server closed
   * @param transportErrorCode the QUIC transport error code, or null
   * @param applicationErrorCode the application error code, or null
   * @param description kwik's description; may be null
   * @param connectReturned whether the QUIC handshake had returned on the client
   * @param presentedCertificate whether this client presented a certificate
   * @param alpn the ALPN offered, for messages
   * @return the classification; never null
   */
  public static QuicEnd classify(
      String reason,
      boolean byPeer,
      Long transportErrorCode,
      Long applicationErrorCode,
      String description,
      boolean connectReturned,
      boolean presentedCertificate,
      String alpn) {
    String desc = description == null ? "" : description;
    if (applicationErrorCode != null) {
      long c = applicationErrorCode;
      return close(c > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) c, desc);
    }
    if ("IdleTimeout".equals(reason)) {
      return fail(new ConnectionLostException("QUIC idle timeout: the server sent nothing"));
    }
    if ("ConnectionLost".equals(reason)) {
      return fail(
          new ConnectionLostException(
              "QUIC connection lost: the server stopped answering until the idle timeout"
                  + " (packets left unacknowledged)"));
    }
    if (transportErrorCode != null
        && transportErrorCode >= CRYPTO_ERROR_BASE
        && transportErrorCode < CRYPTO_ERROR_BASE + 0x100) {
      int alert = (int) (transportErrorCode - CRYPTO_ERROR_BASE);
      if (byPeer) {
        if (alert == 120) {
          return fail(
              new IncompatibleProtocolException(
                  "server does not accept ALPN '" + alpn + "' (TLS alert 120)"));
        }
        // BoringSSL reports an untrusted client certificate as internal_error.
        if (connectReturned || isCertificateAlert(alert) || (alert == 80 && presentedCertificate)) {
          return fail(
              new ClientCertificateRejectedException(
                  alert,
                  "server rejected the client certificate (TLS alert "
                      + alert
                      + " "
                      + alertName(alert)
                      + ")"));
        }
        return fail(
            new TauriTlsException(
                "server aborted the TLS handshake (TLS alert "
                    + alert
                    + " "
                    + alertName(alert)
                    + ")",
                null));
      }
      return fail(
          new TauriTlsException(
              "TLS handshake failed (alert "
                  + alert
                  + " "
                  + alertName(alert)
                  + "): server certificate not trusted, host name mismatch or no common parameters; "
                  + desc,
              null));
    }
    if (byPeer) {
      if (transportErrorCode == null || transportErrorCode == 0) {
        return close(0, "server closed the QUIC connection");
      }
      return fail(
          new ConnectionLostException(
              "server closed with QUIC transport error " + transportErrorCode + " " + desc));
    }
    return fail(new ConnectionLostException("QUIC connection ended (" + reason + ") " + desc));
  }

  /**
   * Classifies a failed {@code connect()} for which kwik reported no termination event.
   *
   * @param message the exception message; may be null
   * @param alpn the ALPN offered
   * @return the classification; never null
   */
  public static QuicEnd classifyConnectFailure(@Nullable String message, String alpn) {
    String m = message == null ? "" : message;
    if (m.contains("TLS error 120") || m.contains("application protocol")) {
      return fail(
          new IncompatibleProtocolException("server does not accept ALPN '" + alpn + "': " + m));
    }
    if (m.contains("Handshake error")
        && (m.contains("certificate") || m.contains("servername") || m.contains("signature"))) {
      return fail(new TauriTlsException("TLS handshake failed: " + m, null));
    }
    return fail(new ConnectionLostException("QUIC connect failed: " + m));
  }

  /**
   * Classifies a failed {@code connect()} after which the peer closed the connection, as kwik
   * described that close in its log (kwik 0.10.9 reports such a failure only as "Handshake error: "
   * without a reason, and emits no event).
   *
   * @param peerClose kwik's description, e.g. "... with error Transport error: CRYPTO_ERROR
   *     (certificate_required)"; never null
   * @param presentedCertificate whether this client presented a certificate
   * @param alpn the ALPN offered
   * @return the classification; never null
   */
  public static QuicEnd classifyPeerCloseDuringHandshake(
      String peerClose, boolean presentedCertificate, String alpn) {
    int i = peerClose.indexOf("CRYPTO_ERROR (");
    if (i < 0) {
      return fail(
          new ConnectionLostException(
              "server closed the connection during the handshake: " + tail(peerClose)));
    }
    int end = peerClose.indexOf(')', i);
    String name =
        peerClose.substring(i + "CRYPTO_ERROR (".length(), end < 0 ? peerClose.length() : end);
    int alert = alertCode(name);
    if (alert == 120) {
      return fail(
          new IncompatibleProtocolException(
              "server does not accept ALPN '" + alpn + "' (TLS alert 120)"));
    }
    // The server's only decision after the client's Finished is about the client certificate;
    // BoringSSL reports an untrusted one as internal_error.
    if (isCertificateAlert(alert) || (alert == 80 && presentedCertificate)) {
      return fail(
          new ClientCertificateRejectedException(
              alert,
              "server rejected the client certificate (TLS alert " + alert + " " + name + ")"));
    }
    return fail(
        new TauriTlsException("server aborted the TLS handshake (TLS alert " + name + ")", null));
  }

  /**
   * Classifies the peer's close of an established connection as kwik described it in its log, for
   * when kwik delivers no termination event.
   *
   * @param peerClose kwik's description; never null
   * @param presentedCertificate whether this client presented a certificate
   * @param alpn the ALPN offered
   * @return the classification; never null
   */
  public static QuicEnd classifyPeerClose(
      String peerClose, boolean presentedCertificate, String alpn) {
    int crypto = peerClose.indexOf("CRYPTO_ERROR (");
    if (crypto >= 0) {
      QuicEnd e = classifyPeerCloseDuringHandshake(peerClose, presentedCertificate, alpn);
      if (e.failure() instanceof TauriTlsException) {
        // After the handshake a TLS error from the server can only concern our certificate.
        return fail(new ClientCertificateRejectedException(-1, e.failure().getMessage()));
      }
      return e;
    }
    int app = peerClose.indexOf("Application error: ");
    if (app >= 0) {
      String rest = peerClose.substring(app + "Application error: ".length());
      int sp = 0;
      while (sp < rest.length() && Character.isDigit(rest.charAt(sp))) {
        sp++;
      }
      try {
        long code = Long.parseLong(rest.substring(0, sp));
        return close(
            code > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) code, rest.substring(sp).trim());
      } catch (NumberFormatException e) {
        return close(0, rest);
      }
    }
    if (peerClose.contains(" with error ")) {
      return fail(new ConnectionLostException("server closed the connection: " + tail(peerClose)));
    }
    return close(0, "server closed the QUIC connection");
  }

  private static String tail(String s) {
    int i = s.indexOf(" with ");
    return i < 0 ? s : s.substring(i + 1);
  }

  static int alertCode(String name) {
    for (int code = 0; code < 256; code++) {
      if (alertName(code).equals(name)) {
        return code;
      }
    }
    return -1;
  }

  static boolean isCertificateAlert(int alert) {
    switch (alert) {
      case 42: // bad_certificate
      case 43: // unsupported_certificate
      case 44: // certificate_revoked
      case 45: // certificate_expired
      case 46: // certificate_unknown
      case 48: // unknown_ca
      case 49: // access_denied
      case 116: // certificate_required
        return true;
      default:
        return false;
    }
  }

  static String alertName(int alert) {
    switch (alert) {
      case 40:
        return "handshake_failure";
      case 42:
        return "bad_certificate";
      case 43:
        return "unsupported_certificate";
      case 44:
        return "certificate_revoked";
      case 45:
        return "certificate_expired";
      case 46:
        return "certificate_unknown";
      case 48:
        return "unknown_ca";
      case 49:
        return "access_denied";
      case 51:
        return "decrypt_error";
      case 80:
        return "internal_error";
      case 116:
        return "certificate_required";
      case 120:
        return "no_application_protocol";
      default:
        return "alert";
    }
  }

  /**
   * @return whether the session ended with a close code (else with {@link #failure()})
   */
  public boolean isClose() {
    return closed;
  }

  /**
   * @return the close code, for a close
   */
  public int code() {
    return code;
  }

  /**
   * @return the close reason, for a close; null for a failure
   */
  public @Nullable String reason() {
    return reason;
  }

  /**
   * @return the failure; null for a close
   */
  public @Nullable ChatwireException failure() {
    return failure;
  }
}

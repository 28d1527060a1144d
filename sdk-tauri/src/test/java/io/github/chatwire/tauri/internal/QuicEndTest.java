package io.github.chatwire.tauri.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.IncompatibleProtocolException;
import io.github.chatwire.tauri.ClientCertificateRejectedException;
import io.github.chatwire.tauri.TauriTlsException;
import org.junit.jupiter.api.Test;

class QuicEndTest {

  @Test
  void keepAliveIntervalIsTheFractionOfTheNegotiatedIdleTimeoutWithAFloor() {
    assertEquals(3_000, KwikQuicTransport.keepAliveInterval(10_000, 0.3));
    assertEquals(600, KwikQuicTransport.keepAliveInterval(2_000, 0.3));
    assertEquals(50, KwikQuicTransport.keepAliveInterval(100, 0.1));
  }

  @Test
  void aLostConnectionSaysTheServerStoppedAnswering() {
    QuicEnd e =
        QuicEnd.classify("ConnectionLost", false, null, null, "No error", true, true, "tauri");
    assertInstanceOf(ConnectionLostException.class, e.failure());
    assertTrue(e.failure().getMessage().contains("stopped answering"), e.failure().getMessage());
  }

  @Test
  void applicationCloseBecomesCloseCode() {
    QuicEnd e =
        QuicEnd.classify(
            "ImmediateClose",
            true,
            null,
            4000L,
            "Application error: 4000 (bye)",
            true,
            true,
            "tauri");
    assertTrue(e.isClose());
    assertEquals(4000, e.code());
  }

  @Test
  void peerShutdownIsARetryableClose() {
    QuicEnd e = QuicEnd.classify("ImmediateClose", true, 0L, null, "No error", true, true, "tauri");
    assertTrue(e.isClose());
    assertEquals(0, e.code());
  }

  @Test
  void idleTimeoutIsRetryable() {
    QuicEnd e = QuicEnd.classify("IdleTimeout", false, null, null, null, true, true, "tauri");
    assertInstanceOf(ConnectionLostException.class, e.failure());
    assertTrue(e.failure().isRetryable());
  }

  @Test
  void cryptoErrorFromPeerAfterHandshakeIsARejectedClientCertificate() {
    QuicEnd internal =
        QuicEnd.classify(
            "ImmediateClose", true, 0x100L + 80, null, "CRYPTO_ERROR", true, true, "tauri");
    ClientCertificateRejectedException r =
        assertInstanceOf(ClientCertificateRejectedException.class, internal.failure());
    assertEquals(80, r.alert());
    assertFalse(r.isRetryable());
    QuicEnd required =
        QuicEnd.classify("ImmediateClose", true, 0x100L + 116, null, "", false, false, "tauri");
    assertInstanceOf(ClientCertificateRejectedException.class, required.failure());
    assertInstanceOf(
        ClientCertificateRejectedException.class,
        QuicEnd.classify("ImmediateClose", true, 0x100L + 80, null, "", false, true, "tauri")
            .failure());
    assertInstanceOf(
        TauriTlsException.class,
        QuicEnd.classify("ImmediateClose", true, 0x100L + 80, null, "", false, false, "tauri")
            .failure());
  }

  @Test
  void alpnRefusalIsIncompatibleAndLocalTlsFailureIsTerminal() {
    assertInstanceOf(
        IncompatibleProtocolException.class,
        QuicEnd.classify("ImmediateClose", true, 0x100L + 120, null, "", false, true, "x")
            .failure());
    QuicEnd local =
        QuicEnd.classify(
            "ImmediateClose", false, 0x100L + 42, null, "bad_certificate", false, true, "x");
    assertInstanceOf(TauriTlsException.class, local.failure());
    assertFalse(local.failure().isRetryable());
  }

  @Test
  void connectFailuresByMessage() {
    assertTrue(
        QuicEnd.classifyConnectFailure("Connection timed out after 10000 ms", "t")
            .failure()
            .isRetryable());
    assertInstanceOf(
        IncompatibleProtocolException.class,
        QuicEnd.classifyConnectFailure(
                "Handshake error: Server closed connection: TLS error 120: unsupported application protocol: t",
                "t")
            .failure());
    assertTrue(
        QuicEnd.classifyConnectFailure("Handshake error: ", "t").failure().isRetryable(),
        "kwik gives no reason: without a peer close it is not an authentication error");
    assertInstanceOf(
        TauriTlsException.class,
        QuicEnd.classifyConnectFailure("Handshake error: servername does not match", "t")
            .failure());
  }

  @Test
  void peerCloseDuringHandshakeFromKwiksLog() {
    String prefix =
        "Peer is closing ClientConnection[a/b(V1) with localhost/127.0.0.1:1] with error Transport error: ";
    ClientCertificateRejectedException required =
        assertInstanceOf(
            ClientCertificateRejectedException.class,
            QuicEnd.classifyPeerCloseDuringHandshake(
                    prefix + "CRYPTO_ERROR (certificate_required)", false, "t")
                .failure());
    assertEquals(116, required.alert());
    assertInstanceOf(
        ClientCertificateRejectedException.class,
        QuicEnd.classifyPeerCloseDuringHandshake(
                prefix + "CRYPTO_ERROR (internal_error)", true, "t")
            .failure());
    assertInstanceOf(
        TauriTlsException.class,
        QuicEnd.classifyPeerCloseDuringHandshake(
                prefix + "CRYPTO_ERROR (internal_error)", false, "t")
            .failure());
    assertInstanceOf(
        IncompatibleProtocolException.class,
        QuicEnd.classifyPeerCloseDuringHandshake(
                prefix + "CRYPTO_ERROR (no_application_protocol)", true, "t")
            .failure());
    assertTrue(
        QuicEnd.classifyPeerCloseDuringHandshake(prefix + "PROTOCOL_VIOLATION", true, "t")
            .failure()
            .isRetryable());
    // Go's crypto/tls answers a missing client certificate with bad_certificate, not 116.
    ClientCertificateRejectedException go =
        assertInstanceOf(
            ClientCertificateRejectedException.class,
            QuicEnd.classifyPeerCloseDuringHandshake(
                    prefix + "CRYPTO_ERROR (bad_certificate)", false, "t")
                .failure());
    assertEquals(42, go.alert());
  }

  @Test
  void peerCloseOfAnEstablishedConnectionFromKwiksLog() {
    String prefix = "Peer is closing ClientConnection[a/b(V1) with localhost/127.0.0.1:1]";
    assertInstanceOf(
        ClientCertificateRejectedException.class,
        QuicEnd.classifyPeerClose(
                prefix + " with error Transport error: CRYPTO_ERROR (certificate_required)",
                false,
                "t")
            .failure());
    assertInstanceOf(
        ClientCertificateRejectedException.class,
        QuicEnd.classifyPeerClose(
                prefix + " with error Transport error: CRYPTO_ERROR (internal_error)", false, "t")
            .failure());
    QuicEnd app =
        QuicEnd.classifyPeerClose(
            prefix + " with error Application error: 4001 (go away)", true, "t");
    assertTrue(app.isClose());
    assertEquals(4001, app.code());
    assertEquals("(go away)", app.reason());
    QuicEnd plain = QuicEnd.classifyPeerClose(prefix, true, "t");
    assertTrue(plain.isClose());
    assertEquals(0, plain.code());
  }
}

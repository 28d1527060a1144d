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
    void applicationCloseBecomesCloseCode() {
        QuicEnd e = QuicEnd.classify("ImmediateClose", true, null, 4000L, "Application error: 4000 (bye)", true, "tauri");
        assertTrue(e.isClose());
        assertEquals(4000, e.code());
    }

    @Test
    void peerShutdownIsARetryableClose() {
        QuicEnd e = QuicEnd.classify("ImmediateClose", true, 0L, null, "No error", true, "tauri");
        assertTrue(e.isClose());
        assertEquals(0, e.code());
    }

    @Test
    void idleTimeoutIsRetryable() {
        QuicEnd e = QuicEnd.classify("IdleTimeout", false, null, null, null, true, "tauri");
        assertInstanceOf(ConnectionLostException.class, e.failure());
        assertTrue(e.failure().isRetryable());
    }

    @Test
    void cryptoErrorFromPeerAfterHandshakeIsARejectedClientCertificate() {
        QuicEnd internal = QuicEnd.classify("ImmediateClose", true, 0x100L + 80, null, "CRYPTO_ERROR", true, "tauri");
        ClientCertificateRejectedException r = assertInstanceOf(ClientCertificateRejectedException.class, internal.failure());
        assertEquals(80, r.alert());
        assertFalse(r.isRetryable());
        QuicEnd required = QuicEnd.classify("ImmediateClose", true, 0x100L + 116, null, "", false, "tauri");
        assertInstanceOf(ClientCertificateRejectedException.class, required.failure());
    }

    @Test
    void alpnRefusalIsIncompatibleAndLocalTlsFailureIsTerminal() {
        assertInstanceOf(IncompatibleProtocolException.class,
                QuicEnd.classify("ImmediateClose", true, 0x100L + 120, null, "", false, "x").failure());
        QuicEnd local = QuicEnd.classify("ImmediateClose", false, 0x100L + 42, null, "bad_certificate", false, "x");
        assertInstanceOf(TauriTlsException.class, local.failure());
        assertFalse(local.failure().isRetryable());
    }

    @Test
    void connectFailuresByMessage() {
        assertTrue(QuicEnd.classifyConnectFailure("Connection timed out after 10000 ms", "t").failure().isRetryable());
        assertInstanceOf(IncompatibleProtocolException.class, QuicEnd.classifyConnectFailure(
                "Handshake error: Server closed connection: TLS error 120: unsupported application protocol: t", "t").failure());
        assertInstanceOf(ClientCertificateRejectedException.class,
                QuicEnd.classifyConnectFailure("Handshake error: ", "t").failure());
        assertInstanceOf(TauriTlsException.class,
                QuicEnd.classifyConnectFailure("Handshake error: servername does not match", "t").failure());
    }
}

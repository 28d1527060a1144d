/**
 * Test doubles for the Tauri push protocol: {@link
 * io.github.chatwire.testkit.tauri.FakeOmegaQuicServer} (Omega's push endpoint over real QUIC on
 * loopback), {@link io.github.chatwire.testkit.tauri.FakeOmegaNotificationHttpApi} (its
 * notification HTTP API) and {@link io.github.chatwire.testkit.tauri.TestCertificate} (in-memory
 * certificates). Usable in applications' own tests.
 */
@NullMarked
package io.github.chatwire.testkit.tauri;

import org.jspecify.annotations.NullMarked;

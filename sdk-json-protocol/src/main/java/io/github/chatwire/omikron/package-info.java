/**
 * The Omikron relay protocol (Tensamin): typed connections for the three roles a program can play,
 * built on the sdk-core connection engine.
 *
 * <ul>
 *   <li>{@link io.github.chatwire.omikron.OmikronClient}: a logged-in user ({@code /ws/client});
 *   <li>{@link io.github.chatwire.omikron.IotaConnection}: a user's home server ({@code /ws/iota});
 *   <li>{@link io.github.chatwire.omikron.CallGuestConnection}: an anonymous call guest ({@code
 *       /ws/anonymous_client}).
 * </ul>
 *
 * <p>The SDK speaks the last JSON/WebSocket generation of the real server (int64 ids, X448
 * challenge with a base64 answer) by default and reads the shapes of both spec documents and of
 * older server builds. Keys: {@link io.github.chatwire.omikron.OmikronPrivateKey}, {@link
 * io.github.chatwire.omikron.OmikronPublicKey}, {@link io.github.chatwire.omikron.OmikronKeyFile}.
 * Omega discovery lives in {@code io.github.chatwire.omikron.omega}; the wire format in {@code
 * codec} and {@code model}.
 *
 * <p>Unverified spec features: {@code user_invisible} exists only in the spec documents; no public
 * server implements it.
 */
@NullMarked
package io.github.chatwire.omikron;

import org.jspecify.annotations.NullMarked;

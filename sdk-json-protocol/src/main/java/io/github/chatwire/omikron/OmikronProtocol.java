package io.github.chatwire.omikron;

/**
 * The generation of the Omikron protocol a connection speaks, chosen per connection with {@code
 * protocol(...)} on {@link OmikronClient.Builder} and {@link IotaConnection.Builder}. Both give the
 * same API (events, requests, typed errors); they differ on the wire and in a few defaults.
 *
 * <p>The upstream Tensamin servers (Omikron, Iota) spoke the WebSocket protocol until 21 Feb 2026
 * and TTP from 27 Feb 2026 on; a server speaks one or the other, never both.
 */
public enum OmikronProtocol {
  /**
   * JSON text frames over a WebSocket ({@code wss://host/ws/client/}, {@code /ws/iota/}), as the
   * spec documents describe and the servers spoke until 21 Feb 2026 (eras E0–E3). The default.
   * Identification uses the configured {@link IdentificationStrategy} (default the X448 challenge
   * with a base64 answer); direct messages default to {@link
   * io.github.chatwire.omikron.codec.MessageScheme#WEB_CLIENT}.
   */
  WEBSOCKET,

  /**
   * TTP, the binary {@code CommunicationValue} codec over WebTransport (HTTP/3, UDP port 959), one
   * endpoint for every role, that the servers speak since 27 Feb 2026 (era E4). Needs a TTP
   * transport given with {@code transport(...)} (the {@code sdk-webtransport} module's {@code
   * WebTransportTransport}); a URL alone is not enough. Identification is the X448 challenge
   * answered with the plain decrypted string and must be answered with {@code
   * identification_response {accepted: true}}; message ids are random non-zero u32, user and Iota
   * ids 48-bit numbers; direct messages default to {@link
   * io.github.chatwire.omikron.codec.MessageScheme#HKDF_GCM}, the new client's scheme.
   */
  TTP
}

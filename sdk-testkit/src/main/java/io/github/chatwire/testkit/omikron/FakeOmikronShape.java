package io.github.chatwire.testkit.omikron;

/** Which documents the fake Omikron's messages follow. */
public enum FakeOmikronShape {
  /**
   * The reference server (E3): {@code sender}/{@code receiver} routing, Iota {@code
   * identification_response {accepted_ids, accepted: "<n>"}}, client pong {@code {ping_iota}}, Iota
   * pong {@code {ping_clients}}.
   */
  REFERENCE,
  /**
   * The newer spec document: {@code sender_id}/{@code receiver_id} routing, Iota messages without
   * {@code id}, Iota {@code identification_response {accepted: true}}, client pong {@code
   * {last_ping}}, Iota pong {@code {user_ping}}, and {@code client_changed} broadcast to the other
   * clients ({@code user_invisible} shown as {@code user_offline}, also in {@code get_user_data}).
   */
  SPEC
}

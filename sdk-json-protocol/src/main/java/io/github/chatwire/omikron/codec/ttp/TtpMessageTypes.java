package io.github.chatwire.omikron.codec.ttp;

import java.util.List;
import java.util.Objects;

/**
 * The TTP message type numbers: the {@code u8 type} of a message is a position in this ordered list
 * of 90 names ({@code error} = 0, {@code error_protocol} = 1, ... {@code complete_register} = 89),
 * the declaration order of {@code CommunicationType} in {@code Tensamin/TTP@e246d1a:
 * core/src/communication_types.rs}. It is the E3 WebSocket list with {@code error_protocol}
 * inserted at 1.
 *
 * <p>The new TypeScript client names position 35 {@code get_conversations} where the Rust list says
 * {@code get_chats}; both names find 35, and 35 is named {@code get_chats} (the name the WebSocket
 * protocol uses). A number beyond the list is kept, named {@code ttp_type_<n>}.
 *
 * <p>Thread-safe (immutable).
 */
public final class TtpMessageTypes {
  /** How many types the list has (90). */
  public static final int COUNT = 90;

  private static final NameTable TABLE =
      new NameTable(
          "ttp_type_",
          "error",
          "error_protocol",
          "error_anonymous",
          "error_internal",
          "error_invalid_data",
          "error_invalid_user_id",
          "error_invalid_omikron_id",
          "error_not_found",
          "error_not_authenticated",
          "error_no_iota",
          "error_invalid_challenge",
          "error_invalid_secret",
          "error_invalid_private_key",
          "error_invalid_public_key",
          "error_no_user_id",
          "error_no_call_id",
          "error_invalid_call_id",
          "success",
          "shorten_link",
          "settings_save",
          "settings_load",
          "settings_list",
          "message",
          "message_state",
          "message_send",
          "message_live",
          "message_other_iota",
          "message_chunk",
          "messages_get",
          "push_notification",
          "read_notification",
          "get_notifications",
          "change_confirm",
          "confirm_receive",
          "confirm_read",
          "get_chats",
          "get_states",
          "add_community",
          "remove_community",
          "get_communities",
          "challenge",
          "challenge_response",
          "register",
          "register_response",
          "identification",
          "identification_response",
          "register_iota",
          "register_iota_success",
          "ping",
          "pong",
          "add_conversation",
          "send_chat",
          "client_changed",
          "client_connected",
          "client_disconnected",
          "client_closed",
          "public_key",
          "private_key",
          "webrtc_sdp",
          "webrtc_ice",
          "start_stream",
          "end_stream",
          "watch_stream",
          "call_token",
          "call_invite",
          "call_disconnect_user",
          "call_timeout_user",
          "call_set_anonymous_joining",
          "end_call",
          "function",
          "update",
          "create_user",
          "rho_update",
          "user_connected",
          "user_disconnected",
          "iota_connected",
          "iota_disconnected",
          "sync_client_iota_status",
          "get_user_data",
          "get_iota_data",
          "iota_user_data",
          "change_user_data",
          "change_iota_data",
          "get_register",
          "complete_register_user",
          "complete_register_iota",
          "delete_user",
          "delete_iota",
          "start_register",
          "complete_register");

  static {
    TABLE.alias("get_conversations", 35);
  }

  private TtpMessageTypes() {}

  /**
   * The 90 known names in wire order.
   *
   * @return an unmodifiable list; the index is the wire number
   */
  public static List<String> names() {
    return TABLE.names();
  }

  /**
   * The name of a type number.
   *
   * @param code the type byte, 0 to 255
   * @return the known name, or {@code ttp_type_<code>} for a number beyond the list
   * @throws IllegalArgumentException if {@code code} is not 0 to 255
   */
  public static String name(int code) {
    return TABLE.name(code);
  }

  /**
   * The number of a type name, matched as the reference codecs match it (ignoring case and
   * underscores); {@code get_conversations} and {@code ttp_type_<n>} are understood too.
   *
   * @param name the name; never null
   * @return the wire number 0 to 255, or -1 if TTP has no such type
   * @throws NullPointerException if {@code name} is null
   */
  public static int code(String name) {
    return TABLE.code(Objects.requireNonNull(name, "name"));
  }
}

package io.github.chatwire.omikron.model;

import java.util.Collection;
import java.util.Locale;

/**
 * The {@code type} of an Omikron message: every name of the reference server's {@code
 * CommunicationType} list, the spec documents' names, and {@code add_chat} (sent by the web
 * Frontend). Matching is case- and underscore-insensitive, as on the real server ({@code
 * "getChats"}, {@code "GET_CHATS"} and {@code "get_chats"} are one type); on output the snake_case
 * name is written. Unknown names are kept, not dropped.
 *
 * <p>Immutable and thread-safe; compare with {@code equals}.
 */
public final class MessageType extends AbstractOpenValue {
  private static final OpenValueSet<MessageType> VALUES = new OpenValueSet<>(MessageType::new);

  /** {@code error}. */
  public static final MessageType ERROR = VALUES.known("error");

  /** {@code error_protocol}. */
  public static final MessageType ERROR_PROTOCOL = VALUES.known("error_protocol");

  /** {@code error_anonymous}. */
  public static final MessageType ERROR_ANONYMOUS = VALUES.known("error_anonymous");

  /** {@code error_internal}. */
  public static final MessageType ERROR_INTERNAL = VALUES.known("error_internal");

  /** {@code error_invalid_data}. */
  public static final MessageType ERROR_INVALID_DATA = VALUES.known("error_invalid_data");

  /** {@code error_invalid_user_id}. */
  public static final MessageType ERROR_INVALID_USER_ID = VALUES.known("error_invalid_user_id");

  /** {@code error_invalid_omikron_id}. */
  public static final MessageType ERROR_INVALID_OMIKRON_ID =
      VALUES.known("error_invalid_omikron_id");

  /** {@code error_not_found}. */
  public static final MessageType ERROR_NOT_FOUND = VALUES.known("error_not_found");

  /** {@code error_not_authenticated}. */
  public static final MessageType ERROR_NOT_AUTHENTICATED = VALUES.known("error_not_authenticated");

  /** {@code error_no_iota}. */
  public static final MessageType ERROR_NO_IOTA = VALUES.known("error_no_iota");

  /** {@code error_invalid_challenge}. */
  public static final MessageType ERROR_INVALID_CHALLENGE = VALUES.known("error_invalid_challenge");

  /** {@code error_invalid_secret}. */
  public static final MessageType ERROR_INVALID_SECRET = VALUES.known("error_invalid_secret");

  /** {@code error_invalid_private_key}. */
  public static final MessageType ERROR_INVALID_PRIVATE_KEY =
      VALUES.known("error_invalid_private_key");

  /** {@code error_invalid_public_key}. */
  public static final MessageType ERROR_INVALID_PUBLIC_KEY =
      VALUES.known("error_invalid_public_key");

  /** {@code error_no_user_id}. */
  public static final MessageType ERROR_NO_USER_ID = VALUES.known("error_no_user_id");

  /** {@code error_no_call_id}. */
  public static final MessageType ERROR_NO_CALL_ID = VALUES.known("error_no_call_id");

  /** {@code error_invalid_call_id}. */
  public static final MessageType ERROR_INVALID_CALL_ID = VALUES.known("error_invalid_call_id");

  /** {@code success}. */
  public static final MessageType SUCCESS = VALUES.known("success");

  /** {@code shorten_link}. */
  public static final MessageType SHORTEN_LINK = VALUES.known("shorten_link");

  /** {@code settings_save}. */
  public static final MessageType SETTINGS_SAVE = VALUES.known("settings_save");

  /** {@code settings_load}. */
  public static final MessageType SETTINGS_LOAD = VALUES.known("settings_load");

  /** {@code settings_list}. */
  public static final MessageType SETTINGS_LIST = VALUES.known("settings_list");

  /** {@code message}. */
  public static final MessageType MESSAGE = VALUES.known("message");

  /** {@code message_state}. */
  public static final MessageType MESSAGE_STATE = VALUES.known("message_state");

  /** {@code message_send}. */
  public static final MessageType MESSAGE_SEND = VALUES.known("message_send");

  /** {@code message_live}. */
  public static final MessageType MESSAGE_LIVE = VALUES.known("message_live");

  /** {@code message_other_iota}. */
  public static final MessageType MESSAGE_OTHER_IOTA = VALUES.known("message_other_iota");

  /** {@code message_chunk}. */
  public static final MessageType MESSAGE_CHUNK = VALUES.known("message_chunk");

  /** {@code messages_get}. */
  public static final MessageType MESSAGES_GET = VALUES.known("messages_get");

  /** {@code push_notification}. */
  public static final MessageType PUSH_NOTIFICATION = VALUES.known("push_notification");

  /** {@code read_notification}. */
  public static final MessageType READ_NOTIFICATION = VALUES.known("read_notification");

  /** {@code get_notifications}. */
  public static final MessageType GET_NOTIFICATIONS = VALUES.known("get_notifications");

  /** {@code change_confirm}. */
  public static final MessageType CHANGE_CONFIRM = VALUES.known("change_confirm");

  /** {@code confirm_receive}. */
  public static final MessageType CONFIRM_RECEIVE = VALUES.known("confirm_receive");

  /** {@code confirm_read}. */
  public static final MessageType CONFIRM_READ = VALUES.known("confirm_read");

  /** {@code get_chats}. */
  public static final MessageType GET_CHATS = VALUES.known("get_chats");

  /** {@code get_states}. */
  public static final MessageType GET_STATES = VALUES.known("get_states");

  /** {@code add_community}. */
  public static final MessageType ADD_COMMUNITY = VALUES.known("add_community");

  /** {@code remove_community}. */
  public static final MessageType REMOVE_COMMUNITY = VALUES.known("remove_community");

  /** {@code get_communities}. */
  public static final MessageType GET_COMMUNITIES = VALUES.known("get_communities");

  /** {@code challenge}. */
  public static final MessageType CHALLENGE = VALUES.known("challenge");

  /** {@code challenge_response}. */
  public static final MessageType CHALLENGE_RESPONSE = VALUES.known("challenge_response");

  /** {@code register}. */
  public static final MessageType REGISTER = VALUES.known("register");

  /** {@code register_response}. */
  public static final MessageType REGISTER_RESPONSE = VALUES.known("register_response");

  /** {@code identification}. */
  public static final MessageType IDENTIFICATION = VALUES.known("identification");

  /** {@code identification_response}. */
  public static final MessageType IDENTIFICATION_RESPONSE = VALUES.known("identification_response");

  /** {@code register_iota}. */
  public static final MessageType REGISTER_IOTA = VALUES.known("register_iota");

  /** {@code register_iota_success}. */
  public static final MessageType REGISTER_IOTA_SUCCESS = VALUES.known("register_iota_success");

  /** {@code ping}. */
  public static final MessageType PING = VALUES.known("ping");

  /** {@code pong}. */
  public static final MessageType PONG = VALUES.known("pong");

  /** {@code add_conversation}. */
  public static final MessageType ADD_CONVERSATION = VALUES.known("add_conversation");

  /** {@code send_chat}. */
  public static final MessageType SEND_CHAT = VALUES.known("send_chat");

  /** {@code client_changed}. */
  public static final MessageType CLIENT_CHANGED = VALUES.known("client_changed");

  /** {@code client_connected}. */
  public static final MessageType CLIENT_CONNECTED = VALUES.known("client_connected");

  /** {@code client_disconnected}. */
  public static final MessageType CLIENT_DISCONNECTED = VALUES.known("client_disconnected");

  /** {@code client_closed}. */
  public static final MessageType CLIENT_CLOSED = VALUES.known("client_closed");

  /** {@code public_key}. */
  public static final MessageType PUBLIC_KEY = VALUES.known("public_key");

  /** {@code private_key}. */
  public static final MessageType PRIVATE_KEY = VALUES.known("private_key");

  /** {@code webrtc_sdp}. */
  public static final MessageType WEBRTC_SDP = VALUES.known("webrtc_sdp");

  /** {@code webrtc_ice}. */
  public static final MessageType WEBRTC_ICE = VALUES.known("webrtc_ice");

  /** {@code start_stream}. */
  public static final MessageType START_STREAM = VALUES.known("start_stream");

  /** {@code end_stream}. */
  public static final MessageType END_STREAM = VALUES.known("end_stream");

  /** {@code watch_stream}. */
  public static final MessageType WATCH_STREAM = VALUES.known("watch_stream");

  /** {@code call_token}. */
  public static final MessageType CALL_TOKEN = VALUES.known("call_token");

  /** {@code call_invite}. */
  public static final MessageType CALL_INVITE = VALUES.known("call_invite");

  /** {@code call_disconnect_user}. */
  public static final MessageType CALL_DISCONNECT_USER = VALUES.known("call_disconnect_user");

  /** {@code call_timeout_user}. */
  public static final MessageType CALL_TIMEOUT_USER = VALUES.known("call_timeout_user");

  /** {@code call_set_anonymous_joining}. */
  public static final MessageType CALL_SET_ANONYMOUS_JOINING =
      VALUES.known("call_set_anonymous_joining");

  /** {@code end_call}. */
  public static final MessageType END_CALL = VALUES.known("end_call");

  /** {@code function}. */
  public static final MessageType FUNCTION = VALUES.known("function");

  /** {@code update}. */
  public static final MessageType UPDATE = VALUES.known("update");

  /** {@code create_user}. */
  public static final MessageType CREATE_USER = VALUES.known("create_user");

  /** {@code rho_update}. */
  public static final MessageType RHO_UPDATE = VALUES.known("rho_update");

  /** {@code user_connected}. */
  public static final MessageType USER_CONNECTED = VALUES.known("user_connected");

  /** {@code user_disconnected}. */
  public static final MessageType USER_DISCONNECTED = VALUES.known("user_disconnected");

  /** {@code iota_connected}. */
  public static final MessageType IOTA_CONNECTED = VALUES.known("iota_connected");

  /** {@code iota_disconnected}. */
  public static final MessageType IOTA_DISCONNECTED = VALUES.known("iota_disconnected");

  /** {@code sync_client_iota_status}. */
  public static final MessageType SYNC_CLIENT_IOTA_STATUS = VALUES.known("sync_client_iota_status");

  /** {@code get_user_data}. */
  public static final MessageType GET_USER_DATA = VALUES.known("get_user_data");

  /** {@code get_iota_data}. */
  public static final MessageType GET_IOTA_DATA = VALUES.known("get_iota_data");

  /** {@code iota_user_data}. */
  public static final MessageType IOTA_USER_DATA = VALUES.known("iota_user_data");

  /** {@code change_user_data}. */
  public static final MessageType CHANGE_USER_DATA = VALUES.known("change_user_data");

  /** {@code change_iota_data}. */
  public static final MessageType CHANGE_IOTA_DATA = VALUES.known("change_iota_data");

  /** {@code get_register}. */
  public static final MessageType GET_REGISTER = VALUES.known("get_register");

  /** {@code complete_register_user}. */
  public static final MessageType COMPLETE_REGISTER_USER = VALUES.known("complete_register_user");

  /** {@code complete_register_iota}. */
  public static final MessageType COMPLETE_REGISTER_IOTA = VALUES.known("complete_register_iota");

  /** {@code delete_user}. */
  public static final MessageType DELETE_USER = VALUES.known("delete_user");

  /** {@code delete_iota}. */
  public static final MessageType DELETE_IOTA = VALUES.known("delete_iota");

  /** {@code start_register}. */
  public static final MessageType START_REGISTER = VALUES.known("start_register");

  /** {@code complete_register}. */
  public static final MessageType COMPLETE_REGISTER = VALUES.known("complete_register");

  /** {@code add_chat}. */
  public static final MessageType ADD_CHAT = VALUES.known("add_chat");

  private MessageType(String wireName, boolean known) {
    super(wireName, known);
  }

  /**
   * The type for a name as received.
   *
   * @param name the name; never null
   * @return the known constant, or an unknown type holding {@code name} as given
   */
  public static MessageType of(String name) {
    return VALUES.of(name);
  }

  /**
   * All known types in declaration order.
   *
   * @return an unmodifiable collection
   */
  public static Collection<MessageType> knownTypes() {
    return VALUES.values();
  }

  /**
   * Whether this is an error reply: its name starts with {@code error} (case-insensitive), which is
   * how the official clients decide.
   *
   * @return true for {@code error} and every {@code error_*}
   */
  public boolean isError() {
    return wireName().toLowerCase(Locale.ROOT).startsWith("error");
  }
}

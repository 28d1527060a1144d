package io.github.chatwire.omikron.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code type} of an Omikron message: every name of the reference server's
 * {@code CommunicationType} list, the spec documents' names, and {@code add_chat} (sent by the
 * web Frontend). Matching is case- and underscore-insensitive, as on the real server
 * ({@code "getChats"}, {@code "GET_CHATS"} and {@code "get_chats"} are one type); on output the
 * snake_case name is written. Unknown names are kept, not dropped.
 *
 * <p>Immutable and thread-safe; compare with {@code equals}.
 */
public final class MessageType implements OpenValue {
    private static final Map<String, MessageType> KNOWN = new LinkedHashMap<>();

    /** {@code error}. */
    public static final MessageType ERROR = known("error");
    /** {@code error_protocol}. */
    public static final MessageType ERROR_PROTOCOL = known("error_protocol");
    /** {@code error_anonymous}. */
    public static final MessageType ERROR_ANONYMOUS = known("error_anonymous");
    /** {@code error_internal}. */
    public static final MessageType ERROR_INTERNAL = known("error_internal");
    /** {@code error_invalid_data}. */
    public static final MessageType ERROR_INVALID_DATA = known("error_invalid_data");
    /** {@code error_invalid_user_id}. */
    public static final MessageType ERROR_INVALID_USER_ID = known("error_invalid_user_id");
    /** {@code error_invalid_omikron_id}. */
    public static final MessageType ERROR_INVALID_OMIKRON_ID = known("error_invalid_omikron_id");
    /** {@code error_not_found}. */
    public static final MessageType ERROR_NOT_FOUND = known("error_not_found");
    /** {@code error_not_authenticated}. */
    public static final MessageType ERROR_NOT_AUTHENTICATED = known("error_not_authenticated");
    /** {@code error_no_iota}. */
    public static final MessageType ERROR_NO_IOTA = known("error_no_iota");
    /** {@code error_invalid_challenge}. */
    public static final MessageType ERROR_INVALID_CHALLENGE = known("error_invalid_challenge");
    /** {@code error_invalid_secret}. */
    public static final MessageType ERROR_INVALID_SECRET = known("error_invalid_secret");
    /** {@code error_invalid_private_key}. */
    public static final MessageType ERROR_INVALID_PRIVATE_KEY = known("error_invalid_private_key");
    /** {@code error_invalid_public_key}. */
    public static final MessageType ERROR_INVALID_PUBLIC_KEY = known("error_invalid_public_key");
    /** {@code error_no_user_id}. */
    public static final MessageType ERROR_NO_USER_ID = known("error_no_user_id");
    /** {@code error_no_call_id}. */
    public static final MessageType ERROR_NO_CALL_ID = known("error_no_call_id");
    /** {@code error_invalid_call_id}. */
    public static final MessageType ERROR_INVALID_CALL_ID = known("error_invalid_call_id");
    /** {@code success}. */
    public static final MessageType SUCCESS = known("success");
    /** {@code shorten_link}. */
    public static final MessageType SHORTEN_LINK = known("shorten_link");
    /** {@code settings_save}. */
    public static final MessageType SETTINGS_SAVE = known("settings_save");
    /** {@code settings_load}. */
    public static final MessageType SETTINGS_LOAD = known("settings_load");
    /** {@code settings_list}. */
    public static final MessageType SETTINGS_LIST = known("settings_list");
    /** {@code message}. */
    public static final MessageType MESSAGE = known("message");
    /** {@code message_state}. */
    public static final MessageType MESSAGE_STATE = known("message_state");
    /** {@code message_send}. */
    public static final MessageType MESSAGE_SEND = known("message_send");
    /** {@code message_live}. */
    public static final MessageType MESSAGE_LIVE = known("message_live");
    /** {@code message_other_iota}. */
    public static final MessageType MESSAGE_OTHER_IOTA = known("message_other_iota");
    /** {@code message_chunk}. */
    public static final MessageType MESSAGE_CHUNK = known("message_chunk");
    /** {@code messages_get}. */
    public static final MessageType MESSAGES_GET = known("messages_get");
    /** {@code push_notification}. */
    public static final MessageType PUSH_NOTIFICATION = known("push_notification");
    /** {@code read_notification}. */
    public static final MessageType READ_NOTIFICATION = known("read_notification");
    /** {@code get_notifications}. */
    public static final MessageType GET_NOTIFICATIONS = known("get_notifications");
    /** {@code change_confirm}. */
    public static final MessageType CHANGE_CONFIRM = known("change_confirm");
    /** {@code confirm_receive}. */
    public static final MessageType CONFIRM_RECEIVE = known("confirm_receive");
    /** {@code confirm_read}. */
    public static final MessageType CONFIRM_READ = known("confirm_read");
    /** {@code get_chats}. */
    public static final MessageType GET_CHATS = known("get_chats");
    /** {@code get_states}. */
    public static final MessageType GET_STATES = known("get_states");
    /** {@code add_community}. */
    public static final MessageType ADD_COMMUNITY = known("add_community");
    /** {@code remove_community}. */
    public static final MessageType REMOVE_COMMUNITY = known("remove_community");
    /** {@code get_communities}. */
    public static final MessageType GET_COMMUNITIES = known("get_communities");
    /** {@code challenge}. */
    public static final MessageType CHALLENGE = known("challenge");
    /** {@code challenge_response}. */
    public static final MessageType CHALLENGE_RESPONSE = known("challenge_response");
    /** {@code register}. */
    public static final MessageType REGISTER = known("register");
    /** {@code register_response}. */
    public static final MessageType REGISTER_RESPONSE = known("register_response");
    /** {@code identification}. */
    public static final MessageType IDENTIFICATION = known("identification");
    /** {@code identification_response}. */
    public static final MessageType IDENTIFICATION_RESPONSE = known("identification_response");
    /** {@code register_iota}. */
    public static final MessageType REGISTER_IOTA = known("register_iota");
    /** {@code register_iota_success}. */
    public static final MessageType REGISTER_IOTA_SUCCESS = known("register_iota_success");
    /** {@code ping}. */
    public static final MessageType PING = known("ping");
    /** {@code pong}. */
    public static final MessageType PONG = known("pong");
    /** {@code add_conversation}. */
    public static final MessageType ADD_CONVERSATION = known("add_conversation");
    /** {@code send_chat}. */
    public static final MessageType SEND_CHAT = known("send_chat");
    /** {@code client_changed}. */
    public static final MessageType CLIENT_CHANGED = known("client_changed");
    /** {@code client_connected}. */
    public static final MessageType CLIENT_CONNECTED = known("client_connected");
    /** {@code client_disconnected}. */
    public static final MessageType CLIENT_DISCONNECTED = known("client_disconnected");
    /** {@code client_closed}. */
    public static final MessageType CLIENT_CLOSED = known("client_closed");
    /** {@code public_key}. */
    public static final MessageType PUBLIC_KEY = known("public_key");
    /** {@code private_key}. */
    public static final MessageType PRIVATE_KEY = known("private_key");
    /** {@code webrtc_sdp}. */
    public static final MessageType WEBRTC_SDP = known("webrtc_sdp");
    /** {@code webrtc_ice}. */
    public static final MessageType WEBRTC_ICE = known("webrtc_ice");
    /** {@code start_stream}. */
    public static final MessageType START_STREAM = known("start_stream");
    /** {@code end_stream}. */
    public static final MessageType END_STREAM = known("end_stream");
    /** {@code watch_stream}. */
    public static final MessageType WATCH_STREAM = known("watch_stream");
    /** {@code call_token}. */
    public static final MessageType CALL_TOKEN = known("call_token");
    /** {@code call_invite}. */
    public static final MessageType CALL_INVITE = known("call_invite");
    /** {@code call_disconnect_user}. */
    public static final MessageType CALL_DISCONNECT_USER = known("call_disconnect_user");
    /** {@code call_timeout_user}. */
    public static final MessageType CALL_TIMEOUT_USER = known("call_timeout_user");
    /** {@code call_set_anonymous_joining}. */
    public static final MessageType CALL_SET_ANONYMOUS_JOINING = known("call_set_anonymous_joining");
    /** {@code end_call}. */
    public static final MessageType END_CALL = known("end_call");
    /** {@code function}. */
    public static final MessageType FUNCTION = known("function");
    /** {@code update}. */
    public static final MessageType UPDATE = known("update");
    /** {@code create_user}. */
    public static final MessageType CREATE_USER = known("create_user");
    /** {@code rho_update}. */
    public static final MessageType RHO_UPDATE = known("rho_update");
    /** {@code user_connected}. */
    public static final MessageType USER_CONNECTED = known("user_connected");
    /** {@code user_disconnected}. */
    public static final MessageType USER_DISCONNECTED = known("user_disconnected");
    /** {@code iota_connected}. */
    public static final MessageType IOTA_CONNECTED = known("iota_connected");
    /** {@code iota_disconnected}. */
    public static final MessageType IOTA_DISCONNECTED = known("iota_disconnected");
    /** {@code sync_client_iota_status}. */
    public static final MessageType SYNC_CLIENT_IOTA_STATUS = known("sync_client_iota_status");
    /** {@code get_user_data}. */
    public static final MessageType GET_USER_DATA = known("get_user_data");
    /** {@code get_iota_data}. */
    public static final MessageType GET_IOTA_DATA = known("get_iota_data");
    /** {@code iota_user_data}. */
    public static final MessageType IOTA_USER_DATA = known("iota_user_data");
    /** {@code change_user_data}. */
    public static final MessageType CHANGE_USER_DATA = known("change_user_data");
    /** {@code change_iota_data}. */
    public static final MessageType CHANGE_IOTA_DATA = known("change_iota_data");
    /** {@code get_register}. */
    public static final MessageType GET_REGISTER = known("get_register");
    /** {@code complete_register_user}. */
    public static final MessageType COMPLETE_REGISTER_USER = known("complete_register_user");
    /** {@code complete_register_iota}. */
    public static final MessageType COMPLETE_REGISTER_IOTA = known("complete_register_iota");
    /** {@code delete_user}. */
    public static final MessageType DELETE_USER = known("delete_user");
    /** {@code delete_iota}. */
    public static final MessageType DELETE_IOTA = known("delete_iota");
    /** {@code start_register}. */
    public static final MessageType START_REGISTER = known("start_register");
    /** {@code complete_register}. */
    public static final MessageType COMPLETE_REGISTER = known("complete_register");
    /** {@code add_chat}. */
    public static final MessageType ADD_CHAT = known("add_chat");

    private final String wireName;
    private final boolean known;

    private MessageType(String wireName, boolean known) {
        this.wireName = wireName;
        this.known = known;
    }

    private static MessageType known(String name) {
        MessageType t = new MessageType(name, true);
        KNOWN.put(normalize(name), t);
        return t;
    }

    private static String normalize(String s) {
        return s.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The type for a name as received.
     *
     * @param name the name; never null
     * @return the known constant, or an unknown type holding {@code name} as given
     */
    public static MessageType of(String name) {
        Objects.requireNonNull(name, "name");
        MessageType t = KNOWN.get(normalize(name));
        return t != null ? t : new MessageType(name, false);
    }

    /**
     * All known types in declaration order.
     *
     * @return an unmodifiable collection
     */
    public static Collection<MessageType> knownTypes() {
        return Collections.unmodifiableCollection(KNOWN.values());
    }

    /**
     * Whether this is an error reply: its name starts with {@code error} (case-insensitive),
     * which is how the official clients decide.
     *
     * @return true for {@code error} and every {@code error_*}
     */
    public boolean isError() {
        return wireName.toLowerCase(Locale.ROOT).startsWith("error");
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public boolean isKnown() {
        return known;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageType && ((MessageType) o).wireName.equals(wireName);
    }

    @Override
    public int hashCode() {
        return wireName.hashCode();
    }

    /** @return the wire name */
    @Override
    public String toString() {
        return wireName;
    }
}

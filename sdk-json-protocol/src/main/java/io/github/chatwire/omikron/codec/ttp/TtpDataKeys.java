package io.github.chatwire.omikron.codec.ttp;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The TTP data keys: the {@code u8 key} of a container entry is a position in this ordered list of
 * 90 names ({@code error_type} = 0, {@code error_protocol} = 1, ... {@code sent_by_self} = 89), the
 * declaration order of {@code DataTypes} in {@code Tensamin/TTP@e246d1a:core/src/data_types.rs}. A
 * number beyond the list is kept, named {@code ttp_key_<n>}.
 *
 * <p>Each key has one expected kind, from the new client's codec table ({@code
 * Tensamin/Client@04f8ab0:packages/ttp/src/codec.ts}; {@code sent_by_self}, which that table lacks,
 * is a boolean in its schemas). Keys that table gives the kind {@code null} are not pinned to a
 * value shape: {@link #expectedKind(int)} says {@link TtpKind#NULL} for them. Two keys, {@code
 * last_ping} and {@code ping_iota}, are number arrays on the wire that the client reads and writes
 * as one number ({@link #isScalarArray(int)}).
 *
 * <p>Thread-safe (immutable).
 */
public final class TtpDataKeys {
  /** How many keys the list has (90). */
  public static final int COUNT = 90;

  private static final NameTable TABLE =
      new NameTable(
          "ttp_key_",
          "error_type",
          "error_protocol",
          "accepted_ids",
          "uuid",
          "register_id",
          "link",
          "settings",
          "settings_name",
          "chat_partner_id",
          "chat_partner_name",
          "iota_id",
          "user_id",
          "user_ids",
          "iota_ids",
          "user_state",
          "user_states",
          "user_pings",
          "call_state",
          "screen_share",
          "private_key_hash",
          "accepted",
          "accepted_profiles",
          "denied_profiles",
          "content",
          "messages",
          "notifications",
          "send_time",
          "get_time",
          "get_variant",
          "shared_secret_own",
          "shared_secret_other",
          "shared_secret_sign",
          "shared_secret",
          "call_id",
          "call_token",
          "untill",
          "enabled",
          "start_date",
          "end_date",
          "receiver_id",
          "sender_id",
          "signature",
          "signed",
          "message",
          "message_state",
          "last_ping",
          "ping_iota",
          "ping_clients",
          "matches",
          "omikron",
          "offset",
          "amount",
          "position",
          "name",
          "path",
          "codec",
          "function",
          "payload",
          "result",
          "interactables",
          "want_to_watch",
          "watcher",
          "created_at",
          "username",
          "display",
          "avatar",
          "about",
          "status",
          "public_key",
          "sub_level",
          "sub_end",
          "community_address",
          "challenge",
          "community_title",
          "communities",
          "rho_connections",
          "user",
          "online_status",
          "omikron_id",
          "omikron_connections",
          "reset_token",
          "new_token",
          "call_invited",
          "call_members",
          "calls",
          "timeout",
          "has_admin",
          "last_message_at",
          "height",
          "sent_by_self");

  private static final int LAST_PING = TABLE.code("last_ping");
  private static final int PING_IOTA = TABLE.code("ping_iota");
  private static final TtpKind[] KINDS = new TtpKind[COUNT];
  private static final @Nullable TtpKind[] ELEMENT_KINDS = new TtpKind[COUNT];

  static {
    kinds(
        TtpKind.INT64,
        null,
        "user_id",
        "sender_id",
        "register_id",
        "receiver_id",
        "call_id",
        "amount",
        "position",
        "offset",
        "timeout",
        "iota_id",
        "chat_partner_id",
        "untill",
        "start_date",
        "end_date",
        "omikron_id",
        "send_time",
        "sub_level",
        "sub_end",
        "last_message_at",
        "height");
    kinds(
        TtpKind.STRING,
        null,
        "error_type",
        "username",
        "display",
        "avatar",
        "about",
        "public_key",
        "message",
        "content",
        "path",
        "codec",
        "function",
        "uuid",
        "link",
        "settings_name",
        "chat_partner_name",
        "user_state",
        "call_state",
        "private_key_hash",
        "name",
        "shared_secret_own",
        "shared_secret_other",
        "shared_secret_sign",
        "shared_secret",
        "message_state",
        "signature",
        "reset_token",
        "new_token",
        "call_token",
        "challenge",
        "online_status");
    kinds(
        TtpKind.ARRAY, TtpKind.CONTAINER, "messages", "communities", "rho_connections", "matches");
    kinds(
        TtpKind.ARRAY,
        TtpKind.INT64,
        "notifications",
        "iota_ids",
        "user_ids",
        "accepted_ids",
        "last_ping",
        "ping_iota",
        "get_time",
        "omikron_connections");
    kinds(TtpKind.ARRAY, TtpKind.STRING, "user_states");
    kinds(
        TtpKind.CONTAINER,
        null,
        "settings",
        "user",
        "payload",
        "result",
        "ping_clients",
        "user_pings");
    kinds(
        TtpKind.BOOL,
        null,
        "enabled",
        "signed",
        "accepted",
        "has_admin",
        "screen_share",
        "sent_by_self");
    kinds(
        TtpKind.NULL,
        null,
        "error_protocol",
        "accepted_profiles",
        "denied_profiles",
        "get_variant",
        "omikron",
        "interactables",
        "want_to_watch",
        "watcher",
        "created_at",
        "status",
        "community_address",
        "community_title",
        "call_invited",
        "call_members",
        "calls");
    for (int i = 0; i < COUNT; i++) {
      if (KINDS[i] == null) {
        throw new IllegalStateException("no kind for " + TABLE.name(i));
      }
    }
  }

  private static void kinds(TtpKind kind, @Nullable TtpKind element, String... names) {
    for (String n : names) {
      int c = TABLE.code(n);
      if (c < 0 || c >= COUNT || KINDS[c] != null) {
        throw new IllegalStateException("bad kind registration " + n);
      }
      KINDS[c] = kind;
      ELEMENT_KINDS[c] = element;
    }
  }

  private TtpDataKeys() {}

  /**
   * The 90 known names in wire order.
   *
   * @return an unmodifiable list; the index is the wire number
   */
  public static List<String> names() {
    return TABLE.names();
  }

  /**
   * The name of a key number.
   *
   * @param code the key byte, 0 to 255
   * @return the known name, or {@code ttp_key_<code>} for a number beyond the list
   * @throws IllegalArgumentException if {@code code} is not 0 to 255
   */
  public static String name(int code) {
    return TABLE.name(code);
  }

  /**
   * The number of a key name, matched as the reference codecs match it (ignoring case and
   * underscores); {@code ttp_key_<n>} is understood too.
   *
   * @param name the name; never null
   * @return the wire number 0 to 255, or -1 if TTP has no such key
   * @throws NullPointerException if {@code name} is null
   */
  public static int code(String name) {
    return TABLE.code(Objects.requireNonNull(name, "name"));
  }

  /**
   * The kind a key's value has.
   *
   * @param code the key byte, 0 to 255
   * @return the kind, {@link TtpKind#NULL} for a key whose shape is not pinned, or null for a
   *     number beyond the list
   */
  public static @Nullable TtpKind expectedKind(int code) {
    return code >= 0 && code < COUNT ? KINDS[code] : null;
  }

  /**
   * The kind of the elements of an array-valued key.
   *
   * @param code the key byte, 0 to 255
   * @return the element kind, or null if the key is not array-valued
   */
  public static @Nullable TtpKind elementKind(int code) {
    return code >= 0 && code < COUNT ? ELEMENT_KINDS[code] : null;
  }

  /**
   * Whether a key is a one-element number array on the wire that the client treats as one number
   * ({@code last_ping}, {@code ping_iota}).
   *
   * @param code the key byte, 0 to 255
   * @return true for those two keys
   */
  public static boolean isScalarArray(int code) {
    return code == LAST_PING || code == PING_IOTA;
  }
}

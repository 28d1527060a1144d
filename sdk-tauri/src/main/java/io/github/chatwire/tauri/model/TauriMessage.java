package io.github.chatwire.tauri.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of the Tauri push channel: the {@code {"type": ..., "data": {...}}} envelope, decoded
 * into one of the immutable records nested here. Messages of a type this SDK does not know are kept
 * as {@link Unknown}, not dropped.
 *
 * <p>All implementations are immutable and thread-safe.
 */
public interface TauriMessage {
  /**
   * The wire value of the {@code type} field.
   *
   * @return the type; never null
   */
  String type();

  /**
   * Client to server, first message: identifies the user this device receives pushes for.
   *
   * @param userId the user id, sent as a JSON string; never null
   */
  record Identification(String userId) implements TauriMessage {
    /** The wire type. */
    public static final String TYPE = "tauri_identification";

    /**
     * Validates the components.
     *
     * @param userId the user id, sent as a JSON string; never null
     */
    public Identification {
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * Server to client: the identification was accepted.
   *
   * @param id the server's message id; null if the server sent none
   */
  record Success(@Nullable String id) implements TauriMessage {
    /** The wire type. */
    public static final String TYPE = "success";

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * Server to client heartbeat; the client must answer with a {@link Pong}.
   *
   * @param lastPing the server's {@code last_ping} value (its meaning is not specified)
   */
  record Ping(long lastPing) implements TauriMessage {
    /** The wire type. */
    public static final String TYPE = "ping";

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * Client to server answer to a {@link Ping}.
   *
   * @param lastPing the {@code last_ping} value to send
   */
  record Pong(long lastPing) implements TauriMessage {
    /** The wire type. */
    public static final String TYPE = "pong";

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * Server to client: a message from {@code senderId} arrived while the user was offline.
   *
   * @param senderId the sending user's id (numbers on the wire are kept as their decimal text);
   *     never null
   */
  record PushNotification(String senderId) implements TauriMessage {
    /** The wire type. */
    public static final String TYPE = "push_notification";

    /**
     * Validates the components.
     *
     * @param senderId the sending user's id (numbers on the wire are kept as their decimal text);
     *     never null
     */
    public PushNotification {
      Objects.requireNonNull(senderId, "senderId");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * Server to client: the user read the messages of {@code senderId} on some device; clear the
   * badge.
   *
   * @param senderId the sending user's id; never null
   */
  record ReadNotification(String senderId) implements TauriMessage {
    /** The wire type. */
    public static final String TYPE = "read_notification";

    /**
     * Validates the components.
     *
     * @param senderId the sending user's id; never null
     */
    public ReadNotification {
      Objects.requireNonNull(senderId, "senderId");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * A well-formed message whose type this SDK does not know, kept with its raw JSON.
   *
   * @param type the wire type; never null
   * @param json the whole message as received; never null
   */
  record Unknown(String type, String json) implements TauriMessage {
    /**
     * Validates the components.
     *
     * @param type the wire type; never null
     * @param json the whole message as received; never null
     */
    public Unknown {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(json, "json");
    }

    @Override
    public String toString() {
      return "Unknown[type=" + type + ", " + json.length() + " chars]";
    }
  }
}

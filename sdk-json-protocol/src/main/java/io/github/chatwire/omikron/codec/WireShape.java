package io.github.chatwire.omikron.codec;

/** Which envelope shape {@link OmikronCodec#encode} writes. Reading accepts every shape. */
public enum WireShape {
  /**
   * The real server's shape (E2/E3): {@code {"id","type","sender","receiver","data"}} with {@code
   * sender}/{@code receiver} as JSON numbers, written only when set. The default.
   */
  REFERENCE,
  /**
   * The newer spec document's shape: {@code {"id","type","data"}} with routing as top-level {@code
   * sender_id}/{@code receiver_id}, written only when set.
   */
  SPEC,
  /**
   * The older spec document's shape: as {@link #SPEC} plus a {@code "log": {"message",
   * "log_level"}} object on every message.
   */
  SPEC_WITH_LOG
}

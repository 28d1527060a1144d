package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A role. The server keys roles by name; {@code name} is that key. Immutable.
 *
 * @param name the role name (the key of the roles map); null only in malformed data
 * @param id the role id; may be null
 * @param description may be null
 * @param color "#RRGGBB"; may be null
 * @param hoisted whether shown separately (null when the frame did not say: absent means unknown,
 *     not false)
 * @param permissions server-wide permission names; never null (legacy object forms give empty)
 * @param selfAssignable whether users may take it themselves (null when the frame did not say:
 *     absent means unknown, not false)
 * @param category may be null
 * @param position 0 = highest; null if absent
 * @param raw the whole JSON object; never null
 */
public record Role(
    @Nullable String name,
    @Nullable String id,
    @Nullable String description,
    @Nullable String color,
    @Nullable Boolean hoisted,
    List<String> permissions,
    @Nullable Boolean selfAssignable,
    @Nullable String category,
    @Nullable Long position,
    Map<String, Object> raw) {}

package io.github.chatwire.originchats.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Server identity from the handshake or server_info.
 *
 * @param name the server name; may be null
 * @param icon icon URL; may be null
 * @param banner banner URL; may be null
 * @param url the server's public URL; may be null
 * @param ownerName the owner's name; may be null
 * @param raw the whole JSON object; never null
 */
public record ServerInfo(
    @Nullable String name,
    @Nullable String icon,
    @Nullable String banner,
    @Nullable String url,
    @Nullable String ownerName,
    Map<String, Object> raw) {}

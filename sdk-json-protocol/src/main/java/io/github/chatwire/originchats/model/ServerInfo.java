package io.github.chatwire.originchats.model;

import java.util.Map;

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
    String name,
    String icon,
    String banner,
    String url,
    String ownerName,
    Map<String, Object> raw) {}

package io.github.chatwire.originchats.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server's content limits from the handshake.
 *
 * @param postContent the most code points of a message after stripping whitespace; null if not sent
 * @param searchResults the most search results; null if not sent
 * @param raw the whole JSON object (other limits kept); never null
 */
public record Limits(
    @Nullable Long postContent, @Nullable Long searchResults, Map<String, Object> raw) {}

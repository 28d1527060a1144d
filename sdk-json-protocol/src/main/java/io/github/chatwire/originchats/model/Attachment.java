package io.github.chatwire.originchats.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An uploaded file. Immutable.
 *
 * @param id the attachment id; may be null only in malformed data
 * @param name the file name; may be null
 * @param mimeType the MIME type; may be null
 * @param size the size in bytes; null if unknown
 * @param url where to download it; may be null
 * @param expiresAt Unix seconds of expiry; null when permanent or unknown
 * @param permanent whether it never expires (null when the frame did not say: absent means unknown,
 *     not false)
 * @param raw the whole JSON object; never null
 */
public record Attachment(
    @Nullable String id,
    @Nullable String name,
    @Nullable String mimeType,
    @Nullable Long size,
    @Nullable String url,
    @Nullable Double expiresAt,
    @Nullable Boolean permanent,
    Map<String, Object> raw) {}

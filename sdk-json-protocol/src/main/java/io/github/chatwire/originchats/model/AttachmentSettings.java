package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The handshake's attachment settings.
 *
 * @param enabled whether uploads are enabled (null when the frame did not say: absent means
 *     unknown, not false)
 * @param maxSize the largest upload in bytes; null if not sent
 * @param allowedTypes MIME globs; never null
 * @param maxPerUser the most attachments per user, -1 for unlimited; null if not sent
 * @param raw the whole JSON object; never null
 */
public record AttachmentSettings(
    @Nullable Boolean enabled,
    @Nullable Long maxSize,
    List<String> allowedTypes,
    @Nullable Long maxPerUser,
    Map<String, Object> raw) {}

package io.github.chatwire.originchats.model;

import org.jspecify.annotations.Nullable;

/**
 * A participant of a voice channel.
 *
 * @param id the user id; may be null (absent in voice_join replies)
 * @param username may be null
 * @param muted whether muted (null when the frame did not say: absent means unknown, not false)
 * @param peerId the PeerJS id; may be null
 */
public record VoiceParticipant(
    @Nullable String id,
    @Nullable String username,
    @Nullable Boolean muted,
    @Nullable String peerId) {}

package io.github.chatwire.originchats.model;

/**
 * A participant of a voice channel.
 *
 * @param id the user id; may be null (absent in voice_join replies)
 * @param username may be null
 * @param muted whether muted (null when the frame did not say: absent means unknown, not false)
 * @param peerId the PeerJS id; may be null
 */
public record VoiceParticipant(String id, String username, Boolean muted, String peerId) {}

package io.github.chatwire.originchats.bot;

import io.github.chatwire.originchats.model.ServerFrame;
import org.jspecify.annotations.Nullable;

/**
 * One call of a bot's slash command. Immutable.
 *
 * @param command the definition; never null
 * @param args the typed arguments; never null
 * @param channel the channel it was called in; may be null
 * @param invoker the caller's user id; may be null
 * @param invokerUsername the caller's username; may be null
 * @param call the raw frame; never null
 */
public record SlashInvocation(
    SlashCommand command,
    SlashArgs args,
    @Nullable String channel,
    @Nullable String invoker,
    @Nullable String invokerUsername,
    ServerFrame.SlashCall call) {}

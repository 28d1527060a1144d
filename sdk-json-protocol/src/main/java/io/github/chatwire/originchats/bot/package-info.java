/**
 * A small toolkit for OriginChats bots: slash-command definitions, typed arguments and a {@link
 * io.github.chatwire.originchats.bot.SlashBot} that registers commands and answers calls.
 */
@NullMarked
package io.github.chatwire.originchats.bot;

import org.jspecify.annotations.NullMarked;

/**
 * The OriginChats client: {@link io.github.chatwire.originchats.OriginChatsClient} (connection,
 * login, typed requests and events), {@link io.github.chatwire.originchats.OriginChatsAdmin}
 * (moderation and administration), {@link io.github.chatwire.originchats.OriginChatsListener},
 * {@link io.github.chatwire.originchats.HistoryPager}, Rotur validators and the exceptions specific
 * to OriginChats. Wire decoding and command encoding live in {@code codec}, value types in {@code
 * model}, the slash-command bot toolkit in {@code bot}, the protocol handler, the outbox (listener
 * keys and rate limit) and the HTTP upload in {@code internal}.
 *
 * <p>An inbound {@code message_new}: {@code codec.FrameDecoder} makes a {@code
 * model.ServerFrame.MessageNew}; {@code internal.OcProtocolHandler} completes the pending request
 * whose listener it carries (if it is that request's kind of reply) and hands the frame to the
 * client, whose one dispatch table calls {@code onEvent}, then {@code onMessageNew}, then the
 * {@code on(MessageNew.class, ...)} subscriptions. An outbound {@code send}: the client encodes the
 * command with {@code codec.CommandEncoder} under a fresh listener from {@code internal.OcOutbox},
 * which hands it to the engine when the server's rate limit allows.
 */
@NullMarked
package io.github.chatwire.originchats;

import org.jspecify.annotations.NullMarked;

/**
 * The OriginChats client: {@link io.github.chatwire.originchats.OriginChatsClient} (connection,
 * login, typed requests and events), {@link io.github.chatwire.originchats.OriginChatsListener},
 * {@link io.github.chatwire.originchats.HistoryPager}, Rotur validators and the exceptions specific
 * to OriginChats. Wire decoding lives in {@code codec}, value types in {@code model}, the
 * slash-command bot toolkit in {@code bot}.
 */
package io.github.chatwire.originchats;

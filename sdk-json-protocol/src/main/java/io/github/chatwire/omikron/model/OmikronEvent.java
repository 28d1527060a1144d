package io.github.chatwire.omikron.model;

/**
 * Anything an Omikron connection publishes to its typed subscriptions ({@code
 * OmikronClient.on(Class, Consumer)} and the same on the other connections): every inbound {@link
 * OmikronMessage} that answers no request, and the typed records read from it ({@link MessageLive},
 * {@link io.github.chatwire.omikron.DirectMessage}, {@link
 * io.github.chatwire.omikron.UndecryptableMessage}, {@link Pong}, {@link ClientChanged}, …). A
 * marker: it adds no methods.
 */
public interface OmikronEvent {}

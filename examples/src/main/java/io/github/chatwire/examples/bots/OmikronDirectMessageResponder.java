package io.github.chatwire.examples.bots;

import io.github.chatwire.omikron.DirectMessage;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.UndecryptableMessage;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Example: an Omikron client that answers every direct message it receives.
 *
 * <p>A direct message arrives live as {@code message_live}, relayed by the user's Iota, which waits
 * up to 10 s for a {@code message_state} reply. This bot turns the automatic {@code received} reply
 * off and instead marks each message {@code read} itself, then sends its answer with {@code
 * message_send} (stored by its own Iota and delivered to the sender).
 *
 * <p>About content: Tensamin clients end-to-end encrypt message content and the servers relay it
 * untouched. The SDK decrypts each message (fetching the sender's public key on first contact) and
 * encrypts the answer for the sender with the client's configured scheme, so the {@code answer}
 * function works on plain text. A message no scheme opens is logged, not answered.
 *
 * <pre>{@code
 * OmikronClient.Builder me = OmikronClient.builder().url(url).userId(id).privateKey(key);
 * try (OmikronDirectMessageResponder bot = new OmikronDirectMessageResponder(me, text -> "re: " + text, System.out::println)) {
 *     bot.start().join();
 *     Thread.sleep(60_000);   // answers whatever arrives meanwhile
 * }
 * }</pre>
 */
public final class OmikronDirectMessageResponder implements AutoCloseable {
  private final OmikronClient client;

  /**
   * Creates the bot; nothing happens until {@link #start()}.
   *
   * @param connection a client builder with URL, user id and key set; this class adds its listener,
   *     turns automatic acknowledgement off and builds it
   * @param answer computes the answer's text from the received text; called on the SDK's callback
   *     thread, so it must not block
   * @param log where to say what happens; called on the SDK's callback thread
   */
  public OmikronDirectMessageResponder(
      OmikronClient.Builder connection, UnaryOperator<String> answer, Consumer<String> log) {
    this.client =
        connection
            .autoAcknowledgeLiveMessages(false) // we say "read" ourselves below
            .listener(
                new OmikronListener() {
                  @Override
                  public void onDirectMessage(DirectMessage message, OmikronMessage envelope) {
                    // The SDK has already decrypted the message_live (fetching the sender's
                    // public key on first contact).
                    OmikronId sender = message.partner();
                    if (sender == null || sender.equals(client.userId())) {
                      return; // nothing to answer (or our own message)
                    }
                    log.accept(
                        "message from "
                            + sender
                            + " ("
                            + message.scheme().shortName()
                            + "): "
                            + message.text());
                    // 1. Tell the sender's side the message was read: the reply carries the
                    //    message_live's own id.
                    if (message.messageId() != null) {
                      client.acknowledgeLiveMessage(message.messageId(), MessageState.READ);
                    }
                    // 2. Answer, encrypted for the sender. The future completes when our Iota
                    //    stored the answer; never block on it here (this is the callback thread).
                    String reply = answer.apply(message.text());
                    client
                        .sendMessage(sender, reply)
                        .whenComplete(
                            (ok, e) ->
                                log.accept(
                                    e == null
                                        ? "answered " + sender
                                        : "answer to " + sender + " failed: " + e));
                  }

                  @Override
                  public void onUndecryptableMessage(
                      UndecryptableMessage message, OmikronMessage envelope) {
                    log.accept(
                        "unreadable message from " + message.partner() + ": " + message.reason());
                  }
                })
            .build();
  }

  /**
   * Connects and identifies.
   *
   * @return completes when ready to receive messages
   */
  public CompletableFuture<Void> start() {
    return client.connect();
  }

  /**
   * The client, for inspection.
   *
   * @return the client
   */
  public OmikronClient client() {
    return client;
  }

  /** Closes the connection; returns at once. */
  @Override
  public void close() {
    client.close();
  }
}

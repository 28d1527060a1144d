package io.github.chatwire.examples.bots;

import io.github.chatwire.core.Subscription;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.OriginChatsListener;
import io.github.chatwire.originchats.model.Message;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Example: an OriginChats bot that answers every message in one channel with {@code "echo:
 * <text>"}, as a reply to it ({@link OriginChatsClient#reply}), and ignores its own messages
 * ({@link OriginChatsClient#isOwn}; else it would answer itself forever).
 *
 * <p>The bot gets a client built by the caller, so any login works (Rotur token or local password).
 * Reconnects need nothing from the bot: the client logs in again by itself and the listener stays
 * attached.
 *
 * <pre>{@code
 * OriginChatsClient client = OriginChatsClient.builder().url("wss://chats.example.org/")
 *         .password("echo-bot", Secret.of(password)).build();
 * try (OriginChatsEchoBot bot = new OriginChatsEchoBot(client, "general", System.out::println)) {
 *     bot.start().join();
 *     Thread.sleep(Long.MAX_VALUE);
 * }
 * }</pre>
 */
public final class OriginChatsEchoBot implements AutoCloseable {
  private final OriginChatsClient client;
  private final String channel;
  private final Consumer<String> log;
  private final Subscription subscription;

  /**
   * Attaches the bot to a client (not yet connected).
   *
   * @param client the bot's client; closed with the bot
   * @param channel the channel to answer in
   * @param log where to say what happens; called on the SDK's callback thread
   */
  public OriginChatsEchoBot(OriginChatsClient client, String channel, Consumer<String> log) {
    this.client = Objects.requireNonNull(client, "client");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.log = Objects.requireNonNull(log, "log");
    // Listener callbacks run one at a time on the SDK's callback thread: never block in them.
    this.subscription =
        client.addListener(
            new OriginChatsListener() {
              @Override
              public void onMessageNew(ServerFrame.MessageNew event) {
                answer(event);
              }
            });
  }

  /**
   * Connects and logs in.
   *
   * @return completes at the first READY; fails if the login is refused
   */
  public CompletableFuture<Void> start() {
    return client.connect();
  }

  private void answer(ServerFrame.MessageNew event) {
    // Our own messages come back as message_new too (the reply to our send): never answer them,
    // or the bot talks to itself until the server rate-limits it.
    if (client.isOwn(event)) {
      return;
    }
    // Only the one channel, and not inside its threads.
    if (!channel.equals(event.channel()) || event.threadId() != null) {
      return;
    }
    Message m = event.message();
    if (m == null || m.content() == null || m.content().isEmpty()) {
      return;
    }
    // reply() answers where the message was posted, as a reply to it. It never blocks: it
    // returns a future. The client keeps within the server's rate limit by itself, so a flood
    // of messages is answered late rather than refused.
    client
        .reply(event, "echo: " + m.content())
        .whenComplete(
            (sent, error) -> {
              if (error != null) {
                log.accept("could not echo " + m.id() + ": " + error);
              } else {
                log.accept("echoed " + m.user() + "'s message " + m.id());
              }
            });
  }

  /** Stops answering and closes the client. */
  @Override
  public void close() {
    subscription.close();
    client.close();
  }
}

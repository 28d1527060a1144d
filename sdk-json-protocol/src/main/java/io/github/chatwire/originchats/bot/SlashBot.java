package io.github.chatwire.originchats.bot;

import io.github.chatwire.core.Subscription;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.OriginChatsListener;
import io.github.chatwire.originchats.OriginChatsServerException;
import io.github.chatwire.originchats.model.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slash-command bot on an {@link OriginChatsClient}: registers its commands after every login
 * (the server forgets a connection's commands when it closes; a registration refused because the
 * server still holds them for the previous socket is retried every 5 s for two minutes), receives
 * {@code slash_call}s for them with typed arguments, and answers with {@code slash_response}. A
 * call with arguments that do not fit the definition is answered with an explanation and the
 * handler is not called.
 *
 * <p>Handlers run on the client's callback executor, in order: return quickly (use {@link
 * #commandAsync} for slow work). A handler that throws or fails is logged and answered with a short
 * error text. Thread-safe.
 */
@SuppressWarnings("FutureReturnValueIgnored") // each ignored future's whenComplete logs its failure
public final class SlashBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlashBot.class);

  /** Delay between registrations refused because an older session still holds the commands. */
  static final Duration RETRY_DELAY = Duration.ofSeconds(5);

  private static final int MAX_RETRIES = 24;

  private final OriginChatsClient client;
  private volatile boolean closed;
  private final Map<String, Entry> commands = new ConcurrentHashMap<>();
  private final Subscription subscription;

  private SlashBot(OriginChatsClient client) {
    this.client = client;
    this.subscription =
        client.addListener(
            new OriginChatsListener() {
              @Override
              public void onReady(ServerFrame.Ready ready, boolean reconnected) {
                register();
              }

              @Override
              public void onSlashCall(ServerFrame.SlashCall call) {
                handle(call);
              }
            });
  }

  /**
   * Attaches a bot to a client (before or after connecting).
   *
   * @param client never null
   * @return the bot
   */
  public static SlashBot attach(OriginChatsClient client) {
    return new SlashBot(Objects.requireNonNull(client, "client"));
  }

  /**
   * Adds a command with a synchronous handler returning the response text (null for no response).
   * Commands added while connected are registered at once.
   *
   * @param def the definition; never null
   * @param handler the handler; never null
   * @return this bot
   */
  public SlashBot command(SlashCommand def, Function<SlashInvocation, String> handler) {
    Objects.requireNonNull(handler, "handler");
    return commandAsync(def, inv -> CompletableFuture.completedFuture(handler.apply(inv)));
  }

  /**
   * Adds a command with an asynchronous handler.
   *
   * @param def the definition; never null
   * @param handler returns a stage of the response text (null for none); never null
   * @return this bot
   */
  public SlashBot commandAsync(
      SlashCommand def, Function<SlashInvocation, CompletionStage<String>> handler) {
    Objects.requireNonNull(def, "def");
    Objects.requireNonNull(handler, "handler");
    commands.put(def.name(), new Entry(def, handler));
    if (client.state() == ConnectionState.READY) {
      register();
    }
    return this;
  }

  /**
   * Registers all commands now (done automatically after every login).
   *
   * @return the slash_register reply; fails like any request
   */
  public CompletableFuture<ServerFrame.SlashRegistered> register() {
    return register(0);
  }

  private CompletableFuture<ServerFrame.SlashRegistered> register(int attempt) {
    List<Map<String, Object>> defs = new ArrayList<>();
    for (Entry e : commands.values()) {
      defs.add(e.def.toJson());
    }
    CompletableFuture<ServerFrame.SlashRegistered> f = client.registerSlashCommands(defs);
    f.whenComplete(
        (r, e) -> {
          if (e == null) {
            return;
          }
          Throwable cause =
              e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          String text =
              cause instanceof OriginChatsServerException
                  ? ((OriginChatsServerException) cause).text()
                  : null;
          if (text != null
              && text.contains("another session")
              && attempt < MAX_RETRIES
              && !closed) {
            // after a reconnect the server may not have noticed the old socket's end yet
            client
                .runtime()
                .scheduler()
                .schedule(
                    () -> {
                      if (!closed && client.state() == ConnectionState.READY) {
                        register(attempt + 1);
                      }
                    },
                    RETRY_DELAY);
          } else {
            log.warn("slash command registration failed: {}", cause.toString());
          }
        });
    return f;
  }

  private void handle(ServerFrame.SlashCall call) {
    // no listener check: the server forwards a call with the caller's listener still on it, and
    // the echo of this client's own call never reaches onSlashCall (the client routes it as a
    // reply)
    String command = call.command();
    String channel = call.channel();
    Entry e = command == null ? null : commands.get(command);
    if (e == null || command == null || channel == null) {
      return;
    }
    SlashArgs args;
    try {
      args = SlashArgs.parse(e.def, call.args());
    } catch (IllegalArgumentException bad) {
      respond(channel, command, call.invoker(), "Invalid arguments: " + bad.getMessage());
      return;
    }
    SlashInvocation inv =
        new SlashInvocation(e.def, args, channel, call.invoker(), call.invokerUsername(), call);
    CompletionStage<String> result;
    try {
      result = e.handler.apply(inv);
    } catch (RuntimeException ex) {
      log.warn("slash handler for /{} failed", e.def.name(), ex);
      respond(channel, command, call.invoker(), "Command failed.");
      return;
    }
    result.whenComplete(
        (text, err) -> {
          if (err != null) {
            log.warn("slash handler for /{} failed", e.def.name(), err);
            respond(channel, command, call.invoker(), "Command failed.");
          } else if (text != null) {
            respond(channel, command, call.invoker(), text);
          }
        });
  }

  private void respond(String channel, String command, @Nullable String invoker, String text) {
    client
        .respondSlash(channel, command, invoker, text)
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                log.warn("slash_response for /{} failed: {}", command, e.toString());
              }
            });
  }

  /** Stops handling calls (the server drops the commands when the connection closes). */
  @Override
  public void close() {
    closed = true;
    subscription.close();
  }

  private static final class Entry {
    final SlashCommand def;
    final Function<SlashInvocation, CompletionStage<String>> handler;

    Entry(SlashCommand def, Function<SlashInvocation, CompletionStage<String>> handler) {
      this.def = def;
      this.handler = handler;
    }
  }
}

package io.github.chatwire.examples.originchats;

import io.github.chatwire.core.Secret;
import io.github.chatwire.examples.cli.Args;
import io.github.chatwire.examples.cli.Command;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.examples.cli.Session;
import io.github.chatwire.examples.cli.UsageException;
import io.github.chatwire.originchats.HistoryPager;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.RoturValidatorProvider;
import io.github.chatwire.originchats.Target;
import io.github.chatwire.originchats.model.Message;
import io.github.chatwire.originchats.model.ServerFrame;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code chatwire originchats}: connects to an OriginChats server, logs in (local account with
 * {@code --login} or {@code --register}, or a Rotur token with {@code --token}), sends the messages
 * asked for ({@code --send}, in order), prints a channel's newest messages ({@code --history}),
 * then listens for events ({@code --listen}).
 *
 * <p>The password and the Rotur token are registered with the output's redaction before anything is
 * printed and never shown. With {@code --token} the client asks the Rotur API ({@code --rotur-url},
 * default {@value RoturValidatorProvider#DEFAULT_BASE_URL}) for a validator bound to each
 * connection.
 */
public final class OriginChatsCommand implements Command {
  private static final long WAIT_SECONDS = 30;

  /** The most messages {@code --history} fetches. */
  static final int MAX_HISTORY = 1000;

  @Override
  public String name() {
    return "originchats";
  }

  @Override
  public String usage() {
    return "originchats --url WS_URL ((--login | --register) USER [--password-file FILE]"
        + " | [--token-file FILE] [--rotur-url URL]) [--send CHANNEL TEXT ...] [--history CHANNEL N]"
        + " [--listen SECONDS] [--json]";
  }

  @Override
  public String description() {
    return "Connects to an OriginChats server, logs in (local account with --login or --register, else a\n"
        + "Rotur token), sends the messages asked for in order, prints a channel's newest messages,\n"
        + "then prints events while it listens.";
  }

  @Override
  public int run(List<String> words, PrintStream stdout, PrintStream err) throws Exception {
    Args args =
        new Args()
            .option("--url", "WS_URL", "the server's ws:// or wss:// URL (required)")
            .option("--login", "USER", "log in to this local account (needs a password)")
            .option(
                "--register", "USER", "register this local account, then log in (needs a password)")
            .option("--password-file", "FILE", "file holding the password (one line)")
            .option(
                "--password",
                "PW",
                "the password inline; visible in ps, prefer the file or CHATWIRE_PASSWORD")
            .option(
                "--token-file",
                "FILE",
                "file holding the Rotur token, when neither --login nor --register")
            .option(
                "--token",
                "ROTUR_TOKEN",
                "the Rotur token inline; visible in ps, prefer the file or CHATWIRE_TOKEN")
            .option(
                "--rotur-url",
                "URL",
                "the Rotur API asked for validators (default: "
                    + RoturValidatorProvider.DEFAULT_BASE_URL
                    + ")")
            .repeatable(
                "--send",
                "CHANNEL TEXT",
                "send TEXT to CHANNEL after login, in order; prints the stored message")
            .option(
                "--history",
                "CHANNEL N",
                "print the newest N (1-" + MAX_HISTORY + ") messages of CHANNEL")
            .option("--listen", "SECONDS", "keep printing events this long at the end (default: 0)")
            .option(
                "--json",
                "",
                "one JSON object per line, each with an \"event\" field (default: text)")
            .note(
                "The password comes from --password-file, --password or CHATWIRE_PASSWORD; the Rotur token\n"
                    + "from --token-file, --token or CHATWIRE_TOKEN. Neither is ever printed.")
            .parse(words);
    boolean local = args.has("--login") || args.has("--register");
    if (args.has("--login") && args.has("--register")) {
      throw new UsageException("give exactly one of --login, --register and --token");
    }
    if (local && (args.has("--token") || args.has("--token-file"))) {
      throw new UsageException("give exactly one of --login, --register and --token");
    }
    if (!local && (args.has("--password") || args.has("--password-file"))) {
      throw new UsageException("--password goes with --login or --register, not with --token");
    }
    // Secrets first: nothing may be printed before the output knows what to hide.
    Secret password =
        local ? args.secret("--password", "--password-file", "CHATWIRE_PASSWORD", err) : null;
    Secret token = local ? null : args.secret("--token", "--token-file", "CHATWIRE_TOKEN", err);
    Output out = new Output(stdout, args.has("--json"), System.console() != null);
    out.hide(password);
    out.hide(token);

    String url = args.require("--url");
    if (!url.startsWith("ws://") && !url.startsWith("wss://")) {
      throw new UsageException("--url must be a ws:// or wss:// URL, got '" + url + "'");
    }
    if (!local && token == null) {
      throw new UsageException(
          "give exactly one of --login, --register and --token"
              + " (the token may come from --token-file or CHATWIRE_TOKEN)");
    }
    if (local && password == null) {
      throw new UsageException(
          "--password is required with --login and --register"
              + " (or --password-file, or CHATWIRE_PASSWORD)");
    }
    if (token == null && args.has("--rotur-url")) {
      throw new UsageException("--rotur-url goes with --token");
    }
    int listen = args.integer("--listen", 0);
    List<String> history = args.has("--history") ? args.all("--history").get(0) : null;
    int historyCount = history == null ? 0 : historyCount(history.get(1));

    OriginChatsPrinter printer = new OriginChatsPrinter(out);
    OriginChatsClient.Builder b =
        OriginChatsClient.builder()
            .url(url)
            .options(Session.forCli(OriginChatsClient.defaultOptions()))
            .listener(printer);
    if (token != null) {
      try {
        b.validatorProvider(
            RoturValidatorProvider.of(
                token,
                args.has("--rotur-url")
                    ? args.get("--rotur-url")
                    : RoturValidatorProvider.DEFAULT_BASE_URL));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--rotur-url: not an http(s) URL: " + args.get("--rotur-url"));
      }
    } else {
      String user = args.has("--login") ? args.get("--login") : args.get("--register");
      b.password(user, password).register(args.has("--register"));
    }
    OriginChatsClient client = b.build();
    Session session = new Session(out, "originchats");
    try {
      int status = session.awaitReady(client.connect());
      if (status != ExitCode.OK) {
        return status;
      }
      for (List<String> send : args.all("--send")) {
        try {
          ServerFrame.MessageNew sent =
              client
                  .send(Target.channel(send.get(0)), send.get(1))
                  .get(WAIT_SECONDS, TimeUnit.SECONDS);
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("channel", sent.channel() == null ? send.get(0) : sent.channel());
          f.put("message", OriginChatsFields.message(sent.message()));
          out.reply("message_new", f);
        } catch (ExecutionException | TimeoutException e) {
          return session.requestFailed("message_new", e);
        }
      }
      if (history != null) {
        try {
          List<Message> messages = history(client, Target.channel(history.get(0)), historyCount);
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("channel", history.get(0));
          f.put("count", messages.size());
          f.put("messages", OriginChatsFields.messages(messages));
          out.reply("history", f);
        } catch (ExecutionException | TimeoutException e) {
          return session.requestFailed("history", e);
        }
      }
      return printer.listen(listen);
    } finally {
      client.close();
      try {
        client.closeFuture().get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // Closing is best effort here; a slow close must not change the outcome of the run.
      }
    }
  }

  private static int historyCount(String n) {
    try {
      int v = Integer.parseInt(n);
      if (v >= 1 && v <= MAX_HISTORY) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "--history needs a message count from 1 to " + MAX_HISTORY + ", got '" + n + "'");
  }

  /**
   * The newest {@code count} messages of a target, oldest first, fetched page by page with the
   * SDK's {@link HistoryPager} (each message once, even if messages arrive meanwhile).
   *
   * @param client a READY client
   * @param target the channel
   * @param count how many, at least 1
   * @return the messages, oldest first; fewer when the history is shorter
   * @throws InterruptedException if interrupted
   * @throws ExecutionException if a page request failed
   * @throws TimeoutException if a page did not come in time
   */
  static List<Message> history(OriginChatsClient client, Target target, int count)
      throws InterruptedException, ExecutionException, TimeoutException {
    HistoryPager pager = client.history(target, Math.min(count, 200));
    List<Message> chronological = new ArrayList<>();
    List<List<Message>> pages = new ArrayList<>();
    int total = 0;
    while (total < count && pager.hasMore()) {
      CompletableFuture<List<Message>> page = pager.next();
      List<Message> p = page.get(WAIT_SECONDS, TimeUnit.SECONDS);
      if (p.isEmpty()) {
        break;
      }
      pages.add(p);
      total += p.size();
    }
    // pages come newest first, each oldest first: reverse the page order, keep the newest `count`
    for (int i = pages.size() - 1; i >= 0; i--) {
      chronological.addAll(pages.get(i));
    }
    int from = Math.max(0, chronological.size() - count);
    return chronological.subList(from, chronological.size());
  }
}

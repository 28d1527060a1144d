package io.github.chatwire.examples.bots;

import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.bot.SlashArgs;
import io.github.chatwire.originchats.bot.SlashBot;
import io.github.chatwire.originchats.bot.SlashCommand;
import io.github.chatwire.originchats.bot.SlashCommand.OptionType;
import io.github.chatwire.originchats.bot.SlashInvocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Example: an OriginChats slash-command bot with typed arguments, on the SDK's {@link SlashBot}:
 *
 * <ul>
 *   <li>{@code /roll sides:int [times:int] [list:bool]} rolls dice, e.g. "alice rolled 2d6: 7 (3,
 *       4)";
 *   <li>{@code /temp value:float to:celsius|fahrenheit} converts a temperature.
 * </ul>
 *
 * The server does not check argument types; {@link SlashBot} does: a call such as {@code /roll
 * sides:many} is answered with "Invalid arguments: ..." and the handler is not called. SlashBot
 * also registers the commands again after every reconnect (the server forgets a connection's
 * commands when it closes).
 *
 * <pre>{@code
 * OriginChatsClient client = OriginChatsClient.builder().url(url).roturToken(Secret.of(token)).build();
 * try (OriginChatsSlashBot bot = new OriginChatsSlashBot(client, new Random())) {
 *     bot.start().join();
 *     Thread.sleep(Long.MAX_VALUE);
 * }
 * }</pre>
 */
public final class OriginChatsSlashBot implements AutoCloseable {
  /** {@code /roll}: an int that is required, an optional int and an optional bool. */
  public static final SlashCommand ROLL =
      SlashCommand.builder("roll", "roll dice")
          .option("sides", "sides per die (2-1000)", OptionType.INT, true)
          .option("times", "how many dice (1-20), default 1", OptionType.INT, false)
          .option("list", "show each die", OptionType.BOOL, false)
          .build();

  /** {@code /temp}: a float and an enum. */
  public static final SlashCommand TEMP =
      SlashCommand.builder("temp", "convert a temperature")
          .option("value", "the temperature to convert", OptionType.FLOAT, true)
          .choice("to", "the unit to convert to", true, Arrays.asList("celsius", "fahrenheit"))
          .build();

  private final OriginChatsClient client;
  private final SlashBot bot;
  private final Random random;

  /**
   * Attaches the bot's commands to a client (not yet connected).
   *
   * @param client the bot's client; closed with the bot
   * @param random the dice; handlers run one at a time, so a plain Random is fine
   */
  public OriginChatsSlashBot(OriginChatsClient client, Random random) {
    this.client = Objects.requireNonNull(client, "client");
    this.random = Objects.requireNonNull(random, "random");
    // Handlers run on the client's callback thread, one at a time: they must return quickly.
    // The returned text is posted as the command's response in the caller's channel.
    this.bot = SlashBot.attach(client).command(ROLL, this::roll).command(TEMP, this::temp);
  }

  /**
   * Connects and logs in; the commands are registered right after the login.
   *
   * @return completes at the first READY
   */
  public CompletableFuture<Void> start() {
    return client.connect();
  }

  private String roll(SlashInvocation call) {
    SlashArgs args = call.args();
    long sides = args.integer("sides"); // typed: a Long, already checked
    long times = args.has("times") ? args.integer("times") : 1; // optional arguments may be absent
    if (sides < 2 || sides > 1000 || times < 1 || times > 20) {
      return "Dice need 2-1000 sides and 1-20 dice.";
    }
    List<Long> dice = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < times; i++) {
      long d = 1 + (long) random.nextInt((int) sides);
      dice.add(d);
      total += d;
    }
    String who = call.invokerUsername() == null ? "someone" : call.invokerUsername();
    String text = who + " rolled " + times + "d" + sides + ": " + total;
    if (Boolean.TRUE.equals(args.bool("list"))) {
      text += " " + dice.toString().replace('[', '(').replace(']', ')');
    }
    return text;
  }

  private String temp(SlashInvocation call) {
    double value = call.args().number("value");
    String to = call.args().string("to"); // one of the declared choices
    double result = to.equals("fahrenheit") ? value * 9 / 5 + 32 : (value - 32) * 5 / 9;
    String from = to.equals("fahrenheit") ? "°C" : "°F";
    String unit = to.equals("fahrenheit") ? "°F" : "°C";
    return String.format(Locale.ROOT, "%.1f %s = %.1f %s", value, from, result, unit);
  }

  /**
   * The SDK's bot, for inspection.
   *
   * @return the slash bot
   */
  public SlashBot slashBot() {
    return bot;
  }

  /** Stops answering and closes the client. */
  @Override
  public void close() {
    bot.close();
    client.close();
  }
}

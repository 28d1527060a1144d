package io.github.chatwire.examples.binary;

import io.github.chatwire.binary.BinaryWsClient;
import io.github.chatwire.binary.BinaryWsListener;
import io.github.chatwire.binary.PongEvent;
import io.github.chatwire.binary.codec.PacketCodecs;
import io.github.chatwire.binary.codec.PacketRegistry;
import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.Pong;
import io.github.chatwire.binary.model.SettingEntry;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.examples.cli.Args;
import io.github.chatwire.examples.cli.Command;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.examples.cli.Session;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code chatwire binary}: connects to a binary {@code /api/ws} server, sends settings, listens.
 */
public final class BinaryCommand implements Command {
  @Override
  public String name() {
    return "binary";
  }

  @Override
  public String usage() {
    return "binary --url WS_URL (--access-key-file FILE | --access-key B64) [--setting ID=VALUE ...]"
        + " [--listen SECONDS] [--json]";
  }

  @Override
  public String description() {
    return "Connects to a binary /api/ws server, authenticates with the access key (READY on the first\n"
        + "Pong), sends the settings given, then prints pongs and packets while it listens.";
  }

  @Override
  public int run(List<String> words, PrintStream stdout, PrintStream err) throws Exception {
    Args args =
        new Args()
            .option("--url", "WS_URL", "the server's ws:// or wss:// URL of /api/ws (required)")
            .option("--access-key-file", "FILE", "file holding the base64 access key (one line)")
            .option(
                "--access-key",
                "B64",
                "the access key inline; visible in ps, prefer the file or CHATWIRE_ACCESS_KEY")
            .repeatable(
                "--setting",
                "ID=VALUE",
                "a setting to send after READY; VALUE may start with byte: short: int: long: bool: str:")
            .option(
                "--listen", "SECONDS", "keep listening this long after the settings (default: 0)")
            .option("--json", "", "one JSON object per line (default: text)")
            .note(
                "The access key comes from --access-key-file, --access-key or the environment variable\n"
                    + "CHATWIRE_ACCESS_KEY, in that order of preference; it is never printed.")
            .parse(words);
    Secret key = args.secret("--access-key", "--access-key-file", "CHATWIRE_ACCESS_KEY", err);
    if (key == null) {
      throw new io.github.chatwire.examples.cli.UsageException(
          "an access key is required: --access-key-file FILE, CHATWIRE_ACCESS_KEY or --access-key");
    }
    Output out = new Output(stdout, args.has("--json"), System.console() != null);
    out.hide(key);
    String url = args.require("--url");
    int listen = args.integer("--listen", 0);
    SettingArgs settings = SettingArgs.parse(args.all("--setting"));
    Session session = new Session(out, "binary");
    BinaryWsClient client;
    try {
      client =
          BinaryWsClient.builder()
              .url(url)
              .accessKey(key)
              .settings(settings.registry)
              .clientboundPackets(
                  PacketRegistry.clientbound().toBuilder()
                      .register(PacketCodecs.settings(settings.registry))
                      .build())
              .options(Session.forCli(ConnectionOptions.builder().name("binary").build()))
              .listener(new Printer(out))
              .build();
    } catch (IllegalArgumentException e) {
      throw new io.github.chatwire.examples.cli.UsageException(e.getMessage());
    }
    try {
      session.attach(client.connection());
      int status = session.awaitReady(client.connect());
      if (status != ExitCode.OK) {
        return status;
      }
      if (!settings.settings.entries().isEmpty()) {
        try {
          client.sendSettings(settings.settings).get(10, TimeUnit.SECONDS);
          Map<String, Object> reply = new LinkedHashMap<>();
          reply.put("settings", describe(settings.settings));
          out.reply("settings", reply);
        } catch (Exception e) {
          return session.requestFailed("settings", e);
        }
      }
      return session.listen(listen);
    } finally {
      client.close();
      client.closeFuture().get(5, TimeUnit.SECONDS);
    }
  }

  static Map<String, Object> describe(Settings settings) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (SettingEntry<?> e : settings.entries()) {
      m.put(String.valueOf(e.key().id()), e.value());
    }
    return m;
  }

  /** Prints pongs and packets as events. */
  private static final class Printer implements BinaryWsListener {
    private final Output out;

    Printer(Output out) {
      this.out = out;
    }

    @Override
    public void onPong(PongEvent pong) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("server_time", pong.serverTimeMillis());
      f.put("rtt_ms", pong.roundTrip().toNanos() / 1_000_000.0);
      f.put("clock_offset_ms", pong.clockOffsetMillis());
      out.event("pong", f);
    }

    @Override
    public void onEvent(ClientboundPacket packet) {
      if (packet instanceof Pong) {
        return; // printed with its timing by onPong
      }
      Map<String, Object> f = new LinkedHashMap<>();
      if (packet instanceof Settings) {
        f.put("settings", describe((Settings) packet));
        out.event("settings", f);
      } else {
        f.put("packet", packet.toString());
        out.event("packet", f);
      }
    }
  }
}

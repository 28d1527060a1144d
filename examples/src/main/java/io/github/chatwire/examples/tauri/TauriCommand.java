package io.github.chatwire.examples.tauri;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.examples.cli.Args;
import io.github.chatwire.examples.cli.Command;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.examples.cli.Session;
import io.github.chatwire.examples.cli.TrustFile;
import io.github.chatwire.examples.cli.UsageException;
import io.github.chatwire.tauri.TauriClientIdentity;
import io.github.chatwire.tauri.TauriPushClient;
import io.github.chatwire.tauri.TauriPushListener;
import io.github.chatwire.tauri.TauriTrust;
import io.github.chatwire.tauri.codec.TauriFraming;
import io.github.chatwire.tauri.model.TauriMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code chatwire tauri}: connects to Omega's Tauri push channel (QUIC with a client certificate),
 * identifies, answers pings and prints notifications until {@code --listen} seconds have passed.
 *
 * <p>The Tauri channel has no requests, so there are no {@code "reply"} lines; the protocol events
 * are {@code success} (identification accepted), {@code ping} (answered at once with a pong),
 * {@code push_notification}, {@code read_notification}, and {@code unknown_message} for a message
 * type the SDK does not know. The private key file's contents are never printed.
 */
public final class TauriCommand implements Command {
  static {
    // kwik 0.10.9 has an assert that can fail spuriously and kill its receiver thread. The
    // jar runs without -ea, but a JVM started with -ea (tests, IDEs) must not break QUIC.
    ClassLoader.getSystemClassLoader().setPackageAssertionStatus("tech.kwik", false);
    ClassLoader own = TauriCommand.class.getClassLoader();
    if (own != null) {
      own.setPackageAssertionStatus("tech.kwik", false);
    }
  }

  /** The ALPN offered when {@code --alpn} is not given (the spec names none). */
  public static final String DEFAULT_ALPN = "tauri";

  @Override
  public String name() {
    return "tauri";
  }

  @Override
  public String usage() {
    return "tauri --host HOST --port PORT --user-id ID --cert PEM --key PEM [--trust PEM] [--alpn NAME]"
        + " [--framing ndjson|length] [--auth-close-code CODE ...] [--connect-timeout SECONDS]"
        + " [--listen SECONDS] [--json]";
  }

  @Override
  public String description() {
    return "Connects to Omega's Tauri push channel (QUIC, UDP) with a client certificate, identifies the\n"
        + "user, answers pings and prints push and read notifications while it listens.";
  }

  @Override
  public int run(List<String> words, PrintStream stdout, PrintStream err) throws Exception {
    Args args =
        new Args()
            .option("--host", "HOST", "Omega's host name or address (required)")
            .option("--port", "PORT", "Omega's UDP port, 1-65535 (required; Omega uses 9189)")
            .option("--user-id", "ID", "the user this device receives pushes for (required)")
            .option("--cert", "PEM", "file with the client certificate (chain) in PEM (required)")
            .option(
                "--key",
                "PEM",
                "file with the client certificate's private key in PEM (required; never printed)")
            .option(
                "--trust",
                "PEM",
                "file with the CA certificates to trust (default: the system's trust store)")
            .option("--alpn", "NAME", "the ALPN protocol offered (default: " + DEFAULT_ALPN + ")")
            .option("--framing", "MODE", "ndjson or length (default: ndjson)")
            .repeatable(
                "--auth-close-code",
                "CODE",
                "a QUIC close code that means authentication refused (exit 3)")
            .option(
                "--connect-timeout", "SECONDS", "QUIC handshake timeout, at least 1 (default: 10)")
            .option("--listen", "SECONDS", "keep printing notifications this long (default: 0)")
            .option(
                "--json",
                "",
                "one JSON object per line, each with an \"event\" field (default: text)")
            .parse(words);
    String host = args.require("--host");
    int port = args.integer("--port", -1);
    if (port < 1 || port > 65535) {
      throw new UsageException(port == -1 ? "--port is required" : "--port must be 1..65535");
    }
    String userId = args.require("--user-id");
    String certPem = readFile("--cert", args.require("--cert"));
    Secret keyPem = Secret.of(readFile("--key", args.require("--key")));
    TauriFraming framing = framing(args.get("--framing"));
    int connectTimeout = args.integer("--connect-timeout", 10);
    if (connectTimeout == 0) {
      throw new UsageException("--connect-timeout must be at least 1 second");
    }
    int[] authCodes =
        args.all("--auth-close-code").stream().mapToInt(v -> parseCode(v.get(0))).toArray();
    int listen = args.integer("--listen", 0);

    Output out = new Output(stdout, args.has("--json"), System.console() != null);
    hideKey(out, keyPem);

    TauriClientIdentity identity;
    try {
      identity = TauriClientIdentity.fromPem(certPem, keyPem.reveal());
    } catch (IllegalArgumentException e) {
      // The SDK's messages never contain key material.
      throw new UsageException("bad --cert/--key: " + e.getMessage());
    }
    TauriTrust trust =
        args.has("--trust")
            ? TauriTrust.certificates(TrustFile.certificates("--trust", args.get("--trust")))
            : TauriTrust.system();

    // Pings are seen inside the SDK's protocol handler, which must never block: printing
    // happens on this single thread instead, in the order the pings came.
    ExecutorService pingPrinter =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "chatwire-tauri-ping-printer");
              t.setDaemon(true);
              return t;
            });
    Session session = new Session(out, "tauri");
    Printer printer = new Printer(out, session);
    TauriPushClient client;
    try {
      client =
          TauriPushClient.builder()
              .host(host)
              .port(port)
              .userId(userId)
              .alpn(args.get("--alpn") == null ? DEFAULT_ALPN : args.get("--alpn"))
              .framing(framing)
              .clientIdentity(identity)
              .trust(trust)
              .connectTimeout(Duration.ofSeconds(connectTimeout))
              .authenticationCloseCodes(authCodes)
              .pongValue(
                  lastPing -> {
                    try {
                      pingPrinter.execute(
                          () -> {
                            Map<String, Object> f = new LinkedHashMap<>();
                            f.put("last_ping", lastPing);
                            f.put("answered", true);
                            out.event("ping", f);
                          });
                    } catch (RejectedExecutionException e) {
                      // shutting down: the ping is still answered, just not printed
                    }
                    return lastPing; // the pong echoes the ping's value (the SDK's default)
                  })
              .options(
                  Session.forCli(
                      ConnectionOptions.builder()
                          .name("tauri")
                          .idleTimeout(Duration.ofSeconds(TauriPushClient.DEFAULT_WATCHDOG_SECONDS))
                          .handshakeTimeout(Duration.ofSeconds(30))
                          .build()))
              .listener(printer)
              .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      pingPrinter.shutdown();
      throw new UsageException(e.getMessage());
    }
    try {
      int status = session.awaitReady(client.connect());
      if (status != ExitCode.OK) {
        return status;
      }
      // READY completes the connect future just before the success event is delivered.
      printer.identified.await(5, TimeUnit.SECONDS);
      return session.listen(listen);
    } finally {
      client.close();
      client.closeFuture().get(5, TimeUnit.SECONDS);
      pingPrinter.shutdown();
      pingPrinter.awaitTermination(2, TimeUnit.SECONDS);
    }
  }

  /** Hides the key file's text and each of its base64 lines, should any ever reach the output. */
  private static void hideKey(Output out, Secret keyPem) {
    out.hide(keyPem);
    for (String line : keyPem.reveal().split("\r?\n")) {
      String l = line.trim();
      if (l.length() >= 16 && !l.startsWith("-----")) {
        out.hide(Secret.of(l));
      }
    }
  }

  private static String readFile(String option, String path) {
    try {
      return new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw UsageException.unreadableFile(option, path, e);
    }
  }

  static TauriFraming framing(String value) {
    if (value == null || value.equals("ndjson")) {
      return TauriFraming.NEWLINE_DELIMITED;
    }
    if (value.equals("length")) {
      return TauriFraming.LENGTH_PREFIXED;
    }
    throw new UsageException("--framing must be ndjson or length, got '" + value + "'");
  }

  private static int parseCode(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--auth-close-code needs a whole number, got '" + value + "'");
    }
  }

  /** Prints the client's events; remembers the terminal state. Runs on the callback executor. */
  private static final class Printer implements TauriPushListener {
    private final Output out;
    final CountDownLatch identified = new CountDownLatch(1);
    private final Session session;

    Printer(Output out, Session session) {
      this.out = out;
      this.session = session;
    }

    @Override
    public void onIdentified(String messageId) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("id", messageId);
      out.event("success", f);
      identified.countDown();
    }

    @Override
    public void onPushNotification(String senderId) {
      out.event(TauriMessage.PushNotification.TYPE, Map.of("sender_id", senderId));
    }

    @Override
    public void onReadNotification(String senderId) {
      out.event(TauriMessage.ReadNotification.TYPE, Map.of("sender_id", senderId));
    }

    @Override
    public void onUnknown(TauriMessage.Unknown message) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("type", message.type());
      f.put("json", message.json());
      out.event("unknown_message", f);
    }

    @Override
    public void onStateChange(StateChange change) {
      session.onStateChange(change);
    }

    @Override
    public void onError(ChatwireException error) {
      session.onError(error);
    }
  }
}

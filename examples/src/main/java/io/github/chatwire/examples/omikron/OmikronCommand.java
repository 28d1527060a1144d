package io.github.chatwire.examples.omikron;

import io.github.chatwire.core.Secret;
import io.github.chatwire.examples.cli.Args;
import io.github.chatwire.examples.cli.Command;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.examples.cli.Session;
import io.github.chatwire.examples.cli.TrustFile;
import io.github.chatwire.examples.cli.UsageException;
import io.github.chatwire.omikron.AnswerEncoding;
import io.github.chatwire.omikron.IdentificationStrategy;
import io.github.chatwire.omikron.IotaConnection;
import io.github.chatwire.omikron.LossyTextPolicy;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronKeyFile;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronProtocol;
import io.github.chatwire.omikron.codec.MessageScheme;
import io.github.chatwire.omikron.model.GetUserData;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.Pong;
import io.github.chatwire.omikron.model.UserData;
import io.github.chatwire.omikron.omega.OmegaClient;
import io.github.chatwire.omikron.omega.OmegaException;
import io.github.chatwire.omikron.omega.OmikronInfo;
import io.github.chatwire.webtransport.WebTransportTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@code chatwire omikron}: connects to an Omikron relay as a user's client or as an Iota,
 * identifies, runs the requests asked for ({@code --get-user}, {@code --ping-count}, {@code
 * --send-message}), then listens for events.
 *
 * <p>Where to connect: {@code --url} (the {@code /ws/client/} or {@code /ws/iota/} endpoint),
 * {@code --omega URL}, which asks Omega which Omikron serves the user or Iota ({@code wss://} when
 * the Omega URL is {@code https://}, else {@code ws://}, unless Omega's address has a scheme), or
 * {@code --ttp https://host:959}: TTP over WebTransport, the servers' protocol since 27 Feb 2026,
 * one endpoint for both roles, with the same options and output ({@code --trust PEM} names the CAs
 * to trust; the answer defaults to the plain string, the cipher to {@code hkdf-gcm}).
 *
 * <p>The private key (given inline or as a {@code <user_id>::<key>} key file) is registered with
 * the output's redaction before anything is printed and is never shown.
 *
 * <p>Direct messages are end-to-end encrypted as the real Tensamin clients expect: {@code
 * --send-message} encrypts TEXT for the receiver (whose public key the SDK fetches) with {@code
 * --cipher web} (the web client's AES-CBC scheme, the default), {@code hkdf-gcm} (the newer
 * client's scheme) or {@code plain} (no encryption); with {@code web}, text the scheme would alter
 * (characters above U+00FF) is refused unless {@code --allow-lossy} is given. {@code --listen}
 * prints every live message decrypted ({@code direct_message} with the scheme that opened it, or
 * {@code undecryptable_message} with the reason).
 */
public final class OmikronCommand implements Command {
  private static final Pattern ID =
      Pattern.compile(
          "\\d{1,19}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final long WAIT_SECONDS = 30;

  @Override
  public String name() {
    return "omikron";
  }

  @Override
  public String usage() {
    return "omikron (--url WS_URL | --omega URL | --ttp HTTPS_URL [--trust PEM]) (--key-file FILE | --user-id ID [--private-key-file FILE]"
        + " | --iota --iota-id ID [--private-key-file FILE]) [--auth challenge|private-key-hash]"
        + " [--answer base64|plain] [--get-user ID] [--ping-count N] [--send-message RECEIVER_ID TEXT]"
        + " [--cipher web|hkdf-gcm|plain] [--allow-lossy] [--listen SECONDS] [--json]";
  }

  @Override
  public String description() {
    return "Connects to an Omikron relay as a user's client or as an Iota, identifies (X448 challenge by\n"
        + "default), runs the requests asked for (--get-user, --ping-count, --send-message, end-to-end\n"
        + "encrypted for the receiver), then prints events while it listens, live messages decrypted.";
  }

  @Override
  public int run(List<String> words, PrintStream stdout, PrintStream err) throws Exception {
    Args args =
        new Args()
            .option(
                "--url",
                "WS_URL",
                "the relay's ws:// or wss:// /ws/client/ or /ws/iota/ endpoint (or --omega)")
            .option(
                "--omega",
                "URL",
                "ask Omega at this http(s) URL which Omikron serves the user or Iota")
            .option(
                "--ttp",
                "HTTPS_URL",
                "speak TTP over WebTransport (the servers' protocol since 27 Feb 2026) to https://host[:959]")
            .option(
                "--trust",
                "PEM",
                "with --ttp: file with the CA certificates to trust (default: the system's trust store)")
            .option("--user-id", "ID", "the user's numeric id or UUID (client role)")
            .option(
                "--private-key-file", "FILE", "file holding the base64 X448 private key (one line)")
            .option(
                "--private-key",
                "B64",
                "the private key inline; visible in ps, prefer the file or CHATWIRE_PRIVATE_KEY")
            .option(
                "--key-file",
                "FILE",
                "a <user_id>::<key> key file (client role; instead of --user-id and the key)")
            .option("--iota", "", "connect as an Iota instead of a user's client")
            .option("--iota-id", "ID", "the Iota's id (with --iota)")
            .option("--auth", "MODE", "challenge or private-key-hash (default: challenge)")
            .option(
                "--answer",
                "ENCODING",
                "how the challenge answer is sent: base64 or plain (default: base64; plain with --ttp)")
            .option("--get-user", "ID", "request this user's data and print it")
            .option("--ping-count", "N", "send N pings and print each round trip (default: 0)")
            .option(
                "--send-message",
                "RECEIVER_ID TEXT",
                "send TEXT to the receiver, end-to-end encrypted with --cipher")
            .option(
                "--cipher",
                "SCHEME",
                "web (the web client's AES-CBC), hkdf-gcm or plain (default: web; hkdf-gcm with --ttp)")
            .option(
                "--allow-lossy",
                "",
                "with --cipher web, send text it would alter (above U+00FF) instead of refusing")
            .option("--listen", "SECONDS", "keep printing events this long at the end (default: 0)")
            .option(
                "--json",
                "",
                "one JSON object per line, each with an \"event\" field (default: text)")
            .note(
                "The private key comes from --key-file, --private-key-file, --private-key or CHATWIRE_PRIVATE_KEY;\n"
                    + "it is never printed.")
            .parse(words);
    // Secrets first: nothing may be printed before the output knows what to hide.
    boolean inlineKey = args.has("--private-key") || args.has("--private-key-file");
    Secret privateKey =
        args.has("--key-file") && !inlineKey
            ? null
            : args.secret("--private-key", "--private-key-file", "CHATWIRE_PRIVATE_KEY", err);
    String privateKeyText = privateKey == null ? null : privateKey.reveal();
    Output out = new Output(stdout, args.has("--json"), System.console() != null);
    if (privateKey != null) {
      out.hide(privateKey);
      out.hide(Secret.of(privateKeyText.trim()));
    }
    String keyFileText = args.has("--key-file") ? readKeyFile(args.get("--key-file"), out) : null;

    boolean iota = args.has("--iota");
    int where =
        (args.has("--url") ? 1 : 0) + (args.has("--omega") ? 1 : 0) + (args.has("--ttp") ? 1 : 0);
    if (where != 1) {
      throw new UsageException("give exactly one of --url, --omega and --ttp");
    }
    WebTransportTransport ttp = args.has("--ttp") ? ttp(args) : null;
    if (ttp == null && args.has("--trust")) {
      throw new UsageException("--trust applies to --ttp only");
    }
    IdentificationStrategy strategy =
        strategy(
            args.get("--auth"),
            args.get("--answer") == null && ttp != null ? "plain" : args.get("--answer"));
    int listen = args.integer("--listen", 0);
    int pings = args.integer("--ping-count", 0);
    OmikronId getUser = args.has("--get-user") ? id("--get-user", args.get("--get-user")) : null;
    List<String> send = args.has("--send-message") ? args.all("--send-message").get(0) : null;
    OmikronId sendTo = send == null ? null : id("--send-message", send.get(0));

    if (iota) {
      for (String clientOnly :
          new String[] {"--user-id", "--key-file", "--send-message", "--cipher", "--allow-lossy"}) {
        if (args.has(clientOnly)) {
          throw new UsageException(clientOnly + " is for the client role, not with --iota");
        }
      }
      OmikronId iotaId = id("--iota-id", args.require("--iota-id"));
      if (privateKey == null) {
        throw new UsageException(
            "--private-key-file (or CHATWIRE_PRIVATE_KEY, or --private-key) is required with --iota");
      }
      OmikronPrivateKey key = key(privateKeyText);
      out.hide(
          Secret.of(key.privateKeyHash())); // the older identification sends it like a password
      return new IotaRun(out, iotaId, key, strategy, ttp).run(args, getUser, pings, listen);
    }
    if (args.has("--iota-id")) {
      throw new UsageException("--iota-id needs --iota");
    }
    if ((privateKey != null) == (keyFileText != null)) {
      throw new UsageException(
          "give exactly one of --private-key (or --private-key-file, CHATWIRE_PRIVATE_KEY)"
              + " and --key-file");
    }
    OmikronId userId;
    OmikronPrivateKey key;
    if (keyFileText != null) {
      OmikronKeyFile file;
      try {
        file = OmikronKeyFile.parse(keyFileText);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--key-file: " + e.getMessage()); // never contains the key
      }
      userId = file.userId();
      key = file.privateKey();
      if (args.has("--user-id") && !id("--user-id", args.get("--user-id")).equals(userId)) {
        throw new UsageException("--user-id differs from the user id in the key file");
      }
    } else {
      userId = id("--user-id", args.require("--user-id"));
      key = key(privateKeyText);
    }
    out.hide(Secret.of(key.privateKeyHash())); // the older identification sends it like a password
    MessageScheme scheme =
        args.get("--cipher") == null && ttp != null
            ? MessageScheme.HKDF_GCM // the newer client's, as on TTP by default
            : cipher(args.get("--cipher"));
    LossyTextPolicy lossy =
        args.has("--allow-lossy") ? LossyTextPolicy.SEND_ALTERED : LossyTextPolicy.REJECT;
    return new ClientRun(out, userId, key, strategy, scheme, lossy, ttp)
        .run(args, getUser, pings, sendTo, send, listen);
  }

  private static String readKeyFile(String path, Output out) {
    String text;
    try {
      text = new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "cannot read --key-file " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    // Hide the whole content, each line and the key part, in every form the file may hold it.
    out.hide(Secret.of(text));
    out.hide(Secret.of(text.trim()));
    for (String line : text.split("\r?\n")) {
      if (line.trim().length() >= 8) { // a short fragment would mask unrelated text
        out.hide(Secret.of(line.trim()));
      }
    }
    String flat = text.replace("\n", "").replace("\r", "").trim();
    int sep = flat.indexOf("::");
    if (sep >= 0) {
      out.hide(Secret.of(flat.substring(sep + 2).trim()));
    }
    return text;
  }

  /** The WebTransport transport for {@code --ttp} (with {@code --trust}). */
  private static WebTransportTransport ttp(Args args) {
    WebTransportTransport.Builder b;
    try {
      b = WebTransportTransport.builder(args.get("--ttp"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--ttp: " + e.getMessage());
    }
    if (args.has("--trust")) {
      b.trustCertificates(TrustFile.certificates("--trust", args.get("--trust")));
    }
    return b.build();
  }

  static IdentificationStrategy strategy(String auth, String answer) {
    if (auth == null || auth.equals("challenge")) {
      if (answer == null || answer.equals("base64")) {
        return IdentificationStrategy.x448Challenge(AnswerEncoding.BASE64);
      }
      if (answer.equals("plain")) {
        return IdentificationStrategy.x448Challenge(AnswerEncoding.PLAIN);
      }
      throw new UsageException("--answer must be base64 or plain, got '" + answer + "'");
    }
    if (auth.equals("private-key-hash")) {
      if (answer != null) {
        throw new UsageException("--answer applies to --auth challenge only");
      }
      return IdentificationStrategy.privateKeyHash();
    }
    throw new UsageException("--auth must be challenge or private-key-hash, got '" + auth + "'");
  }

  static MessageScheme cipher(String name) {
    if (name == null) {
      return MessageScheme.WEB_CLIENT;
    }
    try {
      return MessageScheme.parse(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--cipher must be web, hkdf-gcm or plain, got '" + name + "'");
    }
  }

  static OmikronId id(String option, String value) {
    if (!ID.matcher(value).matches()) {
      throw new UsageException(option + " needs a numeric id or a UUID, got '" + value + "'");
    }
    return OmikronId.of(value);
  }

  private static OmikronPrivateKey key(String text) {
    try {
      return OmikronPrivateKey.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--private-key: " + e.getMessage()); // never contains the key
    }
  }

  /**
   * Asks Omega for the Omikron serving an id and prints the answer as a {@code discover} reply.
   *
   * @return the Omikron, or null after printing the failure (then {@code status[0]} is set)
   */
  private static OmikronInfo discover(
      Output out, Session session, String omegaUrl, OmikronId id, int[] status)
      throws InterruptedException {
    OmegaClient omega;
    try {
      omega = OmegaClient.builder().baseUrl(omegaUrl).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--omega: not an http(s) URL: " + omegaUrl);
    }
    try {
      OmikronInfo info = omega.getOmikron(id).get(WAIT_SECONDS, TimeUnit.SECONDS);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("omikron_id", OmikronFields.id(info.id()));
      f.put("ip_address", info.ipAddress());
      f.put("public_key", info.publicKey());
      out.reply("discover", f);
      return info;
    } catch (ExecutionException | TimeoutException e) {
      status[0] = session.requestFailed("discover", e);
      Throwable cause = e.getCause();
      if (e instanceof TimeoutException
          || cause instanceof OmegaException
              && (((OmegaException) cause).httpStatus() == 0
                  || ((OmegaException) cause).httpStatus() >= 500)) {
        status[0] = ExitCode.UNREACHABLE; // Omega itself could not be reached or is failing
      }
      return null;
    } finally {
      omega.close();
    }
  }

  private static boolean secure(String omegaUrl) {
    return omegaUrl.startsWith("https:");
  }

  /** The client role. */
  private static final class ClientRun {
    private final Output out;
    private final OmikronId userId;
    private final OmikronPrivateKey key;
    private final IdentificationStrategy strategy;
    private final MessageScheme scheme;
    private final LossyTextPolicy lossy;
    private final WebTransportTransport ttp; // null: WebSocket

    ClientRun(
        Output out,
        OmikronId userId,
        OmikronPrivateKey key,
        IdentificationStrategy strategy,
        MessageScheme scheme,
        LossyTextPolicy lossy,
        WebTransportTransport ttp) {
      this.out = out;
      this.userId = userId;
      this.key = key;
      this.strategy = strategy;
      this.scheme = scheme;
      this.lossy = lossy;
      this.ttp = ttp;
    }

    int run(
        Args args, OmikronId getUser, int pings, OmikronId sendTo, List<String> send, int listen)
        throws Exception {
      Session session = new Session(out, "omikron");
      OmikronPrinter printer = new OmikronPrinter(out, "omikron");
      OmikronClient.Builder b =
          OmikronClient.builder()
              .userId(userId)
              .privateKey(key)
              .identification(strategy)
              .messageScheme(scheme)
              .lossyText(lossy)
              .options(Session.forCli(OmikronClient.defaultOptions(protocol(ttp))))
              .listener(printer);
      OmikronClient client;
      if (ttp != null) {
        b.protocol(OmikronProtocol.TTP).transport(ttp);
      } else if (args.has("--omega")) {
        int[] status = {ExitCode.OK};
        OmikronInfo info = discover(out, session, args.get("--omega"), userId, status);
        if (info == null) {
          return status[0];
        }
        try {
          b.url(info.clientUrl(secure(args.get("--omega"))));
        } catch (IllegalStateException e) {
          out.error("OmegaException", e.getMessage());
          return ExitCode.FAILED;
        }
      } else {
        b.url(url(args.get("--url")));
      }
      try {
        client = b.build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      try {
        int status = session.awaitReady(client.connect());
        if (status != ExitCode.OK) {
          return status;
        }
        if (getUser != null) {
          try {
            UserData u = client.getUserData(getUser).get(WAIT_SECONDS, TimeUnit.SECONDS);
            out.reply("get_user_data", OmikronFields.data(u.raw()));
          } catch (ExecutionException | TimeoutException e) {
            return session.requestFailed("get_user_data", e);
          }
        }
        for (int i = 1; i <= pings; i++) {
          try {
            java.time.Duration rtt = client.ping().get(WAIT_SECONDS, TimeUnit.SECONDS).roundTrip();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("seq", i);
            f.put("rtt_ms", OmikronFields.millis(rtt));
            out.reply("ping", f);
          } catch (ExecutionException | TimeoutException e) {
            return session.requestFailed("ping", e);
          }
        }
        if (sendTo != null) {
          try {
            client.sendMessage(sendTo, send.get(1)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("receiver_id", OmikronFields.id(sendTo));
            f.put("scheme", scheme.shortName());
            f.put("stored", true);
            out.reply("message_send", f);
          } catch (ExecutionException | TimeoutException e) {
            return session.requestFailed("message_send", e);
          }
        }
        return printer.listen(listen);
      } finally {
        client.close();
        awaitClosed(client.closeFuture());
      }
    }
  }

  /** The Iota role. */
  private static final class IotaRun {
    private final Output out;
    private final OmikronId iotaId;
    private final OmikronPrivateKey key;
    private final IdentificationStrategy strategy;
    private final WebTransportTransport ttp; // null: WebSocket

    IotaRun(
        Output out,
        OmikronId iotaId,
        OmikronPrivateKey key,
        IdentificationStrategy strategy,
        WebTransportTransport ttp) {
      this.out = out;
      this.iotaId = iotaId;
      this.key = key;
      this.strategy = strategy;
      this.ttp = ttp;
    }

    int run(Args args, OmikronId getUser, int pings, int listen) throws Exception {
      Session session = new Session(out, "omikron-iota");
      OmikronPrinter printer = new OmikronPrinter(out, "omikron-iota");
      IotaConnection.Builder b =
          IotaConnection.builder()
              .iotaId(iotaId)
              .privateKey(key)
              .identification(strategy)
              .options(Session.forCli(IotaConnection.defaultOptions(protocol(ttp))))
              .listener(printer);
      if (ttp != null) {
        b.protocol(OmikronProtocol.TTP).transport(ttp);
      } else if (args.has("--omega")) {
        int[] status = {ExitCode.OK};
        OmikronInfo info = discover(out, session, args.get("--omega"), iotaId, status);
        if (info == null) {
          return status[0];
        }
        try {
          b.url(info.iotaUrl(secure(args.get("--omega"))));
        } catch (IllegalStateException e) {
          out.error("OmegaException", e.getMessage());
          return ExitCode.FAILED;
        }
      } else {
        b.url(url(args.get("--url")));
      }
      IotaConnection iota;
      try {
        iota = b.build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      try {
        int status = session.awaitReady(iota.connect());
        if (status != ExitCode.OK) {
          return status;
        }
        if (getUser != null) {
          try {
            OmikronData d =
                iota.request(
                        MessageType.GET_USER_DATA,
                        new GetUserData(getUser, null, null).toData(),
                        null)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS)
                    .data();
            out.reply("get_user_data", OmikronFields.data(UserData.from(d).raw()));
          } catch (ExecutionException | TimeoutException e) {
            return session.requestFailed("get_user_data", e);
          }
        }
        for (int i = 1; i <= pings; i++) {
          try {
            long start = System.nanoTime();
            Pong last = iota.lastPong();
            long lastPing = last == null ? -1 : last.roundTrip().toMillis();
            CompletableFuture<?> pong =
                iota.request(
                    MessageType.PING,
                    OmikronData.builder().put("last_ping", lastPing).build(),
                    null);
            pong.get(WAIT_SECONDS, TimeUnit.SECONDS);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("seq", i);
            f.put("rtt_ms", (System.nanoTime() - start) / 1_000_000.0);
            out.reply("ping", f);
          } catch (ExecutionException | TimeoutException e) {
            return session.requestFailed("ping", e);
          }
        }
        return printer.listen(listen);
      } finally {
        iota.close();
        awaitClosed(iota.closeFuture());
      }
    }
  }

  /**
   * Waits briefly for the connection to release its resources; the exit status is already decided.
   */
  private static void awaitClosed(CompletableFuture<Void> closed) throws InterruptedException {
    try {
      closed.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Closing is best effort here; a slow close must not change the outcome of the run.
    }
  }

  private static OmikronProtocol protocol(WebTransportTransport ttp) {
    return ttp == null ? OmikronProtocol.WEBSOCKET : OmikronProtocol.TTP;
  }

  private static String url(String url) {
    if (!url.startsWith("ws://") && !url.startsWith("wss://")) {
      throw new UsageException("--url must be a ws:// or wss:// URL, got '" + url + "'");
    }
    return url;
  }
}

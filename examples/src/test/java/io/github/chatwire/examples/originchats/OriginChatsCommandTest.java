package io.github.chatwire.examples.originchats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import io.github.chatwire.core.Secret;
import io.github.chatwire.examples.Main;
import io.github.chatwire.examples.cli.ExitCode;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.Target;
import io.github.chatwire.testkit.originchats.FakeOriginChatsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OriginChatsCommandTest {
  private static final String PASSWORD = "carol-secret-pw";
  private static final String TOKEN = "rotur-token-of-alice-0123";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private FakeOriginChatsServer server;

  private FakeOriginChatsServer server() throws Exception {
    server = FakeOriginChatsServer.builder().build().start();
    server.addAccount("carol", PASSWORD);
    server.addRoturUser(TOKEN, "USR:alice0001", "alice");
    return server;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private int run(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<Map<?, ?>> jsonLines() throws Exception {
    List<Map<?, ?>> lines = new ArrayList<>();
    for (String line : stdout().split("\n")) {
      if (!line.isEmpty()) {
        Object v = JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue();
        assertTrue(v instanceof Map, "not a JSON object: " + line);
        lines.add((Map<?, ?>) v);
      }
    }
    return lines;
  }

  private static List<Map<?, ?>> events(List<Map<?, ?>> lines, String event) {
    return lines.stream().filter(l -> event.equals(l.get("event"))).collect(Collectors.toList());
  }

  @Test
  void logsInSendsTwoMessagesAndPrintsHistoryAsJsonLines() throws Exception {
    server().seedMessages("general", "bob", 5);
    int status =
        run(
            "originchats",
            "--url",
            server.wsUrl(),
            "--login",
            "carol",
            "--password",
            PASSWORD,
            "--send",
            "general",
            "hello from the tool",
            "--send",
            "general",
            "second",
            "--history",
            "general",
            "4",
            "--json");
    assertEquals(ExitCode.OK, status, err.toString(StandardCharsets.UTF_8) + stdout());
    List<Map<?, ?>> lines = jsonLines();
    assertTrue(lines.stream().allMatch(l -> l.get("event") != null));
    assertTrue(
        lines.stream()
            .anyMatch(l -> "state".equals(l.get("event")) && "READY".equals(l.get("state"))));
    List<Map<?, ?>> sent =
        events(lines, "reply").stream()
            .filter(l -> "message_new".equals(l.get("request")))
            .collect(Collectors.toList());
    assertEquals(2, sent.size());
    Map<?, ?> first = (Map<?, ?>) sent.get(0).get("message");
    assertEquals("hello from the tool", first.get("content"));
    assertEquals("USR:local_carol", first.get("user"));
    assertEquals("general", sent.get(0).get("channel"));

    Map<?, ?> history =
        events(lines, "reply").stream()
            .filter(l -> "history".equals(l.get("request")))
            .findFirst()
            .orElseThrow();
    List<?> messages = (List<?>) history.get("messages");
    assertEquals(4, messages.size());
    assertEquals(4.0, history.get("count"));
    // oldest first, ending with the two messages just sent
    assertEquals(
        List.of("msg 3", "msg 4", "hello from the tool", "second"),
        messages.stream().map(m -> ((Map<?, ?>) m).get("content")).collect(Collectors.toList()));
    assertEquals(2, server.messages("general").size() - 5);

    assertEquals(1, events(lines, "handshake").size(), "protocol events under their own name");
    assertEquals(1, events(lines, "ready").size());
    assertTrue(lines.stream().anyMatch(l -> "CLOSED".equals(l.get("state"))));
    assertFalse(stdout().contains(PASSWORD), "the password never reaches the output");
    assertFalse(stdout().contains("validator_key"));
  }

  @Test
  void listenPrintsOtherUsersEventsUnderTheirOwnNames() throws Exception {
    server();
    Thread other =
        new Thread(
            () -> {
              try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!server.receivedCommands().contains("users_online")
                    && System.nanoTime() < deadline) {
                  Thread.sleep(10); // until the tool has logged in and re-synced
                }
                try (OriginChatsClient bob =
                    OriginChatsClient.builder()
                        .url(server.wsUrl())
                        .password("bob", Secret.of("bob-pw"))
                        .build()) {
                  bob.connect().get(10, TimeUnit.SECONDS);
                  bob.typing(Target.channel("general")).get(10, TimeUnit.SECONDS);
                  bob.send(Target.channel("general"), "hi carol").get(10, TimeUnit.SECONDS);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    server.addAccount("bob", "bob-pw");
    other.start();
    int status =
        run(
            "originchats",
            "--url",
            server.wsUrl(),
            "--login",
            "carol",
            "--password",
            PASSWORD,
            "--listen",
            "15",
            "--json"); // bob has 15 s of wall clock even on a loaded machine
    other.join(20_000);
    assertEquals(ExitCode.OK, status, stdout());
    List<Map<?, ?>> lines = jsonLines();
    Map<?, ?> typing = events(lines, "typing").get(0);
    assertEquals("USR:local_bob", typing.get("user"));
    assertEquals("general", typing.get("channel"));
    Map<?, ?> message = events(lines, "message_new").get(0);
    assertEquals("general", message.get("channel"));
    assertEquals("hi carol", ((Map<?, ?>) message.get("message")).get("content"));
    assertTrue(
        events(lines, "user_connect").stream()
            .anyMatch(l -> "USR:local_bob".equals(((Map<?, ?>) l.get("user")).get("username"))),
        stdout());
    assertEquals("USR:local_bob", events(lines, "user_disconnect").get(0).get("username"));
  }

  @Test
  void registersANewAccount() throws Exception {
    server();
    int status =
        run(
            "originchats",
            "--url",
            server.wsUrl(),
            "--register",
            "dave",
            "--password",
            "dave-pw-1",
            "--send",
            "general",
            "first post",
            "--json");
    assertEquals(ExitCode.OK, status, stdout());
    assertTrue(server.receivedCommands().contains("register"));
    Map<?, ?> ready = events(jsonLines(), "ready").get(0);
    assertEquals("USR:local_dave", ((Map<?, ?>) ready.get("user")).get("username"));
    assertEquals("USR:local_dave", server.messages("general").get(0).get("user"));
    assertFalse(stdout().contains("dave-pw-1"));
  }

  @Test
  void logsInWithARoturTokenThroughTheFakeRotur() throws Exception {
    server();
    int status =
        run(
            "originchats",
            "--url",
            server.wsUrl(),
            "--token",
            TOKEN,
            "--rotur-url",
            server.httpUrl(),
            "--send",
            "general",
            "via rotur",
            "--json");
    assertEquals(ExitCode.OK, status, stdout());
    assertTrue(server.receivedCommands().contains("auth"));
    List<Map<?, ?>> lines = jsonLines();
    assertEquals("alice", ((Map<?, ?>) events(lines, "ready").get(0).get("user")).get("username"));
    Map<?, ?> reply = events(lines, "reply").get(0);
    assertEquals("alice", ((Map<?, ?>) reply.get("message")).get("user"));
    assertFalse(stdout().contains(TOKEN), "the token never reaches the output");
  }

  @Test
  void refusedTokenExitsWith3() throws Exception {
    server();
    int status =
        run(
            "originchats",
            "--url",
            server.wsUrl(),
            "--token",
            "not-a-known-token",
            "--rotur-url",
            server.httpUrl(),
            "--json");
    assertEquals(ExitCode.AUTH_REFUSED, status, stdout());
    assertFalse(stdout().contains("not-a-known-token"));
  }

  @Test
  void wrongPasswordExitsWith3AndNeverPrintsIt() throws Exception {
    server();
    int status =
        run(
            "originchats",
            "--url",
            server.wsUrl(),
            "--login",
            "carol",
            "--password",
            "wrong-pw-xyz",
            "--send",
            "general",
            "never sent",
            "--json");
    assertEquals(ExitCode.AUTH_REFUSED, status, stdout());
    List<Map<?, ?>> lines = jsonLines();
    Map<?, ?> closed =
        lines.stream().filter(l -> "CLOSED".equals(l.get("state"))).findFirst().orElseThrow();
    assertNotNull(closed.get("cause"));
    assertTrue(
        ((String) closed.get("cause")).contains("AuthenticationException"), closed.toString());
    assertFalse(stdout().contains("wrong-pw-xyz"));
    assertFalse(server.receivedCommands().contains("message_new"));
  }

  @Test
  void unreachableServerExitsWith4() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int status =
        run(
            "originchats",
            "--url",
            "ws://127.0.0.1:" + port + "/",
            "--login",
            "carol",
            "--password",
            PASSWORD);
    assertEquals(ExitCode.UNREACHABLE, status);
    assertFalse(stdout().contains(PASSWORD));
  }

  @Test
  void serverErrorOnASendExitsWith1() throws Exception {
    server();
    int status =
        run(
            "originchats",
            "--url",
            server.wsUrl(),
            "--login",
            "carol",
            "--password",
            PASSWORD,
            "--send",
            "no-such-channel",
            "hello",
            "--json");
    assertEquals(ExitCode.FAILED, status, stdout());
    Map<?, ?> error = events(jsonLines(), "error").get(0);
    assertEquals("OriginChatsServerException", error.get("kind"));
    assertTrue(((String) error.get("message")).startsWith("message_new"), error.toString());
  }

  @Test
  void unknownChannelNamesTheCommandOnce() throws Exception {
    // issue 10 item 9: printed "message_new: message_new: Channel not found"
    server();
    int status =
        run(
            "originchats",
            "--url",
            server.wsUrl(),
            "--login",
            "carol",
            "--password",
            PASSWORD,
            "--send",
            "no-such-channel",
            "hello",
            "--json");
    assertEquals(ExitCode.FAILED, status, stdout());
    Map<?, ?> error = events(jsonLines(), "error").get(0);
    assertEquals("message_new: Channel not found", error.get("message"), error.toString());
  }

  @Test
  void theTerminalClosedLineIsTheLastLineAfterAWrongPassword() throws Exception {
    // issue 10 item 9: the auth_error event was printed after the terminal CLOSED line
    server();
    int status =
        run(
            "originchats",
            "--url",
            server.wsUrl(),
            "--login",
            "carol",
            "--password",
            "wrong-pw-xyz",
            "--json");
    assertEquals(ExitCode.AUTH_REFUSED, status, stdout());
    List<Map<?, ?>> lines = jsonLines();
    int closed = -1;
    for (int i = 0; i < lines.size(); i++) {
      if ("CLOSED".equals(lines.get(i).get("state"))) {
        closed = i;
      }
    }
    assertTrue(closed >= 0, stdout());
    assertEquals(lines.size() - 1, closed, "nothing may follow CLOSED: " + stdout());
    assertTrue(
        ((String) lines.get(closed).get("cause")).contains("AuthenticationException"), stdout());
  }

  @Test
  void usageErrorsExitWith2() {
    String url = "ws://127.0.0.1:1/";
    assertEquals(
        ExitCode.USAGE, run("originchats", "--login", "carol", "--password", "secret-pw-9"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--url is required"));
    assertEquals(ExitCode.USAGE, run("originchats", "--url", url));
    assertEquals(ExitCode.USAGE, run("originchats", "--url", url, "--login", "carol"));
    assertEquals(
        ExitCode.USAGE,
        run(
            "originchats",
            "--url",
            url,
            "--login",
            "a",
            "--token",
            "t",
            "--password",
            "secret-pw-9"));
    assertEquals(
        ExitCode.USAGE,
        run("originchats", "--url", url, "--token", "t", "--password", "secret-pw-9"));
    assertEquals(ExitCode.USAGE, run("originchats", "--url", "http://x/", "--token", "t"));
    assertEquals(
        ExitCode.USAGE,
        run("originchats", "--url", url, "--token", "t", "--history", "general", "0"));
    assertEquals(
        ExitCode.USAGE, run("originchats", "--url", url, "--token", "t", "--send", "general"));
    assertEquals(
        ExitCode.USAGE,
        run(
            "originchats",
            "--url",
            url,
            "--login",
            "c",
            "--password",
            "secret-pw-9",
            "--rotur-url",
            "http://x"));
    assertEquals(
        ExitCode.USAGE, run("originchats", "--url", url, "--token", "t", "--rotur-url", "nope"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: chatwire originchats"));
    assertFalse(
        err.toString(StandardCharsets.UTF_8).contains("secret-pw-9"),
        "no secret in usage messages either");
    assertEquals("", stdout());
  }
}

package io.github.chatwire.examples.demo;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.OriginChatsListener;
import io.github.chatwire.originchats.Resync;
import io.github.chatwire.originchats.RoturValidatorProvider;
import io.github.chatwire.originchats.Target;
import io.github.chatwire.originchats.model.Channel;
import io.github.chatwire.originchats.model.Message;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.testkit.originchats.FakeOriginChatsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * OriginChats against the testkit's fake server (which also plays the Rotur API) on loopback: alice
 * logs in with a Rotur token, bob with a local password; a message, a reaction, history, then the
 * server drops every socket and both clients reconnect, log in again (alice with a fresh validator
 * for the new connection) and re-sync.
 */
final class OriginChatsScenario implements Scenario {
  private static final String ALICE_TOKEN = "demo-rotur-token-alice";
  private static final String BOB_PASSWORD = "demo-password-bob";
  private static final Target GENERAL = Target.channel("general");

  @Override
  public String name() {
    return "OriginChats";
  }

  @Override
  public List<String> run(Output out) throws Exception {
    out.hide(Secret.of(ALICE_TOKEN));
    out.hide(Secret.of(BOB_PASSWORD));
    List<String> summary = new ArrayList<>();
    try (FakeOriginChatsServer server = FakeOriginChatsServer.builder().build().start()) {
      server.addRoturUser(ALICE_TOKEN, "USR:alice0001", "alice");
      server.addAccount("bob", BOB_PASSWORD);
      server.addChannel("random", "text");
      server.seedMessages("general", "originChats", 3);
      out.info(
          "fake OriginChats server on "
              + server.wsUrl()
              + " (Rotur API on "
              + server.httpUrl()
              + ")");

      ConnectionOptions options =
          OriginChatsClient.defaultOptions().toBuilder()
              .reconnectPolicy(
                  ReconnectPolicy.builder().initialDelay(Duration.ofMillis(200)).build())
              .build();
      CompletableFuture<ServerFrame.MessageNew> bobSaw = new CompletableFuture<>();
      CompletableFuture<ServerFrame.Reaction> aliceSawReaction = new CompletableFuture<>();
      CompletableFuture<Resync> aliceResynced = new CompletableFuture<>();
      CompletableFuture<Void> bobBack = new CompletableFuture<>();

      OriginChatsClient alice =
          OriginChatsClient.builder()
              .url(server.wsUrl())
              .validatorProvider(
                  RoturValidatorProvider.of(Secret.of(ALICE_TOKEN), server.httpUrl()))
              .options(options)
              .listener(
                  new OriginChatsListener() {
                    @Override
                    public void onStateChange(StateChange change) {
                      out.state(
                          "originchats/alice",
                          change.current().name(),
                          change.cause() == null ? null : change.cause().getMessage());
                    }

                    @Override
                    public void onError(ChatwireException error) {
                      out.error(error.getClass().getSimpleName(), error.getMessage());
                    }

                    @Override
                    public void onResync(Resync r) {
                      out.info(
                          "alice re-synced"
                              + (r.reconnected() ? " after the reconnect" : "")
                              + ": channels "
                              + r.channels().stream()
                                  .map(Channel::name)
                                  .collect(Collectors.toList())
                              + ", online "
                              + r.onlineUsers().size());
                      if (r.reconnected()) {
                        aliceResynced.complete(r);
                      }
                    }

                    @Override
                    public void onReaction(ServerFrame.Reaction event) {
                      if (event.listener() == null) {
                        out.info("alice sees reaction " + event.emoji() + " from " + event.from());
                        aliceSawReaction.complete(event);
                      }
                    }
                  })
              .build();
      OriginChatsClient bob =
          OriginChatsClient.builder()
              .url(server.wsUrl())
              .password("bob", Secret.of(BOB_PASSWORD))
              .options(options)
              .listener(
                  new OriginChatsListener() {
                    @Override
                    public void onMessageNew(ServerFrame.MessageNew event) {
                      if (event.listener() == null) {
                        out.info(
                            "bob sees message_new from "
                                + event.message().user()
                                + ": "
                                + event.message().content());
                        bobSaw.complete(event);
                      }
                    }

                    @Override
                    public void onReady(ServerFrame.Ready ready, boolean reconnected) {
                      if (reconnected) {
                        out.info("bob logged in again as " + ready.user().username());
                        bobBack.complete(null);
                      }
                    }
                  })
              .build();
      try {
        long t0 = System.nanoTime();
        alice.connect().get(10, TimeUnit.SECONDS);
        double loginMs = (System.nanoTime() - t0) / 1_000_000.0;
        out.info(
            String.format(
                "alice: handshake (%s, auth_mode %s) and Rotur login in %.1f ms",
                alice.handshake().server().name(), alice.handshake().authMode(), loginMs));
        bob.connect().get(10, TimeUnit.SECONDS);
        out.info("bob: password login as " + bob.user().username());

        long t1 = System.nanoTime();
        ServerFrame.MessageNew sent = alice.send(GENERAL, "hello bob!").get(5, TimeUnit.SECONDS);
        double sendMs = (System.nanoTime() - t1) / 1_000_000.0;
        out.info(
            String.format("alice sent message %s (reply in %.1f ms)", sent.message().id(), sendMs));
        ServerFrame.MessageNew seen = bobSaw.get(5, TimeUnit.SECONDS);
        bob.react(GENERAL, seen.message().id(), "\uD83D\uDC4B").get(5, TimeUnit.SECONDS);
        ServerFrame.Reaction reaction = aliceSawReaction.get(5, TimeUnit.SECONDS);

        List<Message> page = alice.history(GENERAL, 10).next().get(5, TimeUnit.SECONDS);
        out.info(
            "history of #general: "
                + page.size()
                + " messages, newest: "
                + page.get(page.size() - 1).content());

        int keysBefore = server.issuedValidatorKeys().size();
        out.info(
            "forcing a disconnect: the server drops every socket (close 1012, service restart)");
        server.dropAll();
        Resync again = aliceResynced.get(15, TimeUnit.SECONDS);
        bobBack.get(15, TimeUnit.SECONDS);
        ServerFrame.MessageNew after = alice.send(GENERAL, "back again").get(5, TimeUnit.SECONDS);
        out.info("after the reconnect alice sent " + after.message().id());

        summary.add(
            String.format(
                "alice: Rotur login via the fake Rotur in %.1f ms; bob: password login", loginMs));
        summary.add(
            String.format(
                "message_new reply in %.1f ms, event seen by bob, reaction %s seen by alice",
                sendMs, reaction.emoji()));
        summary.add("history page of #general: " + page.size() + " messages");
        summary.add(
            "close 1012 -> both reconnected, re-logged in ("
                + (server.issuedValidatorKeys().size() - keysBefore)
                + " new handshakes) and re-synced "
                + again.channels().size()
                + " channels");
      } finally {
        alice.close();
        bob.close();
        alice.closeFuture().get(5, TimeUnit.SECONDS);
        bob.closeFuture().get(5, TimeUnit.SECONDS);
      }
    }
    return summary;
  }
}

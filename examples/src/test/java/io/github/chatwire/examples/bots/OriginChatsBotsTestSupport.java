package io.github.chatwire.examples.bots;

import io.github.chatwire.core.Secret;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.OriginChatsListener;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.testkit.originchats.FakeOriginChatsServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fake OriginChats server with accounts "bot" and "alice", and alice's client recording messages.
 */
abstract class OriginChatsBotsTestSupport {
  static final String BOT_PASSWORD = "bot-password";
  FakeOriginChatsServer server;
  final List<OriginChatsClient> clients = new ArrayList<>();
  final BlockingQueue<ServerFrame.MessageNew> aliceSees = new LinkedBlockingQueue<>();

  @BeforeEach
  void startServer() throws Exception {
    server = FakeOriginChatsServer.builder().build().start();
    server.addAccount("bot", BOT_PASSWORD);
    server.addAccount("alice", "alice-password");
    server.addChannel("random", "text");
  }

  @AfterEach
  void stopAll() throws Exception {
    for (OriginChatsClient c : clients) {
      c.close();
    }
    for (OriginChatsClient c : clients) {
      c.closeFuture().get(5, TimeUnit.SECONDS);
    }
    server.close();
  }

  /** The bot's client (not connected). */
  OriginChatsClient botClient() {
    OriginChatsClient c =
        OriginChatsClient.builder()
            .url(server.wsUrl())
            .password("bot", Secret.of(BOT_PASSWORD))
            .build();
    clients.add(c);
    return c;
  }

  /** Alice, connected; every message_new broadcast she sees goes to {@link #aliceSees}. */
  OriginChatsClient alice() throws Exception {
    OriginChatsClient c =
        OriginChatsClient.builder()
            .url(server.wsUrl())
            .password("alice", Secret.of("alice-password"))
            .listener(
                new OriginChatsListener() {
                  @Override
                  public void onMessageNew(ServerFrame.MessageNew event) {
                    if (event.listener() == null) {
                      aliceSees.add(event);
                    }
                  }
                })
            .build();
    clients.add(c);
    c.connect().get(10, TimeUnit.SECONDS);
    return c;
  }

  /** The next message_new alice sees from someone else. */
  ServerFrame.MessageNew next() throws InterruptedException {
    ServerFrame.MessageNew m = aliceSees.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("alice saw no message within 10 s");
    }
    return m;
  }
}

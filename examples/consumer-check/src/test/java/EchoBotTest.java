import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.Secret;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.Target;
import io.github.chatwire.testkit.originchats.FakeOriginChatsServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A user's first test, written against the published artifacts only: the README's echo bot
 * against the testkit's fake OriginChats server. It answers others once and never itself.
 */
class EchoBotTest {
    @Test
    void echoesOthersOnceAndNeverItself() throws Exception {
        try (FakeOriginChatsServer server = FakeOriginChatsServer.builder().build().start()) {
            server.addAccount("echo-bot", "bot-password");
            server.addAccount("alice", "alice-password");
            OriginChatsClient bot = EchoBot.start(server.wsUrl(), "bot-password");
            OriginChatsClient alice = OriginChatsClient.builder().url(server.wsUrl())
                    .password("alice", Secret.of("alice-password")).build();
            try {
                alice.connect().get(30, TimeUnit.SECONDS);
                alice.send(Target.channel("general"), "hello").get(30, TimeUnit.SECONDS);
                awaitContent(server, "echo: hello");
                // The bot hears its own "echo: hello" before alice's next message (the server
                // broadcasts in order), so once "echo: done" is there, a self-echo would be too.
                alice.send(Target.channel("general"), "done").get(30, TimeUnit.SECONDS);
                awaitContent(server, "echo: done");
                List<String> contents = contents(server);
                assertEquals(1, contents.stream().filter("echo: hello"::equals).count(), contents.toString());
                assertTrue(contents.stream().noneMatch(c -> c.startsWith("echo: echo:")), contents.toString());
            } finally {
                alice.close();
                bot.close();
            }
        }
    }

    private static List<String> contents(FakeOriginChatsServer server) {
        return server.messages("general").stream().map(m -> String.valueOf(m.get("content"))).collect(Collectors.toList());
    }

    private static void awaitContent(FakeOriginChatsServer server, String content) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!contents(server).contains(content)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + content + "\" in " + contents(server));
            }
            Thread.sleep(20);
        }
    }
}

import io.github.chatwire.core.Secret;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.concurrent.TimeUnit;

/**
 * The README's first bot. setup.groovy replaces the lines between the two "consumer-check" markers
 * with the README block marked "<!-- consumer-check: into src/main/java/EchoBot.java -->", verbatim
 * except that its wss:// URL literal becomes the url parameter; what stands here is a copy.
 */
public class EchoBot {
    public static OriginChatsClient start(String url, String password) throws Exception {
        // consumer-check: README begin
        OriginChatsClient client = OriginChatsClient.builder().url(url)
                .password("echo-bot", Secret.of(password))        // or .roturToken(Secret.of(token))
                .build();
        client.on(ServerFrame.MessageNew.class, event -> {
            if (!client.isOwn(event)) {                            // its own sends come back too: skip them
                client.reply(event, "echo: " + event.message().content());
            }
        });
        client.connect().get(30, TimeUnit.SECONDS);               // handshake, login, ready
        // consumer-check: README end
        return client;
    }

    public static void main(String[] args) throws Exception {
        start(args[0], System.getenv("CHATWIRE_PASSWORD"));
        Thread.currentThread().join();
    }
}

import io.github.chatwire.core.Secret;
import io.github.chatwire.originchats.OriginChatsClient;
import io.github.chatwire.originchats.OriginChatsListener;
import io.github.chatwire.originchats.Target;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.concurrent.TimeUnit;

// Mirror of the README's first bot, used until the README marks its own with
// "<!-- consumer-check: src/main/java/EchoBot.java -->"; then setup.groovy puts the README's here.
public class EchoBot {
    public static OriginChatsClient start(String url, String user, Secret password) throws Exception {
        OriginChatsClient[] self = new OriginChatsClient[1];
        self[0] = OriginChatsClient.builder(url).password(user, password)
                .listener(new OriginChatsListener() {
                    @Override public void onMessageNew(ServerFrame.MessageNew e) {
                        boolean own = e.listener() != null
                                || self[0].user() != null && self[0].user().username().equals(e.message().user());
                        if (!own) self[0].send(Target.channel(e.channel()), "echo: " + e.message().content());
                    }
                }).build();
        self[0].connect().get(30, TimeUnit.SECONDS);
        return self[0];
    }

    public static void main(String[] args) throws Exception {
        start(args[0], args[1], Secret.of(System.getenv("CHATWIRE_PASSWORD")));
        Thread.currentThread().join();
    }
}

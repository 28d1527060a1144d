package io.github.chatwire.examples.bots;

import io.github.chatwire.binary.BinaryWsClient;
import io.github.chatwire.binary.BinaryWsListener;
import io.github.chatwire.binary.PongEvent;
import io.github.chatwire.binary.codec.SettingRegistry;
import io.github.chatwire.binary.codec.ValueCodecs;
import io.github.chatwire.binary.model.SettingKey;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.StateChange;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Example: a binary {@code /api/ws} client that keeps its session alive and changes a setting.
 *
 * <p>There is nothing to do for keep-alive: the client sends a Ping every 15 s by default (the
 * server closes a client silent for 30 s), reconnects after retryable closes, and re-authenticates
 * each time. This class only says what it sees and sends one setting when first ready.
 *
 * <pre>{@code
 * try (BinarySessionKeeper keeper = new BinarySessionKeeper(url, Secret.of(key), System.out::println)) {
 *     keeper.start().join();          // READY and the setting sent
 *     Thread.sleep(60_000);           // pings keep it alive meanwhile
 * }
 * }</pre>
 */
public final class BinarySessionKeeper implements AutoCloseable {
  /** The setting this example changes. The protocol defines no ids yet: id 1 is ours. */
  public static final SettingKey<Integer> VOLUME = new SettingKey<>(1, "volume", Integer.class);

  private final BinaryWsClient client;

  /**
   * Creates the example client; nothing happens until {@link #start()}.
   *
   * @param url the server's {@code ws://…/api/ws} URL
   * @param accessKey the base64 access key
   * @param log where to say what happens; called on the SDK's callback thread
   */
  public BinarySessionKeeper(String url, Secret accessKey, Consumer<String> log) {
    // The setting registry tells the codec how to encode our setting's value.
    SettingRegistry settings =
        SettingRegistry.defaults().toBuilder().register(VOLUME, ValueCodecs.INT).build();
    this.client =
        BinaryWsClient.builder()
            .url(url)
            .accessKey(accessKey) // a Secret: never printed, never logged
            .settings(settings)
            .listener(
                new BinaryWsListener() {
                  @Override
                  public void onPong(PongEvent pong) {
                    log.accept("pong, round trip " + pong.roundTrip().toMillis() + " ms");
                  }

                  @Override
                  public void onStateChange(StateChange change) {
                    log.accept("state " + change);
                  }
                })
            .build();
  }

  /**
   * Connects and, once READY, sets the volume to 7.
   *
   * @return completes when the setting has been handed to the connection
   */
  public CompletableFuture<Void> start() {
    return client
        .connect()
        .thenCompose(ready -> client.sendSettings(Settings.builder().set(VOLUME, 7).build()));
  }

  /**
   * The client, for inspection.
   *
   * @return the client
   */
  public BinaryWsClient client() {
    return client;
  }

  /** Closes the connection. */
  @Override
  public void close() {
    client.close();
  }
}

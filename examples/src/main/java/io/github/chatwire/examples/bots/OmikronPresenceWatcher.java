package io.github.chatwire.examples.bots;

import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.omikron.OmikronClient;
import io.github.chatwire.omikron.OmikronListener;
import io.github.chatwire.omikron.model.ClientChanged;
import io.github.chatwire.omikron.model.ClientConnected;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.UserData;
import io.github.chatwire.omikron.model.UserState;
import io.github.chatwire.omikron.model.UserStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Example: an Omikron client that watches who is online and says so.
 *
 * <p>On start it asks for the current status of the users it watches ({@code get_user_data}), then
 * reports every presence push the Omikron sends: {@code client_changed} (a user went online, idle,
 * do-not-disturb, offline...), {@code client_connected} and {@code get_states}. Identification (the
 * X448 challenge), pings and reconnects are the client's job; after a reconnect the pushes simply
 * continue.
 *
 * <p>Note: the public reference Omikron (E3) does not forward {@code client_changed} to other
 * users; servers that follow the newer spec do (the testkit's {@code FakeOmikronShape.SPEC}).
 *
 * <pre>{@code
 * OmikronClient.Builder me = OmikronClient.builder().url(url).keyFile(OmikronKeyFile.parse(text));
 * try (OmikronPresenceWatcher watcher = new OmikronPresenceWatcher(me, List.of(friend), System.out::println)) {
 *     watcher.start().join();   // prints "1733600000001 is user_online"
 *     Thread.sleep(60_000);     // prints "presence 1733600000001: user_idle" and so on
 * }
 * }</pre>
 */
public final class OmikronPresenceWatcher implements AutoCloseable {
  private final OmikronClient client;
  private final List<OmikronId> watched;
  private final Consumer<String> log;

  /**
   * Creates the watcher; nothing happens until {@link #start()}.
   *
   * @param connection a client builder with URL, user id and key set (and a wire shape or options
   *     if needed); this class adds its listener and builds it
   * @param watched the users whose status to look up on start; may be empty
   * @param log where to say what happens; called on the SDK's callback thread, one at a time
   */
  public OmikronPresenceWatcher(
      OmikronClient.Builder connection, List<OmikronId> watched, Consumer<String> log) {
    this.watched = new ArrayList<>(watched);
    this.log = log;
    this.client =
        connection
            .listener(
                new OmikronListener() {
                  @Override
                  public void onPresence(ClientChanged change, OmikronMessage envelope) {
                    // client_changed: one user's new presence (and, in older servers, call state).
                    log.accept(
                        "presence "
                            + change.userId()
                            + ": "
                            + change.userState()
                            + (change.callState() == null
                                ? ""
                                : " (call " + change.callState() + ")"));
                  }

                  @Override
                  public void onClientConnected(
                      ClientConnected connected, OmikronMessage envelope) {
                    log.accept("connected " + connected.userId());
                  }

                  @Override
                  public void onUserStates(UserStates states, OmikronMessage envelope) {
                    // get_states: several users at once.
                    states
                        .userStates()
                        .forEach((user, state) -> log.accept("presence " + user + ": " + state));
                  }

                  @Override
                  public void onStateChange(StateChange change) {
                    log.accept("state " + change.current());
                  }
                })
            .build();
  }

  /**
   * Connects (identifying with the X448 challenge) and looks up the watched users' status.
   *
   * @return the status of each watched user, in the given order; completes on the SDK's callback
   *     thread, fails if the connection or a lookup fails
   */
  public CompletableFuture<Map<OmikronId, UserState>> start() {
    return client
        .connect()
        .thenCompose(
            ready -> {
              List<CompletableFuture<UserData>> lookups = new ArrayList<>();
              for (OmikronId user : watched) {
                lookups.add(client.getUserData(user));
              }
              return CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0]))
                  .thenApply(
                      all -> {
                        Map<OmikronId, UserState> status = new LinkedHashMap<>();
                        for (CompletableFuture<UserData> f : lookups) {
                          UserData u = f.join(); // already complete
                          status.put(u.userId(), u.onlineStatus());
                          log.accept(u.userId() + " (" + u.username() + ") is " + u.onlineStatus());
                        }
                        return status;
                      });
            });
  }

  /**
   * The client, for inspection.
   *
   * @return the client
   */
  public OmikronClient client() {
    return client;
  }

  /** Closes the connection; returns at once. */
  @Override
  public void close() {
    client.close();
  }
}

package io.github.chatwire.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Tauri protocol on the engine, against an in-memory transport, in virtual time. */
class TauriPushClientTest {
  private static final String IDENT =
      "{\"type\":\"tauri_identification\",\"data\":{\"user_id\":\"u-7\"}}";

  private VirtualScheduler clock;
  private ChatwireRuntime runtime;
  private ScriptedTransport transport;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<StateChange> states = new CopyOnWriteArrayList<>();
  private final List<ChatwireException> errors = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    clock = new VirtualScheduler();
    runtime = ChatwireRuntime.builder().scheduler(clock).callbackExecutor(Runnable::run).build();
    transport = new ScriptedTransport("fake").textOnly();
  }

  @AfterEach
  void tearDown() {
    runtime.close();
  }

  private TauriPushClient.Builder builder() {
    return TauriPushClient.builder()
        .userId("u-7")
        .transport(transport)
        .runtime(runtime)
        .options(
            ConnectionOptions.builder()
                .idleTimeout(Duration.ofSeconds(90))
                .reconnectPolicy(
                    ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(1)).jitter(0).build())
                .build())
        .listener(
            new TauriPushListener() {
              @Override
              public void onPushNotification(String senderId) {
                events.add("push:" + senderId);
              }

              @Override
              public void onReadNotification(String senderId) {
                events.add("read:" + senderId);
              }

              @Override
              public void onIdentified(String messageId) {
                events.add("identified:" + messageId);
              }

              @Override
              public void onStateChange(StateChange change) {
                states.add(change);
              }

              @Override
              public void onError(ChatwireException error) {
                errors.add(error);
              }
            });
  }

  private TauriPushClient readyClient(TauriPushClient.Builder b) {
    TauriPushClient client = b.build();
    CompletableFuture<Void> connected = client.connect();
    ScriptedTransport.Session s = transport.last();
    s.listener().onOpen();
    assertEquals(List.of(IDENT), s.sent());
    assertEquals(ConnectionState.HANDSHAKING, client.state());
    assertFalse(connected.isDone());
    s.listener().onText("{\"type\":\"success\",\"id\":\"m1\"}");
    assertEquals(ConnectionState.READY, client.state());
    assertTrue(connected.isDone());
    return client;
  }

  @Test
  void identifiesAndBecomesReadyOnlyOnSuccess() {
    TauriPushClient client = builder().build();
    client.connect();
    ScriptedTransport.Session s = transport.last();
    s.listener().onOpen();
    s.listener().onText("{\"type\":\"ping\",\"data\":{\"last_ping\":1}}");
    s.listener().onText("{\"type\":\"something\"}");
    assertEquals(ConnectionState.HANDSHAKING, client.state());
    s.listener().onText("{\"type\":\"success\",\"id\":\"m1\"}");
    assertEquals(ConnectionState.READY, client.state());
    s.listener().onText("{\"type\":\"success\",\"id\":\"m2\"}");
    assertEquals(List.of("identified:m1"), events);
    client.close();
  }

  @Test
  void answersEveryPingWithPongCarryingLastPing() {
    TauriPushClient client = readyClient(builder());
    ScriptedTransport.Session s = transport.last();
    s.listener().onText("{\"type\":\"ping\",\"data\":{\"last_ping\":1700000000001}}");
    s.listener().onText("{\"type\":\"ping\",\"data\":{\"last_ping\":\"42\"}}");
    List<String> sent = s.sent();
    assertEquals("{\"type\":\"pong\",\"data\":{\"last_ping\":1700000000001}}", sent.get(1));
    assertEquals("{\"type\":\"pong\",\"data\":{\"last_ping\":42}}", sent.get(2));
    client.close();
  }

  @Test
  void pongValueIsPluggable() {
    TauriPushClient client = readyClient(builder().pongValue(v -> v + 1));
    transport.last().listener().onText("{\"type\":\"ping\",\"data\":{\"last_ping\":10}}");
    assertEquals("{\"type\":\"pong\",\"data\":{\"last_ping\":11}}", transport.last().sent().get(1));
    client.close();
  }

  @Test
  void deliversPushAndReadNotificationsAndReportsBadInput() {
    TauriPushClient client = readyClient(builder());
    ScriptedTransport.Session s = transport.last();
    s.listener().onText("{\"type\":\"push_notification\",\"data\":{\"sender_id\":\"alice\"}}");
    s.listener().onText("{\"type\":\"read_notification\",\"data\":{\"sender_id\":12}}");
    s.listener().onText("{\"type\":\"push_notification\"}");
    s.listener().onText("garbage");
    assertEquals(List.of("identified:m1", "push:alice", "read:12"), events);
    assertEquals(2, errors.size());
    assertTrue(errors.stream().allMatch(e -> e instanceof ProtocolException));
    assertEquals(ConnectionState.READY, client.state());
    client.close();
  }

  @Test
  void watchdogReconnectsASilentServerAndPingsKeepItAlive() {
    TauriPushClient client = readyClient(builder());
    ScriptedTransport.Session first = transport.last();
    clock.advance(Duration.ofSeconds(60));
    first.listener().onText("{\"type\":\"ping\",\"data\":{\"last_ping\":1}}");
    clock.advance(Duration.ofSeconds(60));
    assertEquals(ConnectionState.READY, client.state());
    assertEquals(null, first.closedWith());
    clock.advance(Duration.ofSeconds(30));
    assertNotNull(first.closedWith(), "watchdog closes the silent session");
    assertEquals(ConnectionState.RECONNECTING, client.state());
    assertEquals(1, transport.opens());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, transport.opens());
    transport.last().listener().onOpen();
    assertEquals(List.of(IDENT), transport.last().sent(), "identification is redone");
    client.close();
  }

  @Test
  void serverCloseReconnectsWithGrowingBackoff() {
    TauriPushClient client = readyClient(builder());
    transport.last().listener().onClosed(0, "server closed the QUIC connection");
    assertEquals(ConnectionState.RECONNECTING, client.state());
    StateChange rc = states.get(states.size() - 1);
    assertEquals(Duration.ofSeconds(1), rc.retryIn());
    clock.advance(Duration.ofMillis(999));
    assertEquals(1, transport.opens());
    clock.advance(Duration.ofMillis(1));
    assertEquals(2, transport.opens());
    transport
        .last()
        .listener()
        .onFailure(new io.github.chatwire.core.ConnectionLostException("QUIC idle timeout"));
    assertEquals(Duration.ofSeconds(2), states.get(states.size() - 1).retryIn());
    clock.advance(Duration.ofSeconds(2));
    assertEquals(3, transport.opens());
    client.close();
  }

  @Test
  void rejectedClientCertificateIsTerminal() {
    TauriPushClient client = builder().build();
    CompletableFuture<Void> connected = client.connect();
    transport.last().listener().onOpen();
    transport.last().listener().onFailure(new ClientCertificateRejectedException(116, "rejected"));
    assertEquals(ConnectionState.CLOSED, client.state());
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> connected.get(1, TimeUnit.SECONDS));
    assertInstanceOf(ClientCertificateRejectedException.class, e.getCause());
    assertInstanceOf(AuthenticationException.class, states.get(states.size() - 1).cause());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(1, transport.opens(), "no reconnect loop");
  }

  @Test
  void configuredAuthenticationCloseCodeIsTerminal() {
    TauriPushClient client = readyClient(builder().authenticationCloseCodes(4001));
    transport.last().listener().onClosed(4001, "unknown device");
    assertEquals(ConnectionState.CLOSED, client.state());
    assertInstanceOf(AuthenticationException.class, states.get(states.size() - 1).cause());
  }

  @Test
  void builderValidates() {
    assertThrows(
        IllegalStateException.class, () -> TauriPushClient.builder().host("h").alpn("a").build());
    assertThrows(IllegalStateException.class, () -> TauriPushClient.builder().userId("u").build());
    assertThrows(IllegalArgumentException.class, () -> TauriPushClient.builder().alpn(" "));
    assertThrows(IllegalArgumentException.class, () -> TauriPushClient.builder().port(0));
    for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> TauriPushClient.builder().quicKeepAliveFraction(bad),
          "" + bad);
    }
  }

  @Test
  void everyEventReachesOnEventFirstThenItsMethodThenTypedSubscriptions() {
    List<String> order = new CopyOnWriteArrayList<>();
    io.github.chatwire.core.connection.ConnectionListener asCore =
        new TauriPushListener() {
          @Override
          public void onEvent(io.github.chatwire.tauri.model.TauriMessage event) {
            order.add("event:" + event.type());
          }

          @Override
          public void onPushNotification(String senderId) {
            order.add("push:" + senderId);
          }

          @Override
          public void onUnknown(io.github.chatwire.tauri.model.TauriMessage.Unknown message) {
            order.add("unknown:" + message.type());
          }
        };
    TauriPushClient client = builder().listener((TauriPushListener) asCore).build();
    List<String> typed = new CopyOnWriteArrayList<>();
    io.github.chatwire.core.Subscription sub =
        client.on(
            io.github.chatwire.tauri.model.TauriMessage.PushNotification.class,
            p -> typed.add(p.senderId()));
    client.on(io.github.chatwire.tauri.model.TauriMessage.class, m -> order.add("on:" + m.type()));
    client.connect();
    ScriptedTransport.Session s = transport.last();
    s.listener().onOpen();
    s.listener().onText("{\"type\":\"success\",\"id\":\"m1\"}");
    s.listener().onText("{\"type\":\"ping\",\"data\":{\"last_ping\":3}}");
    s.listener().onText("{\"type\":\"push_notification\",\"data\":{\"sender_id\":\"alice\"}}");
    s.listener().onText("{\"type\":\"new_thing\",\"data\":{}}");
    sub.close();
    s.listener().onText("{\"type\":\"push_notification\",\"data\":{\"sender_id\":\"bob\"}}");
    assertEquals(
        List.of(
            "event:success",
            "on:success",
            "event:ping",
            "on:ping",
            "event:push_notification",
            "push:alice",
            "on:push_notification",
            "event:new_thing",
            "unknown:new_thing",
            "on:new_thing",
            "event:push_notification",
            "push:bob",
            "on:push_notification"),
        order);
    assertEquals(List.of("alice"), typed, "a closed subscription hears nothing more");
    client.close();
  }

  @Test
  @SuppressWarnings("deprecation")
  void theOldUnknownMessageMethodStillHearsUnknownMessages() {
    List<String> heard = new CopyOnWriteArrayList<>();
    TauriPushClient client =
        readyClient(
            builder()
                .listener(
                    new TauriPushListener() {
                      @Override
                      public void onUnknownMessage(
                          io.github.chatwire.tauri.model.TauriMessage.Unknown message) {
                        heard.add(message.type());
                      }
                    }));
    transport.last().listener().onText("{\"type\":\"new_thing\"}");
    assertEquals(List.of("new_thing"), heard);
    client.close();
  }

  @Test
  @SuppressWarnings("deprecation")
  void connectionOptionsIsADeprecatedAliasOfOptions() {
    ConnectionOptions o = ConnectionOptions.builder().name("x").build();
    assertThrows(NullPointerException.class, () -> TauriPushClient.builder().options(null));
    assertThrows(
        NullPointerException.class, () -> TauriPushClient.builder().connectionOptions(null));
    TauriPushClient client = builder().connectionOptions(o).build();
    assertEquals("x", client.connection().options().name());
    client.close();
  }

  @Test
  void aThrowingListenerDoesNotSilenceTheNextOne() {
    TauriPushClient client =
        builder()
            .listener(
                new TauriPushListener() {
                  @Override
                  public void onPushNotification(String senderId) {
                    throw new IllegalStateException("listener bug");
                  }

                  @Override
                  public void onStateChange(StateChange change) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .build();
    List<String> second = new CopyOnWriteArrayList<>();
    client.addListener(
        new TauriPushListener() {
          @Override
          public void onPushNotification(String senderId) {
            second.add("push:" + senderId);
          }

          @Override
          public void onStateChange(StateChange change) {
            second.add(change.current().name());
          }
        });
    client.connect();
    ScriptedTransport.Session s = transport.last();
    s.listener().onOpen();
    s.listener().onText("{\"type\":\"success\"}");
    s.listener().onText("{\"type\":\"push_notification\",\"data\":{\"sender_id\":\"a\"}}");
    assertTrue(second.contains("READY"), second.toString());
    assertTrue(second.contains("push:a"), second.toString());
    assertEquals(ConnectionState.READY, client.state());
    client.close();
  }
}

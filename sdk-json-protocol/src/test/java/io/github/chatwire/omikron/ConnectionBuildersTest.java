package io.github.chatwire.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.omikron.model.OmikronId;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three connection builders share one set of endpoint settings and checks. */
class ConnectionBuildersTest {
  static final OmikronId ID = OmikronId.of(1_733_600_000_001L);
  final OmikronPrivateKey key = OmikronPrivateKey.generate(new SecureRandom());

  @Test
  void everyBuilderNeedsAUrlOrATransport() {
    IllegalStateException client =
        assertThrows(
            IllegalStateException.class,
            () -> OmikronClient.builder().userId(ID).privateKey(key).build());
    IllegalStateException iota =
        assertThrows(
            IllegalStateException.class,
            () -> IotaConnection.builder().iotaId(ID).privateKey(key).build());
    IllegalStateException guest =
        assertThrows(
            IllegalStateException.class,
            () -> CallGuestConnection.builder().callId("call-1").build());
    assertEquals("url or transport is required", client.getMessage());
    assertEquals("url or transport is required", iota.getMessage());
    assertEquals("url or transport is required", guest.getMessage());
  }

  @Test
  void roleSpecificChecksStillApplyOnceAnEndpointIsSet() {
    ScriptedOmikron t = new ScriptedOmikron();
    assertEquals(
        "userId and privateKey (or a keyFile) are required",
        assertThrows(
                IllegalStateException.class,
                () -> OmikronClient.builder().transport(t).userId(ID).build())
            .getMessage());
    assertEquals(
        "iotaId is required",
        assertThrows(
                IllegalStateException.class,
                () -> IotaConnection.builder().transport(t).privateKey(key).build())
            .getMessage());
    assertEquals(
        "callId is required",
        assertThrows(
                IllegalStateException.class,
                () ->
                    CallGuestConnection.builder()
                        .url("ws://127.0.0.1:1/ws/anonymous_client")
                        .build())
            .getMessage());
  }

  @Test
  void sharedSettersRejectNullAndReturnTheRolesBuilder() {
    OmikronClient.Builder c = OmikronClient.builder();
    assertThrows(NullPointerException.class, () -> c.url(null));
    assertThrows(NullPointerException.class, () -> c.transport(null));
    assertThrows(NullPointerException.class, () -> c.wireShape(null));
    assertThrows(NullPointerException.class, () -> c.options(null));
    assertThrows(NullPointerException.class, () -> c.runtime(null));
    assertThrows(NullPointerException.class, () -> c.listener(null));
    // the shared setters return the concrete builder, so role setters chain after them
    IotaConnection.Builder i = IotaConnection.builder().url("ws://127.0.0.1:1/ws/iota/").iotaId(ID);
    assertThrows(NullPointerException.class, () -> i.listener(null));
    CallGuestConnection.Builder g =
        CallGuestConnection.builder()
            .wireShape(io.github.chatwire.omikron.codec.WireShape.REFERENCE)
            .callId("call-1");
    assertThrows(NullPointerException.class, () -> g.runtime(null));
  }

  @Test
  void everyOmikronConnectionExposesTheEngineItRunsOn() {
    ConnectionOptions options =
        OmikronClient.defaultOptions().toBuilder().name("under-test").build();
    OmikronClient client =
        OmikronClient.builder()
            .transport(new ScriptedOmikron())
            .userId(ID)
            .privateKey(key)
            .options(options)
            .build();
    IotaConnection iota =
        IotaConnection.builder()
            .transport(new ScriptedOmikron())
            .iotaId(ID)
            .privateKey(key)
            .options(options)
            .build();
    CallGuestConnection guest =
        CallGuestConnection.builder()
            .transport(new ScriptedOmikron())
            .callId("call-1")
            .options(options)
            .build();
    assertSame(options, client.connection().options());
    assertSame(options, iota.connection().options());
    assertSame(options, guest.connection().options());
    assertEquals(0, guest.pendingRequests());
    for (ManagedConnection engine :
        List.of(client.connection(), iota.connection(), guest.connection())) {
      assertEquals(ConnectionState.NEW, engine.state());
      engine.close();
    }
    assertEquals(ConnectionState.CLOSED, client.state(), "closing the engine closes the client");
    assertEquals(ConnectionState.CLOSED, iota.state());
    assertEquals(ConnectionState.CLOSED, guest.state());
  }
}

package io.github.chatwire.omikron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.omikron.codec.MessageScheme;
import io.github.chatwire.omikron.model.OmikronId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing the protocol generation per connection: what TTP needs, refuses and defaults to. */
class TtpProtocolSelectionTest {
  static final OmikronId ID = OmikronId.of(1_733_600_000_001L);
  final OmikronPrivateKey key = OmikronPrivateKey.generate(new SecureRandom());

  OmikronClient.Builder ttp(ScriptedTtpOmikron t) {
    return OmikronClient.builder()
        .protocol(OmikronProtocol.TTP)
        .transport(t)
        .userId(ID)
        .privateKey(key);
  }

  @Test
  void ttpWithoutATransportSaysToAddSdkWebtransport() {
    for (Runnable build :
        List.<Runnable>of(
            () ->
                OmikronClient.builder()
                    .protocol(OmikronProtocol.TTP)
                    .userId(ID)
                    .privateKey(key)
                    .build(),
            () ->
                OmikronClient.builder()
                    .protocol(OmikronProtocol.TTP)
                    .url("https://methanium.net:959")
                    .userId(ID)
                    .privateKey(key)
                    .build(),
            () ->
                IotaConnection.builder()
                    .protocol(OmikronProtocol.TTP)
                    .iotaId(ID)
                    .privateKey(key)
                    .build())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, build::run);
      assertTrue(e.getMessage().contains("sdk-webtransport"), e.getMessage());
      assertTrue(e.getMessage().contains("WebTransportTransport"), e.getMessage());
    }
  }

  @Test
  void ttpRefusesWhatItCannotCarry() {
    ScriptedTtpOmikron t = new ScriptedTtpOmikron();
    assertThrows(
        IllegalStateException.class,
        () -> ttp(t).identification(IdentificationStrategy.privateKeyHash()).build());
    assertThrows(
        IllegalStateException.class,
        () -> ttp(t).userId(OmikronId.of(1L << 48)).build(),
        "user ids are 48 bits");
    assertThrows(
        IllegalStateException.class,
        () ->
            IotaConnection.builder()
                .protocol(OmikronProtocol.TTP)
                .transport(t)
                .iotaId(ID)
                .privateKey(key)
                .userIds(List.of(OmikronId.of(2)))
                .build(),
        "the E0-E2 user_ids CSV");
    assertThrows(NullPointerException.class, () -> OmikronClient.builder().protocol(null));
    assertThrows(NullPointerException.class, () -> IotaConnection.builder().protocol(null));
  }

  @Test
  void defaultsFollowTheChosenGeneration() {
    ConnectionOptions client = OmikronClient.defaultOptions(OmikronProtocol.TTP);
    assertEquals(Duration.ofSeconds(3), client.pingInterval());
    assertEquals(Duration.ofSeconds(15), client.requestTimeout());
    assertEquals(
        OmikronClient.defaultOptions().pingInterval(),
        OmikronClient.defaultOptions(OmikronProtocol.WEBSOCKET).pingInterval());
    assertEquals(
        Duration.ofSeconds(5), IotaConnection.defaultOptions(OmikronProtocol.TTP).pingInterval());
    assertEquals(
        Duration.ofSeconds(10),
        IotaConnection.defaultOptions(OmikronProtocol.WEBSOCKET).pingInterval());

    try (ChatwireRuntime rt =
        ChatwireRuntime.builder()
            .scheduler(new VirtualScheduler())
            .callbackExecutor(Runnable::run)
            .build()) {
      OmikronClient ttp = ttp(new ScriptedTtpOmikron()).runtime(rt).build();
      OmikronClient ws =
          OmikronClient.builder()
              .transport(new ScriptedOmikron())
              .userId(ID)
              .privateKey(key)
              .runtime(rt)
              .build();
      OmikronClient chosen =
          ttp(new ScriptedTtpOmikron()).messageScheme(MessageScheme.WEB_CLIENT).runtime(rt).build();
      assertEquals(MessageScheme.HKDF_GCM, ttp.messageScheme());
      assertEquals(MessageScheme.WEB_CLIENT, ws.messageScheme());
      assertEquals(MessageScheme.WEB_CLIENT, chosen.messageScheme(), "an explicit choice wins");
      ttp.close();
      ws.close();
      chosen.close();
    }
  }
}

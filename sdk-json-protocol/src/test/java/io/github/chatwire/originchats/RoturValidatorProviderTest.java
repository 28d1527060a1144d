package io.github.chatwire.originchats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.Secret;
import org.junit.jupiter.api.Test;

class RoturValidatorProviderTest {

  @Test
  void parsesTheValidator() {
    assertEquals(
        "USR:a,abc", RoturValidatorProvider.parse(200, "{\"validator\":\"USR:a,abc\"}").reveal());
  }

  @Test
  void refusedTokensAreTerminalOtherFailuresRetryable() {
    assertThrows(AuthenticationException.class, () -> RoturValidatorProvider.parse(401, "{}"));
    assertThrows(AuthenticationException.class, () -> RoturValidatorProvider.parse(403, "{}"));
    assertThrows(
        AuthenticationException.class,
        () -> RoturValidatorProvider.parse(200, "{\"error\":\"bad\"}"));
    ConnectionLostException e =
        assertThrows(
            ConnectionLostException.class, () -> RoturValidatorProvider.parse(502, "<html>"));
    assertTrue(e.isRetryable());
    assertThrows(
        ConnectionLostException.class, () -> RoturValidatorProvider.parse(200, "not json"));
  }

  @Test
  void tokenNeverInToString() {
    RoturValidatorProvider p =
        RoturValidatorProvider.of(Secret.of("super-secret-token"), "http://127.0.0.1:1");
    assertFalse(p.toString().contains("super-secret-token"));
    assertThrows(
        IllegalArgumentException.class, () -> RoturValidatorProvider.of(Secret.of("t"), "ftp://x"));
  }

  @Test
  void targetNeedsExactlyOneOfChannelAndThread() {
    assertThrows(IllegalArgumentException.class, () -> new Target(null, null));
    assertThrows(IllegalArgumentException.class, () -> new Target("a", "b"));
    assertEquals("#general", Target.channel("general").toString());
  }

  @Test
  void builderNeedsALoginMethod() {
    assertThrows(
        IllegalStateException.class, () -> OriginChatsClient.builder("ws://127.0.0.1:1/").build());
  }
}

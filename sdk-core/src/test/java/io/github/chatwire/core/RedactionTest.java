package io.github.chatwire.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.transport.OkHttpWebSocketTransport;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void secretNeverShowsItsValue() {
    Secret s = Secret.of("hunter2-token");
    assertFalse(s.toString().contains("hunter2"));
    assertFalse(String.valueOf(s).contains("hunter2"));
    assertEquals("hunter2-token", s.reveal());
    assertEquals(Secret.of("hunter2-token"), s);
    assertNotEquals(Secret.of("other"), s);
    assertEquals("<13 chars>", Redaction.describe(s));
  }

  @Test
  void redactRemovesEverySecretOccurrence() {
    Secret key = Secret.of("abc123");
    Secret token = Secret.of("tok");
    assertEquals(
        "key=*** again *** and ***en",
        Redaction.redact("key=abc123 again abc123 and token", key, token));
    assertEquals("nothing secret", Redaction.redact("nothing secret", key, null, Secret.of("")));
  }

  @Test
  void urlMasksQueryValuesAndUserInfo() {
    assertEquals(
        "wss://***@example.com/ws?key=***&v=***",
        Redaction.url("wss://user:pass@example.com/ws?key=s3cret&v=1"));
    assertEquals("ws://host:8080/api/ws", Redaction.url("ws://host:8080/api/ws"));
  }

  @Test
  void urlMasksFragmentsAndBareQueryValues() {
    // OAuth-style implicit grants put the token in the fragment; some servers take a bare key
    assertEquals(
        "https://host/cb?state=***#***", Redaction.url("https://host/cb?state=x#access_token=t0k"));
    assertEquals("wss://host/ws?***", Redaction.url("wss://host/ws?s3cretKey"));
    assertEquals("wss://host/ws?a=***&***", Redaction.url("wss://host/ws?a=1&s3cretKey"));
    assertEquals("wss://host/ws?", Redaction.url("wss://host/ws?"));
    assertEquals("wss://host/ws#", Redaction.url("wss://host/ws#"));
  }

  @Test
  void transportDescriptionAndErrorsCarryNoQuerySecret() {
    OkHttpWebSocketTransport t =
        OkHttpWebSocketTransport.builder("wss://chat.example/ws?validator=s3cret")
            .secretHeader("Authorization", Secret.of("Bearer s3cret"))
            .build();
    assertFalse(t.describe().contains("s3cret"));
    assertFalse(t.toString().contains("s3cret"));
    try {
      OkHttpWebSocketTransport.builder("not a url?token=s3cret");
    } catch (IllegalArgumentException e) {
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
      return;
    }
    throw new AssertionError("a bad URL must be refused");
  }

  @Test
  void exceptionsSayWhetherToRetry() {
    assertTrue(new ConnectionLostException("x").isRetryable());
    assertTrue(new RequestTimeoutException("x", java.time.Duration.ofSeconds(1)).isRetryable());
    assertTrue(new RateLimitedException("x", java.time.Duration.ofSeconds(3)).isRetryable());
    assertFalse(new AuthenticationException("x").isRetryable());
    assertFalse(new ProtocolException("x").isRetryable());
    assertFalse(new UpgradeRejectedException(401, null).isRetryable());
    assertTrue(new UpgradeRejectedException(503, null).isRetryable());
    assertEquals(
        "error_no_iota: no iota",
        new ServerErrorException("error_no_iota", "no iota", false).getMessage());
  }
}

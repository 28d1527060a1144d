package io.github.chatwire.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ConnectionClosedException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.RequestTimeoutException;
import io.github.chatwire.core.UpgradeRejectedException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
  @Test
  void mapsFailuresToDocumentedStatuses() {
    assertEquals(
        3, ExitCode.forFailure(new CompletionException(new AuthenticationException("bad key"))));
    assertEquals(
        3,
        ExitCode.forFailure(
            new ConnectionClosedException("closed", new AuthenticationException("x"))));
    assertEquals(3, ExitCode.forFailure(new UpgradeRejectedException(401, null)));
    assertEquals(4, ExitCode.forFailure(new UpgradeRejectedException(502, null)));
    assertEquals(
        4,
        ExitCode.forFailure(
            new ConnectionClosedException("gave up", new ConnectionLostException("refused"))));
    assertEquals(
        1, ExitCode.forFailure(new RequestTimeoutException("slow", Duration.ofSeconds(1))));
    assertEquals(2, ExitCode.forFailure(new UsageException("bad")));
  }

  @Test
  void anOutboundMessageTooLargeIsAFailedRequestNotAnUnreachableServer() {
    // Refused locally before sending; the connection is up, so 4 (unreachable) would be a lie.
    assertEquals(
        1,
        ExitCode.forFailure(
            new CompletionException(MessageTooLargeException.outbound(20 << 20, 8 << 20))));
    // An inbound one closed the connection (1009); if that ends the run, the connection was lost.
    assertEquals(
        4,
        ExitCode.forFailure(
            new ConnectionClosedException("closed", new MessageTooLargeException(2000, 1024))));
  }
}

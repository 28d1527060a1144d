package io.github.chatwire.examples.cli;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.ReconnectPolicy;
import io.github.chatwire.core.connection.StateChange;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every subcommand does around its protocol work: prints the connection's state changes and
 * errors, waits for READY with a bound, keeps listening, and turns the outcome into an exit status.
 * It is itself a {@link ConnectionListener}: register it with {@link #attach}, or call its methods
 * from a protocol listener for clients that report states through their own listener interface.
 */
public final class Session implements ConnectionListener {
  /** How long a subcommand waits for the first READY before it gives up with status 4. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

  private final Output out;
  private final String protocol;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile StateChange terminal;

  /**
   * Creates a session reporter.
   *
   * @param out where to report
   * @param protocol the protocol's name in the output
   */
  public Session(Output out, String protocol) {
    this.out = out;
    this.protocol = protocol;
  }

  /**
   * Connection options for a command-line run: a few quick reconnect attempts instead of retrying
   * forever, so an unreachable server ends the run with status 4.
   *
   * @param base the protocol's defaults
   * @return the options for the tool
   */
  public static ConnectionOptions forCli(ConnectionOptions base) {
    return base.toBuilder()
        .reconnectPolicy(
            ReconnectPolicy.builder()
                .initialDelay(Duration.ofMillis(500))
                .maxDelay(Duration.ofSeconds(4))
                .maxAttempts(3)
                .build())
        .build();
  }

  /**
   * Reports the connection's state changes and errors.
   *
   * @param connection the connection
   */
  public void attach(ManagedConnection connection) {
    connection.addListener(this);
  }

  /**
   * Prints a state change and remembers a terminal one for {@link #listen(int)}.
   *
   * @param change the change
   */
  @Override
  public void onStateChange(StateChange change) {
    out.state(protocol, change.current().name(), describe(change.cause()));
    if (change.current() == ConnectionState.CLOSED) {
      terminal = change;
      closed.countDown();
    }
  }

  /**
   * Prints a non-fatal error.
   *
   * @param error the error
   */
  @Override
  public void onError(ChatwireException error) {
    out.error(error.getClass().getSimpleName(), error.getMessage());
  }

  /**
   * Waits for the first READY.
   *
   * @param ready the connect future
   * @return 0 when READY, else the exit status for the failure
   * @throws InterruptedException if interrupted
   */
  public int awaitReady(CompletableFuture<?> ready) throws InterruptedException {
    try {
      ready.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return ExitCode.OK;
    } catch (ExecutionException e) {
      return ExitCode.forFailure(e.getCause());
    } catch (TimeoutException e) {
      out.error("ConnectTimeout", "not ready within " + CONNECT_TIMEOUT.toSeconds() + " s");
      return ExitCode.UNREACHABLE;
    }
  }

  /**
   * Keeps the connection open for a while, printing events, unless it closes for good first.
   *
   * @param seconds how long; 0 returns at once
   * @return 0, or the exit status if the connection ended for good meanwhile
   * @throws InterruptedException if interrupted
   */
  public int listen(int seconds) throws InterruptedException {
    if (seconds > 0 && closed.await(seconds, TimeUnit.SECONDS)) {
      StateChange t = terminal;
      return t == null || t.cause() == null ? ExitCode.OK : ExitCode.forFailure(t.cause());
    }
    return ExitCode.OK;
  }

  /**
   * The exit status for a failed request, reporting it.
   *
   * @param request the request's name
   * @param failure the failure
   * @return the status
   */
  public int requestFailed(String request, Throwable failure) {
    Throwable cause =
        failure instanceof ExecutionException
                || failure instanceof java.util.concurrent.CompletionException
            ? failure.getCause()
            : failure;
    String message = cause.getMessage();
    // server errors already name the failed command ("message_new: Channel not found"): once is
    // enough
    boolean named = message != null && message.startsWith(request + ": ");
    out.error(cause.getClass().getSimpleName(), named ? message : request + ": " + message);
    int status = ExitCode.forFailure(cause);
    return status == ExitCode.UNREACHABLE || status == ExitCode.AUTH_REFUSED
        ? status
        : ExitCode.FAILED;
  }

  private static String describe(Throwable cause) {
    return cause == null ? null : cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}

package io.github.chatwire.examples.cli;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ConnectionClosedException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.UpgradeRejectedException;

/** The exit statuses of the {@code chatwire} tool; scripts rely on these numbers. */
public final class ExitCode {
  /** Everything asked for succeeded. */
  public static final int OK = 0;

  /** Something else failed (a request failed, a scenario did not pass). */
  public static final int FAILED = 1;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** The server refused authentication. */
  public static final int AUTH_REFUSED = 3;

  /** The server could not be reached, or the connection was lost for good. */
  public static final int UNREACHABLE = 4;

  private ExitCode() {}

  /**
   * The exit statuses as shown in every {@code --help}.
   *
   * @return the text, ending with a newline
   */
  public static String help() {
    return "exit status:\n"
        + "  0  success\n"
        + "  1  other failure (a request failed, a scenario did not pass)\n"
        + "  2  usage error (wrong command line, unreadable secret file)\n"
        + "  3  authentication refused by the server\n"
        + "  4  server unreachable, not ready in time, or connection lost for good\n";
  }

  /**
   * The exit status for a failure: {@link #AUTH_REFUSED} if authentication was refused anywhere in
   * the cause chain, {@link #FAILED} for an outbound message refused as too large (the connection
   * is up), {@link #UNREACHABLE} if the connection could not be made or was lost for good, {@link
   * #USAGE} for a usage error, {@link #FAILED} otherwise.
   *
   * @param failure the failure; may be a {@link java.util.concurrent.CompletionException} wrapper
   * @return the status
   */
  public static int forFailure(Throwable failure) {
    boolean lost = false;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UsageException) {
        return USAGE;
      }
      if (t instanceof AuthenticationException) {
        return AUTH_REFUSED;
      }
      if (t instanceof MessageTooLargeException && ((MessageTooLargeException) t).isOutbound()) {
        return FAILED; // refused locally before sending; the connection is up
      }
      if (t instanceof MessageTooLargeException) {
        lost = true; // inbound: the connection was closed with 1009
      }
      if (t instanceof UpgradeRejectedException) {
        int status = ((UpgradeRejectedException) t).status();
        if (status == 401 || status == 403) {
          return AUTH_REFUSED;
        }
      }
      if (t instanceof ConnectionLostException
          || t instanceof ConnectionClosedException
          || t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException) {
        lost = true;
      }
    }
    return lost ? UNREACHABLE : FAILED;
  }
}

package io.github.chatwire.examples.cli;

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
}

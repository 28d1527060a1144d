package io.github.chatwire.core.transport;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.MessageTooLargeException;
import io.github.chatwire.core.Redaction;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.UpgradeRejectedException;
import io.github.chatwire.core.WebSocketProtocolException;
import io.github.chatwire.core.time.Cancellable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket {@link Transport} on OkHttp's own WebSocket implementation. Kept for comparison and
 * as a fallback; the SDK's clients use {@link WebSocketTransport}, which bounds what OkHttp cannot:
 * OkHttp reads whole frames before their size can be checked, queues one pong per ping without a
 * bound, replaces invalid UTF-8, drops invalid closes without a 1002 close frame and accepts
 * extensions the client never offered. Do not use this transport against untrusted servers.
 *
 * <ul>
 *   <li>Uses the runtime's WebSocket client ({@link ChatwireRuntime#webSocketClient()}): its own
 *       dispatcher, so more than 64 sockets can be open, and permessage-deflate not offered.
 *   <li>Inbound messages larger than {@link Builder#maxInboundMessageBytes(long)} close the socket
 *       with 1009 and fail the session with {@link MessageTooLargeException}. OkHttp reads a whole
 *       message before handing it over, so the check applies once the message is complete.
 *   <li>A local close waits {@link Builder#closeTimeout(Duration)} for the peer's close frame and
 *       then cancels the socket, so no reader thread outlives it.
 * </ul>
 *
 * <p>Immutable and thread-safe; build with {@link #builder(String)}.
 */
public final class OkHttpWebSocketTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(OkHttpWebSocketTransport.class);

  /** OkHttp's fixed outbound buffer: a send that would overflow it closes the socket. */
  private static final long OKHTTP_MAX_QUEUE_BYTES = 16L * 1024 * 1024;

  /** The default limit for inbound messages: 4 MiB. */
  public static final long DEFAULT_MAX_INBOUND_BYTES = 4L * 1024 * 1024;

  private final HttpUrl url;
  private final String rawUrl;
  private final Map<String, String> headers;
  private final Map<String, Secret> secretHeaders;
  private final long maxInboundBytes;
  private final Duration closeTimeout;

  private OkHttpWebSocketTransport(Builder b) {
    this.rawUrl = b.url;
    this.url = parse(b.url);
    this.headers = Map.copyOf(b.headers);
    this.secretHeaders = Map.copyOf(b.secretHeaders);
    this.maxInboundBytes = b.maxInboundBytes;
    this.closeTimeout = b.closeTimeout;
  }

  static HttpUrl parse(String url) {
    String u = url;
    // OkHttp accepts ws/wss in newWebSocket via Request.Builder.url(String); HttpUrl needs http(s).
    if (u.regionMatches(true, 0, "ws:", 0, 3)) {
      u = "http:" + u.substring(3);
    } else if (u.regionMatches(true, 0, "wss:", 0, 4)) {
      u = "https:" + u.substring(4);
    }
    HttpUrl parsed = HttpUrl.parse(u);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "not a ws://, wss://, http:// or https:// URL: " + Redaction.url(url));
    }
    return parsed;
  }

  /**
   * Starts building a transport for a URL.
   *
   * @param url a {@code ws://}, {@code wss://}, {@code http://} or {@code https://} URL; never null
   * @return a builder
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /**
   * The URL this transport connects to, with {@code ws}/{@code wss} expressed as http(s).
   *
   * @return the URL; never null
   */
  public HttpUrl url() {
    return url;
  }

  /**
   * The inbound message size limit.
   *
   * @return bytes
   */
  public long maxInboundMessageBytes() {
    return maxInboundBytes;
  }

  @Override
  public String describe() {
    return Objects.requireNonNull(Redaction.url(rawUrl)); // null only for a null URL
  }

  @Override
  public String toString() {
    return "OkHttpWebSocketTransport[" + describe() + "]";
  }

  @Override
  public TransportSession open(ChatwireRuntime runtime, TransportListener listener) {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(listener, "listener");
    Request.Builder request = new Request.Builder().url(url);
    headers.forEach(request::header);
    secretHeaders.forEach((name, value) -> request.header(name, value.reveal()));
    Session session = new Session(runtime, listener);
    session.socket = runtime.webSocketClient().newWebSocket(request.build(), session);
    return session;
  }

  private final class Session extends WebSocketListener implements TransportSession {
    private final ChatwireRuntime runtime;
    private final TransportListener listener;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private @Nullable volatile ChatwireException localFailure;
    @Nullable volatile WebSocket socket;
    private volatile Cancellable closeTimer = Cancellable.NONE;

    Session(ChatwireRuntime runtime, TransportListener listener) {
      this.runtime = runtime;
      this.listener = listener;
    }

    @Override
    public boolean sendText(String text) {
      return !closing.get() && ws().send(text);
    }

    @Override
    public boolean sendBinary(byte[] bytes) {
      return !closing.get() && ws().send(ByteString.of(bytes));
    }

    @Override
    public long queuedBytes() {
      WebSocket s = socket;
      return s == null ? 0 : s.queueSize();
    }

    @Override
    public long maxQueuedBytes() {
      return OKHTTP_MAX_QUEUE_BYTES;
    }

    @Override
    public void close(int code, @Nullable String reason) {
      if (closing.compareAndSet(false, true)) {
        boolean started;
        try {
          started = ws().close(code, reason);
        } catch (IllegalArgumentException e) {
          // A reserved close code or an over-long reason: drop the socket rather than keep it.
          log.warn(
              "{}: cannot close with code {} ({}); cancelling instead",
              describe(),
              code,
              e.getMessage());
          started = false;
        }
        if (!started) {
          ws().cancel();
        }
        closeTimer = runtime.scheduler().schedule(ws()::cancel, closeTimeout);
      }
    }

    @Override
    public void cancel() {
      closing.set(true);
      ws().cancel();
    }

    private void finish(Runnable terminal) {
      if (finished.compareAndSet(false, true)) {
        closeTimer.cancel();
        terminal.run();
      }
    }

    /** The socket; set by open() and, should OkHttp call back first, by onOpen. */
    private WebSocket ws() {
      return Objects.requireNonNull(socket, "socket");
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      socket = webSocket; // OkHttp's thread may get here before open() has stored it
      String extensions = response.header("Sec-WebSocket-Extensions");
      if (extensions != null) {
        // The runtime's client offers none; OkHttp would use permessage-deflate anyway.
        // Never open (so the protocol sends no credentials) and say who refused.
        localFailure =
            new WebSocketProtocolException(
                "WebSocket upgrade to "
                    + describe()
                    + " failed: the server enabled extension(s) that the client never offered;"
                    + " refused by the client (1010)",
                1010,
                false);
        close(1010, "extension refused");
        return;
      }
      if (!discarding()) {
        listener.onOpen();
      }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      if (discarding()) {
        return;
      }
      // A Java char is at most 3 UTF-8 bytes; only count bytes when that bound is over the limit.
      if ((long) text.length() * 3 > maxInboundBytes) {
        long size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxInboundBytes) {
          tooLarge(size);
          return;
        }
      }
      listener.onText(text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      if (discarding()) {
        return;
      }
      if (bytes.size() > maxInboundBytes) {
        tooLarge(bytes.size());
        return;
      }
      listener.onBinary(bytes.toByteArray());
    }

    private void tooLarge(long size) {
      MessageTooLargeException cause = new MessageTooLargeException(size, maxInboundBytes);
      log.warn("{}: {}", describe(), cause.getMessage());
      // Report it once the socket is really gone (peer's close frame, or the close timeout),
      // so nobody releases the runtime under a still-running reader thread.
      localFailure = cause;
      close(1009, "message too big");
    }

    private boolean discarding() {
      return finished.get() || localFailure != null;
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      // The peer started the close: answer it so the socket can go, and report it now.
      closing.set(true);
      try {
        webSocket.close(code == 1005 || code == 1006 || code == 1015 ? 1000 : code, null);
      } catch (IllegalArgumentException e) {
        webSocket.cancel();
      }
      closeTimer = runtime.scheduler().schedule(webSocket::cancel, closeTimeout);
      if (localFailure == null) {
        finish(() -> listener.onClosed(code, reason == null ? "" : reason));
      }
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      closeTimer.cancel();
      ChatwireException local = localFailure;
      finish(
          local != null
              ? () -> listener.onFailure(local)
              : () -> listener.onClosed(code, reason == null ? "" : reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      closeTimer.cancel();
      ChatwireException cause;
      if (localFailure != null) {
        cause = localFailure;
      } else if (response != null && response.code() != 101) {
        cause = new UpgradeRejectedException(response.code(), t);
        response.close();
      } else {
        String what =
            t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        cause = new ConnectionLostException("connection to " + describe() + " failed: " + what, t);
      }
      finish(() -> listener.onFailure(cause));
    }
  }

  /** Builds an {@link OkHttpWebSocketTransport}. Not thread-safe. */
  public static final class Builder {
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Secret> secretHeaders = new LinkedHashMap<>();
    private long maxInboundBytes = DEFAULT_MAX_INBOUND_BYTES;
    private Duration closeTimeout = Duration.ofSeconds(2);

    private Builder(String url) {
      this.url = Objects.requireNonNull(url, "url");
      parse(url);
    }

    /**
     * Adds a header to the upgrade request.
     *
     * @param name the header name; never null
     * @param value the value; never null; must not be secret (see {@link #secretHeader})
     * @return this builder
     */
    public Builder header(String name, String value) {
      checkHeader(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"), false);
      headers.put(name, value);
      return this;
    }

    /**
     * Adds a header whose value is secret (for example an authorization token); it is never logged.
     *
     * @param name the header name; never null
     * @param value the secret value; never null
     * @return this builder
     */
    public Builder secretHeader(String name, Secret value) {
      checkHeader(
          Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(value, "value").reveal(),
          true);
      secretHeaders.put(name, value);
      return this;
    }

    /** Refuses what OkHttp would refuse later, without ever quoting a secret value. */
    static void checkHeader(String name, String value, boolean secret) {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("header name is empty");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= ' ' || c >= 0x7f) {
          throw new IllegalArgumentException(
              "invalid character at " + i + " in header name " + name);
        }
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c != '\t' && (c < ' ' || c >= 0x7f)) {
          throw new IllegalArgumentException(
              "invalid character 0x"
                  + Integer.toHexString(c)
                  + " at "
                  + i
                  + " in the value of header "
                  + name
                  + (secret
                      ? " (a trailing newline from a file is the usual cause)"
                      : ": " + value));
        }
      }
    }

    /**
     * The largest inbound message accepted; a larger one closes the connection with 1009. Default
     * {@link #DEFAULT_MAX_INBOUND_BYTES}.
     *
     * @param bytes the limit; at least 1
     * @return this builder
     */
    public Builder maxInboundMessageBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxInboundMessageBytes must be at least 1");
      }
      this.maxInboundBytes = bytes;
      return this;
    }

    /**
     * How long a local close waits for the peer's close frame before dropping the socket. Default 2
     * seconds.
     *
     * @param timeout the wait; positive
     * @return this builder
     */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("closeTimeout must be positive");
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Builds the transport.
     *
     * @return the transport; never null
     */
    public OkHttpWebSocketTransport build() {
      return new OkHttpWebSocketTransport(this);
    }
  }
}

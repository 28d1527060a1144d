package io.github.chatwire.originchats.internal;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.RateLimitedException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import io.github.chatwire.core.internal.Futures;
import io.github.chatwire.originchats.OriginChatsServerException;
import io.github.chatwire.originchats.ValidatorProvider;
import io.github.chatwire.originchats.codec.CommandEncoder;
import io.github.chatwire.originchats.codec.FrameDecodeException;
import io.github.chatwire.originchats.codec.FrameDecoder;
import io.github.chatwire.originchats.model.ServerFrame;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OriginChats protocol for one client: waits for the handshake, logs in (Rotur validator or
 * local account, as the server's {@code auth_mode} allows; registering again when a registering
 * client's account was lost), routes each reply to its pending request by {@code listener}, and
 * hands every frame to the {@link Host} for delivery. The engine calls it one method at a time with
 * the connection lock held.
 */
public final class OcProtocolHandler implements ProtocolHandler {
  private static final Logger log = LoggerFactory.getLogger(OcProtocolHandler.class);

  /** What the handler needs from its client. */
  public interface Host {
    /**
     * A handshake arrived (before the login it starts).
     *
     * @param handshake the frame; never null
     */
    void handshake(ServerFrame.Handshake handshake);

    /**
     * The server accepted the login: called at once, before the connection becomes READY.
     *
     * @param ready the frame; never null
     */
    void accepted(ServerFrame.Ready ready);

    /**
     * The login finished; called on the callback executor, before the frames that follow.
     *
     * @param ready the frame; never null
     * @param reconnected false for the first login of the client
     */
    void loggedIn(ServerFrame.Ready ready, boolean reconnected);

    /**
     * Delivers a frame to listeners and subscriptions; called on the callback executor, in order.
     *
     * @param frame the frame; never null
     * @param reply true if it answered one of this client's own requests
     */
    void deliver(ServerFrame frame, boolean reply);
  }

  /** The login settings of a client. */
  public static final class Login {
    final @Nullable ValidatorProvider validatorProvider;
    final @Nullable LocalAccount account;
    final boolean register;
    final Supplier<ChatwireRuntime> runtime;

    /**
     * Login settings.
     *
     * @param validatorProvider Rotur validators; null for none
     * @param username a local account; null for none
     * @param password its password; null without username, never null with one
     * @param register whether to register the local account
     * @param runtime the runtime handed to the validator provider; never null
     * @throws NullPointerException if a username is given without a password
     */
    public Login(
        @Nullable ValidatorProvider validatorProvider,
        @Nullable String username,
        @Nullable Secret password,
        boolean register,
        Supplier<ChatwireRuntime> runtime) {
      this.validatorProvider = validatorProvider;
      this.account =
          username == null
              ? null
              : new LocalAccount(username, Objects.requireNonNull(password, "password"));
      this.register = register;
      this.runtime = runtime;
    }
  }

  /** A local (password) account: a username and its password, both never null. */
  record LocalAccount(String username, Secret password) {
    @Override
    public String toString() {
      return "LocalAccount[" + username + "]"; // never the password
    }
  }

  private final Login login;
  private final OcOutbox outbox;
  private final Host host;

  private boolean loggedIn;
  private @Nullable String loginCmd;
  private @Nullable String disconnectReason;
  private boolean everReady;
  private boolean registered;
  private boolean reRegistered;

  /**
   * Creates the handler.
   *
   * @param login the login settings; never null
   * @param outbox the client's outbox (keys, reply kinds, rate limit); never null
   * @param host the client; never null
   */
  public OcProtocolHandler(Login login, OcOutbox outbox, Host host) {
    this.login = login;
    this.outbox = outbox;
    this.host = host;
  }

  @Override
  public void onOpen(ProtocolContext ctx) {
    loggedIn = false;
    loginCmd = null;
    disconnectReason = null;
    reRegistered = false;
  }

  @Override
  public void onText(ProtocolContext ctx, String text) {
    ServerFrame f;
    try {
      f = FrameDecoder.decode(text);
    } catch (FrameDecodeException e) {
      if (e.listener() != null && ctx.isPending(e.listener())) {
        ctx.failRequest(e.listener(), e);
      }
      ctx.reportError(e);
      return;
    }
    if (f instanceof ServerFrame.Handshake) {
      onHandshake(ctx, (ServerFrame.Handshake) f);
      ctx.emit(() -> host.deliver(f, false));
    } else if (!loggedIn
        && (f instanceof ServerFrame.AuthResult || f instanceof ServerFrame.Ready)) {
      if (f instanceof ServerFrame.AuthResult) {
        // delivered before acting on it: a refused login closes the connection, and the terminal
        // CLOSED must be the listener's last callback
        ctx.emit(() -> host.deliver(f, false));
        onLoginReply(ctx, f);
      } else {
        onLoginReply(ctx, f); // READY first, then the ready frame, as for every other client
        ctx.emit(() -> host.deliver(f, false));
      }
    } else {
      route(ctx, f);
    }
  }

  @Override
  public void onBinary(ProtocolContext ctx, byte[] bytes) {
    // the reference server never sends binary frames and ignores those it receives
    ctx.reportError(new ProtocolException("unexpected binary frame of " + bytes.length + " bytes"));
  }

  /** Routes a frame to its pending request, if it is one that request accepts, then delivers it. */
  private void route(ProtocolContext ctx, ServerFrame f) {
    String listener = f.listener();
    // the frame's listener when the frame answers a pending request; null otherwise
    String l =
        listener != null && ctx.isPending(listener) && outbox.accepts(listener, f)
            ? listener
            : null;
    boolean reply = l != null;
    if (f instanceof ServerFrame.RateLimit) {
      ServerFrame.RateLimit r = (ServerFrame.RateLimit) f;
      outbox.serverCooldown(TimeUnit.MILLISECONDS.toNanos(r.lengthMs()));
      if (l != null) {
        ctx.failRequest(
            l,
            new RateLimitedException(
                r.reason() == null ? "rate limited by the server" : r.reason(),
                java.time.Duration.ofMillis(r.lengthMs())));
      }
    } else if (f instanceof ServerFrame.Error) {
      ServerFrame.Error e = (ServerFrame.Error) f;
      OriginChatsServerException ex = new OriginChatsServerException(e.src(), e.text());
      if (l != null) {
        ctx.failRequest(l, ex);
      } else {
        ctx.reportError(ex);
      }
    } else if (l != null) {
      ctx.completeRequest(l, f);
    }
    if (f instanceof ServerFrame.Disconnect) {
      String reason = ((ServerFrame.Disconnect) f).reason();
      disconnectReason = reason == null ? "no reason given" : reason;
      // the server closes next; end now, terminally, before a send into the closing socket
      // could make the engine reconnect. Deliver the frame first, so listeners see why.
      ctx.emit(() -> host.deliver(f, false));
      ctx.fail(new AuthenticationException("disconnected by the server: " + disconnectReason));
      return;
    } else if (f instanceof ServerFrame.Unknown) {
      ctx.reportError(new ProtocolException("unknown OriginChats command '" + f.cmd() + "'"));
    } else if (f instanceof ServerFrame.Ready || f instanceof ServerFrame.AuthResult) {
      log.debug("[{}] ignoring {} after login", ctx.logTag(), f.cmd());
    }
    ctx.emit(() -> host.deliver(f, reply));
  }

  private void onHandshake(ProtocolContext ctx, ServerFrame.Handshake h) {
    host.handshake(h);
    if (loggedIn || loginCmd != null) {
      ctx.reportError(new ProtocolException("second handshake on one connection"));
      return;
    }
    String mode = h.authMode() == null ? "rotur" : h.authMode();
    boolean roturAllowed = !"cracked-only".equals(mode);
    boolean passwordAllowed = "cracked".equals(mode) || "cracked-only".equals(mode);
    ValidatorProvider provider = login.validatorProvider;
    String validatorKey = h.validatorKey();
    LocalAccount account = login.account;
    if (provider != null && roturAllowed && validatorKey != null) {
      sendValidatorLogin(ctx, provider, validatorKey);
    } else if (account != null && passwordAllowed) {
      sendPasswordLogin(ctx, account, login.register && !registered ? "register" : "login");
    } else {
      ctx.fail(
          new AuthenticationException(
              "the server's auth_mode '" + mode + "' does not allow the configured login method"));
    }
  }

  @SuppressWarnings("FutureReturnValueIgnored") // the callback handles the validator's failure
  private void sendValidatorLogin(ProtocolContext ctx, ValidatorProvider provider, String key) {
    loginCmd = "auth";
    CompletableFuture<Secret> v;
    try {
      v = provider.validator(key, login.runtime.get());
    } catch (RuntimeException e) {
      v = Futures.failed(e);
    }
    v.whenComplete(
        (secret, err) -> {
          if (!ctx.isCurrent()) {
            return;
          }
          Throwable cause =
              err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
          if (cause != null) {
            ctx.fail(
                cause instanceof ChatwireException
                    ? (ChatwireException) cause
                    : new ConnectionLostException(
                        "could not get a Rotur validator: " + cause.getClass().getSimpleName(),
                        cause));
          } else if (secret == null || secret.isEmpty()) {
            ctx.fail(new AuthenticationException("the validator provider gave no validator"));
          } else {
            ctx.sendNow(
                Outbound.text(
                    CommandEncoder.encode(
                        "auth", CommandEncoder.fields("validator", secret.reveal()), null),
                    "auth"));
          }
        });
  }

  private void sendPasswordLogin(ProtocolContext ctx, LocalAccount account, String cmd) {
    loginCmd = cmd;
    ctx.sendNow(
        Outbound.text(
            CommandEncoder.encode(
                cmd,
                CommandEncoder.fields(
                    "username", account.username(), "password", account.password().reveal()),
                null),
            cmd));
  }

  private void onLoginReply(ProtocolContext ctx, ServerFrame f) {
    if (f instanceof ServerFrame.AuthResult) {
      ServerFrame.AuthResult a = (ServerFrame.AuthResult) f;
      if (a.success() || loginCmd == null) {
        return; // auth_success: wait for ready; a stray auth_error before our login: ignore
      }
      String text = a.text() == null ? "" : a.text();
      // "register" and "login" are only ever sent with the local account
      LocalAccount account = login.account;
      if (account != null && "register".equals(loginCmd) && text.contains("already taken")) {
        registered = true;
        sendPasswordLogin(ctx, account, "login");
        return;
      }
      if (account != null
          && "login".equals(loginCmd)
          && login.register
          && !reRegistered
          && text.contains("User not found")) {
        // the server lost its accounts (restored from an empty database): register again, once
        reRegistered = true;
        registered = false;
        sendPasswordLogin(ctx, account, "register");
        return;
      }
      ctx.fail(new AuthenticationException("login refused by the server: " + a.text()));
      return;
    }
    ServerFrame.Ready r = (ServerFrame.Ready) f;
    if (loginCmd == null) {
      ctx.reportError(new ProtocolException("ready before any login"));
      return;
    }
    loggedIn = true;
    if ("register".equals(loginCmd)) {
      registered = true;
    }
    boolean reconnected = everReady;
    everReady = true;
    host.accepted(r);
    // open the outbox before READY: connect() completes in ready(), and a caller that sends or
    // signals typing from it must find the outbox open. What it releases now is queued in the
    // engine and goes out at READY, before the re-sync that loggedIn starts.
    outbox.up();
    ctx.ready();
    ctx.emit(() -> host.loggedIn(r, reconnected));
  }

  @Override
  public ChatwireException classifyClose(int code, String reason) {
    if (disconnectReason != null) {
      return new AuthenticationException("disconnected by the server: " + disconnectReason);
    }
    return new ConnectionLostException(
        "closed by server with " + code + (reason.isEmpty() ? "" : " " + reason));
  }

  @Override
  public ChatwireException classifyFailure(ChatwireException failure) {
    // after "disconnect" (a ban) the server closes; however the socket ends, do not come back
    if (disconnectReason != null) {
      return new AuthenticationException(
          "disconnected by the server: " + disconnectReason, failure);
    }
    return failure;
  }

  @Override
  public void onDisconnected(ChatwireException cause) {
    loggedIn = false;
    loginCmd = null;
    outbox.down();
  }
}

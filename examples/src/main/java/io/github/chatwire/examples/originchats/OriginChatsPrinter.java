package io.github.chatwire.examples.originchats;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.examples.cli.Output;
import io.github.chatwire.examples.cli.Session;
import io.github.chatwire.originchats.OriginChatsListener;
import io.github.chatwire.originchats.Resync;
import io.github.chatwire.originchats.model.Channel;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.originchats.model.User;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints what an OriginChats client sees: state changes ({@code "state"}), errors ({@code "error"},
 * server {@code error} frames included), the re-sync after each login ({@code "resync"}) and every
 * other server frame under its own {@code cmd} ({@code message_new}, {@code typing}, {@code
 * message_edit}, {@code handshake}, {@code ready}, ...) with its decoded fields. Direct replies to
 * this client's requests are left to the command, which prints them as {@code "reply"}. Also
 * remembers when the connection closed for good, for {@link #listen(int)}; the terminal {@code
 * CLOSED} state line is always the last line printed.
 *
 * <p>Callbacks come one at a time on the SDK's callback thread; {@link #listen} may be called from
 * any thread.
 */
final class OriginChatsPrinter implements OriginChatsListener {
  /** Event names the tool's own lines use; server commands with these names print as "frame". */
  private static final Set<String> RESERVED =
      new HashSet<>(Arrays.asList("state", "reply", "error", "info"));

  private final Output out;
  private final Session session;

  /** Set once the terminal CLOSED line is printed; only the callback thread touches it. */
  private boolean closed;

  /**
   * Creates a printer.
   *
   * @param out where to print
   */
  OriginChatsPrinter(Output out) {
    this.out = out;
    this.session = new Session(out, "originchats");
  }

  /**
   * Keeps listening for a while unless the connection closes for good first.
   *
   * @param seconds how long; 0 returns at once
   * @return 0, or the exit status of the terminal failure
   * @throws InterruptedException if interrupted
   */
  int listen(int seconds) throws InterruptedException {
    return session.listen(seconds);
  }

  @Override
  public void onStateChange(StateChange change) {
    session.onStateChange(change);
    closed = change.current() == ConnectionState.CLOSED;
  }

  @Override
  public void onError(ChatwireException error) {
    session.onError(error);
  }

  @Override
  public void onResync(Resync resync) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("reconnected", resync.reconnected());
    List<Object> channels = new ArrayList<>();
    for (Channel c : resync.channels()) {
      channels.add(OriginChatsFields.channel(c));
    }
    List<Object> users = new ArrayList<>();
    for (User u : resync.onlineUsers()) {
      users.add(u.username());
    }
    f.put("channels", channels);
    f.put("online_users", users);
    out.event("resync", f);
  }

  @Override
  public void onEvent(ServerFrame frame) {
    if (frame.listener() != null || frame instanceof ServerFrame.Error) {
      return; // a reply to our own request (printed as "reply"), or already reported by onError
    }
    if (closed) {
      // the terminal CLOSED line is the run's last line; the SDK hands over the frame that ended
      // the run (auth_error) before CLOSED, and this guard keeps the promise for anything later
      return;
    }
    String name = frame.cmd();
    Map<String, Object> f = OriginChatsFields.frame(frame);
    if (RESERVED.contains(name) || name.isEmpty()) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("cmd", name);
      g.putAll(f);
      out.event("frame", g);
    } else {
      out.event(name, f);
    }
  }
}

package io.github.chatwire.core.testing;

import io.github.chatwire.core.AuthenticationException;
import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny line protocol for engine tests. Client sends "hello"; server "welcome" makes it READY,
 * "denied" is a terminal authentication failure. "reply:KEY:VALUE" answers request KEY, "error:KEY"
 * fails it. The client pings with "ping". "boom" makes the handler throw. Close code 4001 is
 * terminal, others retryable.
 */
public final class TestProtocol implements ProtocolHandler {
  public final List<String> received = new CopyOnWriteArrayList<>();
  public final List<ChatwireException> disconnects = new CopyOnWriteArrayList<>();
  public volatile int opens;

  @Override
  public void onOpen(ProtocolContext ctx) {
    opens++;
    ctx.sendNow(Outbound.text("hello"));
  }

  @Override
  public void onText(ProtocolContext ctx, String text) {
    received.add(text);
    if (text.equals("welcome")) {
      ctx.ready();
    } else if (text.equals("denied")) {
      ctx.fail(new AuthenticationException("denied by server"));
    } else if (text.startsWith("reply:")) {
      String[] parts = text.split(":", 3);
      ctx.completeRequest(parts[1], parts[2]);
    } else if (text.startsWith("error:")) {
      ctx.failRequest(text.substring(6), new ProtocolException("server said no"));
    } else if (text.equals("boom")) {
      throw new IllegalStateException("handler bug");
    } else if (text.startsWith("echo:")) {
      ctx.sendNow(Outbound.text(text.substring(5)));
    }
  }

  @Override
  public void onPingDue(ProtocolContext ctx) {
    ctx.sendNow(Outbound.text("ping"));
  }

  @Override
  public ChatwireException classifyClose(int code, String reason) {
    if (code == 4001) {
      return new AuthenticationException("server closed with 4001 " + reason);
    }
    return new ConnectionLostException("server closed with " + code + " " + reason);
  }

  @Override
  public void onDisconnected(ChatwireException cause) {
    disconnects.add(cause);
  }
}

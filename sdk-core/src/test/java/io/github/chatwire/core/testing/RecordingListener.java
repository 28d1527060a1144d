package io.github.chatwire.core.testing;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionListener;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.StateChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records state changes and errors; lets a test wait for a state with a bounded wait. */
public final class RecordingListener implements ConnectionListener {
  public final LinkedBlockingQueue<StateChange> changes = new LinkedBlockingQueue<>();
  public final List<StateChange> all = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final List<ChatwireException> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final List<Thread> callbackThreads = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public void onStateChange(StateChange change) {
    callbackThreads.add(Thread.currentThread());
    all.add(change);
    changes.add(change);
  }

  @Override
  public void onError(ChatwireException error) {
    errors.add(error);
  }

  public List<ConnectionState> states() {
    List<ConnectionState> states = new ArrayList<>();
    for (StateChange c : all) {
      states.add(c.current());
    }
    return states;
  }

  public StateChange last() {
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** Waits (bounded) until a change to the given state arrives and returns it. */
  public StateChange await(ConnectionState state, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      StateChange c = changes.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (c == null) {
        throw new AssertionError(
            "no change to " + state + " within " + timeout + "; saw " + states());
      }
      if (c.current() == state) {
        return c;
      }
    }
  }
}

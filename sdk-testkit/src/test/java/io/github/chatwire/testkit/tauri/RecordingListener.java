package io.github.chatwire.testkit.tauri;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.connection.ConnectionState;
import io.github.chatwire.core.connection.StateChange;
import io.github.chatwire.tauri.TauriPushListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records a client's events for assertions, with bounded waits. */
class RecordingListener implements TauriPushListener {
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  final List<StateChange> states = new CopyOnWriteArrayList<>();
  final List<ChatwireException> errors = new CopyOnWriteArrayList<>();
  final List<String> callbackThreads = new CopyOnWriteArrayList<>();

  @Override
  public void onPushNotification(String senderId) {
    callbackThreads.add(Thread.currentThread().getName());
    events.add("push:" + senderId);
  }

  @Override
  public void onReadNotification(String senderId) {
    events.add("read:" + senderId);
  }

  @Override
  public void onIdentified(String messageId) {
    events.add("identified");
  }

  @Override
  public synchronized void onStateChange(StateChange change) {
    states.add(change);
    notifyAll();
  }

  @Override
  public void onError(ChatwireException error) {
    errors.add(error);
  }

  String next(Duration timeout) throws InterruptedException {
    String e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new AssertionError("no event within " + timeout);
    }
    return e;
  }

  synchronized StateChange awaitState(ConnectionState state, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      for (int i = seen; i < states.size(); i++) {
        if (states.get(i).current() == state) {
          return states.get(i);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no " + state + " within " + timeout + "; states " + states);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  synchronized long count(ConnectionState state) {
    return states.stream().filter(s -> s.current() == state).count();
  }
}

package io.github.chatwire.core.connection;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.testing.ScriptedTransport.Session;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a forked small-heap JVM by {@link ListenerBacklogMemoryTest}: a server floods small
 * messages as fast as the reader can take them while the listener takes 10 ms per event. Exits 0
 * after the flood if the heap held (and prints the numbers); an OutOfMemoryError exits non-zero
 * (-XX:+ExitOnOutOfMemoryError).
 */
public final class FloodMain {
  private FloodMain() {}

  /**
   * Arguments: the flood's duration in milliseconds; optionally a ws:// URL of a server that floods
   * (then the real OkHttp transport reads it), else an in-memory reader floods.
   */
  public static void main(String[] args) throws Exception {
    long floodMillis = Long.parseLong(args[0]);
    String url = args.length > 1 ? args[1] : null;
    ChatwireRuntime runtime = ChatwireRuntime.builder().build();
    AtomicLong handled = new AtomicLong();
    ProtocolHandler protocol =
        new ListenerBacklogTest.EventProtocol(
            () -> {
              try {
                Thread.sleep(10); // a slow listener
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              handled.incrementAndGet();
            });
    AtomicLong offered = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(floodMillis);
    if (url != null) {
      ManagedConnection c =
          ManagedConnection.builder(
                  io.github.chatwire.core.transport.OkHttpWebSocketTransport.builder(url).build(),
                  protocol)
              .runtime(runtime)
              .build();
      c.connect().get(30, TimeUnit.SECONDS);
      report(c, end, offered, handled);
      return;
    }
    ScriptedTransport transport = new ScriptedTransport();
    ManagedConnection c = ManagedConnection.builder(transport, protocol).runtime(runtime).build();
    c.connect();
    Session s = transport.last();
    s.accept();
    Thread reader =
        new Thread(
            () -> {
              StringBuilder payload = new StringBuilder();
              for (int i = 0; i < 200; i++) {
                payload.append('x');
              }
              while (System.nanoTime() < end) {
                s.serverSends(payload.toString() + offered.incrementAndGet());
              }
            },
            "flood-reader");
    reader.setDaemon(true);
    reader.start();
    report(c, end, offered, handled);
  }

  private static void report(ManagedConnection c, long end, AtomicLong offered, AtomicLong handled)
      throws InterruptedException {
    int maxBacklog = 0;
    while (System.nanoTime() < end) {
      maxBacklog = Math.max(maxBacklog, c.queuedCallbackCount());
      Thread.sleep(20);
    }
    Runtime rt = Runtime.getRuntime();
    System.out.println(
        "offered="
            + offered.get()
            + " handled="
            + handled.get()
            + " maxBacklog="
            + maxBacklog
            + " heapUsedMiB="
            + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
    c.close();
    System.exit(maxBacklog <= ConnectionOptions.DEFAULT_MAX_QUEUED_CALLBACKS + 1 ? 0 : 2);
  }
}
